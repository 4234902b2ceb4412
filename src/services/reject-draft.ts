/**
 * A reviewer rejects a draft (the order ends `rejected`) or dismisses a
 * message that made no order; the dealer gets the reviewer's note on the
 * channel they wrote on. Reply, status and audit in one transaction.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { assertTransition } from '../domain/order-status.js';
import type { DB } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { lockInboundMessage } from '../repositories/inbound-message.repository.js';
import { findOrder, lockOrder } from '../repositories/order.repository.js';
import { findOrderReplyTarget, orderLabel, writeReply } from './reply-target.js';
import { actionKey, closeMessageIfReviewed, requireNote } from './review-target.js';

export interface RejectDraftDeps {
  db: Kysely<DB>;
  jobs: Pick<JobQueue, 'enqueue'>;
}

export interface RejectDraftInput {
  orderId: string;
  /** Sent to the dealer. */
  note: string;
  actor: string;
}

export async function rejectDraft(
  deps: RejectDraftDeps,
  input: RejectDraftInput,
): Promise<{ orderId: string; outboxId: string | null }> {
  const note = requireNote(input.note, 'reject');
  const outboxId = await inTransaction(deps.db, async (trx) => {
    const peek = await findOrder(trx, input.orderId);
    if (!peek) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
    const order = await lockOrder(trx, input.orderId);
    if (!order || order.status !== 'needs_review') {
      throw new AppError('CONFLICT', `order #${peek.order_no} is no longer waiting for review`);
    }
    assertTransition(order.status, 'rejected');
    await trx
      .updateTable('orders')
      .set({ status: 'rejected', status_reason: `rejected in review: ${note}` })
      .where('id', '=', order.id)
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'status_changed',
        actor: input.actor,
        reason: note,
        data: { from: order.status, to: 'rejected' },
      },
    ]);
    const target = await findOrderReplyTarget(trx, order.inbound_message_id);
    const id =
      target === null
        ? null
        : await writeReply(trx, target, {
            kind: 'review_rejected',
            body: `Order ${orderLabel(order.order_no)} was not accepted: ${note}`,
            orderId: order.id,
            idempotencyKey: actionKey('reject', order.id),
          });
    await closeMessageIfReviewed(trx, order.inbound_message_id);
    return id;
  });
  if (outboxId !== null) await deps.jobs.enqueue('notify', [{ outboxId }]);
  return { orderId: input.orderId, outboxId };
}

export interface DismissMessageInput {
  messageId: string;
  /** Sent to the sender when given; empty: no reply. */
  note: string;
  actor: string;
}

/** Closes a message waiting for review that has no draft (nothing to order). */
export async function dismissMessage(
  deps: RejectDraftDeps,
  input: DismissMessageInput,
): Promise<{ outboxId: string | null }> {
  const note = input.note.trim().slice(0, 1000);
  const outboxId = await inTransaction(deps.db, async (trx) => {
    const message = await lockInboundMessage(trx, input.messageId);
    if (!message) throw new AppError('NOT_FOUND', `message ${input.messageId} does not exist`);
    const parked = message.status === 'failed' && (message.error ?? '').startsWith('parked:');
    if (message.status !== 'needs_review' && !parked) {
      throw new AppError('CONFLICT', 'this message is no longer waiting for review');
    }
    const open = await trx
      .selectFrom('orders')
      .select('id')
      .where('inbound_message_id', '=', message.id)
      .where('status', '=', 'needs_review')
      .executeTakeFirst();
    if (open) throw new AppError('CONFLICT', 'review or reject its draft order instead');
    await trx
      .updateTable('inbound_messages')
      .set({ status: 'done', error: `dismissed in review${note === '' ? '' : `: ${note}`}` })
      .where('id', '=', message.id)
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'inbound_message',
        entityId: message.id,
        action: 'dismissed',
        actor: input.actor,
        reason: note === '' ? null : note,
      },
    ]);
    if (note === '') return null;
    const target = await findOrderReplyTarget(trx, message.id);
    return target === null
      ? null
      : writeReply(trx, target, {
          kind: 'review_dismissed',
          body: note,
          idempotencyKey: actionKey('dismiss', message.id),
        });
  });
  if (outboxId !== null) await deps.jobs.enqueue('notify', [{ outboxId }]);
  return { outboxId };
}
