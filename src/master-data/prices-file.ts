/**
 * The prices CSV (`price_list,sku,price`, optionally `effective_from` and
 * `effective_to` as YYYY-MM-DD, inclusive, and `region`): what one sales unit
 * of a SKU costs on a price list. A SKU with no row on the dealer's list sells
 * at the price on the list of the dealer's region, else at the catalog list
 * price. `region` belongs to the list, not the row: every row of a list that
 * gives one must give the same.
 */
import { z } from 'zod';
import { dayCell, moneyCell, optionalTextCell, requiredTextCell } from './cell-schemas.js';
import { sortLoadProblems, type LoadProblem, type LoadResult } from './load-problem.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { validateRecords } from './validate-records.js';

export const PRICES_COLUMNS: CsvColumns = {
  required: ['price_list', 'sku', 'price'],
  optional: ['effective_from', 'effective_to', 'region'],
};

/** One prices row, header-keyed cells in, typed row out. */
export const priceRowSchema = z
  .object({
    price_list: requiredTextCell,
    sku: requiredTextCell,
    price: moneyCell({ whenEmpty: 'required' }),
    effective_from: dayCell,
    effective_to: dayCell,
    region: optionalTextCell,
  })
  .superRefine((cells, ctx) => {
    if (
      cells.effective_from !== null &&
      cells.effective_to !== null &&
      cells.effective_to < cells.effective_from
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['effective_to'],
        message: `is before effective_from (${cells.effective_from})`,
      });
    }
  })
  .transform((cells) => ({
    priceList: cells.price_list,
    sku: cells.sku,
    /** Price of one sales unit in minor units (paise). */
    priceMinor: cells.price,
    /** Inclusive; `null`: since always. */
    effectiveFrom: cells.effective_from,
    /** Inclusive; `null`: until further notice. */
    effectiveTo: cells.effective_to,
    /** The region this list serves (its prices are the fallback there); `null`: not said here. */
    region: cells.region,
  }));

export type PriceRow = z.output<typeof priceRowSchema>;

/** A price row with the line it was read from, for reporting problems found later (unknown SKUs). */
export interface LocatedPriceRow {
  line: number;
  row: PriceRow;
}

/** Parses prices CSV text; every problem of the file or none. */
export function parsePricesCsv(
  text: string | Uint8Array,
  fileName: string,
): LoadResult<LocatedPriceRow[]> {
  const table = readCsv(text, fileName, PRICES_COLUMNS);
  return table.ok ? pricesFromTable(table.value) : table;
}

/** Reads and parses a prices CSV file. */
export async function loadPricesFile(path: string): Promise<LoadResult<LocatedPriceRow[]>> {
  const table = await readCsvFile(path, PRICES_COLUMNS);
  return table.ok ? pricesFromTable(table.value) : table;
}

function pricesFromTable(table: CsvTable): LoadResult<LocatedPriceRow[]> {
  const { rows, problems } = validateRecords(table, priceRowSchema);
  problems.push(...duplicatePrices(table), ...conflictingRegions(table));
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ line, row }) => ({ line, row })) };
}

/**
 * The same price list, SKU and start date twice: which one is meant? Read
 * from the raw cells (trimmed, case-folded) so a row with another problem
 * still counts as the first holder of its key.
 */
function duplicatePrices(table: CsvTable): LoadProblem[] {
  const firstLine = new Map<string, number>();
  const problems: LoadProblem[] = [];
  for (const { line, cells } of table.records) {
    const [priceList, sku, from] = ['price_list', 'sku', 'effective_from'].map(
      (column) => cells[column]?.trim() ?? '',
    ) as [string, string, string];
    if (priceList === '' || sku === '') continue;
    const key = [priceList, sku, from].map((part) => part.toLowerCase()).join('\u0000');
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else {
      problems.push({
        file: table.file,
        line,
        column: 'sku',
        value: cells['sku'] ?? sku,
        message:
          `duplicate price for price list "${priceList}"` +
          (from === '' ? '' : ` from ${from}`) +
          ` (first seen on line ${first})`,
      });
    }
  }
  return problems;
}

/** Two regions for one price list: a list serves one region. */
function conflictingRegions(table: CsvTable): LoadProblem[] {
  const first = new Map<string, { region: string; line: number }>();
  const problems: LoadProblem[] = [];
  for (const { line, cells } of table.records) {
    const priceList = cells['price_list']?.trim() ?? '';
    const region = cells['region']?.trim() ?? '';
    if (priceList === '' || region === '') continue;
    const seen = first.get(priceList.toLowerCase());
    if (seen === undefined) first.set(priceList.toLowerCase(), { region, line });
    else if (seen.region !== region) {
      problems.push({
        file: table.file,
        line,
        column: 'region',
        value: cells['region'] ?? region,
        message: `price list "${priceList}" is given region "${seen.region}" on line ${seen.line}; a list serves one region`,
      });
    }
  }
  return problems;
}
