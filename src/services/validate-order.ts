/**
 * validate: price a message's drafts and settle each one — confirmed,
 * awaiting the dealer's YES, held on credit, or blocked — with the reply in
 * the outbox and an audit event, all in ONE transaction per draft holding
 * the dealer's credit row lock.
 *
 * The validate job settles a message left `parsed` (by the sweeper, or an
 * older release); a sure parse is settled by process-parse in its own
 * transaction through `settleDrafts`.
 *
 * Lock order everywhere (here, process-parse, cancel): conversation → dealer
 * credit → order. Keeping one order means two transactions for one dealer
 * wait for each other instead of deadlocking.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  templatesFor,
  type HoldReason,
  type PricingFacts,
  type ReplyLine,
  type SlabNudgeFacts,
} from '../../templates/index.js';
import { AppError } from '../domain/app-error.js';
import { decideOutcome, effectiveLimit, type ValidationOutcome } from '../domain/credit.js';
import { assertTransition, type OrderStatus } from '../domain/order-status.js';
import {
  detectLinePrices,
  detectPriceRequest,
  type PricedLine,
  type PriceOrderResult,
  type SlabNudge,
} from '../domain/pricing/index.js';
import type { DB, InboundMessage, JsonObject, JsonValue } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { recordAuditEvents, type AuditEventInput } from '../repositories/audit.repository.js';
import {
  lockConversation,
  setConversationPending,
} from '../repositories/conversation.repository.js';
import { queueOrderExports } from '../repositories/export.repository.js';
import { lockDealerCredit, type DealerCreditSnapshot } from '../repositories/credit.repository.js';
import { findInboundMessage, markInboundDone } from '../repositories/inbound-message.repository.js';
import {
  findOrderForDraft,
  insertOrder,
  replaceOrderLines,
  updateOrder,
  type NewOrderLine,
  listOrderLines,
} from '../repositories/order.repository.js';
import { openApproval } from '../repositories/approval.repository.js';
import { priceLines, type PricingRules } from './price-lines.js';
import { orderLabel, writeReply, type ReplyTarget } from './reply-target.js';
import { replyLanguage, templatesForReply } from './reply-language.js';
import { combineReplies } from './combine-replies.js';

export interface ValidateOrderDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
  /** Default: the wall clock. */
  now?: () => Date;
}

export interface ValidateOrderInput {
  /** A message in status `parsed`: its stored parse result holds the drafts. */
  messageId: string;
}

export interface ValidateOrderResult {
  /** `skipped`: the message was not waiting for validation (done already, or never parsed). */
  outcome: 'done' | 'skipped';
  orders: { orderId: string; status: OrderStatus }[];
}

/** How long a "reply YES to confirm" question waits for the answer. */
export const CONFIRM_WINDOW_MS = 24 * 60 * 60 * 1000;

const draftsSchema = z.object({
  orders: z.array(
    z.object({
      dealer: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), qty: z.number(), source: z.string().optional() })),
    }),
  ),
});

export async function validateOrder(
  deps: ValidateOrderDeps,
  input: ValidateOrderInput,
): Promise<ValidateOrderResult> {
  const message = await findInboundMessage(deps.db, input.messageId);
  if (!message) throw new AppError('NOT_FOUND', `message ${input.messageId} does not exist`);
  if (message.status !== 'parsed') return { outcome: 'skipped', orders: [] };
  const drafts = draftsSchema.safeParse(message.parse_result);
  if (!drafts.success) {
    throw new AppError('INVALID_INPUT', `message ${message.id} has no readable drafts`);
  }
  // one transaction per draft: a multi-dealer message does not hold every dealer's lock at once
  const settled = await settleDrafts(deps.db, {
    message,
    drafts: drafts.data.orders,
    now: deps.now?.() ?? new Date(),
  });
  await markInboundDone(deps.db, message.id, 'parsed');
  await deps.jobs.enqueue(
    'notify',
    settled.outboxIds.map((outboxId) => ({ outboxId })),
  );
  return { outcome: 'done', orders: settled.orders };
}

/** What settling a message's drafts needs of the message. */
export type DraftsMessage = Pick<
  InboundMessage,
  'id' | 'channel' | 'sender' | 'text' | 'conversation_id' | 'rep_code'
>;

export interface SettleDraftsInput {
  message: DraftsMessage;
  drafts: readonly z.infer<typeof draftsSchema>['orders'][number][];
  now: Date;
  /**
   * Read already by the caller in its transaction `db` (process-parse settles a sure parse in
   * its own transaction): the message's dealer, and its conversation, locked.
   */
  known?: KnownToSettle;
}

/**
 * Prices and settles each draft of a parsed message (settleOrder) and gathers a rep's replies
 * for several dealers into one. Each draft is a transaction of its own on a database, or part of
 * the caller's transaction when `db` is one. Returns the orders and the replies to send.
 */
export async function settleDrafts(
  db: Executor,
  input: SettleDraftsInput,
): Promise<{
  orders: ValidateOrderResult['orders'];
  outboxIds: string[];
  /** A draft's reply statement marked the message done (KnownToSettle.messageDone). */
  messageDone: boolean;
}> {
  const { message } = input;
  const target: ReplyTarget = {
    channel: message.channel,
    recipient: message.sender,
    conversationId: message.conversation_id,
    inboundMessageId: message.id,
  };
  const orders: ValidateOrderResult['orders'] = [];
  let outboxIds: string[] = [];
  let messageDone = false;
  for (const [index, draft] of input.drafts.entries()) {
    if (draft.dealer === null) continue;
    // "@95", "rate 95": a price the dealer asks for, per line (or the message's, for one line)
    const asked = detectLinePrices(
      draft.lines.map((l) => ({ sourceText: l.source ?? null })),
      message.text,
    );
    const known = input.known?.dealer?.code === draft.dealer ? input.known : undefined;
    const settled = await inTransaction(db, (trx) =>
      settleOrder(trx, {
        dealerCode: draft.dealer!,
        order: null,
        draft: {
          inboundMessageId: message.id,
          draftNo: index + 1,
          channel: message.channel,
          repCode: message.rep_code,
        },
        lines: draft.lines.map((l, i) => ({
          sku: l.sku,
          qty: l.qty,
          sourceText: l.source ?? null,
          requestedPriceMinor: asked[i]?.priceMinor ?? null,
        })),
        dealerConfirmed: false,
        target,
        idempotencyKey: `reply:${message.id}:draft:${index + 1}`,
        actor: 'worker:validate',
        now: input.now,
        ...(known === undefined ? {} : { known }),
      }),
    );
    orders.push({ orderId: settled.orderId, status: settled.status });
    if (settled.messageDone === true) messageDone = true;
    if (settled.outboxId !== null) outboxIds.push(settled.outboxId);
  }
  // A rep's message for several dealers: one reply gathering every order's.
  const dealers = new Set(input.drafts.flatMap((o) => (o.dealer === null ? [] : [o.dealer])));
  if (message.rep_code !== null && dealers.size > 1 && outboxIds.length > 1) {
    const ids = outboxIds;
    outboxIds = await inTransaction(db, async (trx) =>
      combineReplies(trx, {
        ids,
        target,
        t: await templatesForReply(trx, null, message.conversation_id),
        orders: orders.length,
      }),
    );
  }
  return { orders, outboxIds, messageDone };
}

export interface SettleLine {
  sku: string;
  qty: number;
  sourceText: string | null;
  /** A price the dealer asked for; undefined: read it from `sourceText` ("@95"). */
  requestedPriceMinor?: bigint | null;
}

/** An order's paid lines as settleOrder takes them again (free goods are recomputed). */
export async function settleLinesOf(db: Executor, orderId: string): Promise<SettleLine[]> {
  return (await listOrderLines(db, orderId))
    .filter((l) => !l.free)
    .map((l) => ({
      sku: l.sku,
      qty: l.qty,
      sourceText: l.source_text,
      requestedPriceMinor: l.requested_price_minor,
    }));
}

export interface SettleOrderInput {
  dealerCode: string;
  /** An existing order (locked by the caller after the credit row), or null to create one for `draft`. */
  order: { id: string; orderNo: bigint; status: OrderStatus } | null;
  draft?: {
    inboundMessageId: string;
    draftNo: number;
    channel: ReplyTarget['channel'];
    repCode: string | null;
  };
  /** The paid lines (free goods are recomputed by pricing). */
  lines: SettleLine[];
  /** The dealer already said YES: a passing order is confirmed even without auto-confirm. */
  dealerConfirmed: boolean;
  target: ReplyTarget;
  idempotencyKey: string;
  actor: string;
  now: Date;
  /** The caller holds the credit row lock already and passes what it read. */
  lockedCredit?: DealerCreditSnapshot;
  /**
   * Finance released this order past the credit rules: the id of the
   * approved credit approval, written in this transaction by the caller.
   */
  creditApprovalId?: string;
  /** Put before the reply ("your price is approved"), with a blank line. */
  replyPrefix?: string;
  /**
   * Show the priced draft and wait for the dealer's YES whatever the credit and auto-confirm
   * settings (a reorder: "same as last time"); the YES settles it like any confirmation.
   */
  askFirst?: boolean;
  /**
   * Read by the caller in this transaction already (process-parse, settling a sure parse):
   * the dealer, and the conversation — locked, with its reply language — and whether a rep
   * sent the message. settleOrder then reads none of them again.
   */
  known?: KnownToSettle;
}

export interface KnownToSettle {
  dealer: SettleDealer;
  /** The target conversation's language; the caller holds its row lock. */
  conversationLanguage: string | null;
  sentByRep: boolean;
  /** The slabs and schemes of the pricing day (the parse job's cache). */
  pricingRules: PricingRules;
  /** Names and units of the catalog's products (the parse job's cache), for the reply. */
  products: ReadonlyMap<string, { name: string; unit: string }>;
  /**
   * The caller holds the row lock of the message, still waiting to be parsed: no draft of it
   * has an order yet (orders of a message are written with its status change, in one transaction).
   */
  draftsNew: true;
  /**
   * The message (this id) is done whatever the outcome: marked so in the reply's statement
   * (`messageDone` in the result says it was) instead of a statement of its own.
   */
  messageDone?: string;
}

/** The dealer's fields settling an order reads. */
export interface SettleDealer {
  code: string;
  name: string;
  price_list: string | null;
  region: string | null;
  language: string;
}

export interface SettleOrderResult {
  orderId: string;
  status: OrderStatus;
  outboxId: string | null;
  /** The message was marked done with the reply (KnownToSettle.messageDone). */
  messageDone?: true;
}

/**
 * Prices the lines, locks the dealer's credit row (unless the caller did),
 * decides the outcome and writes it: the order (new or updated), the
 * open-orders exposure on confirm, the pending YES question, a pending
 * approval when held (price or credit), the reply and the audit event.
 * Must run inside a transaction.
 *
 * Price exceptions: a line whose asked price is below what lists, slabs and
 * schemes allow holds the order as `held_price` (no credit check yet). For
 * an existing order the latest decided price approval is in force: approved
 * prices apply; a rejection sets the asked prices aside, and the dealer must
 * say YES to the standard price.
 */
export async function settleOrder(
  trx: Executor,
  input: SettleOrderInput,
): Promise<SettleOrderResult> {
  // The outcome may set the conversation's pending question: lock it before
  // the credit row, keeping the global lock order.
  const known = input.known;
  if (
    input.target.conversationId !== null &&
    input.lockedCredit === undefined &&
    known === undefined
  ) {
    await lockConversation(trx, input.target.conversationId);
  }
  const credit = input.lockedCredit ?? (await lockDealerCredit(trx, input.dealerCode));
  if (input.order === null && input.draft !== undefined && known?.draftsNew !== true) {
    const existing = await findOrderForDraft(
      trx,
      input.draft.inboundMessageId,
      input.draft.draftNo,
    );
    if (existing) return { orderId: existing.id, status: existing.status, outboxId: null };
  }
  const dealer: SettleDealer | undefined =
    known?.dealer ??
    (await trx
      .selectFrom('dealers')
      .select(['code', 'name', 'price_list', 'region', 'language'])
      .where('code', '=', input.dealerCode)
      .executeTakeFirst());
  const t =
    known === undefined
      ? await templatesForReply(trx, dealer?.language, input.target.conversationId)
      : templatesFor(replyLanguage(dealer?.language, known.conversationLanguage));
  // A rep orders for several dealers on one phone: each reply says whose order it is.
  const forDealer =
    dealer !== undefined &&
    (known?.sentByRep ?? (await sentByRep(trx, input.target.inboundMessageId)))
      ? `${t.forDealer({ name: dealer.name, code: dealer.code })}\n`
      : '';
  const wholeLines = input.lines.filter((l) => Number.isInteger(l.qty) && l.qty > 0);

  const review = async (reason: string, code: string): Promise<SettleOrderResult> => {
    const reasons: JsonValue[] = [{ code, message: reason }];
    const saved = await saveOrder(trx, input, 'needs_review', reason, reasons, wholeLines, null);
    await audit(trx, input, saved.id, 'needs_review', reason, {});
    const outboxId = await writeReply(trx, input.target, {
      kind: 'received_checking',
      body: forDealer + t.receivedChecking({ orderNo: orderLabel(saved.orderNo) }),
      orderId: saved.id,
      idempotencyKey: input.idempotencyKey,
    });
    return { orderId: saved.id, status: 'needs_review', outboxId };
  };

  if (!dealer || !credit)
    return review(`dealer ${input.dealerCode} is not on file`, 'unknown_dealer');
  if (wholeLines.length === 0 || wholeLines.length !== input.lines.length) {
    return review('a line has no whole quantity', 'fractional_quantity');
  }

  const decided = input.order === null ? null : await latestPriceDecision(trx, input.order.id);
  const standardOnly = decided?.status === 'rejected';
  const asked = wholeLines.map((l) =>
    standardOnly
      ? null
      : l.requestedPriceMinor !== undefined
        ? l.requestedPriceMinor
        : l.sourceText === null
          ? null
          : (detectPriceRequest(l.sourceText)?.priceMinor ?? null),
  );
  const approvedByLine = decided?.status === 'approved' ? approvedPrices(decided.data) : new Map();
  const priced = await priceLines(trx, {
    dealer: { code: dealer.code, region: dealer.region, priceList: dealer.price_list },
    lines: wholeLines.map((l, i) => {
      const approved = approvedByLine.get(i);
      return {
        sku: l.sku,
        qty: l.qty,
        requestedPriceMinor: asked[i] ?? null,
        approvedException:
          approved === undefined ? null : { id: decided!.id, priceMinor: approved },
      };
    }),
    at: input.now,
    ...(known === undefined ? {} : { rules: known.pricingRules }),
  });
  if (!priced.ok) {
    return review(`not sold any more: ${priced.unpriceable.join(', ')}`, 'unpriceable');
  }
  const items = await describeLines(trx, priced.lines, known?.products);
  const names = new Map(priced.lines.map((l, i) => [l.sku, items[i]?.name ?? l.sku]));
  const label = (orderNo: bigint) => orderLabel(orderNo);
  const prefix = forDealer + (input.replyPrefix === undefined ? '' : `${input.replyPrefix}\n\n`);

  if (priced.exceptions.length > 0) {
    const status: OrderStatus = 'held_price';
    const reason = `asked price below the allowed price on ${priced.exceptions.map((e) => e.sku).join(', ')}`;
    const saved = await saveOrder(trx, input, status, reason, [], wholeLines, priced);
    const data: JsonValue[] = priced.exceptions.map((e) => ({
      line_index: e.lineIndex,
      line_no: e.lineIndex + 1,
      sku: e.sku,
      requested: e.requestedPriceMinor.toString(),
      allowed: e.allowedPriceMinor.toString(),
      discount_bp: e.discountBp,
    }));
    const approvalId = await openApproval(trx, {
      orderId: saved.id,
      kind: 'price',
      data,
      requestedBy: input.actor,
    });
    await audit(trx, input, saved.id, status, reason, {
      total: priced.totalMinor.toString(),
      approval_id: approvalId,
      exceptions: data,
    });
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: saved.id,
        action: 'price_exception_requested',
        actor: input.actor,
        reason,
        data: { approval_id: approvalId, exceptions: data },
      },
    ]);
    const outboxId = await writeReply(trx, input.target, {
      kind: 'price_held',
      body:
        prefix +
        t.priceHeld({
          orderNo: label(saved.orderNo),
          lines: priced.exceptions.map((e) => ({
            name: names.get(e.sku) ?? e.sku,
            requestedMinor: e.requestedPriceMinor,
            allowedMinor: e.allowedPriceMinor,
          })),
        }),
      orderId: saved.id,
      idempotencyKey: input.idempotencyKey,
    });
    return { orderId: saved.id, status, outboxId };
  }

  const outcome = decideOutcome({
    credit: {
      limitMinor: effectiveLimit({
        limitMinor: credit.credit_limit_minor,
        tempLimitMinor: credit.temp_limit_minor,
        tempLimitExpiresAt: credit.temp_limit_expires_at,
        now: input.now,
      }),
      outstandingMinor: credit.outstanding_minor,
      openOrdersMinor: credit.open_orders_minor,
    },
    orderTotalMinor: priced.totalMinor,
    policy: credit.credit_policy,
    // a refused price exception: the dealer must accept the standard price first
    autoConfirm: credit.auto_confirm && !(standardOnly && input.order?.status === 'held_price'),
    oldestOverdueDays: credit.oldest_overdue_days,
    overdueDaysAllowed: credit.overdue_days,
    dealerConfirmed: input.dealerConfirmed,
    creditApproved: input.creditApprovalId !== undefined,
  });
  // A reorder is only shown: prices, credit and confirmation are settled again on the YES.
  const decision =
    input.askFirst === true && !input.dealerConfirmed
      ? { ...outcome, outcome: 'awaiting_confirmation' as const, reasons: [] }
      : outcome;
  const status: OrderStatus = decision.outcome;
  const statusReason = decision.reasons.map((r) => r.message).join('; ') || null;
  const saved = await saveOrder(trx, input, status, statusReason, [], wholeLines, priced);
  const orderNo = label(saved.orderNo);
  const holdReasons = decision.reasons.map((r): HoldReason => r.code);
  const pricing = await pricingFacts(trx, priced, names);
  let kind: string;
  let body: string;
  let approvalId: string | null = null;
  switch (decision.outcome) {
    case 'confirmed':
      // The exposure, and the ERP export owed from the moment of confirmation: one statement,
      // in the same transaction.
      await queueOrderExports(trx, saved.id, {
        dealerCode: input.dealerCode,
        deltaMinor: priced.totalMinor,
      });
      kind = 'confirmation';
      body = t.confirmation({
        orderNo,
        lines: items,
        totalMinor: priced.totalMinor,
        availableAfterMinor: decision.availableAfterMinor,
        pricing,
      });
      break;
    case 'awaiting_confirmation':
      if (input.target.conversationId !== null) {
        await setConversationPending(
          trx,
          input.target.conversationId,
          { kind: 'confirm_order', orderId: saved.id },
          new Date(input.now.getTime() + CONFIRM_WINDOW_MS),
        );
      }
      kind = 'awaiting_confirmation';
      body = t.awaitingConfirmation({
        orderNo,
        lines: items,
        totalMinor: priced.totalMinor,
        pricing,
      });
      break;
    case 'held_credit':
      kind = 'hold_notice';
      body = t.holdNotice(holdFacts(orderNo, priced.totalMinor, decision, holdReasons));
      approvalId = await openApproval(trx, {
        orderId: saved.id,
        kind: 'credit',
        data: creditData(priced.totalMinor, decision),
        requestedBy: input.actor,
      });
      break;
    case 'blocked':
      kind = 'blocked';
      body = t.blocked(holdFacts(orderNo, priced.totalMinor, decision, holdReasons));
      break;
    default: {
      const never: never = decision.outcome;
      throw new Error(`unhandled outcome ${String(never)}`);
    }
  }
  // the audit event (and the message's done mark, when asked) ride in the reply's statement
  const messageDone = known?.messageDone;
  const outboxId = await writeReply(
    trx,
    input.target,
    { kind, body: prefix + body, orderId: saved.id, idempotencyKey: input.idempotencyKey },
    {
      audit: [
        auditEvent(input, saved.id, status, statusReason, {
          ...creditData(priced.totalMinor, decision),
          exposure_after:
            status === 'confirmed'
              ? (decision.before.exposureMinor + priced.totalMinor).toString()
              : decision.before.exposureMinor.toString(),
          credit_approval_id: input.creditApprovalId ?? approvalId,
          schemes: priced.schemes.map((s) => s.id),
        }),
      ],
      ...(messageDone === undefined ? {} : { messageDone }),
    },
  );
  return {
    orderId: saved.id,
    status,
    outboxId,
    ...(messageDone === undefined ? {} : { messageDone: true as const }),
  };
}

function creditData(totalMinor: bigint, decision: ValidationOutcome): JsonObject {
  return {
    total: totalMinor.toString(),
    exposure_before: decision.before.exposureMinor.toString(),
    limit: decision.before.limitMinor === null ? null : decision.before.limitMinor.toString(),
    reasons: decision.reasons.map((r) => r.code),
  };
}

/** The latest decided price approval of an order, if any. */
/** Whether the message an order came from was sent by a sales rep. */
async function sentByRep(trx: Executor, inboundMessageId: string | null): Promise<boolean> {
  if (inboundMessageId === null) return false;
  const row = await trx
    .selectFrom('inbound_messages')
    .select('rep_code')
    .where('id', '=', inboundMessageId)
    .executeTakeFirst();
  return row?.rep_code != null;
}

async function latestPriceDecision(trx: Executor, orderId: string) {
  return trx
    .selectFrom('approvals')
    .select(['id', 'status', 'data'])
    .where('order_id', '=', orderId)
    .where('kind', '=', 'price')
    .where('status', 'in', ['approved', 'rejected'])
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** line index → approved unit price, from a price approval's data. */
function approvedPrices(data: JsonValue): Map<number, bigint> {
  const out = new Map<number, bigint>();
  if (!Array.isArray(data)) return out;
  for (const item of data) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const index = item['line_index'];
    const price = item['requested'];
    if (typeof index === 'number' && typeof price === 'string') out.set(index, BigInt(price));
  }
  return out;
}

/** Tax, savings and slab nudges of a priced order, as replies and the portal show them. */
export async function pricingFacts(
  trx: Executor,
  priced: Extract<PriceOrderResult, { ok: true }>,
  names: ReadonlyMap<string, string>,
): Promise<PricingFacts> {
  return {
    taxMinor: priced.taxMinor,
    savingsMinor: priced.savingsMinor,
    nudges: await nudgeFacts(
      trx,
      priced.nudges,
      names,
      priced.lines.map((l) => l.sku),
    ),
  };
}

async function nudgeFacts(
  trx: Executor,
  nudges: readonly SlabNudge[],
  names: ReadonlyMap<string, string>,
  orderedSkus: readonly string[],
): Promise<SlabNudgeFacts[]> {
  const out: SlabNudgeFacts[] = [];
  for (const n of nudges) {
    let unit = '';
    if (n.basis === 'qty' && n.target.kind === 'sku') {
      const p = await trx
        .selectFrom('products')
        .select('unit')
        .where('sku', '=', n.target.value)
        .executeTakeFirst();
      unit = p?.unit ?? '';
    } else if (n.basis === 'qty') {
      // "2 more bucket" when every ordered product of that brand/category sells by the bucket.
      const units = await trx
        .selectFrom('products')
        .select('unit')
        .distinct()
        .where(n.target.kind === 'brand' ? 'brand' : 'category', '=', n.target.value)
        .where('sku', 'in', orderedSkus.length > 0 ? [...orderedSkus] : [''])
        .execute();
      unit = units.length === 1 ? units[0]!.unit : 'units';
    }
    const pct = n.discountBp / 100;
    out.push({
      missingQty: n.basis === 'qty' ? Number(n.missing) : null,
      missingMinor: n.basis === 'amount' ? n.missing : null,
      unit,
      target:
        n.target.kind === 'sku' ? (names.get(n.target.value) ?? n.target.value) : n.target.value,
      discount: `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toString()}%`,
    });
  }
  return out;
}

function holdFacts(
  orderNo: string,
  totalMinor: bigint,
  decision: ValidationOutcome,
  reasons: HoldReason[],
) {
  return { orderNo, totalMinor, availableMinor: decision.before.availableMinor, reasons };
}

async function saveOrder(
  trx: Executor,
  input: SettleOrderInput,
  status: OrderStatus,
  statusReason: string | null,
  reviewReasons: JsonValue[],
  lines: SettleOrderInput['lines'],
  priced: Extract<PriceOrderResult, { ok: true }> | null,
): Promise<{ id: string; orderNo: bigint }> {
  const newLines: NewOrderLine[] = priced
    ? pricedOrderLines(priced, lines)
    : lines.map((l) => ({ sku: l.sku, qty: l.qty, sourceText: l.sourceText }));
  const totals = {
    subtotalMinor: priced?.subtotalMinor ?? 0n,
    totalMinor: priced?.totalMinor ?? 0n,
    discountMinor: priced?.savingsMinor ?? 0n,
    taxMinor: priced?.taxMinor ?? 0n,
  };
  if (input.order !== null) {
    assertTransition(input.order.status, status);
    await updateOrder(trx, input.order.id, {
      status,
      statusReason,
      reviewReasons,
      ...totals,
      confirmedAt: status === 'confirmed' ? input.now : null,
    });
    await replaceOrderLines(trx, input.order.id, newLines);
    return { id: input.order.id, orderNo: input.order.orderNo };
  }
  if (input.draft === undefined) throw new Error('settleOrder: neither an order nor a draft');
  const inserted = await insertOrder(trx, {
    dealerCode: input.dealerCode,
    repCode: input.draft.repCode,
    inboundMessageId: input.draft.inboundMessageId,
    draftNo: input.draft.draftNo,
    channel: input.draft.channel,
    status,
    statusReason,
    reviewReasons,
    ...totals,
    confirmedAt: status === 'confirmed' ? input.now : null,
    lines: newLines,
  });
  // the draft's row was checked for under the credit lock, so a conflict here is a bug
  if (inserted === null) throw new Error(`order for draft ${input.draft.draftNo} exists already`);
  return inserted;
}

/** Priced lines as order rows: free goods carry no source text. */
export function pricedOrderLines(
  priced: Extract<PriceOrderResult, { ok: true }>,
  lines: readonly { sourceText: string | null }[],
): NewOrderLine[] {
  return priced.lines.map((p, i) => ({
    sku: p.sku,
    qty: p.qty,
    sourceText: p.free ? null : (lines[i]?.sourceText ?? null),
    priced: {
      listPriceMinor: p.listPriceMinor,
      unitPriceMinor: p.unitPriceMinor,
      lineTotalMinor: p.lineTotalMinor,
      explanation: p.explanation as unknown as JsonValue[],
      discountMinor: p.discountMinor,
      taxRateBp: p.taxRateBp,
      taxMinor: p.taxMinor,
      requestedPriceMinor: p.requestedPriceMinor,
      free: p.free,
    },
  }));
}

async function audit(
  trx: Executor,
  input: SettleOrderInput,
  orderId: string,
  to: OrderStatus,
  reason: string | null,
  data: JsonObject,
): Promise<void> {
  await recordAuditEvents(trx, [auditEvent(input, orderId, to, reason, data)]);
}

function auditEvent(
  input: SettleOrderInput,
  orderId: string,
  to: OrderStatus,
  reason: string | null,
  data: JsonObject,
): AuditEventInput {
  return {
    entityType: 'order',
    entityId: orderId,
    action: input.order === null ? 'created' : 'status_changed',
    actor: input.actor,
    reason,
    data: { from: input.order?.status ?? null, to, ...data },
  };
}

/** Priced lines with product names and units, as replies and the portal show them. */
export async function describeLines(
  trx: Executor,
  lines: PricedLine[],
  /** Products known already (a cached catalog): read only when a line's product is not in it. */
  known?: ReadonlyMap<string, { name: string; unit: string }>,
): Promise<ReplyLine[]> {
  const bySku =
    known !== undefined && lines.every((l) => known.has(l.sku))
      ? known
      : new Map(
          (
            await trx
              .selectFrom('products')
              .select(['sku', 'name', 'unit'])
              .where(
                'sku',
                'in',
                lines.map((l) => l.sku),
              )
              .execute()
          ).map((p) => [p.sku, p]),
        );
  return lines.map((l) => ({
    name: bySku.get(l.sku)?.name ?? l.sku,
    unit: bySku.get(l.sku)?.unit ?? '',
    qty: l.qty,
    unitPriceMinor: l.unitPriceMinor,
    lineTotalMinor: l.lineTotalMinor,
    ...(l.free ? { free: true } : {}),
  }));
}
