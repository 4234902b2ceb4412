/**
 * An invoice from an ERP that does not keep our order number names what it
 * billed instead: the dealer and the lines. It bills the dealer's oldest
 * order not yet invoiced whose paid lines are exactly those (SKU and
 * quantity); the same invoice number again finds the order it billed before.
 */
import { sql } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Executor } from '../../db/transaction.js';
import type { DispatchLine } from './record-dispatch.js';
import { findLedgerEntry } from './ledger.js';

const key = (lines: readonly DispatchLine[]) => {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.sku, (sums.get(l.sku) ?? 0) + l.qty);
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, qty]) => `${sku}\u0000${qty}`)
    .join('\u0001');
};

export async function orderBilledByLines(
  db: Executor,
  input: { dealerCode: string; invoiceNo: string; lines: readonly DispatchLine[] },
): Promise<string> {
  const before = await findLedgerEntry(db, input.dealerCode, 'invoice', input.invoiceNo);
  if (before?.order_id) return before.order_id;
  const { rows } = await sql<{ id: string; sku: string; qty: number }>`
    SELECT o.id, l.sku, l.qty
    FROM orders o JOIN order_lines l ON l.order_id = o.id AND NOT l.free
    WHERE o.dealer_code = ${input.dealerCode} AND o.invoiced_at IS NULL
      AND o.status IN ('confirmed', 'exported', 'dispatched', 'delivered')
    ORDER BY o.confirmed_at, o.order_no, l.line_no`.execute(db);
  const byOrder = new Map<string, DispatchLine[]>();
  for (const r of rows)
    byOrder.set(r.id, [...(byOrder.get(r.id) ?? []), { sku: r.sku, qty: r.qty }]);
  const wanted = key(input.lines);
  for (const [id, lines] of byOrder) if (key(lines) === wanted) return id;
  throw new AppError(
    'NOT_FOUND',
    `no order of ${input.dealerCode} waiting for an invoice has exactly these lines`,
  );
}
