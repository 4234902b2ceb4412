/**
 * A dealer's account as the dealer sees it in chat: the latest ledger
 * entries with the running balance after each, and the invoices still
 * open (oldest first, the first perhaps partly paid) with their due dates.
 */
import { sql } from 'kysely';
import { indiaDate } from '../../domain/india-date.js';
import { openInvoices, type OpenInvoice } from '../../domain/open-invoices.js';
import type { LedgerKind } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface StatementEntry {
  /** YYYY-MM-DD, India. */
  date: string;
  kind: LedgerKind;
  reference: string | null;
  amountMinor: bigint;
  balanceMinor: bigint;
}

const asDay = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : indiaDate(value);

/** The last `limit` entries, oldest first, each with the balance after it. */
export async function listStatementEntries(
  db: Executor,
  dealerCode: string,
  limit: number,
): Promise<StatementEntry[]> {
  const { rows } = await sql<{
    occurred_at: Date;
    kind: LedgerKind;
    reference: string | null;
    amount_minor: string;
    balance: string;
  }>`
    SELECT * FROM (
      SELECT id, occurred_at, kind, reference, amount_minor,
             sum(amount_minor) OVER (ORDER BY occurred_at, id) AS balance
      FROM ledger_entries WHERE dealer_code = ${dealerCode}
    ) running
    ORDER BY occurred_at DESC, id DESC
    LIMIT ${limit}`.execute(db);
  return rows.reverse().map((r) => ({
    date: indiaDate(r.occurred_at),
    kind: r.kind,
    reference: r.reference,
    amountMinor: BigInt(r.amount_minor),
    balanceMinor: BigInt(r.balance),
  }));
}

/** Invoices not yet covered by payments and credit notes, oldest first. */
export async function listOpenInvoices(
  db: Executor,
  dealerCode: string,
  now: Date,
): Promise<OpenInvoice[]> {
  const [invoices, credited] = await Promise.all([
    db
      .selectFrom('ledger_entries')
      .select(['reference', 'occurred_at', 'due_date', 'amount_minor'])
      .where('dealer_code', '=', dealerCode)
      .where('kind', '=', 'invoice')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(sql<string>`coalesce(-sum(amount_minor), 0)`.as('paid'))
      .where('dealer_code', '=', dealerCode)
      .where('amount_minor', '<', 0n)
      .where('kind', '<>', 'adjustment')
      .executeTakeFirstOrThrow(),
  ]);
  return openInvoices(
    invoices.map((i) => ({
      reference: i.reference,
      date: indiaDate(i.occurred_at),
      dueDate: asDay(i.due_date as string | Date | null),
      amountMinor: i.amount_minor,
    })),
    BigInt(credited.paid),
    indiaDate(now),
  );
}
