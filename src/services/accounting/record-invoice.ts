/**
 * An invoice from the ERP for an order (POST /api/invoices, the invoices
 * import). In one transaction, under the dealer's credit lock: the invoice
 * enters the ledger (outstanding rises by its amount) and the order leaves
 * open orders (by its total, once) — so exposure moves by the difference
 * only, and an invoiced order is never counted twice. A confirmed or
 * exported order becomes `invoiced`; a dispatched or delivered one keeps
 * its status and gains `invoiced_at`. The same invoice number again
 * changes nothing and answers with the same id.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { CONFIRMED_OR_LATER } from '../../domain/order-status.js';
import { startOfIndiaDay } from '../../domain/india-date.js';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { addOpenOrders, lockDealerCredit } from '../../repositories/credit.repository.js';
import { findOrder, lockOrder } from '../../repositories/order.repository.js';
import { orderLabel } from '../reply-target.js';
import { addLedgerEntry, findLedgerEntry } from './ledger.js';

export interface RecordInvoiceInput {
  invoiceNo: string;
  orderId: string;
  /** YYYY-MM-DD. */
  date: string;
  dueDate: string | null;
  amountMinor: bigint;
  actor: string;
}

export async function recordInvoice(
  db: Kysely<DB>,
  input: RecordInvoiceInput,
): Promise<{ id: string; created: boolean }> {
  const peek = await findOrder(db, input.orderId);
  if (!peek) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  if (peek.dealer_code === null) {
    throw new AppError('CONFLICT', `order ${orderLabel(peek.order_no)} has no dealer`);
  }
  const dealerCode = peek.dealer_code;
  return inTransaction(db, async (trx) => {
    await lockDealerCredit(trx, dealerCode);
    const order = (await lockOrder(trx, input.orderId))!;
    const existing = await findLedgerEntry(trx, dealerCode, 'invoice', input.invoiceNo);
    if (existing) {
      if (existing.order_id !== order.id) {
        throw new AppError(
          'CONFLICT',
          `invoice ${input.invoiceNo} is already recorded for another order`,
        );
      }
      return { id: existing.id.toString(), created: false };
    }
    if (!CONFIRMED_OR_LATER.includes(order.status)) {
      throw new AppError(
        'CONFLICT',
        `order ${orderLabel(order.order_no)} is ${order.status}; only a confirmed order can be invoiced`,
      );
    }
    const id = await addLedgerEntry(trx, {
      dealerCode,
      kind: 'invoice',
      amountMinor: input.amountMinor,
      reference: input.invoiceNo,
      dueDate: input.dueDate,
      occurredAt: startOfIndiaDay(input.date),
      orderId: order.id,
    });
    const firstInvoice = order.invoiced_at === null;
    if (firstInvoice) {
      // Leaves open orders in the transaction its invoice enters the ledger.
      await addOpenOrders(trx, dealerCode, -order.total_minor);
    }
    const toInvoiced = order.status === 'confirmed' || order.status === 'exported';
    // A second invoice for the same order (billed in parts) changes only the ledger.
    if (firstInvoice || toInvoiced) {
      await trx
        .updateTable('orders')
        .set({
          ...(firstInvoice ? { invoiced_at: new Date() } : {}),
          ...(toInvoiced ? { status: 'invoiced' as const } : {}),
        })
        .where('id', '=', order.id)
        .execute();
    }
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'invoiced',
        actor: input.actor,
        reason: `invoice ${input.invoiceNo} of ${input.date}`,
        data: {
          invoice_no: input.invoiceNo,
          amount: input.amountMinor.toString(),
          due_date: input.dueDate,
          ledger_entry_id: id,
          from: order.status,
          ...(toInvoiced ? { to: 'invoiced' } : {}),
        },
      },
    ]);
    return { id, created: true };
  });
}
