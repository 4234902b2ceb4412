/**
 * A dealer's credit position as the API shows it. Read-only: the credit check
 * itself locks the row and lives with the pipeline.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import { computeCreditPosition } from '../../domain/credit.js';

export interface DealerCreditView {
  dealerCode: string;
  /** The limit in force (a temporary limit while it lasts); null: no limit. */
  limitMinor: bigint | null;
  /** What the dealer owes per the ledger. */
  outstandingMinor: bigint;
  /** Confirmed orders not yet invoiced. */
  openOrdersMinor: bigint;
  /** outstanding + open orders. */
  exposureMinor: bigint;
  /** limit − exposure (negative when over the limit); null: no limit. */
  availableMinor: bigint | null;
}

/** The dealer's credit figures, or undefined when there is no such dealer. */
export async function findDealerCreditView(
  db: Executor,
  dealerCode: string,
): Promise<DealerCreditView | undefined> {
  const row = await db
    .selectFrom('dealers as d')
    .leftJoin('dealer_credit as c', 'c.dealer_code', 'd.code')
    .select([
      'd.code',
      // The database clock decides whether a temporary limit is still on.
      sql<bigint | null>`CASE WHEN c.temp_limit_expires_at > now() THEN c.temp_limit_minor
                              ELSE d.credit_limit_minor END`.as('limit_minor'),
      sql<bigint>`coalesce(c.outstanding_minor, 0)::bigint`.as('outstanding_minor'),
      sql<bigint>`coalesce(c.open_orders_minor, 0)::bigint`.as('open_orders_minor'),
    ])
    .where('d.code', '=', dealerCode)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const position = computeCreditPosition({
    limitMinor: row.limit_minor,
    outstandingMinor: row.outstanding_minor,
    openOrdersMinor: row.open_orders_minor,
  });
  return { dealerCode: row.code, ...position };
}
