/**
 * The dealers CSV (docs/parse-cli.md): who may order, from which phones
 * and addresses, on which price list, against which credit.
 */
import { z } from 'zod';
import {
  emailListCell,
  moneyCell,
  optionalTextCell,
  phoneListCell,
  requiredTextCell,
} from './cell-schemas.js';
import { sortLoadProblems, type LoadResult } from './load-problem.js';
import { DEFAULT_PHONE_REGION, type CountryCode } from './phone.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { findDuplicates, validateRecords } from './validate-records.js';

export const DEALERS_COLUMNS: CsvColumns = {
  required: ['code', 'name'],
  optional: ['phones', 'emails', 'region', 'price_list', 'credit_limit', 'outstanding'],
};

/** The dealer row schema for numbers written without a country code in `region`. */
export function createDealerRowSchema(region: CountryCode) {
  return z
    .object({
      code: requiredTextCell,
      name: requiredTextCell,
      phones: phoneListCell(region),
      emails: emailListCell,
      region: optionalTextCell,
      price_list: optionalTextCell,
      credit_limit: moneyCell({ whenEmpty: null }),
      outstanding: moneyCell({ whenEmpty: 0n, allowNegative: true }),
    })
    .transform((cells) => ({
      code: cells.code,
      name: cells.name,
      /** E.164. */
      phones: cells.phones,
      /** Lower-cased. */
      emails: cells.emails,
      region: cells.region,
      priceList: cells.price_list,
      /** Minor units; `null` means no limit. */
      creditLimitMinor: cells.credit_limit,
      /** Minor units owed now; negative when the dealer is in credit. */
      outstandingMinor: cells.outstanding,
    }));
}

export type DealerRow = z.output<ReturnType<typeof createDealerRowSchema>>;

export interface DealersFileOptions {
  /** Region for phone numbers without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
}

/** Parses dealers CSV text; every problem of the file or none. */
export function parseDealersCsv(
  text: string | Uint8Array,
  fileName: string,
  options: DealersFileOptions = {},
): LoadResult<DealerRow[]> {
  const table = readCsv(text, fileName, DEALERS_COLUMNS);
  return table.ok ? dealersFromTable(table.value, options) : table;
}

/** Reads and parses a dealers CSV file. */
export async function loadDealersFile(
  path: string,
  options: DealersFileOptions = {},
): Promise<LoadResult<DealerRow[]>> {
  const table = await readCsvFile(path, DEALERS_COLUMNS);
  return table.ok ? dealersFromTable(table.value, options) : table;
}

function dealersFromTable(table: CsvTable, options: DealersFileOptions): LoadResult<DealerRow[]> {
  const schema = createDealerRowSchema(options.defaultRegion ?? DEFAULT_PHONE_REGION);
  const { rows, problems } = validateRecords(table, schema);
  problems.push(...findDuplicates(table, 'code'));
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ row }) => row) };
}
