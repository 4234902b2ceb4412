/**
 * Adding lines to an order the dealer already has ("add 2 more X to my last
 * order"). A confirmed order — also one already sent to the ERP — takes the
 * lines: priced again as a whole under the dealer's credit lock, checked
 * against the credit it would use beyond what it already holds, given a new
 * version (the ERP gets the new version; the old one is superseded), audited,
 * and the dealer told the new total. When the order is past the point of
 * change (invoiced, dispatched, delivered) or the addition would break the
 * credit rules, the lines become a new order through the usual settle path,
 * and the reply says why. Anything else (a draft a person is reading, a held
 * order, a price exception) is left to the caller's normal routing.
 */
import { sql } from 'kysely';
import type { Order } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { decideOutcome, effectiveLimit } from '../../domain/credit.js';
import { OPEN_EXPOSURE_STATUSES, type OrderStatus } from '../../domain/order-status.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { addOpenOrders, lockDealerCredit } from '../../repositories/credit.repository.js';
import { queueOrderExports } from '../../repositories/export.repository.js';
import { lockOrder, replaceOrderLines, updateOrder } from '../../repositories/order.repository.js';
import type { ReplyTemplates } from '../../../templates/types.js';
import { priceLines } from '../price-lines.js';
import { orderLabel, writeReply, type ReplyTarget } from '../reply-target.js';
import {
  describeLines,
  pricedOrderLines,
  pricingFacts,
  settleLinesOf,
  settleOrder,
  type SettleLine,
} from '../validate-order.js';

/** Statuses whose lines may still change. */
export const AMENDABLE_STATUSES: readonly OrderStatus[] = ['confirmed', 'exported'];
/** Past these the goods are billed or on the road: an addition is a new order. */
export const TOO_LATE_STATUSES: readonly OrderStatus[] = ['invoiced', 'dispatched', 'delivered'];

export interface AmendInput {
  dealerCode: string;
  order: Order;
  /** The lines to add (sales units). */
  added: SettleLine[];
  target: ReplyTarget;
  draft: { inboundMessageId: string; channel: ReplyTarget['channel']; repCode: string | null };
  t: ReplyTemplates;
  idempotencyKey: string;
  now: Date;
}

export type AmendResult =
  | {
      outcome: 'amended' | 'new_order';
      orderId: string;
      status: OrderStatus;
      outboxId: string | null;
    }
  /** Not something this path decides: route the message as usual. */
  | { outcome: 'not_amendable' };

/** Must run in a transaction; takes the credit lock, then the order's. */
export async function amendOrder(trx: Executor, input: AmendInput): Promise<AmendResult> {
  const credit = await lockDealerCredit(trx, input.dealerCode);
  const order = await lockOrder(trx, input.order.id);
  if (!credit || !order || order.dealer_code !== input.dealerCode)
    return { outcome: 'not_amendable' };

  const asNewOrder = async (prefix: string): Promise<AmendResult> => {
    const settled = await settleOrder(trx, {
      dealerCode: input.dealerCode,
      order: null,
      draft: { ...input.draft, draftNo: 1 },
      lines: input.added,
      dealerConfirmed: false,
      target: input.target,
      idempotencyKey: input.idempotencyKey,
      actor: 'dealer',
      now: input.now,
      lockedCredit: credit,
      replyPrefix: prefix,
    });
    return {
      outcome: 'new_order',
      orderId: settled.orderId,
      status: settled.status,
      outboxId: settled.outboxId,
    };
  };

  const label = orderLabel(order.order_no);
  if (TOO_LATE_STATUSES.includes(order.status)) {
    return asNewOrder(input.t.amendTooLate({ orderNo: label, status: order.status }));
  }
  if (!AMENDABLE_STATUSES.includes(order.status)) return { outcome: 'not_amendable' };

  const existing = await settleLinesOf(trx, order.id);
  const merged = mergeLines(existing, input.added);
  const dealer = await trx
    .selectFrom('dealers')
    .select(['code', 'region', 'price_list'])
    .where('code', '=', input.dealerCode)
    .executeTakeFirstOrThrow();
  const priced = await priceLines(trx, {
    dealer: { code: dealer.code, region: dealer.region, priceList: dealer.price_list },
    lines: merged.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      requestedPriceMinor: l.requestedPriceMinor ?? null,
    })),
    at: input.now,
  });
  // A product no longer sold or a price to approve: a person decides, as for any order.
  if (!priced.ok || priced.exceptions.length > 0) return { outcome: 'not_amendable' };

  // The order's present total is already in the exposure: only the difference is new credit.
  const held = OPEN_EXPOSURE_STATUSES.includes(order.status) ? order.total_minor : 0n;
  const decision = decideOutcome({
    credit: {
      limitMinor: effectiveLimit({
        limitMinor: credit.credit_limit_minor,
        tempLimitMinor: credit.temp_limit_minor,
        tempLimitExpiresAt: credit.temp_limit_expires_at,
        now: input.now,
      }),
      outstandingMinor: credit.outstanding_minor,
      openOrdersMinor: credit.open_orders_minor - held,
    },
    orderTotalMinor: priced.totalMinor,
    policy: credit.credit_policy,
    autoConfirm: true,
    oldestOverdueDays: credit.oldest_overdue_days,
    overdueDaysAllowed: credit.overdue_days,
    dealerConfirmed: true,
  });
  if (decision.outcome !== 'confirmed') {
    return asNewOrder(input.t.amendOverCredit({ orderNo: label }));
  }

  await replaceOrderLines(trx, order.id, pricedOrderLines(priced, merged));
  await updateOrder(trx, order.id, {
    status: 'confirmed',
    subtotalMinor: priced.subtotalMinor,
    totalMinor: priced.totalMinor,
    discountMinor: priced.savingsMinor,
    taxMinor: priced.taxMinor,
  });
  // A new version: the ERP receives it again; an old version's pending delivery is superseded.
  await trx
    .updateTable('orders')
    .set({ version: sql<number>`version + 1`, exported_at: null })
    .where('id', '=', order.id)
    .execute();
  await addOpenOrders(trx, input.dealerCode, priced.totalMinor - held);
  await queueOrderExports(trx, order.id);
  await recordAuditEvents(trx, [
    {
      entityType: 'order',
      entityId: order.id,
      action: 'amended',
      actor: 'dealer',
      reason: 'the dealer added lines in chat',
      data: {
        from: order.status,
        to: 'confirmed',
        version: order.version + 1,
        previous_total: order.total_minor.toString(),
        total: priced.totalMinor.toString(),
        added: input.added.map((l) => ({ sku: l.sku, qty: l.qty })),
      },
    },
  ]);
  const items = await describeLines(trx, priced.lines);
  const names = new Map(priced.lines.map((l, i) => [l.sku, items[i]?.name ?? l.sku]));
  const outboxId = await writeReply(trx, input.target, {
    kind: 'amended',
    body: input.t.amended({
      orderNo: label,
      lines: items,
      totalMinor: priced.totalMinor,
      previousTotalMinor: order.total_minor,
      availableAfterMinor: decision.availableAfterMinor,
      pricing: await pricingFacts(trx, priced, names),
    }),
    orderId: order.id,
    idempotencyKey: input.idempotencyKey,
  });
  return { outcome: 'amended', orderId: order.id, status: 'confirmed', outboxId };
}

/** The order's lines with the additions: the same product adds up, a new one goes last. */
export function mergeLines(
  existing: readonly SettleLine[],
  added: readonly SettleLine[],
): SettleLine[] {
  const out = existing.map((l) => ({ ...l }));
  for (const a of added) {
    const same = out.find((l) => l.sku === a.sku);
    if (same) same.qty += a.qty;
    else out.push({ ...a });
  }
  return out;
}
