/**
 * Dealer look-ups for pickers (the web chat page): code and name only.
 */
import type { Executor } from '../../db/transaction.js';

export interface DealerSummary {
  code: string;
  name: string;
}

export interface SearchDealersInput {
  /** Matched against the start of the code or anywhere in the name; empty: all. */
  query?: string;
  /** Default 50. */
  limit?: number;
}

/** Active dealers matching the query, by code. */
export async function searchDealers(
  db: Executor,
  input: SearchDealersInput = {},
): Promise<DealerSummary[]> {
  let query = db
    .selectFrom('dealers')
    .select(['code', 'name'])
    .where('active', '=', true)
    .orderBy('code')
    .limit(input.limit ?? 50);
  const text = input.query?.trim() ?? '';
  if (text !== '') {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where((eb) =>
      eb.or([eb('code', 'ilike', `${escaped}%`), eb('name', 'ilike', `%${escaped}%`)]),
    );
  }
  return query.execute();
}

/** Whether a dealer with this code is on file (active or not). */
export async function dealerExists(db: Executor, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('dealers')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
