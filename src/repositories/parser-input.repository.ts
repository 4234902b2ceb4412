/**
 * What the parser compiles, read in three queries: sellable products,
 * dealers with their phones and addresses, reps with theirs and their
 * dealers. Also the master-data version the cache compares against.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

/** Bumped (by triggers, migration 0006) in the transaction of any change to parser data. */
export async function readMasterDataVersion(db: Executor): Promise<bigint> {
  const row = await db.selectFrom('master_data_version').select('version').executeTakeFirst();
  return row?.version ?? 0n;
}

export async function listParserProducts(db: Executor) {
  return db
    .selectFrom('products')
    .select(['sku', 'name', 'unit', 'pack_size', 'piece_unit', 'aliases', 'brand', 'category'])
    .where('active', '=', true)
    .orderBy('sku')
    .execute();
}

export async function listParserDealers(db: Executor) {
  return db
    .selectFrom('dealers as d')
    .select([
      'd.code',
      'd.name',
      'd.region',
      sql<string[]>`array(SELECT phone FROM dealer_phones WHERE dealer_code = d.code)`.as('phones'),
      sql<string[]>`array(SELECT email FROM dealer_emails WHERE dealer_code = d.code)`.as('emails'),
    ])
    .where('d.active', '=', true)
    .orderBy('d.code')
    .execute();
}

export async function listParserReps(db: Executor) {
  return db
    .selectFrom('reps as r')
    .select([
      'r.code',
      'r.name',
      sql<string[]>`array(SELECT phone FROM rep_phones WHERE rep_code = r.code)`.as('phones'),
      sql<string[]>`array(SELECT email FROM rep_emails WHERE rep_code = r.code)`.as('emails'),
      sql<string[]>`array(SELECT dealer_code FROM rep_dealers WHERE rep_code = r.code)`.as(
        'dealers',
      ),
    ])
    .where('r.active', '=', true)
    .orderBy('r.code')
    .execute();
}
