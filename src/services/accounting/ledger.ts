/**
 * The dealer's ledger: entries with a signed amount (positive raises what
 * the dealer owes), and `dealer_credit.outstanding_minor` kept equal to
 * their sum in the same transaction. Payments and credit notes settle the
 * oldest invoices first (FIFO), which is what the overdue rule reads.
 * Callers hold the dealer's credit lock.
 */
import { sql } from 'kysely';
import type { LedgerKind } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface NewLedgerEntry {
  dealerCode: string;
  kind: LedgerKind;
  /** Signed: an invoice positive, a payment or credit note negative. */
  amountMinor: bigint;
  reference: string;
  dueDate?: string | null;
  occurredAt: Date;
  orderId?: string | null;
  note?: string | null;
}

export async function findLedgerEntry(
  db: Executor,
  dealerCode: string,
  kind: LedgerKind,
  reference: string,
) {
  return db
    .selectFrom('ledger_entries')
    .select(['id', 'order_id', 'amount_minor'])
    .where('dealer_code', '=', dealerCode)
    .where('kind', '=', kind)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/** Adds the entry, moves outstanding by it and re-settles invoices; returns the entry id. */
export async function addLedgerEntry(db: Executor, entry: NewLedgerEntry): Promise<string> {
  const row = await db
    .insertInto('ledger_entries')
    .values({
      dealer_code: entry.dealerCode,
      kind: entry.kind,
      amount_minor: entry.amountMinor,
      reference: entry.reference,
      due_date: entry.dueDate ?? null,
      occurred_at: entry.occurredAt,
      order_id: entry.orderId ?? null,
      note: entry.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('dealer_credit')
    .set((eb) => ({ outstanding_minor: eb('outstanding_minor', '+', entry.amountMinor) }))
    .where('dealer_code', '=', entry.dealerCode)
    .execute();
  await settleInvoicesFifo(db, entry.dealerCode);
  return row.id.toString();
}

/**
 * Marks invoices settled, oldest first, as far as everything paid or credited
 * covers them: an invoice is settled when the credits reach the running
 * total of invoices up to it. Unsettles none (a reversed payment is an
 * adjustment the accounts team makes in the ERP and re-imports).
 */
export async function settleInvoicesFifo(db: Executor, dealerCode: string): Promise<void> {
  await sql`
    WITH credits AS (
      SELECT coalesce(-sum(amount_minor), 0) AS paid FROM ledger_entries
      WHERE dealer_code = ${dealerCode} AND amount_minor < 0 AND kind <> 'adjustment'
    ),
    running AS (
      SELECT id, sum(amount_minor) OVER (ORDER BY occurred_at, id) AS upto
      FROM ledger_entries
      WHERE dealer_code = ${dealerCode} AND kind = 'invoice'
    )
    UPDATE ledger_entries l SET settled_at = now()
    FROM running r, credits c
    WHERE l.id = r.id AND l.settled_at IS NULL AND r.upto <= c.paid`.execute(db);
}
