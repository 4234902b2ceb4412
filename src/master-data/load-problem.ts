/**
 * What is wrong with a master-data file, said precisely enough that the
 * person who exported it can fix it in the spreadsheet without guessing.
 */
export interface LoadProblem {
  /** The file name as given (a path or a label such as `catalog.csv`). */
  file: string;
  /** 1-based line where the record starts; `null` when the whole file is at fault. */
  line: number | null;
  /** Header name of the column at fault (lower-cased, trimmed), or `null`. */
  column: string | null;
  /** The cell as written in the file, or `null` when there is no cell (a missing column). */
  value: string | null;
  /** What is wrong, in plain words. */
  message: string;
}

/**
 * Loading never half-succeeds: either every row is good, or the caller gets
 * every problem found in one go.
 */
export type LoadResult<T> = { ok: true; value: T } | { ok: false; problems: LoadProblem[] };

/** `catalog.csv:7 [price] "12.345": has more than 2 decimal places` */
export function formatLoadProblem(problem: LoadProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const column = problem.column === null ? '' : ` [${problem.column}]`;
  const value = problem.value === null ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${where}${column}${value}: ${problem.message}`;
}

/** One problem per line, in file then line order. */
export function formatLoadProblems(problems: readonly LoadProblem[]): string {
  return problems.map(formatLoadProblem).join('\n');
}

/** Reporting order: by line, file-level problems first; within a line, as found (header order). */
export function sortLoadProblems(problems: readonly LoadProblem[]): LoadProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
