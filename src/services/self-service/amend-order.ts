/**
 * Changing an order the dealer already has: adding lines ("add 2 more X to
 * my last order"), removing one ("remove X from my last order") or setting a
 * line's quantity ("make X 10 in my last order"). A confirmed order — also
 * one already sent to the ERP — takes the change: priced again as a whole
 * under the dealer's credit lock, an increase checked against the credit it
 * would use beyond what the order already holds (a decrease never needs
 * credit), given a new version (the ERP gets the new version; the old one is
 * superseded), audited, and the dealer told the new total. Past the point of
 * change (invoiced, dispatched, delivered) an addition becomes a new order,
 * and a removal or a smaller quantity goes to a person with a clear reply;
 * an addition that would break the credit rules becomes a new order (held
 * or blocked as the dealer's policy says). Anything else (a draft a person
 * is reading, a held order, a price exception, a line not singled out, the
 * last line removed) is left to the caller's normal routing.
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
/** Past these the goods are billed or on the road. */
export const TOO_LATE_STATUSES: readonly OrderStatus[] = ['invoiced', 'dispatched', 'delivered'];

/** What the dealer asked to change; `words` single out one line of the order. */
export type AmendChange =
  | { kind: 'add'; lines: SettleLine[] }
  | { kind: 'remove'; words: string[] }
  | { kind: 'set'; words: string[]; qty: number };

export interface AmendInput {
  dealerCode: string;
  order: Order;
  change: AmendChange;
  target: ReplyTarget;
  draft: { inboundMessageId: string; channel: ReplyTarget['channel']; repCode: string | null };
  t: ReplyTemplates;
  idempotencyKey: string;
  now: Date;
}

export type AmendResult =
  | {
      /** too_late: a removal after dispatch, answered and left to a person. */
      outcome: 'amended' | 'new_order' | 'too_late';
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
  if (!credit || !order || order.dealer_code !== input.dealerCode) {
    return { outcome: 'not_amendable' };
  }
  const asNewOrder = async (added: SettleLine[], prefix: string): Promise<AmendResult> => {
    const settled = await settleOrder(trx, {
      dealerCode: input.dealerCode,
      order: null,
      draft: { ...input.draft, draftNo: 1 },
      lines: added,
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
  const existing = await settleLinesOf(trx, order.id);
  const change = await resolveChange(trx, existing, input.change);
  if (change === null) return { outcome: 'not_amendable' };
  if (TOO_LATE_STATUSES.includes(order.status)) {
    if (change.kind === 'add') {
      return asNewOrder(
        change.lines,
        input.t.amendTooLate({ orderNo: label, status: order.status }),
      );
    }
    const outboxId = await writeReply(trx, input.target, {
      kind: 'amend_too_late',
      body: input.t.amendTooLateToChange({ orderNo: label, status: order.status }),
      orderId: order.id,
      idempotencyKey: input.idempotencyKey,
    });
    return { outcome: 'too_late', orderId: order.id, status: order.status, outboxId };
  }
  if (!AMENDABLE_STATUSES.includes(order.status)) return { outcome: 'not_amendable' };
  const merged = change.kind === 'add' ? mergeLines(existing, change.lines) : change.lines;
  if (merged.length === 0) return { outcome: 'not_amendable' };

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
  // A smaller order never needs credit; a larger one passes the rules or stands apart.
  if (decision.outcome !== 'confirmed' && priced.totalMinor > held) {
    if (change.kind !== 'add') return { outcome: 'not_amendable' };
    return asNewOrder(change.lines, input.t.amendOverCredit({ orderNo: label }));
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
      reason: `the dealer ${change.kind === 'add' ? 'added lines' : 'changed a line'} in chat`,
      data: {
        from: order.status,
        to: 'confirmed',
        change: change.kind,
        version: order.version + 1,
        previous_total: order.total_minor.toString(),
        total: priced.totalMinor.toString(),
        lines: merged.map((l) => ({ sku: l.sku, qty: l.qty })),
      },
    },
  ]);
  const items = await describeLines(trx, priced.lines);
  const names = new Map(priced.lines.map((l, i) => [l.sku, items[i]?.name ?? l.sku]));
  const outboxId = await writeReply(trx, input.target, {
    kind: 'amended',
    body: input.t.amended({
      change: change.kind === 'add' ? 'added' : change.kind === 'remove' ? 'removed' : 'changed',
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

type ResolvedChange = { kind: 'add' | 'remove' | 'set'; lines: SettleLine[] };

/**
 * The change as lines: additions as given; a removal or a new quantity applied to the one line
 * whose product's words hold every word said ("make it 10": an order of one line). A new
 * quantity above the present one is an addition of the difference (so it takes the addition's
 * credit path). null: no single line, or nothing changes.
 */
async function resolveChange(
  trx: Executor,
  existing: readonly SettleLine[],
  change: AmendChange,
): Promise<ResolvedChange | null> {
  if (change.kind === 'add') return { kind: 'add', lines: change.lines };
  if (existing.length === 0) return null;
  const products = await trx
    .selectFrom('products')
    .select(['sku', 'name', 'unit', 'aliases'])
    .where(
      'sku',
      'in',
      existing.map((l) => l.sku),
    )
    .execute();
  const index = pickLine(existing, products, change.words);
  if (index === null) return null;
  const line = existing[index]!;
  if (change.kind === 'remove') {
    return { kind: 'remove', lines: existing.filter((_, i) => i !== index) };
  }
  if (change.qty === line.qty) return null;
  if (change.qty > line.qty) {
    return {
      kind: 'add',
      lines: [{ ...line, qty: change.qty - line.qty, requestedPriceMinor: null }],
    };
  }
  return {
    kind: 'set',
    lines: existing.map((l, i) => (i === index ? { ...l, qty: change.qty } : l)),
  };
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}.]+/u)
    .filter(Boolean);

/** The one line every word names (its unit word may be said too); null when none or several. */
export function pickLine(
  lines: readonly { sku: string }[],
  products: readonly { sku: string; name: string; unit: string; aliases: string[] }[],
  words: readonly string[],
): number | null {
  if (words.length === 0) return lines.length === 1 ? 0 : null;
  const matches = lines.flatMap((l, i) => {
    const p = products.find((x) => x.sku === l.sku);
    if (!p) return [];
    const own = new Set([
      ...tokens(p.name),
      ...tokens(p.sku),
      ...p.aliases.flatMap(tokens),
      p.unit.toLowerCase(),
    ]);
    return words.every((w) => own.has(w)) ? [i] : [];
  });
  return matches.length === 1 ? matches[0]! : null;
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
