/**
 * Multi-row statements: a statement written over a jsonb array of rows, so that the same statement
 * issued by several messages at the same moment runs as ONE statement over all their rows instead
 * of one statement each (PostgreSQL parses, plans and starts each statement once, not N times).
 *
 * A multi-row statement
 * - starts with MULTI_ROW_MARK;
 * - has exactly one parameter, `$1`, a jsonb array of rows (one per caller, usually), read as
 *   `jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)`;
 * - returns `r.i::int AS _i` (the row's 1-based place in the array) with every row it returns,
 *   and only rows it changed or read for that input row.
 *
 * Alone it is an ordinary statement (one caller, one or more rows: Kysely's own connection runs
 * it). Through a RoundTripCombiner (round-trip-combiner.ts) the pending statements with the same
 * text are merged: their arrays are concatenated and each caller gets back the rows whose `_i`
 * falls in its own part, numbered from 1 again — what it would have got alone. When a merged
 * statement fails, a shared transaction rolls back and runs every message again alone, and a
 * shared autocommit round trip runs every caller's statement again on its own, as for any
 * combined statement.
 */
import { CompiledQuery, type QueryResult } from 'kysely';
import type { Executor } from '../transaction.js';

export const MULTI_ROW_MARK = '/* multi-row */';

/** Rows each multi-row query carries (so merging needs no JSON.parse of the parameter). */
const rowCounts = new WeakMap<object, number>();

export function isMultiRow(query: CompiledQuery): boolean {
  return (
    query.sql.startsWith(MULTI_ROW_MARK) &&
    query.parameters.length === 1 &&
    typeof query.parameters[0] === 'string'
  );
}

/** How many rows a multi-row query's parameter holds. */
export function rowCountOf(query: CompiledQuery): number {
  const known = rowCounts.get(query);
  if (known !== undefined) return known;
  return (JSON.parse(query.parameters[0] as string) as unknown[]).length;
}

type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

/**
 * The rows as JSON text: bigints as decimal strings (as toJson, src/db/json.ts), and a string with
 * a lone surrogate made well-formed (U+FFFD), as pg's UTF-8 encoding of a text parameter does —
 * jsonb would refuse its \ud800 escape, where the same value as a parameter of its own is stored.
 */
function rowsJson(rows: readonly object[]): string {
  // without a replacer first (several times faster); a bigint throws, a lone surrogate shows
  // as its escape (JSON.stringify writes a well-formed pair as it is)
  let fast: string | null;
  try {
    fast = JSON.stringify(rows);
  } catch {
    fast = null;
  }
  if (fast !== null && !LONE_SURROGATE_ESCAPE.test(fast)) return fast;
  return JSON.stringify(rows, (_key, v: unknown) =>
    typeof v === 'bigint'
      ? v.toString()
      : typeof v === 'string' && !(v as unknown as WellFormed).isWellFormed()
        ? (v as unknown as WellFormed).toWellFormed()
        : v,
  );
}

/** How JSON.stringify writes a lone surrogate (a match may also be an escaped backslash: slower, same result). */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/;

/** A compiled multi-row statement over `rows` (see above); `text` must start with the mark. */
export function multiRowQuery<R>(text: string, rows: readonly object[]): CompiledQuery<R> {
  if (!text.startsWith(MULTI_ROW_MARK))
    throw new Error('a multi-row statement starts with its mark');
  const query = CompiledQuery.raw(text, [rowsJson(rows)]) as CompiledQuery<R>;
  rowCounts.set(query, rows.length);
  return query;
}

/**
 * Runs a multi-row statement and returns, for each input row, the rows returned for it (`_i`
 * taken off), in input order.
 */
export async function runMultiRow<R extends object>(
  db: Executor,
  text: string,
  rows: readonly object[],
): Promise<R[][]> {
  const { rows: got } = await db.executeQuery(multiRowQuery<R & { _i: number }>(text, rows));
  const out: R[][] = rows.map(() => []);
  for (const row of got) {
    const { _i, ...rest } = row;
    const slot = out[Number(_i) - 1];
    if (slot === undefined) throw new Error(`a multi-row statement returned _i ${String(_i)}`);
    slot.push(rest as unknown as R);
  }
  return out;
}

/**
 * One merged query for several multi-row queries with the same text, and how to hand each its
 * part of the result back.
 */
export function mergeMultiRow(queries: readonly CompiledQuery[]): {
  query: CompiledQuery;
  split: (result: QueryResult<unknown>) => QueryResult<unknown>[];
} {
  const counts = queries.map(rowCountOf);
  const parts: string[] = [];
  for (const q of queries) {
    const inner = (q.parameters[0] as string).trim().slice(1, -1);
    if (inner.trim() !== '') parts.push(inner);
  }
  const query = CompiledQuery.raw(queries[0]!.sql, [`[${parts.join(',')}]`]);
  const offsets: number[] = [];
  let total = 0;
  for (const n of counts) {
    offsets.push(total);
    total += n;
  }
  rowCounts.set(query, total);
  const split = (result: QueryResult<unknown>): QueryResult<unknown>[] => {
    const each: { _i: number }[][] = queries.map(() => []);
    for (const row of result.rows as { _i: number }[]) {
      const i = Number(row._i);
      // the caller whose part holds row i (offsets ascend)
      let k = counts.length - 1;
      while (k > 0 && offsets[k]! >= i) k -= 1;
      each[k]!.push({ ...row, _i: i - offsets[k]! });
    }
    return each.map((rows) => ({
      rows,
      ...(result.numAffectedRows === undefined ? {} : { numAffectedRows: BigInt(rows.length) }),
    }));
  };
  return { query, split };
}
