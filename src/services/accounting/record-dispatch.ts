/**
 * A dispatch (POST /api/dispatches, the dispatches import) or a delivery
 * (POST /api/deliveries) reported by the ERP or the warehouse. The order
 * moves on (`dispatched`, `delivered`), the facts are kept for the dealer's
 * next "where is my order", and the dealer is told on the channel the order
 * came from. A dispatch is the same one again when its LR number is; a
 * delivery is recorded once per order.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { canTransition } from '../../domain/order-status.js';
import { toJson } from '../../db/json.js';
import type { DB, Order } from '../../db/schema.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { lockOrder } from '../../repositories/order.repository.js';
import { templatesForReply } from '../reply-language.js';
import { findOrderReplyTarget, orderLabel, writeReply } from '../reply-target.js';

export interface DispatchLine {
  sku: string;
  qty: number;
}

export interface RecordDispatchInput {
  orderId: string;
  /** YYYY-MM-DD. */
  date: string;
  transporter: string | null;
  lrNumber: string | null;
  vehicle: string | null;
  /** What was shipped; empty: the whole order. */
  lines: DispatchLine[];
  actor: string;
}

export interface RecordDeliveryInput {
  orderId: string;
  date: string;
  receivedBy: string | null;
  shortages: DispatchLine[];
  actor: string;
}

type Deps = { db: Kysely<DB>; jobs?: Pick<JobQueue, 'enqueue'> | null };

/** Past confirmation: what the warehouse can ship. */
const SHIPPABLE = ['confirmed', 'exported', 'invoiced', 'dispatched'] as const;

function assertShippable(order: Order, what: string): void {
  if (!(SHIPPABLE as readonly string[]).includes(order.status)) {
    throw new AppError(
      'CONFLICT',
      `order ${orderLabel(order.order_no)} is ${order.status}; only a confirmed order can be ${what}`,
    );
  }
}

async function dealerTemplates(
  trx: Executor,
  dealerCode: string | null,
  conversationId: string | null,
) {
  const row =
    dealerCode === null
      ? undefined
      : await trx
          .selectFrom('dealers')
          .select('language')
          .where('code', '=', dealerCode)
          .executeTakeFirst();
  return templatesForReply(trx, row?.language, conversationId);
}

async function enqueue(deps: Deps, outboxId: string | null): Promise<void> {
  if (outboxId !== null && deps.jobs) await deps.jobs.enqueue('notify', [{ outboxId }]);
}

export async function recordDispatch(
  deps: Deps,
  input: RecordDispatchInput,
): Promise<{ id: string; created: boolean }> {
  const result = await inTransaction(deps.db, async (trx) => {
    const order = await lockOrder(trx, input.orderId);
    if (!order) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
    // A dispatch recorded before is the same answer even once the order is delivered.
    if (input.lrNumber !== null) {
      const existing = await trx
        .selectFrom('dispatches')
        .select('id')
        .where('order_id', '=', order.id)
        .where('lr_number', '=', input.lrNumber)
        .executeTakeFirst();
      if (existing) return { id: existing.id, created: false, outboxId: null };
    }
    assertShippable(order, 'dispatched');
    await assertLinesOnOrder(trx, order, input.lines);
    const row = await trx
      .insertInto('dispatches')
      .values({
        order_id: order.id,
        dispatched_on: input.date,
        transporter: input.transporter,
        lr_number: input.lrNumber,
        vehicle: input.vehicle,
        lines: toJson(input.lines),
        created_by: input.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const moves = order.status !== 'dispatched' && canTransition(order.status, 'dispatched');
    await trx
      .updateTable('orders')
      .set({ ...(moves ? { status: 'dispatched' as const } : {}), dispatched_at: new Date() })
      .where('id', '=', order.id)
      .execute();
    const partial = input.lines.length > 0;
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: partial ? 'dispatched_partly' : 'dispatched',
        actor: input.actor,
        reason: dispatchFacts(input),
        data: {
          dispatch_id: row.id,
          date: input.date,
          transporter: input.transporter,
          lr_number: input.lrNumber,
          vehicle: input.vehicle,
          lines: toJsonLines(input.lines),
        },
      },
    ]);
    const target = await findOrderReplyTarget(trx, order.inbound_message_id);
    const t = await dealerTemplates(trx, order.dealer_code, target?.conversationId ?? null);
    const outboxId =
      target === null
        ? null
        : await writeReply(trx, target, {
            kind: 'dispatched',
            body: t.dispatched({
              orderNo: orderLabel(order.order_no),
              date: input.date,
              transporter: input.transporter,
              lrNumber: input.lrNumber,
              vehicle: input.vehicle,
              partial,
            }),
            orderId: order.id,
            idempotencyKey: `reply:dispatch:${row.id}`,
          });
    return { id: row.id, created: true, outboxId };
  });
  await enqueue(deps, result.outboxId);
  return { id: result.id, created: result.created };
}

export async function recordDelivery(
  deps: Deps,
  input: RecordDeliveryInput,
): Promise<{ id: string; created: boolean }> {
  const result = await inTransaction(deps.db, async (trx) => {
    const order = await lockOrder(trx, input.orderId);
    if (!order) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
    const existing = await trx
      .selectFrom('deliveries')
      .select('id')
      .where('order_id', '=', order.id)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false, outboxId: null };
    if (order.status !== 'delivered' && !canTransition(order.status, 'delivered')) {
      throw new AppError(
        'CONFLICT',
        `order ${orderLabel(order.order_no)} is ${order.status}; only a confirmed order can be delivered`,
      );
    }
    await assertLinesOnOrder(trx, order, input.shortages);
    const row = await trx
      .insertInto('deliveries')
      .values({
        order_id: order.id,
        delivered_on: input.date,
        received_by: input.receivedBy,
        shortages: toJson(input.shortages),
        created_by: input.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('orders')
      .set({ status: 'delivered', delivered_at: new Date() })
      .where('id', '=', order.id)
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'delivered',
        actor: input.actor,
        reason:
          `delivered ${input.date}` +
          (input.receivedBy === null ? '' : `, received by ${input.receivedBy}`) +
          (input.shortages.length === 0 ? '' : `, ${input.shortages.length} line(s) short`),
        data: {
          delivery_id: row.id,
          date: input.date,
          received_by: input.receivedBy,
          shortages: toJsonLines(input.shortages),
        },
      },
    ]);
    return { id: row.id, created: true, outboxId: null };
  });
  await enqueue(deps, result.outboxId);
  return { id: result.id, created: result.created };
}

const toJsonLines = (lines: DispatchLine[]) => lines.map((l) => ({ sku: l.sku, qty: l.qty }));

function dispatchFacts(input: RecordDispatchInput): string {
  return [
    `dispatched ${input.date}`,
    input.transporter === null ? null : `by ${input.transporter}`,
    input.lrNumber === null ? null : `LR ${input.lrNumber}`,
    input.vehicle === null ? null : `vehicle ${input.vehicle}`,
  ]
    .filter((p) => p !== null)
    .join(', ');
}

/** A dispatch or shortage line must be a SKU of the order, for no more than was ordered. */
async function assertLinesOnOrder(trx: Executor, order: Order, lines: DispatchLine[]) {
  if (lines.length === 0) return;
  const ordered = await trx
    .selectFrom('order_lines')
    .select(['sku', (eb) => eb.fn.sum<number>('qty').as('qty')])
    .where('order_id', '=', order.id)
    .groupBy('sku')
    .execute();
  const bySku = new Map(ordered.map((l) => [l.sku, Number(l.qty)]));
  for (const line of lines) {
    const qty = bySku.get(line.sku);
    if (qty === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `${line.sku} is not on order ${orderLabel(order.order_no)}`,
      );
    }
    if (line.qty > qty) {
      throw new AppError(
        'INVALID_INPUT',
        `${line.qty} of ${line.sku} is more than the ${qty} ordered on ${orderLabel(order.order_no)}`,
      );
    }
  }
}
