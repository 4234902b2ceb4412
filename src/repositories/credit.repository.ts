/**
 * The dealer's credit row. `lockDealerCredit` is THE lock of the credit
 * check: `SELECT ... FOR UPDATE OF c` on dealer_credit, held until the
 * confirming transaction commits, so two orders for one dealer are checked
 * one after the other and cannot both fit under a limit only one fits.
 * Its SQL is snapshotted in a test: a change to the locking shows in review.
 */
import { sql } from 'kysely';
import type { CreditPolicy } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

/** Everything the credit decision reads, as of the lock. */
export interface DealerCreditSnapshot {
  dealer_code: string;
  credit_limit_minor: bigint | null;
  temp_limit_minor: bigint | null;
  temp_limit_expires_at: Date | null;
  outstanding_minor: bigint;
  open_orders_minor: bigint;
  credit_policy: CreditPolicy;
  auto_confirm: boolean;
  overdue_days: number | null;
  /** Days the oldest unsettled invoice is past due; null when none is. */
  oldest_overdue_days: number | null;
}

function selectCredit(db: Executor, dealerCode: string) {
  return db
    .selectFrom('dealer_credit as c')
    .innerJoin('dealers as d', 'd.code', 'c.dealer_code')
    .select([
      'c.dealer_code',
      'd.credit_limit_minor',
      'c.temp_limit_minor',
      'c.temp_limit_expires_at',
      'c.outstanding_minor',
      'c.open_orders_minor',
      'd.credit_policy',
      'd.auto_confirm',
      'd.overdue_days',
      sql<number | null>`(
        SELECT current_date - min(l.due_date) FROM ledger_entries l
        WHERE l.dealer_code = c.dealer_code AND l.kind = 'invoice'
          AND l.settled_at IS NULL AND l.due_date < current_date)`.as('oldest_overdue_days'),
    ])
    .where('c.dealer_code', '=', dealerCode);
}

/** The locking query, unexecuted: for the SQL snapshot test. */
export function lockDealerCreditQuery(db: Executor, dealerCode: string) {
  return selectCredit(db, dealerCode).forUpdate('c');
}

/**
 * Locks the dealer's credit row until the transaction ends and returns the
 * figures. Creates the row first if the dealer has none. Call inside a
 * transaction; undefined when the dealer does not exist.
 */
export async function lockDealerCredit(
  db: Executor,
  dealerCode: string,
): Promise<DealerCreditSnapshot | undefined> {
  const locked = await lockDealerCreditQuery(db, dealerCode).executeTakeFirst();
  if (locked) return locked;
  const created = await sql`
    INSERT INTO dealer_credit (dealer_code)
    SELECT code FROM dealers WHERE code = ${dealerCode}
    ON CONFLICT (dealer_code) DO NOTHING`.execute(db);
  if (created.numAffectedRows === 0n) {
    const exists = await db
      .selectFrom('dealers')
      .select('code')
      .where('code', '=', dealerCode)
      .executeTakeFirst();
    if (!exists) return undefined;
  }
  return lockDealerCreditQuery(db, dealerCode).executeTakeFirst();
}

/** The same figures without a lock (balance replies, the credit endpoint). */
export async function findDealerCredit(
  db: Executor,
  dealerCode: string,
): Promise<DealerCreditSnapshot | undefined> {
  return selectCredit(db, dealerCode).executeTakeFirst();
}

/** Moves the open-orders exposure by `deltaMinor` (positive on confirm, negative on cancel). */
export async function addOpenOrders(
  db: Executor,
  dealerCode: string,
  deltaMinor: bigint,
): Promise<void> {
  await db
    .updateTable('dealer_credit')
    .set((eb) => ({ open_orders_minor: eb('open_orders_minor', '+', deltaMinor) }))
    .where('dealer_code', '=', dealerCode)
    .execute();
}

export interface TemporaryLimit {
  limitMinor: bigint;
  expiresAt: Date;
}

/**
 * Sets (or, with null, clears) the dealer's temporary limit, creating the
 * credit row if the dealer has none; returns the one it replaced. Takes the
 * credit row's lock, so it waits for a confirmation checking against the old
 * limit. Undefined when the dealer does not exist.
 */
export async function setTemporaryLimit(
  db: Executor,
  dealerCode: string,
  limit: TemporaryLimit | null,
  /** Runs under the lock; a non-null answer refuses the change with that reason. */
  check: (locked: DealerCreditSnapshot) => string | null = () => null,
): Promise<{ previous: TemporaryLimit | null } | { refused: string } | undefined> {
  const locked = await lockDealerCredit(db, dealerCode);
  if (locked === undefined) return undefined;
  const refused = check(locked);
  if (refused !== null) return { refused };
  await db
    .updateTable('dealer_credit')
    .set({
      temp_limit_minor: limit?.limitMinor ?? null,
      temp_limit_expires_at: limit?.expiresAt ?? null,
      updated_at: sql<Date>`now()`,
    })
    .where('dealer_code', '=', dealerCode)
    .execute();
  return {
    previous:
      locked.temp_limit_minor === null || locked.temp_limit_expires_at === null
        ? null
        : { limitMinor: locked.temp_limit_minor, expiresAt: locked.temp_limit_expires_at },
  };
}
