/**
 * A person decides a held order: a sales manager a price exception, finance
 * a credit hold. In ONE transaction, locks in the global order (conversation
 * → dealer credit → order → the pending approval), records the decision and
 * its audit event, then re-settles the order — re-priced and re-checked
 * against credit with the lock held — and writes the dealer's reply.
 *
 * - price, approve: the asked prices apply; credit is checked; confirmed,
 *   held on credit or blocked.
 * - price, reject: standard prices; the dealer is asked to say YES to them
 *   (or the order is held on credit / blocked).
 * - credit, approve: confirmed past the credit rules, the approval on record.
 * - credit, reject: the order is rejected.
 *
 * Authority: `admin` may decide anything; `sales_manager` price exceptions up
 * to their discount authority (discount_authorities); `finance` credit holds.
 */
import type { Kysely } from 'kysely';
import { templatesFor } from '../../templates/index.js';
import { AppError } from '../domain/app-error.js';
import type { ApiTokenRole, ApprovalKind, DB, JsonValue } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../queues/job-catalog.js';
import {
  decideApproval as writeDecision,
  findDiscountAuthority,
  lockPendingApproval,
} from '../repositories/approval.repository.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { lockConversation } from '../repositories/conversation.repository.js';
import { lockDealerCredit } from '../repositories/credit.repository.js';
import { findInboundMessage } from '../repositories/inbound-message.repository.js';
import { findOrder, lockOrder } from '../repositories/order.repository.js';
import type { OrderStatus } from '../domain/order-status.js';
import { orderLabel, writeReply, type ReplyTarget } from './reply-target.js';
import { settleLinesOf, settleOrder } from './validate-order.js';

export interface DecideOrderApprovalDeps {
  db: Kysely<DB>;
  /** Queues the reply; without it the sweeper sends it. */
  jobs?: Pick<JobQueue, 'enqueue'> | null;
  now?: () => Date;
}

export interface ApprovalActor {
  /** Recorded as the decider: `token:<name>`, `env-token`, `user:<id>`. */
  principal: string;
  role: ApiTokenRole;
}

export interface DecideOrderApprovalInput {
  orderId: string;
  kind: ApprovalKind;
  decision: 'approve' | 'reject';
  note: string;
  actor: ApprovalActor;
}

export interface DecideOrderApprovalResult {
  orderId: string;
  approvalId: string;
  status: OrderStatus;
}

export async function decideOrderApproval(
  deps: DecideOrderApprovalDeps,
  input: DecideOrderApprovalInput,
): Promise<DecideOrderApprovalResult> {
  const now = deps.now?.() ?? new Date();
  const peek = await findOrder(deps.db, input.orderId);
  if (!peek || peek.dealer_code === null) {
    throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  }
  const dealerCode = peek.dealer_code;
  const message =
    peek.inbound_message_id === null
      ? undefined
      : await findInboundMessage(deps.db, peek.inbound_message_id);
  if (!message) throw new AppError('CONFLICT', `order ${input.orderId} has no message to answer`);
  const target: ReplyTarget = {
    channel: message.channel,
    recipient: message.sender,
    conversationId: message.conversation_id,
    inboundMessageId: message.id,
  };

  const result = await inTransaction(deps.db, async (trx) => {
    if (target.conversationId !== null) await lockConversation(trx, target.conversationId);
    const credit = await lockDealerCredit(trx, dealerCode);
    const order = await lockOrder(trx, input.orderId);
    const approval = await lockPendingApproval(trx, input.orderId, input.kind);
    if (!order || !credit) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
    const heldAs: OrderStatus = input.kind === 'price' ? 'held_price' : 'held_credit';
    if (!approval || order.status !== heldAs) {
      throw new AppError(
        'CONFLICT',
        `order ${orderLabel(order.order_no)} has no pending ${input.kind} approval (it is ${order.status})`,
      );
    }
    await assertAuthority(trx, input, approval.data);

    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await writeDecision(trx, approval.id, {
      status,
      decidedBy: input.actor.principal,
      note: input.note,
      at: now,
    });
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: `${input.kind}_${status}`,
        actor: input.actor.principal,
        reason: input.note,
        data: { approval_id: approval.id, role: input.actor.role, request: approval.data },
      },
    ]);

    const t = templatesFor(
      (
        await trx
          .selectFrom('dealers')
          .select('language')
          .where('code', '=', dealerCode)
          .executeTakeFirst()
      )?.language,
    );
    const orderNo = orderLabel(order.order_no);
    const idempotencyKey = `reply:approval:${approval.id}`;

    if (input.kind === 'credit' && input.decision === 'reject') {
      await trx
        .updateTable('orders')
        .set({ status: 'rejected', status_reason: `credit hold not released: ${input.note}` })
        .where('id', '=', order.id)
        .execute();
      await recordAuditEvents(trx, [
        {
          entityType: 'order',
          entityId: order.id,
          action: 'status_changed',
          actor: input.actor.principal,
          reason: input.note,
          data: { from: order.status, to: 'rejected', approval_id: approval.id },
        },
      ]);
      const outboxId = await writeReply(trx, target, {
        kind: 'credit_rejected',
        body: t.creditRejected({ orderNo, note: input.note }),
        orderId: order.id,
        idempotencyKey,
      });
      return { approvalId: approval.id, status: 'rejected' as OrderStatus, outboxId };
    }

    const lines = await settleLinesOf(trx, order.id);
    const prefix =
      input.kind === 'credit'
        ? t.creditReleased({ orderNo })
        : input.decision === 'approve'
          ? t.priceApproved({ orderNo })
          : t.priceRejected({ orderNo, note: input.note });
    const settled = await settleOrder(trx, {
      dealerCode,
      order: { id: order.id, orderNo: order.order_no, status: order.status },
      lines,
      // the dealer asked for this price / placed this order: approval is the last step
      dealerConfirmed: input.decision === 'approve',
      target,
      idempotencyKey,
      actor: input.actor.principal,
      now,
      lockedCredit: credit,
      replyPrefix: prefix,
      ...(input.kind === 'credit' ? { creditApprovalId: approval.id } : {}),
    });
    return { approvalId: approval.id, status: settled.status, outboxId: settled.outboxId };
  });

  if (result.outboxId !== null && deps.jobs) {
    await deps.jobs.enqueue('notify', [{ outboxId: result.outboxId }]);
  }
  return { orderId: input.orderId, approvalId: result.approvalId, status: result.status };
}

async function assertAuthority(
  trx: Parameters<typeof findDiscountAuthority>[0],
  input: DecideOrderApprovalInput,
  data: JsonValue,
): Promise<void> {
  const { role, principal } = input.actor;
  if (role === 'admin') return;
  if (input.kind === 'credit') {
    if (role !== 'finance')
      throw new AppError('FORBIDDEN', 'only finance may decide a credit hold');
    return;
  }
  if (role !== 'sales_manager') {
    throw new AppError('FORBIDDEN', 'only a sales manager may decide a price exception');
  }
  if (input.decision === 'reject') return;
  const needed = Math.max(
    0,
    ...(Array.isArray(data) ? data : []).map((d) =>
      typeof d === 'object' &&
      d !== null &&
      !Array.isArray(d) &&
      typeof d['discount_bp'] === 'number'
        ? d['discount_bp']
        : 0,
    ),
  );
  const authority = await findDiscountAuthority(trx, principal);
  if (authority < needed) {
    throw new AppError(
      'FORBIDDEN',
      `this exception needs ${needed / 100}% discount authority; ${principal} has ${authority / 100}%`,
      { details: { needed_bp: needed, authority_bp: authority } },
    );
  }
}
