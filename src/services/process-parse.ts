/**
 * parse: read a stored message and decide what it is.
 *
 * - Text that cannot be an order (empty, binary) fails with a clear reason
 *   and a reply; text cut at the storage cap goes to review.
 * - A pending question in the conversation is answered first: a number picks
 *   a clarifying choice, YES confirms the order waiting for it (or the
 *   cancel asked about), NO withdraws.
 * - Otherwise the parser decides the intent: an order the parser is sure of
 *   is priced and settled here (validate-order's settleDrafts, in this same
 *   transaction: one job, not two; one for several dealers goes on to
 *   `validate`); an order with one unclear product gets a numbered
 *   question; any other doubt goes to review with a "received, checking"
 *   reply; status, balance and cancel are answered here.
 *
 * The parser runs outside the transaction (it is CPU work); everything the
 * message changes is written in one transaction with the message row locked,
 * so a job delivered twice settles the message once.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  compileCatalog,
  compileDirectory,
  parseMessage,
  type CatalogItem,
  type ParseResult,
  type RepEntry,
  type ReviewReason,
  withRecognitionConfidence,
} from '../../parsers/index.js';
import { normalizePhone } from '../../parsers/dealer/compile-directory.js';
import { templatesFor, type ReplyTemplates, type UnreadableReason } from '../../templates/index.js';
import { AppError } from '../domain/app-error.js';
import { formatSize } from '../domain/files/file-policy.js';
import { triageFiles, unsureWords, type FileTriage } from './files/file-triage.js';
import { computeCreditPosition, effectiveLimit } from '../domain/credit.js';
import { isAffirmative, isNegative, readChoice } from '../domain/dealer-reply.js';
import { MAX_STORED_TEXT_BYTES } from '../domain/inbound-text.js';
import {
  CONFIRMED_OR_LATER,
  DEALER_CANCELLABLE_STATUSES,
  ORDER_STATUSES,
} from '../domain/order-status.js';
import type {
  Channel,
  Conversation,
  DB,
  InboundMessage,
  InboundStatus,
  JsonObject,
  JsonValue,
  Rollout,
} from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import type { RunTransaction } from '../db/pipeline/transaction-batcher.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import {
  setConversationPending,
  upsertConversation,
} from '../repositories/conversation.repository.js';
import { findDealerCredit, lockDealerCredit } from '../repositories/credit.repository.js';
import {
  claimParseAttempt,
  findInboundMessage,
  lockInboundMessageWithDealer,
  markInboundDone,
  updateInboundMessage,
} from '../repositories/inbound-message.repository.js';
import {
  findLatestOrderInStatus,
  findOrder,
  insertOrder,
  lockOrder,
  replaceOrderLines,
  updateOrder,
} from '../repositories/order.repository.js';
import { cancelOrderInTransaction } from './cancel-order.js';
import type { ParserInputs, ParserInputsCache, ParseSnapshot } from './parser-inputs.js';
import { orderHistory, orderStatusSummaries } from './order-status-answer.js';
import { asksForStatement } from './statement-request.js';
import { sendPortalLink } from './portal/send-portal-link.js';
import { readDealerRequest, type DealerRequest } from './self-service/dealer-requests.js';
import { readAmendCue } from './self-service/amend-cue.js';
import { amendOrder } from './self-service/amend-order.js';
import { languageOfScript, replyLanguage } from './reply-language.js';
import {
  listOpenInvoices,
  listStatementEntries,
} from '../repositories/read-models/dealer-statement.read-model.js';
import { orderLabel, writeReply, type ReplyTarget } from './reply-target.js';
import { settleDrafts, settleLinesOf, settleOrder, type SettleDealer } from './validate-order.js';
import { loadPricingRules, pricingDay, type PricingRules } from './price-lines.js';

export interface ProcessParseDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
  parserInputs: ParserInputsCache;
  /** The portal's public address, for sign-in links asked for in chat. Default `http://localhost:3000`. */
  publicUrl?: string;
  /** Default: the wall clock. */
  now?: () => Date;
  /**
   * Runs the message's transaction. Default: a transaction of its own. The parse worker shares
   * one among concurrent messages (src/db/pipeline/transaction-batcher.ts).
   */
  transactions?: RunTransaction;
  /** Runs the attempt claim, outside the transaction. Default `db`. */
  autocommit?: Executor;
}

export interface ProcessParseInput {
  messageId: string;
}

export interface ProcessParseResult {
  /** The message's status afterwards; `skipped` when it was not waiting to be parsed. */
  outcome: InboundStatus | 'skipped';
  /** Why it failed or waits for review. */
  reason: string | null;
}

/** A message picked up this many times without settling is failed (a poison message). */
export const MAX_PARSE_ATTEMPTS = 10;
/** How a parked poison message's reason starts: the review queue lists these for a person. */
export const PARKED = 'parked: gave up after';
/** How long a clarifying or cancel question waits for its answer. */
export const QUESTION_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How many orders a status reply lists. */
export const STATUS_ORDERS = 5;
/** Unpaid invoices a balance reply lists; the rest are counted. */
const DUE_INVOICES_SHOWN = 5;
/** Ledger entries a statement reply lists. */
const STATEMENT_ENTRIES = 10;
/** How many choices a clarifying question offers at most. */
export const MAX_CHOICES = 5;

const pendingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clarify'),
    orderId: z.string(),
    questions: z.array(
      z.object({
        source: z.string(),
        choices: z.array(z.object({ sku: z.string(), name: z.string() })),
      }),
    ),
  }),
  z.object({ kind: z.literal('confirm_order'), orderId: z.string() }),
  z.object({ kind: z.literal('cancel'), orderId: z.string() }),
]);
type Pending = z.infer<typeof pendingSchema>;
type ClarifyPending = Extract<Pending, { kind: 'clarify' }>;

interface Sender {
  dealerCode: string | null;
  repCode: string | null;
  /** A transcript or web chat filed for a dealer code that is not on file. */
  unknownCode: string | null;
  /** A phone or email several dealers share: known, but it names none of them. */
  shared?: boolean;
}

interface Ctx {
  trx: Executor;
  message: InboundMessage;
  conversation: Conversation;
  sender: Sender;
  dealer: SettleDealer | null;
  target: ReplyTarget;
  t: ReplyTemplates;
  now: Date;
  inputs: ParserInputs | null;
  /** The cached reads of this job. */
  cached: ParseSnapshot;
  /**
   * The day's slabs and schemes for a sure order, read through the cache before the transaction
   * began: a read through the pool from inside it could wait for a connection that every job in
   * a transaction holds (a fresh process, a new day), and none would ever finish.
   */
  pricingRules: PricingRules | null;
  outboxIds: string[];
  /** Settled by the validate job (a message for several dealers), not here. */
  validate: boolean;
  /** The dealer is in pilot on this channel: every order waits for a person. */
  pilot: boolean;
  /** The language replies are written in. */
  language: string;
  publicUrl: string;
}

export async function processParse(
  deps: ProcessParseDeps,
  input: ProcessParseInput,
): Promise<ProcessParseResult> {
  const claimed = await claimParseAttempt(deps.autocommit ?? deps.db, input.messageId);
  if (!claimed) {
    if (!(await findInboundMessage(deps.db, input.messageId))) {
      throw new AppError('NOT_FOUND', `message ${input.messageId} does not exist`);
    }
    return { outcome: 'skipped', reason: null };
  }
  const { message } = claimed;
  const now = deps.now?.() ?? new Date();
  const attempts = message.attempts;
  const flags = new Set(message.text_flags);
  let inputs: ParserInputs | null = null;
  let parse: ParseResult | null = null;
  let parserFault: string | null = null;
  const unreadable: UnreadableReason | null = flags.has('empty')
    ? 'empty'
    : flags.has('binary')
      ? 'binary'
      : flags.has('truncated')
        ? 'too_long'
        : null;

  const cached = await deps.parserInputs.snapshot(deps.db, claimed.versions);
  inputs = cached.inputs;
  const sender = identifySender(message, inputs);
  if (attempts <= MAX_PARSE_ATTEMPTS && unreadable === null && sender.unknownCode === null) {
    // Phrases reviewers taught for this dealer (and for everyone) settle a product.
    const learnedAliases = cached.learnedAliases(sender.dealerCode);
    try {
      parse = parseMessage({
        catalog: inputs.catalog,
        directory: inputs.directory,
        message: {
          id: message.id,
          channel: message.channel,
          from: message.sender,
          subject: message.subject,
          text: message.text,
          received_at: message.received_at.toISOString(),
        },
        knownDealer:
          message.channel === 'webchat' || message.channel === 'transcript'
            ? sender.dealerCode
            : undefined,
        learnedAliases,
      });
      // Text read from a photo: an unsure word the draft relies on keeps it for a person.
      const unsure = unsureWords(message.attachments);
      if (unsure.length > 0) parse = withRecognitionConfidence(parse, unsure);
    } catch (error) {
      // A parser bug must not lose the message: it goes to a person.
      parserFault = error instanceof Error ? error.message : String(error);
    }
  }

  // An order the parser may settle here prices with the day's rules: read (or cached) now,
  // outside the transaction.
  const pricingRules =
    parse !== null && !parse.needs_review && parse.orders.length > 0
      ? await cached.pricingRules(now)
      : null;

  const runTransaction: RunTransaction =
    deps.transactions ?? ((_keys, body) => inTransaction(deps.db, body));
  const result = await runTransaction(
    transactionKeys(message, sender, parse),
    async (trx): Promise<{ res: ProcessParseResult; ctx: Ctx | null }> => {
      // the message locked and the sender's dealer row read in one statement
      const lockedWith = await lockInboundMessageWithDealer(trx, message.id, sender.dealerCode);
      const locked = lockedWith?.message;
      if (!locked || locked.status !== 'received')
        return { res: { outcome: 'skipped', reason: null }, ctx: null };
      const dealerRow = lockedWith?.dealer ?? undefined;
      // the conversation, and the message's conversation, dealer, rep and parse: one statement
      const conversation = await upsertConversation(
        trx,
        {
          channel: message.channel,
          sender: message.sender,
          dealerCode: dealerRow?.code ?? null,
          // The script this message is written in; too few letters to tell, or a bare YES/NO
          // ("haan", "ok"), keeps the last one.
          language:
            isAffirmative(message.text) || isNegative(message.text)
              ? null
              : languageOfScript(message.text),
          lastInboundAt: message.received_at,
        },
        {
          messageId: message.id,
          dealerCode: dealerRow?.code ?? null,
          repCode: sender.repCode,
          ...(parse === null ? {} : { parseResult: parse as unknown as JsonValue }),
        },
      );
      const ctx: Ctx = {
        trx,
        message: locked,
        conversation,
        sender,
        dealer: dealerRow ?? null,
        target: {
          channel: message.channel,
          recipient: message.sender,
          conversationId: conversation.id,
          inboundMessageId: message.id,
        },
        t: templatesFor(replyLanguage(dealerRow?.language, conversation.language)),
        language: replyLanguage(dealerRow?.language, conversation.language),
        publicUrl: deps.publicUrl ?? 'http://localhost:3000',
        now,
        inputs,
        cached,
        pricingRules,
        outboxIds: [],
        validate: false,
        pilot: false,
      };

      if (attempts > MAX_PARSE_ATTEMPTS) {
        return { res: await finish(ctx, 'failed', `${PARKED} ${attempts - 1} attempts`), ctx };
      }
      const files = triageFiles(locked);
      if (files !== null) return { res: await answerFiles(ctx, files), ctx };
      if (unreadable !== null) return { res: await answerUnreadable(ctx, unreadable), ctx };
      if (sender.unknownCode !== null) {
        await reply(
          ctx,
          'unknown_dealer_code',
          ctx.t.unknownDealerCode({ code: sender.unknownCode }),
        );
        return {
          res: await finish(
            ctx,
            'needs_review',
            `dealer code ${sender.unknownCode} is not on file`,
          ),
          ctx,
        };
      }
      // A dealer switched off (paused, left, in dispute, or not rolled out on this channel):
      // a person answers, nothing is priced.
      const rollout =
        dealerRow === undefined ? 'on' : rolloutOf(cached, dealerRow, message.channel);
      if (dealerRow !== undefined && (!dealerRow.active || rollout === 'off')) {
        await reply(ctx, 'dealer_inactive', ctx.t.dealerInactive());
        const why = dealerRow.active
          ? `dealer ${dealerRow.code} is off on ${message.channel}`
          : `dealer ${dealerRow.code} is inactive`;
        return { res: await finish(ctx, 'needs_review', why), ctx };
      }
      ctx.pilot = rollout === 'pilot';
      if (parse === null) {
        await reply(ctx, 'received_checking', ctx.t.receivedChecking({ orderNo: null }));
        return {
          res: await finish(ctx, 'needs_review', `the parser failed: ${parserFault ?? 'unknown'}`),
          ctx,
        };
      }
      // A held message (e.g. an email failing DMARC) may not say YES or pick a choice for the dealer.
      if (ctx.dealer !== null && locked.review_hold === null) {
        const answered = await answerPending(ctx);
        if (answered) return { res: answered, ctx };
      }
      return { res: await route(ctx, parse), ctx };
    },
  );

  if (result.ctx?.validate) await deps.jobs.enqueue('validate', [{ messageId: message.id }]);
  if (result.ctx && result.ctx.outboxIds.length > 0) {
    await deps.jobs.enqueue(
      'notify',
      result.ctx.outboxIds.map((outboxId) => ({ outboxId })),
    );
  }
  return result.res;
}

/**
 * What the message's transaction may write, for a batch shared with other messages: the message,
 * its conversation, and the credit and orders of its dealer and of every dealer its drafts name.
 */
function transactionKeys(
  message: InboundMessage,
  sender: Sender,
  parse: ParseResult | null,
): string[] {
  const dealers = [sender.dealerCode, ...(parse?.orders ?? []).map((o) => o.dealer)];
  return [
    `message:${message.id}`,
    `conversation:${message.channel}:${message.sender}`,
    ...dealers.flatMap((code) => (code === null ? [] : [`dealer:${code}`])),
  ];
}

/** The dealer's rollout on this channel: the channel's own setting, else the dealer's. */
function rolloutOf(
  cached: ParseSnapshot,
  dealer: { code: string; rollout: Rollout },
  channel: Channel,
): Rollout {
  // The dealer's own setting for this channel wins; else the stricter of the dealer's and the
  // channel's (email in pilot for everyone keeps a dealer who is "on" in pilot there).
  return (
    cached.dealerRollout(dealer.code, channel) ??
    stricterRollout(dealer.rollout, cached.channelRollout(channel) ?? 'on')
  );
}

const STRICTNESS: Record<Rollout, number> = { on: 0, pilot: 1, off: 2 };
export function stricterRollout(a: Rollout, b: Rollout): Rollout {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

function identifySender(message: InboundMessage, inputs: ParserInputs): Sender {
  if (message.channel === 'webchat' || message.channel === 'transcript') {
    return message.dealer_code !== null
      ? { dealerCode: message.dealer_code, repCode: null, unknownCode: null }
      : { dealerCode: null, repCode: null, unknownCode: message.sender };
  }
  const dir = inputs.directory;
  if (message.channel === 'email') {
    const email = message.sender.trim().toLowerCase();
    return {
      dealerCode: dir.byEmail.get(email)?.code ?? null,
      ...repOrShared(dir.repByEmail.get(email)),
      unknownCode: null,
    };
  }
  const phone = normalizePhone(message.sender, dir.defaultRegion) ?? message.sender;
  return {
    dealerCode: dir.byPhone.get(phone)?.code ?? null,
    ...repOrShared(dir.repByPhone.get(phone)),
    unknownCode: null,
  };
}

/** A rep's code; for a contact several dealers share, no rep but a known sender. */
function repOrShared(rep: RepEntry | undefined): { repCode: string | null; shared: boolean } {
  return { repCode: rep && !rep.shared ? rep.code : null, shared: rep?.shared === true };
}

async function reply(
  ctx: Ctx,
  kind: string,
  body: string,
  orderId: string | null = null,
): Promise<void> {
  const id = await writeReply(ctx.trx, ctx.target, {
    kind,
    body,
    orderId,
    idempotencyKey: `reply:${ctx.message.id}`,
  });
  if (id !== null) ctx.outboxIds.push(id);
}

async function finish(
  ctx: Ctx,
  status: InboundStatus,
  reason: string | null,
): Promise<ProcessParseResult> {
  await updateInboundMessage(ctx.trx, ctx.message.id, { status, error: reason });
  if (status === 'failed' || status === 'needs_review') {
    await recordAuditEvents(ctx.trx, [
      {
        entityType: 'inbound_message',
        entityId: ctx.message.id,
        action: status,
        actor: 'worker:parse',
        reason,
      },
    ]);
  }
  return { outcome: status, reason };
}

async function answerUnreadable(ctx: Ctx, why: UnreadableReason): Promise<ProcessParseResult> {
  await reply(ctx, 'unreadable', ctx.t.unreadable({ reason: why }));
  switch (why) {
    case 'empty':
      return finish(ctx, 'failed', 'the message has no text');
    case 'binary':
      return finish(ctx, 'failed', 'the text looks like binary data, not a message');
    case 'too_long':
      return finish(
        ctx,
        'needs_review',
        `the message was ${ctx.message.original_bytes ?? '?'} bytes; only the first ${MAX_STORED_TEXT_BYTES} were kept — a person should read it`,
      );
  }
}

/** A refused file is answered with why; a message whose files said nothing waits for a person. */
async function answerFiles(ctx: Ctx, files: FileTriage): Promise<ProcessParseResult> {
  if (files.kind === 'refused') {
    await reply(
      ctx,
      'file_refused',
      ctx.t.fileRefused({
        reason: files.refusal,
        size: files.size === null ? null : formatSize(files.size),
        limit: files.limit === null ? null : formatSize(files.limit),
      }),
    );
  } else {
    await reply(ctx, 'file_for_team', ctx.t.fileForTeam({ voice: files.voice }));
  }
  return finish(ctx, 'needs_review', files.reason);
}

// ---------------------------------------------------------------- pending answers

async function answerPending(ctx: Ctx): Promise<ProcessParseResult | null> {
  const dealer = ctx.dealer!;
  const text = ctx.message.text;
  const parsed = pendingSchema.safeParse(ctx.conversation.pending);
  const expired =
    ctx.conversation.pending_expires_at !== null &&
    ctx.conversation.pending_expires_at.getTime() < ctx.now.getTime();
  const pending = parsed.success && !expired ? parsed.data : null;

  if (pending?.kind === 'clarify') {
    const choice = readChoice(text, pending.questions[0]?.choices.length ?? 0);
    if (choice !== null) return resolveClarification(ctx, pending, choice);
    return null;
  }
  if (pending?.kind === 'confirm_order' || (pending === null && isAffirmative(text))) {
    const orderId =
      pending?.orderId ??
      (await findLatestOrderInStatus(ctx.trx, dealer.code, ['awaiting_confirmation']))?.id;
    if (orderId === undefined) return null;
    if (isAffirmative(text)) return confirmAwaiting(ctx, orderId);
    if (isNegative(text)) {
      await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
      const res = await cancelOrderInTransaction(ctx.trx, {
        orderId,
        actor: 'dealer',
        reason: 'the dealer said no to the order',
      });
      await reply(
        ctx,
        'order_dropped',
        ctx.t.orderDropped({ orderNo: orderLabel(res.orderNo) }),
        orderId,
      );
      return finish(ctx, 'done', null);
    }
    return null;
  }
  if (pending?.kind === 'cancel') {
    if (isAffirmative(text)) {
      await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
      const res = await cancelOrderInTransaction(ctx.trx, {
        orderId: pending.orderId,
        actor: 'dealer',
        reason: 'cancelled by the dealer',
      });
      if (res.cancelled) {
        await reply(
          ctx,
          'cancelled',
          ctx.t.cancelled({ orderNo: orderLabel(res.orderNo) }),
          pending.orderId,
        );
      } else {
        await reply(ctx, 'nothing_to_cancel', ctx.t.nothingToCancel(), pending.orderId);
      }
      return finish(ctx, 'done', null);
    }
    if (isNegative(text)) {
      await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
      const order = await findOrder(ctx.trx, pending.orderId);
      await reply(
        ctx,
        'cancel_kept',
        ctx.t.cancelKept({ orderNo: orderLabel(order?.order_no ?? 0n) }),
        pending.orderId,
      );
      return finish(ctx, 'done', null);
    }
  }
  return null;
}

async function confirmAwaiting(ctx: Ctx, orderId: string): Promise<ProcessParseResult | null> {
  const dealer = ctx.dealer!;
  const credit = await lockDealerCredit(ctx.trx, dealer.code);
  const order = await lockOrder(ctx.trx, orderId);
  await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
  if (!order || order.status !== 'awaiting_confirmation' || order.dealer_code !== dealer.code) {
    return null;
  }
  const full = await findOrder(ctx.trx, orderId);
  const settled = await settleOrder(ctx.trx, {
    dealerCode: dealer.code,
    order: { id: order.id, orderNo: order.order_no, status: order.status },
    // free goods are recomputed by pricing
    lines: (full?.lines ?? [])
      .filter((l) => !l.free)
      .map((l) => ({ sku: l.sku, qty: l.qty, sourceText: l.source_text })),
    dealerConfirmed: true,
    target: ctx.target,
    idempotencyKey: `reply:${ctx.message.id}`,
    actor: 'dealer',
    now: ctx.now,
    ...(credit ? { lockedCredit: credit } : {}),
  });
  if (settled.outboxId !== null) ctx.outboxIds.push(settled.outboxId);
  return finish(ctx, 'done', null);
}

async function resolveClarification(
  ctx: Ctx,
  pending: ClarifyPending,
  choice: number,
): Promise<ProcessParseResult | null> {
  const dealer = ctx.dealer!;
  const [question, ...rest] = pending.questions;
  const chosen = question?.choices[choice - 1];
  if (!question || !chosen) return null;
  const credit = await lockDealerCredit(ctx.trx, dealer.code);
  const order = await lockOrder(ctx.trx, pending.orderId);
  if (!order || order.status !== 'needs_review' || order.dealer_code !== dealer.code) {
    await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
    if (!order || order.dealer_code !== dealer.code) return null;
    // Our team settled the draft before the dealer answered: say so, instead of a generic reply.
    await reply(
      ctx,
      'already_handled',
      ctx.t.alreadyHandled({ orderNo: orderLabel(order.order_no), status: order.status }),
      order.id,
    );
    return finish(ctx, 'done', null);
  }
  const full = await findOrder(ctx.trx, order.id);
  const qty = quantityFor(question.source, ctx.inputs?.items.get(chosen.sku), dealer.code);
  // The parser's guess for the mention (a line with the question's source) gives way to the choice.
  const lines = [
    ...(full?.lines ?? [])
      .filter((l) => l.source_text !== question.source)
      .map((l) => ({ sku: l.sku, qty: l.qty, sourceText: l.source_text })),
    { sku: chosen.sku, qty, sourceText: question.source },
  ];
  await recordAuditEvents(ctx.trx, [
    {
      entityType: 'order',
      entityId: order.id,
      action: 'line_resolved',
      actor: 'dealer',
      reason: `the dealer chose ${choice}) ${chosen.name} for "${question.source}"`,
      data: { sku: chosen.sku, qty },
    },
  ]);
  const next = rest[0];
  if (next) {
    await replaceOrderLines(ctx.trx, order.id, lines);
    await setConversationPending(
      ctx.trx,
      ctx.conversation.id,
      { ...pending, questions: rest } as unknown as JsonObject,
      new Date(ctx.now.getTime() + QUESTION_WINDOW_MS),
    );
    await reply(
      ctx,
      'clarify',
      ctx.t.clarify({ mention: next.source, choices: next.choices.map((c) => c.name) }),
      order.id,
    );
    return finish(ctx, 'done', null);
  }
  await setConversationPending(ctx.trx, ctx.conversation.id, null, null);
  const remaining = reasonsOf(order.review_reasons).filter((r) => !isClarifiable(r));
  if (remaining.length > 0) {
    await replaceOrderLines(ctx.trx, order.id, lines);
    await updateOrder(ctx.trx, order.id, { reviewReasons: remaining as unknown as JsonValue[] });
    await reply(
      ctx,
      'received_checking',
      ctx.t.receivedChecking({ orderNo: orderLabel(order.order_no) }),
      order.id,
    );
    return finish(ctx, 'done', null);
  }
  const settled = await settleOrder(ctx.trx, {
    dealerCode: dealer.code,
    order: { id: order.id, orderNo: order.order_no, status: order.status },
    lines,
    dealerConfirmed: false,
    target: ctx.target,
    idempotencyKey: `reply:${ctx.message.id}`,
    actor: 'dealer',
    now: ctx.now,
    ...(credit ? { lockedCredit: credit } : {}),
  });
  if (settled.outboxId !== null) ctx.outboxIds.push(settled.outboxId);
  // the message the order came from is settled now too
  if (order.inbound_message_id !== null) {
    await markInboundDone(ctx.trx, order.inbound_message_id, 'needs_review');
  }
  return finish(ctx, 'done', null);
}

/** The quantity a mention asks for of the chosen product: the parser reads it against that product alone. */
function quantityFor(source: string, item: CatalogItem | undefined, dealerCode: string): number {
  if (item) {
    const parsed = parseMessage({
      catalog: compileCatalog([item]),
      directory: compileDirectory({ dealers: [], reps: [] }),
      message: { id: 'clarify', channel: 'webchat', from: dealerCode, text: source },
      knownDealer: dealerCode,
    });
    const qty = parsed.orders[0]?.lines[0]?.qty;
    if (qty !== undefined && Number.isInteger(qty) && qty > 0) return qty;
  }
  const n = /\d+/.exec(source);
  return n ? Math.max(1, Number(n[0])) : 1;
}

// ---------------------------------------------------------------- intents

async function route(ctx: Ctx, parse: ParseResult): Promise<ProcessParseResult> {
  const intent = parse.intent;
  if (ctx.dealer === null && intent !== 'order') {
    if (ctx.sender.repCode !== null) {
      await reply(ctx, 'other', ctx.t.other());
      return finish(ctx, 'done', null);
    }
    await reply(ctx, 'unknown_sender', ctx.t.unknownSender());
    return finish(ctx, 'needs_review', 'the sender is not on file');
  }
  // A plain request about the dealer's own account ("portal link", "same as last time",
  // "credit limit?", "my last 5 orders"), read as an order or not but naming no product.
  const namesProducts = parse.orders.some((o) => o.lines.length > 0);
  const request =
    namesProducts || ctx.dealer === null || intent === 'cancel'
      ? null
      : readDealerRequest(ctx.message.text);
  if (request !== null) return answerRequest(ctx, request);
  // "add 2 more X to my last order", "remove Y from my last order" (which may read as a cancel)
  if (intent !== 'order_status' && intent !== 'balance') {
    const amended = await answerAmendment(ctx);
    if (amended !== null) return amended;
  }
  // A return, a complaint or a question the review policy would not answer alone ("we got X
  // instead of Y", a balance asked beside a status): a person reads it before anyone replies.
  if (intent !== 'order' && parse.needs_review) {
    await reply(ctx, 'received_for_team', ctx.t.receivedForTeam());
    const why = parse.reasons.map((r) => r.message).join(' ') || 'the parser is not sure';
    return finish(ctx, 'needs_review', why);
  }
  switch (intent) {
    case 'order':
      return routeOrder(ctx, parse);
    case 'order_status': {
      const orders = await orderStatusSummaries(
        ctx.trx,
        ctx.dealer!.code,
        ctx.message.text,
        STATUS_ORDERS,
        ctx.now,
      );
      await reply(ctx, 'status', ctx.t.status({ orders }));
      return finish(ctx, 'done', null);
    }
    case 'balance':
      return answerBalance(ctx);
    case 'cancel': {
      const order = await findLatestOrderInStatus(
        ctx.trx,
        ctx.dealer!.code,
        DEALER_CANCELLABLE_STATUSES,
      );
      if (!order) {
        await reply(ctx, 'nothing_to_cancel', ctx.t.nothingToCancel());
        return finish(ctx, 'done', null);
      }
      await setConversationPending(
        ctx.trx,
        ctx.conversation.id,
        { kind: 'cancel', orderId: order.id },
        new Date(ctx.now.getTime() + QUESTION_WINDOW_MS),
      );
      await reply(
        ctx,
        'cancel_confirm',
        ctx.t.cancelConfirm({
          orderNo: orderLabel(order.order_no),
          totalMinor: order.total_minor,
          status: order.status,
        }),
        order.id,
      );
      return finish(ctx, 'done', null);
    }
    case 'other':
      await reply(ctx, 'other', ctx.t.other());
      return finish(ctx, 'done', null);
    default: {
      const never: never = intent;
      throw new Error(`unhandled intent ${String(never)}`);
    }
  }
}

/** Balance, limit and unpaid invoices; with "statement"/"ledger"/"khata" the latest entries too. */
async function answerBalance(ctx: Ctx): Promise<ProcessParseResult> {
  const credit = await findDealerCredit(ctx.trx, ctx.dealer!.code);
  const position = computeCreditPosition({
    limitMinor: credit
      ? effectiveLimit({
          limitMinor: credit.credit_limit_minor,
          tempLimitMinor: credit.temp_limit_minor,
          tempLimitExpiresAt: credit.temp_limit_expires_at,
          now: ctx.now,
        })
      : null,
    outstandingMinor: credit?.outstanding_minor ?? 0n,
    openOrdersMinor: credit?.open_orders_minor ?? 0n,
  });
  const open = await listOpenInvoices(ctx.trx, ctx.dealer!.code, ctx.now);
  const balance = ctx.t.balance({
    outstandingMinor: position.outstandingMinor,
    openOrdersMinor: position.openOrdersMinor,
    limitMinor: position.limitMinor,
    availableMinor: position.availableMinor,
    due: open.slice(0, DUE_INVOICES_SHOWN),
    moreDue: Math.max(0, open.length - DUE_INVOICES_SHOWN),
  });
  const statement = asksForStatement(ctx.message.text)
    ? ctx.t.statement({
        lines: await listStatementEntries(ctx.trx, ctx.dealer!.code, STATEMENT_ENTRIES),
        // An email reply carries the whole statement as a CSV file (the email sender adds it).
        attached: ctx.message.channel === 'email',
      })
    : null;
  await reply(
    ctx,
    statement === null ? 'balance' : 'statement',
    statement === null ? balance : `${balance}\n\n${statement}`,
  );
  return finish(ctx, 'done', null);
}

async function answerRequest(ctx: Ctx, request: DealerRequest): Promise<ProcessParseResult> {
  const dealer = ctx.dealer!;
  switch (request.kind) {
    case 'portal_link': {
      // The sign-in link goes back on this conversation: the dealer's own channel.
      const sent = await sendPortalLink(ctx.trx, {
        dealerCode: dealer.code,
        requestedBy: `dealer:${ctx.message.channel}`,
        publicUrl: ctx.publicUrl,
        now: ctx.now,
        target: ctx.target,
        language: ctx.language,
      });
      if ('outboxId' in sent && sent.outboxId !== null) ctx.outboxIds.push(sent.outboxId);
      return finish(ctx, 'done', null);
    }
    case 'credit_limit':
      return answerBalance(ctx);
    case 'history': {
      const history = await orderHistory(ctx.trx, dealer.code, {
        period: request.period,
        count: request.period === 'recent' ? request.count : Math.max(request.count, 10),
        now: ctx.now,
      });
      await reply(ctx, 'history', ctx.t.history({ period: request.period, ...history }));
      return finish(ctx, 'done', null);
    }
    case 'reorder':
      return answerReorder(ctx);
  }
}

/**
 * "same as last time": the dealer's latest order that went through, priced today and shown
 * for YES (never confirmed on its own); the YES prices and checks credit again.
 */
async function answerReorder(ctx: Ctx): Promise<ProcessParseResult> {
  const dealer = ctx.dealer!;
  const last = await findLatestOrderInStatus(ctx.trx, dealer.code, CONFIRMED_OR_LATER);
  const lines = last ? await settleLinesOf(ctx.trx, last.id) : [];
  if (!last || lines.length === 0) {
    await reply(ctx, 'no_previous_order', ctx.t.noPreviousOrder());
    return finish(ctx, 'done', null);
  }
  const settled = await settleOrder(ctx.trx, {
    dealerCode: dealer.code,
    order: null,
    draft: {
      inboundMessageId: ctx.message.id,
      draftNo: 1,
      channel: ctx.message.channel,
      repCode: ctx.sender.repCode,
    },
    // asked prices of the old order are not asked again
    lines: lines.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      sourceText: null,
      requestedPriceMinor: null,
    })),
    dealerConfirmed: false,
    askFirst: true,
    target: ctx.target,
    idempotencyKey: `reply:${ctx.message.id}`,
    actor: 'dealer',
    now: ctx.now,
    replyPrefix: ctx.t.reorderIntro({ fromOrderNo: orderLabel(last.order_no) }),
  });
  if (settled.outboxId !== null) ctx.outboxIds.push(settled.outboxId);
  return finish(ctx, settled.status === 'needs_review' ? 'needs_review' : 'done', null);
}

/**
 * "add 2 more X to my last order", "remove Y from my last order", "make Z 10 in my last order":
 * the change goes into that order (src/services/self-service/amend-order.ts). Lines to add must,
 * without the words that point at the order, pass the review policy on their own; a line to
 * remove or set must be singled out by its product's words. null: route the message as usual.
 */
async function answerAmendment(ctx: Ctx): Promise<ProcessParseResult | null> {
  const dealer = ctx.dealer;
  if (dealer === null || ctx.inputs === null || ctx.message.review_hold !== null || ctx.pilot) {
    return null;
  }
  const cue = readAmendCue(ctx.message.text);
  if (cue === null) return null;
  const change = cue.kind === 'add' ? readAddedLines(ctx, dealer.code, cue.rest) : cue;
  if (change === null) return null;
  const order =
    cue.orderNo === null
      ? // "my last order" is the latest one that stands, whatever its state
        await findLatestOrderInStatus(
          ctx.trx,
          dealer.code,
          ORDER_STATUSES.filter((s) => s !== 'rejected' && s !== 'cancelled'),
        )
      : await ctx.trx
          .selectFrom('orders')
          .selectAll()
          .where('dealer_code', '=', dealer.code)
          .where('order_no', '=', cue.orderNo)
          .executeTakeFirst();
  if (!order) return null;
  const result = await amendOrder(ctx.trx, {
    dealerCode: dealer.code,
    order,
    change,
    target: ctx.target,
    draft: {
      inboundMessageId: ctx.message.id,
      channel: ctx.message.channel,
      repCode: ctx.sender.repCode,
    },
    t: ctx.t,
    idempotencyKey: `reply:${ctx.message.id}`,
    now: ctx.now,
  });
  if (result.outcome === 'not_amendable') return null;
  if (result.outboxId !== null) ctx.outboxIds.push(result.outboxId);
  if (result.outcome === 'too_late') {
    return finish(ctx, 'needs_review', 'the dealer asked to change an order already on its way');
  }
  return finish(ctx, result.status === 'needs_review' ? 'needs_review' : 'done', null);
}

/** Lines to add, when they read on their own as an order the review policy passes; else null. */
function readAddedLines(
  ctx: Ctx,
  dealerCode: string,
  text: string,
): { kind: 'add'; lines: { sku: string; qty: number; sourceText: string | null }[] } | null {
  const reread = parseMessage({
    catalog: ctx.inputs!.catalog,
    directory: ctx.inputs!.directory,
    message: {
      id: ctx.message.id,
      channel: ctx.message.channel,
      from: ctx.message.sender,
      text,
      received_at: ctx.message.received_at.toISOString(),
    },
    knownDealer: dealerCode,
  });
  const draft = reread.orders[0];
  if (
    reread.needs_review ||
    reread.intent !== 'order' ||
    reread.orders.length !== 1 ||
    draft?.dealer !== dealerCode ||
    draft.lines.length === 0 ||
    !draft.lines.every((l) => Number.isInteger(l.qty) && l.qty > 0)
  ) {
    return null;
  }
  return {
    kind: 'add',
    lines: draft.lines.map((l) => ({ sku: l.sku, qty: l.qty, sourceText: l.source ?? null })),
  };
}

function isClarifiable(r: ReviewReason): boolean {
  return (
    (r.code === 'ambiguous_product' && (r.candidates?.length ?? 0) >= 2) ||
    (r.code === 'unknown_product' && r.source === undefined)
  );
}

function reasonsOf(value: JsonValue[]): ReviewReason[] {
  return value.filter(
    (v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v),
  ) as unknown as ReviewReason[];
}

async function routeOrder(ctx: Ctx, parse: ParseResult): Promise<ProcessParseResult> {
  if (
    !parse.needs_review &&
    ctx.message.review_hold === null &&
    !ctx.pilot &&
    parse.orders.length > 0 &&
    parse.orders.every((o) => o.dealer !== null)
  ) {
    // A rep's message for several dealers goes on to `validate`: a transaction per dealer there,
    // not every dealer's credit lock held at once in this one.
    if (new Set(parse.orders.map((o) => o.dealer)).size > 1) {
      await updateInboundMessage(ctx.trx, ctx.message.id, { status: 'parsed', error: null });
      ctx.validate = true;
      return { outcome: 'parsed', reason: null };
    }
    // Sure, for one dealer: priced and settled here, in this transaction — no hop through the
    // validate queue.
    const settled = await settleDrafts(ctx.trx, {
      message: {
        ...ctx.message,
        conversation_id: ctx.conversation.id,
        rep_code: ctx.sender.repCode,
      },
      drafts: parse.orders,
      now: ctx.now,
      ...(ctx.dealer === null
        ? {}
        : {
            known: {
              dealer: ctx.dealer,
              conversationLanguage: ctx.conversation.language,
              sentByRep: ctx.sender.repCode !== null,
              // read before the transaction (never through the pool while holding a connection)
              pricingRules:
                ctx.pricingRules ?? (await loadPricingRules(ctx.trx, pricingDay(ctx.now))),
              products: ctx.cached.inputs.items,
              draftsNew: true,
              // the message is done whatever each draft's outcome: marked with the reply
              messageDone: ctx.message.id,
            },
          }),
    });
    ctx.outboxIds.push(...settled.outboxIds);
    if (settled.messageDone) return { outcome: 'done', reason: null };
    return finish(ctx, 'done', null);
  }
  const reasons = parse.reasons;
  const clarifiable =
    ctx.dealer !== null &&
    ctx.message.review_hold === null &&
    parse.orders.length <= 1 &&
    reasons.length > 0 &&
    reasons.every(isClarifiable) &&
    reasons.some((r) => r.code === 'ambiguous_product');
  const reasonText =
    [
      ctx.message.review_hold,
      ctx.pilot ? 'Pilot dealer: every order is checked by our team before it is confirmed.' : null,
      ...reasons.map((r) => r.message),
    ]
      .filter(Boolean)
      .join(' ') || 'the parser is not sure';

  const orderIds: { id: string; orderNo: bigint }[] = [];
  const drafts =
    parse.orders.length > 0
      ? parse.orders
      : clarifiable
        ? [{ dealer: ctx.dealer!.code, lines: [] }]
        : [];
  for (const [index, draft] of drafts.entries()) {
    const dealerCode = draft.dealer ?? ctx.dealer?.code ?? null;
    const lines = draft.lines
      .filter((l) => Number.isInteger(l.qty) && l.qty > 0)
      .map((l) => ({ sku: l.sku, qty: l.qty, sourceText: l.source }));
    if (lines.length === 0 && !clarifiable) continue;
    const inserted = await insertOrder(ctx.trx, {
      dealerCode,
      repCode: ctx.sender.repCode,
      inboundMessageId: ctx.message.id,
      draftNo: index + 1,
      channel: ctx.message.channel,
      status: 'needs_review',
      statusReason: reasonText,
      reviewReasons: reasons as unknown as JsonValue[],
      subtotalMinor: 0n,
      totalMinor: 0n,
      confirmedAt: null,
      lines,
    });
    if (inserted === null) continue;
    orderIds.push(inserted);
    await recordAuditEvents(ctx.trx, [
      {
        entityType: 'order',
        entityId: inserted.id,
        action: 'created',
        actor: 'worker:parse',
        reason: reasonText,
        data: { from: null, to: 'needs_review' },
      },
    ]);
  }

  const first = orderIds[0];
  if (clarifiable && first) {
    const questions = reasons
      .filter((r) => r.code === 'ambiguous_product')
      .map((r) => ({
        source: r.source ?? '',
        choices: (r.candidates ?? [])
          .slice(0, MAX_CHOICES)
          .map((c) => ({ sku: c.sku, name: c.name })),
      }));
    await setConversationPending(
      ctx.trx,
      ctx.conversation.id,
      { kind: 'clarify', orderId: first.id, questions } as unknown as JsonObject,
      new Date(ctx.now.getTime() + QUESTION_WINDOW_MS),
    );
    const q = questions[0]!;
    await reply(
      ctx,
      'clarify',
      ctx.t.clarify({ mention: q.source, choices: q.choices.map((c) => c.name) }),
      first.id,
    );
    return finish(ctx, 'needs_review', `waiting for the dealer to choose: ${reasonText}`);
  }
  if (
    reasons.some((r) => r.code === 'unknown_sender') ||
    (ctx.dealer === null && ctx.sender.repCode === null && ctx.sender.shared !== true)
  ) {
    await reply(ctx, 'unknown_sender', ctx.t.unknownSender(), first?.id ?? null);
  } else {
    await reply(
      ctx,
      'received_checking',
      ctx.t.receivedChecking({ orderNo: first ? orderLabel(first.orderNo) : null }),
      first?.id ?? null,
    );
  }
  return finish(ctx, 'needs_review', reasonText);
}
