/**
 * The process's one autocommit executor per database: single statements issued outside
 * transactions at the same moment (a message stored by each of 20 webhook requests, the claims
 * of 16 parse jobs, the send marks of 16 replies) share one round trip. Each statement keeps its
 * own outcome: when the combined query fails, every statement is run again alone
 * (round-trip-combiner.ts). A database not made by createDatabase gets itself back.
 */
import type { Kysely } from 'kysely';
import { poolOf } from '../database.js';
import type { DB } from '../schema.js';
import { combinedAutocommit } from './combined-executor.js';
import { RoundTripCombiner } from './round-trip-combiner.js';

const shared = new WeakMap<Kysely<DB>, Kysely<DB>>();

export function sharedAutocommit(db: Kysely<DB>): Kysely<DB> {
  const known = shared.get(db);
  if (known !== undefined) return known;
  const pool = poolOf(db);
  // the pool lends a connection per round trip: nothing is held between them
  const executor =
    pool === undefined ? db : combinedAutocommit(db, new RoundTripCombiner(pool, 'autocommit'));
  shared.set(db, executor);
  return executor;
}
