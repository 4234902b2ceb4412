/**
 * A payment (receipt) or a credit note from the ERP (POST /api/payments,
 * POST /api/credit-notes, the imports). In one transaction, under the
 * dealer's credit lock: the entry lowers outstanding, settles the oldest
 * invoices, and then every order of that dealer on credit hold is checked
 * again, oldest first; each that now fits is confirmed (exported like any
 * confirmation), its dealer is told, and the release is audited with the
 * payment that made it. The same reference again changes nothing and
 * answers with the same id and the orders it released then.
 */
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { decideOutcome, effectiveLimit } from '../../domain/credit.js';
import { startOfIndiaDay } from '../../domain/india-date.js';
import type { DB } from '../../db/schema.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import {
  lockDealerCredit,
  type DealerCreditSnapshot,
} from '../../repositories/credit.repository.js';
import { templatesForReply } from '../reply-language.js';
import { findOrderReplyTarget, orderLabel } from '../reply-target.js';
import { settleLinesOf, settleOrder } from '../validate-order.js';
import { addLedgerEntry, findLedgerEntry } from './ledger.js';

export interface RecordPaymentInput {
  kind: 'payment' | 'credit_note';
  dealerCode: string;
  /** Positive: what the dealer paid or is credited. */
  amountMinor: bigint;
  /** YYYY-MM-DD. */
  date: string;
  reference: string;
  orderId?: string | null;
  actor: string;
}

export interface RecordPaymentResult {
  id: string;
  created: boolean;
  releasedOrderIds: string[];
}

export async function recordPayment(
  deps: { db: Kysely<DB>; jobs?: Pick<JobQueue, 'enqueue'> | null; now?: () => Date },
  input: RecordPaymentInput,
): Promise<RecordPaymentResult> {
  if (input.amountMinor <= 0n) throw new AppError('INVALID_INPUT', 'amount must be above 0');
  const now = deps.now?.() ?? new Date();
  const result = await inTransaction(deps.db, async (trx) => {
    const credit = await lockDealerCredit(trx, input.dealerCode);
    if (!credit) throw new AppError('NOT_FOUND', `dealer ${input.dealerCode} does not exist`);
    const existing = await findLedgerEntry(trx, input.dealerCode, input.kind, input.reference);
    if (existing) {
      return {
        id: existing.id.toString(),
        created: false,
        releasedOrderIds: await releasedBy(trx, existing.id.toString()),
        outboxIds: [] as string[],
      };
    }
    const id = await addLedgerEntry(trx, {
      dealerCode: input.dealerCode,
      kind: input.kind,
      amountMinor: -input.amountMinor,
      reference: input.reference,
      occurredAt: startOfIndiaDay(input.date),
      orderId: input.orderId ?? null,
    });
    const released = await releaseHeldOrders(trx, {
      dealerCode: input.dealerCode,
      ledgerEntryId: id,
      reference: input.reference,
      kind: input.kind,
      actor: input.actor,
      now,
    });
    return { id, created: true, ...released };
  });
  if (result.outboxIds.length > 0 && deps.jobs) {
    await deps.jobs.enqueue(
      'notify',
      result.outboxIds.map((outboxId) => ({ outboxId })),
    );
  }
  return { id: result.id, created: result.created, releasedOrderIds: result.releasedOrderIds };
}

async function releasedBy(db: Executor, ledgerEntryId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('entity_id')
    .where('entity_type', '=', 'order')
    .where('action', '=', 'credit_released_by_payment')
    .where(sql<boolean>`data->>'ledger_entry_id' = ${ledgerEntryId}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.entity_id);
}

/** Whether an order of this total would be confirmed on this credit now (no approval). */
function fits(credit: DealerCreditSnapshot, totalMinor: bigint, now: Date): boolean {
  return (
    decideOutcome({
      credit: {
        limitMinor: effectiveLimit({
          limitMinor: credit.credit_limit_minor,
          tempLimitMinor: credit.temp_limit_minor,
          tempLimitExpiresAt: credit.temp_limit_expires_at,
          now,
        }),
        outstandingMinor: credit.outstanding_minor,
        openOrdersMinor: credit.open_orders_minor,
      },
      orderTotalMinor: totalMinor,
      policy: credit.credit_policy,
      autoConfirm: true,
      oldestOverdueDays: credit.oldest_overdue_days,
      overdueDaysAllowed: credit.overdue_days,
      dealerConfirmed: true,
    }).outcome === 'confirmed'
  );
}

async function releaseHeldOrders(
  trx: Executor,
  input: {
    dealerCode: string;
    ledgerEntryId: string;
    reference: string;
    kind: RecordPaymentInput['kind'];
    actor: string;
    now: Date;
  },
): Promise<{ releasedOrderIds: string[]; outboxIds: string[] }> {
  const held = await trx
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', input.dealerCode)
    .where('status', '=', 'held_credit')
    .orderBy('created_at')
    .orderBy('order_no')
    .forUpdate()
    .execute();
  const releasedOrderIds: string[] = [];
  const outboxIds: string[] = [];
  const language = (
    await trx
      .selectFrom('dealers')
      .select('language')
      .where('code', '=', input.dealerCode)
      .executeTakeFirst()
  )?.language;
  for (const order of held) {
    // Re-read under the lock we hold: each release uses up credit for the next.
    const credit = (await lockDealerCredit(trx, input.dealerCode))!;
    if (!fits(credit, order.total_minor, input.now)) continue;
    const target = await findOrderReplyTarget(trx, order.inbound_message_id);
    if (target === null) continue;
    const t = await templatesForReply(trx, language, target.conversationId);
    const lines = await settleLinesOf(trx, order.id);
    const settled = await settleOrder(trx, {
      dealerCode: input.dealerCode,
      order: { id: order.id, orderNo: order.order_no, status: order.status },
      lines,
      dealerConfirmed: true,
      target,
      idempotencyKey: `reply:payment:${input.ledgerEntryId}:${order.id}`,
      actor: input.actor,
      now: input.now,
      lockedCredit: credit,
      replyPrefix: t.releasedByPayment({
        orderNo: orderLabel(order.order_no),
        payment: input.kind === 'payment',
      }),
    });
    if (settled.outboxId !== null) outboxIds.push(settled.outboxId);
    if (settled.status !== 'confirmed') continue;
    // The credit approval it waited for is moot now.
    await trx
      .updateTable('approvals')
      .set({ status: 'superseded' })
      .where('order_id', '=', order.id)
      .where('kind', '=', 'credit')
      .where('status', '=', 'pending')
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'credit_released_by_payment',
        actor: input.actor,
        reason: `${input.kind === 'payment' ? 'payment' : 'credit note'} ${input.reference}`,
        data: { ledger_entry_id: input.ledgerEntryId, reference: input.reference },
      },
    ]);
    releasedOrderIds.push(order.id);
  }
  return { releasedOrderIds, outboxIds };
}
