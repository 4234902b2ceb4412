/**
 * One message in, a draft out: clean it, find who it is for, read its lines
 * against the catalog, decide the intent, and say plainly why a person should look.
 * `needs_review: false` is a promise that nobody would change the draft.
 */
import type { CompiledCatalog } from './match/compile-catalog.js';
import type { Directory } from './dealer/compile-directory.js';
import type { DraftOrder, ParseRequest, ParseResult, ReviewReason } from './types.js';
import { sourceLines } from './clean/source-lines.js';
import { identifySender } from './dealer/identify-sender.js';
import { findDealerMention } from './dealer/find-dealer-mention.js';
import { assembleLines, type WorkLine } from './rules/assemble-lines.js';
import type { SourceLine } from './clean/source-lines.js';
import { compileLearnedAliases, type LearnedAlias } from './match/learned-aliases.js';
import { detectIntent } from './intent/detect-intent.js';
import { reason } from './review-reason.js';
import { latin } from './text/latin.js';
import { normalizeText, tokenize } from './text/tokenize.js';
import { NUMBER_WORDS } from './lexicon/units.js';
import { decideReview } from './review/review-policy.js';
import type { ReviewDecision } from './review/trace.js';

export interface ParseMessageInput {
  catalog: CompiledCatalog;
  directory: Directory;
  message: ParseRequest;
  /** Set when the channel itself vouches for the dealer (web chat, a transcript filed for a dealer). */
  knownDealer?: string | null;
  /**
   * Aliases learned from reviews that apply to this message: the sender dealer's own and the
   * ones learned for everyone. They settle a product ahead of the catalog's reading.
   */
  learnedAliases?: readonly LearnedAlias[];
  /** List every refusal the policy can find, not only enough to decide (`parse --explain`). */
  everyRefusal?: boolean;
}

const HISTORY =
  /\bpichh?l[aei] (hafte|week|baar|mahine|order)\b.{0,30}\b(jaisa|jaise|wala|wahi|same|repeat)\b|\bwahi repeat\b|\b(last|previous) (week|month)'?s? order\b|\bsame as (last|before|previous|pichl|kal|yesterday)|\busual\b|\bsame (qty|quantity|order)\b|\bas last time\b|\blast (time|week)'?s? (order|qty|quantity)\b|\bjo har (hafte|baar|mahine|din)\b|\bwahi bhej|\brepeat (the )?(last|previous)\b|\bdouble kar|\bfrom yesterday'?s order\b|\bkal wala order\b|\bpichl[ie] (baar|order) (jaisa|wala|jitna)\b/;
const ATTACHMENT =
  /\bpfa\b|\battached\b|\battachment\b|\bplease find (the )?(attached|enclosed)|\benclosed\b/;
const UNSURE =
  /\bjitna (ho|mile|bane)\b|\bstock ke hisaa?b se\b|\bjo bhi (ho|mile)\b|\bas (per )?available\b|\bwhatever (is )?available\b|\bdekh (ke|kar) bata|\bconfirm kar(unga|enge|oge|ega)\b|\bwill confirm\b|\blet you know\b|\bbatayega\b|\bbataunga\b|\bpakka nahi\b|\bnot sure\b|\bmaybe\b|\bshayad\b/;

export function parseMessage(input: ParseMessageInput): ParseResult {
  const { catalog, directory, message } = input;
  const reasons: ReviewReason[] = [];
  const { lines, usedQuoted, intentText, agentLines, frame, closing, sheetsRead } = sourceLines(
    message,
    catalog,
  );
  /** What the policy must account for: the lines read, the words that asked for them, the sign-off. */
  const accounted = [...frame, ...lines, ...closing];

  // Who the lines are for.
  const sender = input.knownDealer
    ? { kind: 'dealer' as const, dealer: directory.byCode.get(input.knownDealer.toLowerCase()) }
    : identifySender(directory, message.from);
  let currentDealer: string | null = null;
  let allowed: Set<string> | undefined;
  if (sender.kind === 'dealer') currentDealer = sender.dealer?.code ?? input.knownDealer ?? null;
  else if (sender.kind === 'rep') allowed = new Set(sender.rep.dealers);
  else {
    const named = findDealerMention(directory, message.text);
    if (named) {
      currentDealer = named.dealer.code;
      if (message.channel !== 'transcript' && message.channel !== 'webchat') {
        reasons.push(
          reason(
            'dealer_unverified',
            `The sender ${message.from} is not on file; the message names ${named.dealer.name}. Check and link the sender.`,
          ),
        );
      }
    }
  }

  const learned = input.learnedAliases?.length
    ? compileLearnedAliases(catalog, input.learnedAliases)
    : undefined;
  const assembled = assembleLines({
    catalog,
    directory,
    lines,
    dealer: currentDealer,
    repDealers: allowed,
    learned,
  });
  reasons.push(...assembled.reasons);
  const work = assembled.lines;

  // The agent's read-back only helps: where it says another product or quantity than the
  // caller's words were read as (and the caller did not answer it with a change), a person
  // listens again.
  if (work.length > 0 && agentLines.length > 0) {
    const firstTurn = Math.min(...work.map((w) => w.turn));
    const heard = assembleLines({
      catalog,
      directory,
      lines: agentLines.filter((l) => l.turn > firstTurn),
      dealer: currentDealer,
      repDealers: allowed,
      learned,
    }).lines;
    const differs = readBackDiffers(catalog, work, heard, lines);
    if (differs)
      reasons.push(
        reason(
          'uncertain',
          `The agent read back "${differs.source.trim()}", which differs from what the caller's words were read as; check the call.`,
          differs.source,
        ),
      );
  }

  const orderLines = work.length > 0;
  const lowered = latin(intentText);
  const intentReading = detectIntent({
    text: lowered,
    hasOrderLines: orderLines,
    knownSender: sender.kind === 'dealer' || sender.kind === 'rep',
    subject: message.subject ?? undefined,
    hasProductMentions: reasons.some((r) =>
      ['missing_quantity', 'ambiguous_product', 'uncertain', 'leftover_text'].includes(r.code),
    ),
  });
  const intent = intentReading.intent;
  const review = (orders: DraftOrder[], doubts: ReviewReason[]) =>
    decideReview({
      catalog,
      directory,
      channel: message.channel,
      intent,
      intentClear: intentReading.clear,
      intentMixed: intentReading.mixed,
      lines: accounted,
      subject: message.subject ?? null,
      sheetsRead,
      orders,
      doubts,
      sender,
      learnedAliases: input.learnedAliases,
      everyRefusal: input.everyRefusal,
    });
  if (intent !== 'order') {
    // Product mentions the reader saw are the policy's business now, not a doubt of their own.
    return result(intent, [], [], review([], []));
  }
  if (HISTORY.test(lowered) && !usedQuoted)
    reasons.push(
      reason('refers_to_history', 'The message refers to an earlier order; check what it means.'),
    );
  if (ATTACHMENT.test(lowered) && !orderLines)
    reasons.push(
      reason('missing_attachment', 'The message mentions an attachment that was not read.'),
    );
  if (UNSURE.test(lowered))
    reasons.push(reason('uncertain', 'The dealer has not settled part of the order.'));
  if (!orderLines && reasons.length === 0)
    reasons.push(reason('unknown_product', 'No order line could be read from the message.'));

  const byDealer = new Map<string | null, DraftOrder>();
  for (const w of work) {
    let order = byDealer.get(w.dealer);
    if (!order) byDealer.set(w.dealer, (order = { dealer: w.dealer, lines: [] }));
    order.lines.push({ sku: w.sku, qty: w.qty, source: w.source });
  }
  const orders = [...byDealer.values()];
  if (orders.some((o) => o.dealer === null) || (orders.length === 0 && currentDealer === null)) {
    reasons.push(
      sender.kind === 'rep'
        ? reason(
            'dealer_not_named',
            'A rep sent this but no dealer they serve is named for these lines.',
          )
        : reason(
            'unknown_sender',
            `The sender ${message.from} is not on file and names no dealer.`,
          ),
    );
  }
  return result(intent, orders, reasons, review(orders, reasons));
}

/** The draft with the policy's decision; its refusals become reasons a reviewer reads. */
function result(
  intent: ParseResult['intent'],
  orders: DraftOrder[],
  doubts: ReviewReason[],
  decision: ReviewDecision,
): ParseResult {
  // The readers' doubts keep their candidates (for the reviewer, and a question to the dealer);
  // the policy's own refusals follow.
  const reasons = [
    ...doubts,
    ...decision.refusals
      .filter((r) => r.code !== 'reader_doubt')
      .map((r) => reason('review_policy', r.message, r.words.join(' ') || undefined)),
  ];
  return {
    intent,
    orders,
    confidence: decision.confidence,
    needs_review: decision.needsReview,
    reasons,
    review: decision,
  };
}

/**
 * The first read-back line that says another quantity of a product the caller ordered, or
 * another size or variant of it (a sibling sharing its brand or lead word), unless the caller
 * spoke again with a number or a "no" after it. A product read back twice is compared once
 * ("Tata salt 7 bag … Tata salt 7 bag"); agent chatter about other things is not compared.
 */
function readBackDiffers(
  catalog: CompiledCatalog,
  callerLines: WorkLine[],
  readBack: WorkLine[],
  callerTurns: SourceLine[],
): WorkLine | null {
  const qtyBySku = new Map<string, number>();
  for (const w of callerLines) qtyBySku.set(w.sku, (qtyBySku.get(w.sku) ?? 0) + w.qty);
  const heads = new Set(callerLines.flatMap((w) => catalog.bySku.get(w.sku)?.headTerms ?? []));
  for (const h of readBack) {
    const mentions = h.source.split(' | ').length;
    const ordered = qtyBySku.get(h.sku);
    if (ordered !== undefined && (h.qty === ordered || h.qty === ordered * mentions)) continue;
    const sibling = catalog.bySku.get(h.sku)?.headTerms.some((t) => heads.has(t)) ?? false;
    if (ordered === undefined && !sibling) continue;
    const answered = callerTurns.some((l) => l.turn > h.turn && saysANumberOrNo(l.text));
    if (!answered) return h;
  }
  return null;
}

/** "make it hundred", "nahi, aath", "12": the caller answered the read-back with a change. */
function saysANumberOrNo(text: string): boolean {
  const tokens = tokenize(normalizeText(text));
  return tokens.some(
    (t) =>
      t.kind === 'number' || NUMBER_WORDS.has(t.norm) || ['nahi', 'no', 'nahin'].includes(t.norm),
  );
}
