/**
 * Shared pieces of the bulk upserts. Rows travel to PG as ONE jsonb parameter
 * unpacked with `jsonb_to_recordset`, which handles ragged arrays (aliases,
 * phones) that `unnest` cannot and keeps a 20,000-row import to a handful of
 * round trips. bigints travel as JSON strings and are cast back by the
 * recordset's column types.
 */
import { sql, type RawBuilder } from 'kysely';
import { toJson } from '../db/json.js';

/** How many rows a bulk upsert touched. `unchanged` rows were not written. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const emptyCounts = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

export function addCounts(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
  return {
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
  };
}

/** Rows per statement: large enough to be fast, small enough to keep one statement's memory modest. */
export const BATCH_SIZE = 5_000;

export function chunk<T>(items: readonly T[], size: number = BATCH_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `$1::jsonb` holding the rows as a JSON array. */
export function jsonbParam(rows: readonly object[]): RawBuilder<unknown> {
  return sql`${toJson(rows)}::jsonb`;
}

/**
 * Throws when the same key appears twice in one batch: ON CONFLICT cannot
 * update a row twice in one statement, and the caller's file is wrong anyway.
 */
export function assertUniqueKeys<T>(items: readonly T[], key: (item: T) => string, what: string) {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) repeated.add(k);
    seen.add(k);
  }
  if (repeated.size > 0) {
    throw new Error(`${what} repeated in one upsert: ${[...repeated].slice(0, 10).join(', ')}`);
  }
}
