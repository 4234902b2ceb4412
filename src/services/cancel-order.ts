/**
 * Cancelling an order: the status change, the release of its open-orders
 * exposure when it was confirmed, and the audit event, in the caller's
 * transaction (locks: dealer credit, then order).
 */
import { AppError } from '../domain/app-error.js';
import { canTransition, OPEN_EXPOSURE_STATUSES, type OrderStatus } from '../domain/order-status.js';
import type { Executor } from '../db/transaction.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { addOpenOrders, lockDealerCredit } from '../repositories/credit.repository.js';
import { findOrder, lockOrder } from '../repositories/order.repository.js';

export interface CancelOrderInput {
  orderId: string;
  actor: string;
  reason: string;
}

export type CancelOrderResult =
  | { cancelled: true; orderNo: bigint; from: OrderStatus }
  | { cancelled: false; orderNo: bigint; status: OrderStatus };

/** Cancels unless the order's status no longer allows it (then says so, changing nothing). */
export async function cancelOrderInTransaction(
  trx: Executor,
  input: CancelOrderInput,
): Promise<CancelOrderResult> {
  const peek = await findOrder(trx, input.orderId);
  if (!peek) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  if (peek.dealer_code !== null) await lockDealerCredit(trx, peek.dealer_code);
  const order = await lockOrder(trx, input.orderId);
  if (!order) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  if (!canTransition(order.status, 'cancelled')) {
    return { cancelled: false, orderNo: order.order_no, status: order.status };
  }
  if (
    OPEN_EXPOSURE_STATUSES.includes(order.status) &&
    order.invoiced_at === null &&
    order.dealer_code !== null
  ) {
    await addOpenOrders(trx, order.dealer_code, -order.total_minor);
  }
  await trx
    .updateTable('orders')
    .set({ status: 'cancelled', status_reason: input.reason })
    .where('id', '=', order.id)
    .execute();
  // Not sent to the ERP yet: it never will be.
  await trx
    .deleteFrom('export_deliveries')
    .where('order_id', '=', order.id)
    .where('status', '=', 'pending')
    .execute();
  await recordAuditEvents(trx, [
    {
      entityType: 'order',
      entityId: order.id,
      action: 'status_changed',
      actor: input.actor,
      reason: input.reason,
      data: { from: order.status, to: 'cancelled' },
    },
  ]);
  return { cancelled: true, orderNo: order.order_no, from: order.status };
}
