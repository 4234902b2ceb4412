/**
 * Finance decides an order held on credit: approve (the order is confirmed
 * over the limit, its total joins the open-orders exposure) or reject (the
 * order ends `rejected`). The dealer is told either way, with the note.
 * One transaction, locks in the global order: dealer credit → order.
 *
 * (The pricing/credit policy work may bring its own approvals service; the
 * console calls this one until then.)
 */
import type { Kysely } from 'kysely';
import { templatesFor } from '../../templates/index.js';
import { AppError } from '../domain/app-error.js';
import { computeCreditPosition, effectiveLimit } from '../domain/credit.js';
import { assertTransition, type OrderStatus } from '../domain/order-status.js';
import type { DB } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { addOpenOrders, lockDealerCredit } from '../repositories/credit.repository.js';
import { findOrder, lockOrder } from '../repositories/order.repository.js';
import { orderLabel, writeReply } from './reply-target.js';
import { actionKey, replyTargetForMessage, requireNote } from './review-target.js';

export interface DecideCreditHoldDeps {
  db: Kysely<DB>;
  jobs: Pick<JobQueue, 'enqueue'>;
  now?: () => Date;
}

export interface DecideCreditHoldInput {
  orderId: string;
  decision: 'approve' | 'reject';
  /** Why; kept in the audit trail and sent to the dealer on a rejection. */
  note: string;
  actor: string;
}

export interface DecideCreditHoldResult {
  orderId: string;
  status: OrderStatus;
}

export async function decideCreditHold(
  deps: DecideCreditHoldDeps,
  input: DecideCreditHoldInput,
): Promise<DecideCreditHoldResult> {
  const note = requireNote(input.note, input.decision);
  const now = deps.now?.() ?? new Date();
  const peek = await findOrder(deps.db, input.orderId);
  if (!peek) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  if (peek.dealer_code === null) throw new AppError('CONFLICT', 'the order has no dealer');
  const dealerCode = peek.dealer_code;

  const { status, outboxId } = await inTransaction(deps.db, async (trx) => {
    const credit = await lockDealerCredit(trx, dealerCode);
    const order = await lockOrder(trx, input.orderId);
    if (!order || !credit || order.status !== 'held_credit') {
      throw new AppError('CONFLICT', `order #${peek.order_no} is not held on credit any more`);
    }
    const to: OrderStatus = input.decision === 'approve' ? 'confirmed' : 'rejected';
    assertTransition(order.status, to);
    const before = computeCreditPosition({
      limitMinor: effectiveLimit({
        limitMinor: credit.credit_limit_minor,
        tempLimitMinor: credit.temp_limit_minor,
        tempLimitExpiresAt: credit.temp_limit_expires_at,
        now,
      }),
      outstandingMinor: credit.outstanding_minor,
      openOrdersMinor: credit.open_orders_minor,
    });
    await trx
      .updateTable('orders')
      .set({
        status: to,
        status_reason:
          to === 'confirmed' ? `credit hold released: ${note}` : `rejected on credit: ${note}`,
        ...(to === 'confirmed' ? { confirmed_at: now } : {}),
      })
      .where('id', '=', order.id)
      .execute();
    if (to === 'confirmed') await addOpenOrders(trx, dealerCode, order.total_minor);
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'status_changed',
        actor: input.actor,
        reason:
          to === 'confirmed' ? `credit hold approved: ${note}` : `credit hold rejected: ${note}`,
        data: {
          from: order.status,
          to,
          total: order.total_minor.toString(),
          exposure_before: before.exposureMinor.toString(),
          limit: before.limitMinor === null ? null : before.limitMinor.toString(),
        },
      },
    ]);

    const target = await replyTargetForMessage(trx, order.inbound_message_id);
    if (target === null) return { status: to, outboxId: null };
    const dealer = await trx
      .selectFrom('dealers')
      .select('language')
      .where('code', '=', dealerCode)
      .executeTakeFirst();
    const t = templatesFor(dealer?.language);
    const label = orderLabel(order.order_no);
    let body: string;
    if (to === 'confirmed') {
      const lines = await trx
        .selectFrom('order_lines as l')
        .innerJoin('products as p', 'p.sku', 'l.sku')
        .select(['p.name', 'p.unit', 'l.qty', 'l.unit_price_minor', 'l.line_total_minor'])
        .where('l.order_id', '=', order.id)
        .orderBy('l.line_no')
        .execute();
      body = t.confirmation({
        orderNo: label,
        lines: lines.map((l) => ({
          name: l.name,
          unit: l.unit,
          qty: l.qty,
          unitPriceMinor: l.unit_price_minor ?? 0n,
          lineTotalMinor: l.line_total_minor ?? 0n,
        })),
        totalMinor: order.total_minor,
        availableAfterMinor:
          before.availableMinor === null ? null : before.availableMinor - order.total_minor,
      });
    } else {
      body = `Order ${label} could not be approved on credit: ${note}`;
    }
    const id = await writeReply(trx, target, {
      kind: to === 'confirmed' ? 'confirmation' : 'credit_rejected',
      body,
      orderId: order.id,
      idempotencyKey: actionKey(`credit-${input.decision}`, order.id),
    });
    return { status: to, outboxId: id };
  });
  if (outboxId !== null) await deps.jobs.enqueue('notify', [{ outboxId }]);
  return { orderId: input.orderId, status };
}
