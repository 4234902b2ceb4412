/**
 * The parser as an ordered pipeline, one message in, a draft out. Each stage is a named module:
 *
 * 1. clean       clean/source-lines.ts — quoted mail, signatures, agent turns set apart; tables as rows
 * 2. sender      dealer/resolve-sender.ts — who the lines are for
 * 3. read        rules/assemble-lines.ts — segmenters (rules/split-*.ts), taggers
 *                (rules/read-segment.ts, units/), the catalog matcher (match/), refiners
 *                (corrections, carry-over, sums, "each") — each doubt a typed reason
 * 4. read-back   rules/read-back.ts — a call's read-back against the caller's words
 * 5. intent      intent/detect-intent.ts
 * 6. doubts      intent/message-doubts.ts — an earlier order, an unread attachment, an open part
 * 7. draft       the lines per dealer
 * 8. review      review/review-policy.ts — the ONE place `needs_review` is decided
 * 9. read-back   review/confirmed-read-back.ts — a call the caller's words left unsure, read
 *                back by the agent and confirmed: the read-back's draft, if the policy signs it
 *
 * `needs_review: false` is a promise that nobody would change the draft; no stage but the last
 * makes it.
 */
import { sourceLines } from './clean/source-lines.js';
import type { Directory } from './dealer/compile-directory.js';
import { resolveSender } from './dealer/resolve-sender.js';
import { detectIntent } from './intent/detect-intent.js';
import { messageDoubts } from './intent/message-doubts.js';
import type { CompiledCatalog } from './match/compile-catalog.js';
import { compileLearnedAliases, type LearnedAlias } from './match/learned-aliases.js';
import {
  decideOnReadBack,
  type AgentTurnPart,
  type ReadBackReview,
} from './review/confirmed-read-back.js';
import { decideReview, type ReviewInput } from './review/review-policy.js';
import type { ReviewDecision } from './review/trace.js';
import { reason } from './review-reason.js';
import { assembleLines, type WorkLine } from './rules/assemble-lines.js';
import {
  checkReadBack,
  completeFromReadBack,
  agentTurns,
  readBackLines,
  type AgentTurn,
} from './rules/read-back.js';
import { latin } from './text/latin.js';
import type { DraftOrder, ParseRequest, ParseResult, ReviewReason } from './types.js';

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

export function parseMessage(input: ParseMessageInput): ParseResult {
  const { catalog, directory, message } = input;

  // 1. Clean: the text that can carry the order (a mail's new part or the order it forwards,
  //    a call's caller turns, a chat's lines; signatures, quotes and agent turns set apart,
  //    tables rewritten as rows).
  const text = sourceLines(message, catalog);

  // 2. Sender: who the lines are for.
  const who = resolveSender({
    directory,
    channel: message.channel,
    from: message.from,
    text: message.text,
    knownDealer: input.knownDealer,
  });
  const doubts: ReviewReason[] = [...who.doubts];

  // 3. Read: segmenters, number and unit taggers, the catalog matcher and the line refiners
  //    (rules/assemble-lines.ts), with the dealer's learned phrases.
  const learned = input.learnedAliases?.length
    ? compileLearnedAliases(catalog, input.learnedAliases)
    : undefined;
  const read = assembleLines({
    catalog,
    directory,
    lines: text.lines,
    dealer: who.dealer,
    repDealers: who.repDealers,
    learned,
  });
  doubts.push(...read.reasons);

  // 4. Read-back: a call's agent repeating something else than the caller said …
  const call = {
    catalog,
    directory,
    work: read.lines,
    callerTurns: text.lines,
    agentTurns: text.agentLines,
    dealer: who.dealer,
    repDealers: who.repDealers,
    learned,
  };
  const readBack = checkReadBack(call);
  if (readBack) doubts.push(readBack);
  // … and where the caller's words left a product open, the read-back names it.
  if (message.channel === 'transcript')
    read.lines = completeFromReadBack({ ...call, doubts: read.reasons });

  // 5. Intent.
  const lowered = latin(text.intentText);
  const intent = detectIntent({
    text: lowered,
    hasOrderLines: read.lines.some((l) => !l.guessed),
    orderLines: read.lines.filter((l) => !l.guessed).length,
    knownSender: who.sender.kind === 'dealer' || who.sender.kind === 'rep',
    subject: message.subject ?? undefined,
    productWords: nameWords(catalog, read.lines),
    hasProductMentions: doubts.some((r) =>
      ['missing_quantity', 'ambiguous_product', 'uncertain', 'leftover_text'].includes(r.code),
    ),
  });

  // 8. Review: the one decision (parsers/review), for an order and for anything else.
  const reviewInput = (orders: DraftOrder[], raised: ReviewReason[]): ReviewInput => ({
    catalog,
    directory,
    channel: message.channel,
    intent: intent.intent,
    intentClear: intent.clear,
    intentMixed: intent.mixed,
    // Everything the policy must account for: the words that asked for the lines, the lines,
    // and the sign-off line the signature was cut at.
    lines: [...text.frame, ...text.lines, ...text.closing],
    // A call's greeting ("Narmada Agri, Pooja speaking"): the caller may say its names back.
    greeting: text.agentLines[0]?.turn === 0 ? text.agentLines[0].text : null,
    subject: message.subject ?? null,
    sheetsRead: text.sheetsRead,
    orders,
    doubts: raised,
    sender: who.sender,
    learnedAliases: input.learnedAliases,
    everyRefusal: input.everyRefusal,
  });
  const review = (orders: DraftOrder[], raised: ReviewReason[]) =>
    decideReview(reviewInput(orders, raised));
  // Product mentions in a message that orders nothing are the policy's business, not a doubt.
  if (intent.intent !== 'order') return result(intent.intent, [], [], review([], []));

  // 6. Message doubts: an earlier order, an unread attachment, an unsettled part.
  doubts.push(
    ...messageDoubts({
      text: lowered,
      usedQuoted: text.usedQuoted,
      hasLines: read.lines.length > 0,
      raised: doubts,
    }),
  );

  // 7. Draft: the lines per dealer.
  const orders = draftOrders(read.lines);
  if (orders.some((o) => o.dealer === null) || (orders.length === 0 && who.dealer === null))
    doubts.push(
      who.sender.kind === 'rep'
        ? reason(
            'dealer_not_named',
            who.sender.rep.shared
              ? 'Several dealers share this phone or email, and none of them is named for these lines.'
              : 'A rep sent this but no dealer they serve is named for these lines.',
          )
        : reason(
            'unknown_sender',
            `The sender ${message.from} is not on file and names no dealer.`,
          ),
    );
  const decision = review(orders, doubts);
  // 9. A call the caller's words left unsure, whose agent read the order back and got a yes:
  //    the read-back's draft, if the policy signs it off (review/confirmed-read-back.ts).
  if (decision.needsReview && message.channel === 'transcript' && who.dealer !== null) {
    const confirmed = confirmedReadBack(agentTurns(call), who.dealer, (readBack) =>
      decideOnReadBack({ ...readBack, caller: reviewInput(orders, doubts) }),
    );
    if (confirmed) return result(intent.intent, confirmed.orders, [], confirmed.decision);
  }
  return result(intent.intent, orders, doubts, decision);
}

/**
 * The read-back's draft the policy signs off, if any: the agent's last turn before the caller's
 * answer when it reads back the whole order ("I'll repeat: …"), else every turn of the agent
 * between the caller's first and last, each product as its last mention says it.
 */
function confirmedReadBack(
  turns: AgentTurn[],
  dealer: string,
  decide: (readBack: Omit<ReadBackReview, 'caller'>) => ReviewDecision,
): { orders: DraftOrder[]; decision: ReviewDecision } | null {
  const between = turns.filter((t) => t.place === 'between');
  const final = between.at(-1);
  const tries =
    final && final.lines.length > 0 && between.length > 1 ? [[final], between] : [between];
  for (const reading of tries) {
    const lines = readBackLines(reading);
    if (lines.length === 0 || lines.some((l) => l.dealer !== dealer || l.guessed)) continue;
    const orders = draftOrders(lines);
    const part = (t: AgentTurn): AgentTurnPart =>
      t.place === 'before'
        ? 'greeting'
        : t.place === 'after'
          ? 'after'
          : reading.includes(t)
            ? 'read_back'
            : 'restated';
    const decision = decide({
      turns: turns.map((t) => ({
        text: t.line.text,
        part: part(t),
        orders: draftOrders(t.lines),
        doubts: t.reasons,
      })),
      orders,
    });
    if (!decision.needsReview) return { orders, decision };
  }
  return null;
}

/** The words of the names of the SKUs read (guesses left out), lower case. */
function nameWords(catalog: CompiledCatalog, lines: readonly WorkLine[]): Set<string> {
  const words = new Set<string>();
  for (const l of lines) {
    if (l.guessed) continue;
    const name = catalog.bySku.get(l.sku)?.item.name ?? '';
    for (const w of name.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  }
  return words;
}

function draftOrders(lines: WorkLine[]): DraftOrder[] {
  const byDealer = new Map<string | null, DraftOrder>();
  for (const w of lines) {
    let order = byDealer.get(w.dealer);
    if (!order) byDealer.set(w.dealer, (order = { dealer: w.dealer, lines: [] }));
    order.lines.push({
      sku: w.sku,
      qty: w.qty,
      source: w.source,
      ...(w.guessed ? { guess: true } : {}),
    });
  }
  return [...byDealer.values()];
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
