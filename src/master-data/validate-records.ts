/**
 * Runs a row schema over every record of a table and collects each cell's
 * complaint as a problem with its line, column and value, after the table's
 * own (header and structure) problems.
 */
import type { z } from 'zod';
import type { LoadProblem } from './load-problem.js';
import type { CsvTable } from './read-csv.js';

export interface ValidatedRow<T> {
  line: number;
  /** The raw cells the row was read from, for reporting cross-row problems. */
  cells: Record<string, string>;
  row: T;
}

export interface ValidateRecordsResult<T> {
  rows: ValidatedRow<T>[];
  problems: LoadProblem[];
}

export function validateRecords<S extends z.ZodType<unknown, Record<string, string>>>(
  table: CsvTable,
  schema: S,
): ValidateRecordsResult<z.output<S>> {
  const present = new Set(table.columns);
  const rows: ValidatedRow<z.output<S>>[] = [];
  const problems: LoadProblem[] = [...table.problems];
  for (const record of table.records) {
    const result = schema.safeParse(record.cells);
    if (result.success) {
      rows.push({ line: record.line, cells: record.cells, row: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
      // A required column missing from the header is reported once, at the header.
      if (column !== null && !present.has(column)) continue;
      problems.push({
        file: table.file,
        line: record.line,
        column,
        value: column === null ? null : (record.cells[column] ?? null),
        message: issue.message,
      });
    }
  }
  return { rows, problems };
}

/**
 * Flags the second and later records sharing a key column, compared trimmed
 * and case-insensitively. Works on the raw cells so that a row with another
 * problem still counts as the first holder of its key.
 */
export function findDuplicates(table: CsvTable, column: string): LoadProblem[] {
  const firstLine = new Map<string, number>();
  const problems: LoadProblem[] = [];
  for (const { line, cells } of table.records) {
    const value = cells[column];
    const key = value?.trim().toLowerCase() ?? '';
    if (key === '') continue;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else {
      problems.push({
        file: table.file,
        line,
        column,
        value: value ?? null,
        message: `duplicate ${column} (first seen on line ${first})`,
      });
    }
  }
  return problems;
}

/** The columns that already have a problem, from a row schema's issues so far. */
export function badColumns(issues: readonly { path?: readonly PropertyKey[] }[]): Set<string> {
  return new Set(
    issues.flatMap((issue) => (typeof issue.path?.[0] === 'string' ? [issue.path[0]] : [])),
  );
}
