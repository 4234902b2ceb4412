/**
 * Aliases learned from reviews: the words a dealer used for a product a
 * reviewer then picked. Rows for one dealer, or for everyone (dealer null).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

export interface LearnedAliasRow {
  alias: string;
  sku: string;
}

/** The dealer's own aliases and everyone's (all of everyone's when dealerCode is null). */
export async function listLearnedAliases(
  db: Executor,
  dealerCode: string | null,
): Promise<LearnedAliasRow[]> {
  return (
    db
      .selectFrom('learned_aliases')
      .select(['alias', 'sku'])
      .where((eb) =>
        dealerCode === null
          ? eb('dealer_code', 'is', null)
          : eb.or([eb('dealer_code', '=', dealerCode), eb('dealer_code', 'is', null)]),
      )
      // the dealer's own first: it wins over a global alias for the same words
      .orderBy(sql`dealer_code IS NULL`)
      .orderBy('id')
      .execute()
  );
}

/** Every learned alias, oldest first, for a worker's in-process copy. */
export async function listAllLearnedAliases(
  db: Executor,
): Promise<(LearnedAliasRow & { dealer_code: string | null })[]> {
  return db
    .selectFrom('learned_aliases')
    .select(['dealer_code', 'alias', 'sku'])
    .orderBy('id')
    .execute();
}

export interface UpsertLearnedAliasInput {
  /** null: for every dealer. */
  dealerCode: string | null;
  alias: string;
  sku: string;
  createdBy: string;
}

/** Records (or re-points) an alias; the same words for the same dealer keep one row. */
export async function upsertLearnedAlias(
  db: Executor,
  input: UpsertLearnedAliasInput,
): Promise<void> {
  await db
    .insertInto('learned_aliases')
    .values({
      dealer_code: input.dealerCode,
      alias: input.alias,
      sku: input.sku,
      created_by: input.createdBy,
    })
    .onConflict((oc) =>
      oc
        .constraint('learned_aliases_dealer_code_alias_key')
        .doUpdateSet({ sku: input.sku, created_by: input.createdBy }),
    )
    .execute();
}
