/**
 * Rules first; a language model only for the mentions the rules could not settle.
 *
 * The model's answer is untrusted input. A suggested line is kept only if it names a
 * mention the rules flagged, an SKU among that mention's rule candidates, and a
 * positive, whole, plausible quantity in the SKU's sales unit. What survives is
 * added to the draft with an `llm_suggested` reason, so the draft always stays in
 * review: the model never clears `needs_review`, never picks the dealer, and never
 * touches price, credit or approval. When the model fails, the rules' result is
 * returned unchanged and `onLlmFailure` is told why.
 */
import { z } from 'zod';
import { sourceLines } from '../clean/source-lines.js';
import { findDealerMention } from '../dealer/find-dealer-mention.js';
import { identifySender } from '../dealer/identify-sender.js';
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { parseMessage, type ParseMessageInput } from '../pipeline.js';
import { readSegment, type QuantitySlot } from '../rules/read-segment.js';
import type { Candidate, DraftOrder, ParseResult, ReviewReason } from '../types.js';
import { DOZEN_WORDS, MEASURE_UNITS } from '../lexicon/units.js';
import { toSalesUnits } from '../units/to-sales-units.js';
import { withDoubts } from '../review/review-policy.js';
import type { LineProposer } from './llm-client.js';
import {
  llmProposedLineSchema,
  type CatalogSliceItem,
  type LineProposalRequest,
} from './line-proposal.js';

/** Review reasons a model may help with; any other doubt (dealer, history, intent) is for a person. */
export const LLM_REASON_CODES: ReadonlySet<ReviewReason['code']> = new Set([
  'ambiguous_product',
  'unknown_product',
  'missing_quantity',
  'leftover_text',
]);

const MAX_MENTIONS = 12;
const MAX_CANDIDATES = 8;
const MAX_PROPOSED_LINES = 50;
/** Above this many sales units on one line a suggestion is treated as a misreading. */
export const MAX_SUGGESTED_QTY = 10_000;

export interface ParseMessageWithLlmInput extends ParseMessageInput {
  /** Told when the model could not be used (error, timeout, malformed answer). Default: ignored. */
  onLlmFailure?: (error: unknown) => void;
  signal?: AbortSignal;
}

/** A mention sent to the model, with what the rules knew about it. */
interface Mention {
  key: string;
  text: string;
  candidates: string[];
  /** The rules' candidates with their scores, for the reviewer. */
  ruleCandidates: Candidate[];
  /** The quantity the rules read in the mention, if any. */
  ruleQty: QuantitySlot | null;
  /** Numbers the rules read as a size or other attribute of the product. */
  sizeNumbers: number[];
}

/** Only the envelope is checked here; each line is checked on its own so one bad line drops alone. */
const proposalEnvelopeSchema = z.object({
  dealer_name: z.string().nullable().optional(),
  lines: z.array(z.unknown()),
});

export async function parseMessageWithLlm(
  input: ParseMessageWithLlmInput,
  llm: LineProposer,
): Promise<ParseResult> {
  const rules = parseMessage(input);
  const prepared = prepareRequest(input, rules);
  if (!prepared) return rules;

  let answer: unknown;
  try {
    answer = await llm.proposeLines(
      prepared.request,
      input.signal ? { signal: input.signal } : undefined,
    );
  } catch (error) {
    input.onLlmFailure?.(error);
    return rules;
  }
  const envelope = proposalEnvelopeSchema.safeParse(answer);
  if (!envelope.success) {
    input.onLlmFailure?.(new Error(`malformed proposal: ${envelope.error.message}`));
    return rules;
  }
  return mergeProposal(input, rules, prepared.mentions, envelope.data);
}

/** The request for the model, or null when the rules' doubts are not ones it can help with. */
function prepareRequest(
  input: ParseMessageInput,
  rules: ParseResult,
): { request: LineProposalRequest; mentions: Mention[] } | null {
  if (rules.intent !== 'order' || !rules.needs_review) return null;
  const hard = rules.reasons.filter((r) => LLM_REASON_CODES.has(r.code));
  if (hard.length === 0) return null;
  const { catalog, message } = input;

  // The same text the rules read: caller turns, an email's new part (or the quoted order it
  // points to), tables as rows; signatures and quoted threads are not sent.
  const cleaned = sourceLines(message, catalog).lines.map((l) => l.text);
  const mentions = new Map<string, Mention>();
  const add = (text: string, given: Candidate[] | undefined) => {
    const key = mentionKey(text);
    if (key === '' || mentions.has(key) || mentions.size >= MAX_MENTIONS) return;
    const reading = readSegment(catalog, text, false);
    const ruleCandidates =
      given && given.length > 0
        ? given
        : reading.product.candidates.map((c) => ({
            sku: c.sku.item.sku,
            name: c.sku.item.name,
            score: Math.round(c.score * 100) / 100,
          }));
    const candidates = ruleCandidates
      .map((c) => c.sku)
      .filter((sku) => catalog.bySku.has(sku))
      .slice(0, MAX_CANDIDATES);
    if (candidates.length === 0) return;
    mentions.set(key, {
      key,
      text,
      candidates,
      ruleCandidates,
      ruleQty: reading.quantity,
      sizeNumbers: [...reading.attributes.map((a) => a.display), ...reading.product.usedNumbers],
    });
  };
  for (const reason of hard) {
    if (reason.source) add(reason.source, reason.candidates);
    // "No order line could be read": every line of the message is a mention to try.
    else for (const line of cleaned) if (/\p{L}/u.test(line)) add(line, undefined);
  }
  if (mentions.size === 0) return null;

  const drafted = rules.orders.flatMap((o) => o.lines.map((l) => ({ sku: l.sku, qty: l.qty })));
  const sliceSkus = new Set([
    ...[...mentions.values()].flatMap((m) => m.candidates),
    ...drafted.map((d) => d.sku),
  ]);
  const slice: CatalogSliceItem[] = [...sliceSkus].flatMap((code) => {
    const sku = catalog.bySku.get(code);
    if (!sku) return [];
    const { item } = sku;
    return [
      {
        sku: item.sku,
        name: item.name,
        unit: item.unit,
        packSize: item.packSize,
        pieceUnit: item.pieceUnit,
      },
    ];
  });
  const list = [...mentions.values()];
  return {
    mentions: list,
    request: {
      channel: message.channel,
      messageText: cleaned.join('\n').trim(),
      mentions: list.map((m) => ({ text: m.text, candidates: m.candidates })),
      catalog: slice,
      drafted,
    },
  };
}

function mergeProposal(
  input: ParseMessageInput,
  rules: ParseResult,
  mentions: Mention[],
  proposal: z.infer<typeof proposalEnvelopeSchema>,
): ParseResult {
  const { catalog } = input;
  const orders: DraftOrder[] = rules.orders.map((o) => ({
    dealer: o.dealer,
    lines: o.lines.map((l) => ({ ...l })),
  }));
  const reasons: ReviewReason[] = [...rules.reasons];
  const answered = new Set<string>();
  const drop = (mention: string | null, why: string) =>
    reasons.push({
      code: 'llm_suggested',
      message: `A language-model suggestion${mention ? ` for "${mention.trim()}"` : ''} was not used: ${why}.`,
      ...(mention ? { source: mention } : {}),
    });

  for (const raw of proposal.lines.slice(0, MAX_PROPOSED_LINES)) {
    const parsed = llmProposedLineSchema.safeParse(raw);
    if (!parsed.success) {
      drop(null, 'the line was malformed');
      continue;
    }
    const { mention: said, sku: code, qty, unit } = parsed.data;
    // The model could not settle this mention either: nothing to suggest.
    if (code === null || qty === null) continue;
    const line = { mention: said, sku: code, qty, unit };
    const mention = findMention(mentions, line.mention);
    if (!mention) {
      drop(line.mention, 'it is not one of the mentions the rules flagged');
      continue;
    }
    const checked = checkLine(catalog, mention, line);
    if ('error' in checked) {
      drop(mention.text, checked.error);
      continue;
    }
    if (answered.has(mention.key)) {
      drop(mention.text, 'the mention already has a suggested line');
      continue;
    }
    const dealer = dealerFor(input, mention.text);
    let order = orders.find((o) => o.dealer === dealer);
    // The rules' guess for this mention gives way to the suggestion.
    const guess = order?.lines.findIndex((l) => l.guess && l.source.startsWith(mention.text));
    if (order && guess !== undefined && guess >= 0) order.lines.splice(guess, 1);
    if (order?.lines.some((l) => l.sku === checked.sku.item.sku)) {
      drop(mention.text, `${checked.sku.item.sku} is already on the draft`);
      continue;
    }
    if (!order) orders.push((order = { dealer, lines: [] }));
    answered.add(mention.key);
    order.lines.push({ sku: checked.sku.item.sku, qty: checked.qty, source: mention.text });
    reasons.push({
      code: 'llm_suggested',
      message:
        `Suggested by a language model for "${mention.text.trim()}": ${checked.qty} ${checked.sku.item.unit} ` +
        `of ${checked.sku.item.name} (${checked.sku.item.sku}). Check it before confirming.`,
      source: mention.text,
      candidates: mention.ruleCandidates,
    });
  }

  const dealerName = proposal.dealer_name?.trim();
  if (
    dealerName &&
    reasons.some((r) => r.code === 'unknown_sender' || r.code === 'dealer_not_named')
  ) {
    const onFile = findDealerMention(input.directory, dealerName);
    reasons.push({
      code: 'llm_suggested',
      message:
        `A language model read the dealer name "${dealerName}"` +
        (onFile ? ` (on file: ${onFile.dealer.code} ${onFile.dealer.name})` : '') +
        '; the dealer was not set from it.',
    });
  }

  if (reasons.length === rules.reasons.length) return rules;
  // Whatever the model said, a person looks at this draft: its suggestions are doubts.
  const review = withDoubts(rules.review, reasons.slice(rules.reasons.length));
  return {
    intent: rules.intent,
    orders,
    confidence: review.confidence,
    needs_review: review.needsReview,
    reasons,
    review,
  };
}

/** The SKU and the quantity in its sales unit, or why the suggestion cannot stand. */
function checkLine(
  catalog: CompiledCatalog,
  mention: Mention,
  line: { sku: string; qty: number; unit: string | null },
): { sku: CompiledSku; qty: number } | { error: string } {
  const code = line.sku.trim();
  const sku = catalog.bySku.get(code);
  if (!sku) return { error: `${code} is not in the catalog` };
  if (!mention.candidates.includes(sku.item.sku))
    return { error: `${code} is not one of the candidates the rules found for it` };
  const value = line.qty;
  if (!Number.isFinite(value) || value <= 0)
    return { error: `the quantity ${value} is not a positive number` };
  if (value > MAX_SUGGESTED_QTY) return { error: `the quantity ${value} is implausibly large` };

  const unitWord = line.unit?.trim().toLowerCase() || null;
  if (unitWord !== null && MEASURE_UNITS.has(unitWord))
    return { error: `"${line.unit}" is a size, not a unit to count` };
  const slot: QuantitySlot =
    unitWord !== null && DOZEN_WORDS.has(unitWord)
      ? { value: value * 12, unitWord: null, kind: 'dozen', token: -1 }
      : { value, unitWord, kind: unitWord ? 'unit' : 'bare', token: -1 };
  const converted = toSalesUnits(sku, slot);
  if (converted.fractional || converted.qty <= 0)
    return {
      error: `${value} ${line.unit ?? ''} is not a whole number of ${sku.item.unit}s (${sku.item.packSize} per ${sku.item.unit})`,
    };
  if (converted.qty > MAX_SUGGESTED_QTY)
    return { error: `the quantity ${converted.qty} is implausibly large` };

  // The model may settle which product; it may not overrule a quantity written in the mention.
  if (mention.ruleQty) {
    const written = toSalesUnits(sku, mention.ruleQty);
    if (written.qty !== converted.qty)
      return {
        error: `the quantity ${converted.qty} differs from the ${written.qty} written in the message`,
      };
  } else if (mention.sizeNumbers.includes(value)) {
    return { error: `${value} is the size written in the mention, not a quantity` };
  }
  return { sku, qty: converted.qty };
}

function mentionKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\s"'“”‘’`*•-]+|[\s"'“”‘’`*•.,;:-]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** The flagged mention the model means: the same text, or the only one containing it or contained in it. */
function findMention(mentions: Mention[], text: string): Mention | null {
  const key = mentionKey(text);
  if (key === '') return null;
  const exact = mentions.find((m) => m.key === key);
  if (exact) return exact;
  const loose = mentions.filter((m) => m.key.includes(key) || key.includes(m.key));
  return loose.length === 1 ? loose[0]! : null;
}

/**
 * The dealer a suggested line belongs to, decided the way the rules decide it: the
 * channel's dealer, the sender on file, for a rep the last dealer they named before
 * the mention, for an unknown sender a dealer the message names. Never the model.
 */
function dealerFor(input: ParseMessageInput, mentionText: string): string | null {
  const { directory, message } = input;
  if (input.knownDealer)
    return directory.byCode.get(input.knownDealer.toLowerCase())?.code ?? input.knownDealer;
  const sender = identifySender(directory, message.from);
  switch (sender.kind) {
    case 'dealer':
      return sender.dealer.code;
    case 'unknown':
      return findDealerMention(directory, message.text)?.dealer.code ?? null;
    case 'rep': {
      const allowed = new Set(sender.rep.dealers);
      const lines = message.text.split(/\r?\n/);
      const at = lines.findIndex((l) => l.includes(mentionText.trim()));
      if (at < 0) return null;
      let dealer: string | null = null;
      for (const line of lines.slice(0, at + 1))
        dealer = findDealerMention(directory, line, allowed)?.dealer.code ?? dealer;
      return dealer;
    }
  }
}
