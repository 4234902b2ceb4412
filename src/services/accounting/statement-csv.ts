/**
 * A dealer's statement of account as CSV (the console's dealer page), for
 * staff to send by email: every ledger entry oldest first with debit,
 * credit and the running balance, then the invoices still open.
 */
import { stringify } from 'csv-stringify/sync';
import { formatMinor } from '../../domain/money.js';
import type { OpenInvoice } from '../../domain/open-invoices.js';
import type { StatementEntry } from '../../repositories/read-models/dealer-statement.read-model.js';

const KIND: Record<StatementEntry['kind'], string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  adjustment: 'Adjustment',
};

export function statementCsv(entries: StatementEntry[], open: OpenInvoice[]): string {
  const rows: string[][] = [['date', 'entry', 'reference', 'debit', 'credit', 'balance']];
  for (const e of entries) {
    rows.push([
      e.date,
      KIND[e.kind],
      e.reference ?? '',
      e.amountMinor > 0n ? formatMinor(e.amountMinor) : '',
      e.amountMinor < 0n ? formatMinor(-e.amountMinor) : '',
      formatMinor(e.balanceMinor),
    ]);
  }
  rows.push([], ['open invoice', 'date', 'due date', 'open amount', 'days overdue']);
  for (const i of open) {
    rows.push([
      i.reference ?? '',
      i.date,
      i.dueDate ?? '',
      formatMinor(i.openMinor),
      String(i.overdueDays),
    ]);
  }
  return stringify(rows, { record_delimiter: '\r\n' });
}
