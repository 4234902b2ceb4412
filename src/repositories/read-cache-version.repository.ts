/**
 * The counters a worker's in-process caches compare against (migrations 0006 and 0081): the
 * master-data version (products, dealers, reps: the parser's compiled catalog) and one counter
 * per group of rarely changed rows read for every message. All read in one statement, or as one
 * JSON column of another statement (the parse job's claim).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

export interface ReadCacheVersions {
  masterData: bigint;
  learnedAliases: bigint;
  rollout: bigint;
  pricingRules: bigint;
}

/**
 * The counters as one JSON object (numbers as strings: they are bigints). Each one-row table is
 * read with LIMIT 1: without statistics the planner takes a table for 2,000 rows, a join of two
 * for millions, and would JIT-compile this statement on every run (20-30 ms each). The text
 * alone is exported for multi-row statements that embed it.
 */
export const READ_CACHE_VERSIONS_SQL = `
  SELECT json_build_object(
           'masterData', m.version::text, 'learnedAliases', v.learned_aliases::text,
           'rollout', v.rollout::text, 'pricingRules', v.pricing_rules::text)
    FROM (SELECT version FROM master_data_version LIMIT 1) m,
         (SELECT learned_aliases, rollout, pricing_rules FROM read_cache_versions LIMIT 1) v`;
export const readCacheVersionsQuery = sql.raw<unknown>(READ_CACHE_VERSIONS_SQL);

export async function readCacheVersions(db: Executor): Promise<ReadCacheVersions> {
  const { rows } = await sql<{ versions: unknown }>`
    SELECT (${readCacheVersionsQuery}) AS versions`.execute(db);
  return toReadCacheVersions(rows[0]?.versions);
}

/** The JSON object of `readCacheVersionsQuery` as bigints; 0 for what is missing. */
export function toReadCacheVersions(json: unknown): ReadCacheVersions {
  const read = (key: keyof ReadCacheVersions): bigint => {
    const value =
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[key] : null;
    return typeof value === 'string' ? BigInt(value) : 0n;
  };
  return {
    masterData: read('masterData'),
    learnedAliases: read('learnedAliases'),
    rollout: read('rollout'),
    pricingRules: read('pricingRules'),
  };
}
