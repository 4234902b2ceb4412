/**
 * The optional reps CSV (`code,name,phones,emails,dealers`): a sales rep or
 * field agent and the dealers they may order for.
 */
import { z } from 'zod';
import { emailListCell, listCell, phoneListCell, requiredTextCell } from './cell-schemas.js';
import { sortLoadProblems, type LoadProblem, type LoadResult } from './load-problem.js';
import { DEFAULT_PHONE_REGION, type CountryCode } from './phone.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { findDuplicates, validateRecords, type ValidatedRow } from './validate-records.js';

export const REPS_COLUMNS: CsvColumns = {
  required: ['code', 'name', 'dealers'],
  optional: ['phones', 'emails'],
};

/** The rep row schema for numbers written without a country code in `region`. */
export function createRepRowSchema(region: CountryCode) {
  return z.object({
    code: requiredTextCell,
    name: requiredTextCell,
    /** E.164. */
    phones: phoneListCell(region),
    /** Lower-cased. */
    emails: emailListCell,
    /** Dealer codes this rep may order for. */
    dealers: listCell,
  });
}

export type RepRow = z.output<ReturnType<typeof createRepRowSchema>>;

export interface RepsFileOptions {
  /** Region for phone numbers without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
  /**
   * Dealer codes on file. When given, a rep naming any other code is a
   * problem; when omitted, the codes are not checked.
   */
  dealerCodes?: Iterable<string>;
}

/** Parses reps CSV text; every problem of the file or none. */
export function parseRepsCsv(
  text: string | Uint8Array,
  fileName: string,
  options: RepsFileOptions = {},
): LoadResult<RepRow[]> {
  const table = readCsv(text, fileName, REPS_COLUMNS);
  return table.ok ? repsFromTable(table.value, options) : table;
}

/** Reads and parses a reps CSV file. */
export async function loadRepsFile(
  path: string,
  options: RepsFileOptions = {},
): Promise<LoadResult<RepRow[]>> {
  const table = await readCsvFile(path, REPS_COLUMNS);
  return table.ok ? repsFromTable(table.value, options) : table;
}

function repsFromTable(table: CsvTable, options: RepsFileOptions): LoadResult<RepRow[]> {
  const schema = createRepRowSchema(options.defaultRegion ?? DEFAULT_PHONE_REGION);
  const { rows, problems } = validateRecords(table, schema);
  problems.push(...findDuplicates(table, 'code'));
  if (options.dealerCodes !== undefined) {
    problems.push(...unknownDealerCodes(table, rows, new Set(options.dealerCodes)));
  }
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ row }) => row) };
}

function unknownDealerCodes(
  table: CsvTable,
  rows: readonly ValidatedRow<RepRow>[],
  known: ReadonlySet<string>,
): LoadProblem[] {
  const byFolded = new Map([...known].map((code) => [code.toLowerCase(), code]));
  const problems: LoadProblem[] = [];
  for (const { line, cells, row } of rows) {
    for (const code of row.dealers) {
      if (known.has(code)) continue;
      const near = byFolded.get(code.toLowerCase());
      problems.push({
        file: table.file,
        line,
        column: 'dealers',
        value: cells['dealers'] ?? code,
        message:
          `unknown dealer code "${code}"` +
          (near === undefined ? '' : ` (did you mean "${near}"?)`),
      });
    }
  }
  return problems;
}
