/**
 * One message in, a draft out: clean it, find who it is for, read its lines
 * against the catalog, decide the intent, and say plainly why a person should look.
 * `needs_review: false` is a promise that nobody would change the draft.
 */
import type { CompiledCatalog } from './match/compile-catalog.js';
import type { Directory } from './dealer/compile-directory.js';
import type { Candidate, DraftOrder, ParseRequest, ParseResult, ReviewReason } from './types.js';
import { htmlToPlain } from './clean/html-to-plain.js';
import { splitEmail } from './clean/split-email.js';
import { stripSignature } from './clean/strip-signature.js';
import { splitTranscript } from './clean/split-transcript.js';
import { identifySender } from './dealer/identify-sender.js';
import { findDealerMention } from './dealer/find-dealer-mention.js';
import { readTables } from './rules/read-table.js';
import { splitSegments } from './rules/split-segments.js';
import {
  hasCorrectionCue,
  readSegment as readSegmentUncached,
  type SegmentReading,
} from './rules/read-segment.js';
import { toSalesUnits } from './units/to-sales-units.js';
import { COMPLAINT, detectIntent } from './intent/detect-intent.js';
import { normalizeText, tokenize } from './text/tokenize.js';
import { hasDevanagari } from './text/transliterate.js';

export interface ParseMessageInput {
  catalog: CompiledCatalog;
  directory: Directory;
  message: ParseRequest;
  /** Set when the channel itself vouches for the dealer (web chat, a transcript filed for a dealer). */
  knownDealer?: string | null;
}

interface SourceLine {
  text: string;
  /** Lines of one transcript turn share a turn number; corrections look within it. */
  turn: number;
}

interface WorkLine {
  dealer: string | null;
  sku: string;
  qty: number;
  source: string;
  fractional: boolean;
}

const HISTORY =
  /\bsame as (last|before|previous|pichl|kal|yesterday)|\busual\b|\bsame (qty|quantity|order)\b|\bas last time\b|\blast (time|week)'?s? (order|qty|quantity)\b|\bjo har (hafte|baar|mahine|din)\b|\bwahi bhej|\brepeat (the )?(last|previous)\b|\bdouble kar|\bfrom yesterday'?s order\b|\bkal wala order\b|\bpichl[ie] (baar|order) (jaisa|wala|jitna)\b/;
const ATTACHMENT =
  /\bpfa\b|\battached\b|\battachment\b|\bplease find (the )?(attached|enclosed)|\benclosed\b/;
const USE_QUOTED = /\b(process|repeat|same|below|forward(ed)?|neeche|as per)\b/;
const UNSURE =
  /\bdekh (ke|kar) bata|\bconfirm kar(unga|enge|oge|ega)\b|\bwill confirm\b|\blet you know\b|\bbatayega\b|\bbataunga\b|\bpakka nahi\b|\bnot sure\b|\bmaybe\b|\bshayad\b/;

/** Lower-case Latin text for cue matching; Devanagari is transliterated word by word. */
function latin(text: string): string {
  if (!hasDevanagari(text)) return normalizeText(text).toLowerCase();
  return tokenize(normalizeText(text))
    .map((t) => t.norm)
    .join(' ');
}

function reason(
  code: ReviewReason['code'],
  message: string,
  source?: string,
  candidates?: Candidate[],
): ReviewReason {
  return { code, message, ...(source ? { source } : {}), ...(candidates ? { candidates } : {}) };
}

/** The text that can carry the order, by channel. */
function sourceLines(
  message: ParseRequest,
  catalog: CompiledCatalog,
): { lines: SourceLine[]; usedQuoted: boolean; intentText: string } {
  if (message.channel === 'transcript') {
    const turns = splitTranscript(message.text);
    if (turns) {
      const caller = turns.map((t, i) => ({ ...t, i })).filter((t) => t.caller);
      return {
        lines: caller.map((t) => ({ text: t.text, turn: t.i })),
        usedQuoted: false,
        intentText: caller.map((t) => t.text).join('\n'),
      };
    }
  }
  const toLines = (text: string) =>
    readTables(stripSignature(text).split(/\r?\n/)).lines.map((text, turn) => ({ text, turn }));
  if (message.channel === 'email') {
    const { fresh, quoted } = splitEmail(htmlToPlain(message.text));
    let lines = toLines(fresh);
    let usedQuoted = false;
    if (
      !hasAnyOrderLine(catalog, lines) &&
      quoted.trim() &&
      USE_QUOTED.test(latin(fresh + ' ' + (message.subject ?? '')))
    ) {
      const quotedLines = toLines(splitEmail(quoted).fresh || quoted);
      if (hasAnyOrderLine(catalog, quotedLines)) {
        lines = quotedLines;
        usedQuoted = true;
      }
    }
    if (!hasAnyOrderLine(catalog, lines) && message.subject) {
      const subject = [
        { text: message.subject.replace(/^\s*((re|fw|fwd)\s*:\s*)+/i, ''), turn: -1 },
      ];
      if (hasAnyOrderLine(catalog, subject)) lines = [...subject, ...lines];
    }
    return {
      lines,
      usedQuoted,
      intentText: lines.map((l) => l.text).join('\n') + '\n' + (usedQuoted ? '' : fresh),
    };
  }
  const lines = toLines(message.text);
  return { lines, usedQuoted: false, intentText: message.text };
}

function hasAnyOrderLine(catalog: CompiledCatalog, lines: SourceLine[]): boolean {
  return lines.some((l) =>
    splitSegments(catalog, l.text).some((s) => {
      const r = readSegment(catalog, s, false);
      return (r.product.status !== 'none' || r.codeSku !== null) && r.quantity !== null;
    }),
  );
}

/** Segments are read more than once (look-ahead, quoted-part checks); read each once per catalog. */
const readings = new WeakMap<CompiledCatalog, Map<string, SegmentReading>>();
function readSegment(catalog: CompiledCatalog, text: string, lineStart: boolean): SegmentReading {
  let cache = readings.get(catalog);
  if (!cache) readings.set(catalog, (cache = new Map()));
  const key = (lineStart ? '1' : '0') + text;
  let reading = cache.get(key);
  if (!reading) {
    reading = readSegmentUncached(catalog, text, lineStart);
    if (cache.size > 2_000) cache.clear();
    cache.set(key, reading);
  }
  return { ...reading };
}

export function parseMessage(input: ParseMessageInput): ParseResult {
  const { catalog, directory, message } = input;
  const reasons: ReviewReason[] = [];
  const { lines, usedQuoted, intentText } = sourceLines(message, catalog);

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

  const work: WorkLine[] = [];
  let pending: { reading: SegmentReading; dealer: string | null; turn: number } | null = null;
  let last: WorkLine | null = null;
  let lastReading: SegmentReading | null = null;
  let eachQty: SegmentReading['quantity'] = null;

  const addLine = (
    reading: SegmentReading,
    qtyReading: NonNullable<SegmentReading['quantity']>,
    dealer: string | null,
    replace: boolean,
  ) => {
    const skuIndex = reading.codeSku ?? reading.product.sku?.index ?? null;
    if (skuIndex === null) return;
    const sku = catalog.skus[skuIndex]!;
    const converted = toSalesUnits(sku, qtyReading);
    if (converted.qty <= 0) return;
    if (converted.fractional) {
      reasons.push(
        reason(
          'fractional_quantity',
          `${qtyReading.value} ${qtyReading.unitWord ?? ''} of ${sku.item.name} is not a whole number of ${sku.item.unit}s (${sku.item.packSize} per ${sku.item.unit}).`,
          reading.text,
        ),
      );
    }
    const existing = work.find((w) => w.sku === sku.item.sku && w.dealer === dealer);
    if (existing) {
      existing.qty = replace ? converted.qty : existing.qty + converted.qty;
      existing.source += ' | ' + reading.text;
      last = existing;
    } else {
      last = {
        dealer,
        sku: sku.item.sku,
        qty: converted.qty,
        source: reading.text,
        fractional: converted.fractional,
      };
      work.push(last);
    }
  };

  const flagPending = () => {
    if (!pending) return;
    const p = pending.reading;
    // A strong mention, or one written with a size ("Oreo 120"), is an order line missing its quantity.
    if (
      p.product.coverage >= 0.45 ||
      p.codeSku !== null ||
      p.attributes.length > 0 ||
      p.product.usedNumbers.length > 0
    ) {
      reasons.push(
        reason(
          'missing_quantity',
          `No quantity found for "${p.text.trim()}".`,
          p.text,
          candidatesOf(p),
        ),
      );
    }
    pending = null;
  };

  let previousTurn = -2;
  for (const line of lines) {
    let text = line.text;
    if (sender.kind === 'rep' || (sender.kind === 'unknown' && currentDealer === null)) {
      const mention = findDealerMention(directory, text, allowed);
      if (mention && sender.kind === 'rep') {
        currentDealer = mention.dealer.code;
        text =
          text.slice(0, mention.start) +
          ' '.repeat(mention.end - mention.start) +
          text.slice(mention.end);
        flagPending();
      }
    }
    if (line.turn !== previousTurn) eachQty = null;
    const turnHasCorrection = lines.some(
      (l) =>
        l.turn === line.turn &&
        /\b(nahi|nahin|sorry|galat|make it|no no|correction)\b|\bno,/i.test(latin(l.text)),
    );
    previousTurn = line.turn;
    // "*maggi 12 case, not 10": a chat correction; the whole line replaces, not adds.
    const lineCorrection =
      /^\s*\*/.test(text) ||
      hasCorrectionCue(tokenize(normalizeText(text)), ' ' + text.toLowerCase() + ' ');
    const segments = splitSegments(catalog, text);
    segments.forEach((segmentText, k) => {
      if (COMPLAINT.test(latin(segmentText))) return;
      const r = readSegment(catalog, segmentText, k === 0);
      const hasProduct = r.codeSku !== null || r.product.status !== 'none';
      const resolved = r.codeSku !== null || r.product.status === 'resolved';
      // Taking a line out needs the product named as written, not a near spelling ("gaadi" is not "Ghadi").
      const namedExactly =
        r.codeSku !== null || r.productWords.some((w) => catalog.termIds.has(w.norm));
      if (r.removal && hasProduct && namedExactly) {
        const skus = new Set(
          r.codeSku !== null
            ? [catalog.skus[r.codeSku]!.item.sku]
            : r.product.candidates.map((c) => c.sku.item.sku),
        );
        for (let w = work.length - 1; w >= 0; w--)
          if (skus.has(work[w]!.sku) && work[w]!.dealer === currentDealer) work.splice(w, 1);
        if (
          pending &&
          pending.reading.product.sku &&
          skus.has(pending.reading.product.sku.item.sku)
        )
          pending = null;
        return;
      }
      // A "don't send …" segment never adds a line, whatever it names.
      if (r.removal) return;
      if (r.negated && hasProduct) {
        const skus = new Set(r.product.candidates.map((c) => c.sku.item.sku));
        for (let w = work.length - 1; w >= 0; w--)
          if (skus.has(work[w]!.sku) && work[w]!.dealer === currentDealer) work.splice(w, 1);
        return;
      }
      // "And Sprite 750, 2 cases": the number was the size; the quantity follows.
      const nextReading =
        segments[k + 1] !== undefined ? readSegment(catalog, segments[k + 1]!, false) : null;
      if (
        r.product.numberInDoubt &&
        r.quantity?.kind === 'bare' &&
        nextReading?.quantity &&
        nextReading.product.status === 'none' &&
        nextReading.codeSku === null
      ) {
        r.quantity = null;
        r.product = { ...r.product, numberInDoubt: false };
      }
      // "120 gram" on its own: a size for the product just named, or for a repeat of the last one.
      if (!hasProduct && !r.quantity && r.attributes.length > 0) {
        const base = pending
          ? pending.reading.text
          : lastReading?.productWords.map((t) => t.raw).join(' ');
        if (base) {
          const merged = readSegment(catalog, `${base} ${segmentText}`, false);
          if (merged.product.status !== 'none')
            pending = { reading: merged, dealer: currentDealer, turn: line.turn };
        }
        return;
      }
      if (r.uncertain && (hasProduct || r.quantity))
        reasons.push(
          reason('uncertain', `The quantity in "${r.text.trim()}" is not decided.`, r.text),
        );
      if (r.quantityConflict)
        reasons.push(
          reason('uncertain', `Two different quantities in "${r.text.trim()}".`, r.text),
        );
      if (r.product.numberInDoubt && r.quantity)
        reasons.push(
          reason(
            'uncertain',
            `In "${r.text.trim()}" a number could be the size or the quantity.`,
            r.text,
          ),
        );

      let reading = r;
      // An ambiguous mention of something already ordered refers to that line.
      if (!resolved && r.product.status === 'ambiguous') {
        const already = work.filter(
          (w) =>
            w.dealer === currentDealer &&
            r.product.candidates.some((c) => c.sku.item.sku === w.sku),
        );
        if (already.length === 1) {
          const sku = catalog.bySku.get(already[0]!.sku)!;
          reading = { ...r, product: { ...r.product, status: 'resolved', sku } };
        }
      }
      // "1 ltr 10 cs" after "Bisleri 500ml 10 cs": the product carries over.
      if (
        !hasProduct &&
        r.quantity &&
        (r.attributes.length > 0 || r.unknownWords.length > 0) &&
        lastReading
      ) {
        const carried = readSegment(
          catalog,
          `${lastReading.productWords.map((t) => t.raw).join(' ')} ${segmentText}`,
          false,
        );
        if (carried.product.status === 'resolved' && carried.product.sku?.item.sku !== last?.sku)
          reading = carried;
      } else if (
        hasProduct &&
        !resolved &&
        r.product.status === 'ambiguous' &&
        lastReading?.product.sku &&
        reading === r
      ) {
        // "… red 5 coil and black 5 coil": try the last product's words, then only its brand/lead words.
        const previous = lastReading.product.sku;
        const head = lastReading.productWords.filter((t) =>
          previous.headTerms.includes(catalog.termIds.get(t.norm) ?? -1),
        );
        for (const words of [lastReading.productWords, head]) {
          if (words.length === 0) continue;
          const carried = readSegment(
            catalog,
            `${words.map((t) => t.raw).join(' ')} ${segmentText}`,
            false,
          );
          if (
            carried.product.status === 'resolved' &&
            r.product.candidates.some((c) => c.sku === carried.product.sku)
          ) {
            reading = carried;
            break;
          }
        }
      }
      const readingResolved = reading.codeSku !== null || reading.product.status === 'resolved';
      const readingHasProduct = reading.codeSku !== null || reading.product.status !== 'none';

      if (readingHasProduct) {
        if (pending && pending.reading !== reading) {
          if (turnHasCorrection || reading.correction) pending = null;
          else flagPending();
        }
        const qty = reading.quantity ?? eachQty;
        if (reading.each && reading.quantity) eachQty = reading.quantity;
        if (!qty) {
          pending = { reading, dealer: currentDealer, turn: line.turn };
          if (readingResolved) lastReading = reading;
          return;
        }
        if (!readingResolved) {
          reasons.push(
            reason(
              reading.product.status === 'ambiguous' ? 'ambiguous_product' : 'unknown_product',
              `"${reading.text.trim()}" could be several products.`,
              reading.text,
              candidatesOf(reading),
            ),
          );
          return;
        }
        if (reading.product.unexplainedNear) {
          reasons.push(
            reason(
              'uncertain',
              `Some words in "${reading.text.trim()}" were not understood; check the product.`,
              reading.text,
              candidatesOf(reading),
            ),
          );
        }
        const isKnown = work.some(
          (w) =>
            w.sku ===
              (reading.codeSku !== null
                ? catalog.skus[reading.codeSku]!.item.sku
                : reading.product.sku!.item.sku) && w.dealer === currentDealer,
        );
        addLine(reading, qty, currentDealer, isKnown && (reading.correction || lineCorrection));
        lastReading = reading;
        return;
      }
      if (reading.quantity) {
        if (pending) {
          const p = pending.reading;
          pending = null;
          if (p.codeSku !== null || p.product.status === 'resolved') {
            addLine(p, reading.quantity, currentDealer, false);
            lastReading = p;
          } else {
            reasons.push(
              reason(
                'ambiguous_product',
                `"${p.text.trim()}" could be several products.`,
                p.text,
                candidatesOf(p),
              ),
            );
          }
          return;
        }
        if (last && (reading.correction || turnHasCorrection)) {
          const sku = catalog.bySku.get(last.sku)!;
          const converted = toSalesUnits(sku, reading.quantity);
          if (converted.qty > 0) last.qty = converted.qty;
          return;
        }
        if (
          last &&
          catalog.bySku.get(last.sku) &&
          toSalesUnits(catalog.bySku.get(last.sku)!, reading.quantity).qty === last.qty
        )
          return;
        if (reading.quantity.kind !== 'bare') {
          reasons.push(
            reason(
              'leftover_text',
              `"${reading.text.trim()}" has a quantity but no product we know.`,
              reading.text,
            ),
          );
        }
      }
    });
  }
  flagPending();

  const orderLines = work.length > 0;
  const intentReading = detectIntent({
    text: latin(intentText),
    hasOrderLines: orderLines,
    hasProductMentions: reasons.some((r) =>
      ['missing_quantity', 'ambiguous_product', 'uncertain'].includes(r.code),
    ),
  });
  const intent = intentReading.intent;
  if (intent !== 'order') {
    const clear = intentReading.clear;
    return {
      intent,
      orders: [],
      confidence: clear ? 0.9 : 0.4,
      needs_review: !clear,
      reasons: clear ? [] : [reason('unclear_intent', 'Could not tell what this message is for.')],
    };
  }

  const lowered = latin(intentText);
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
  const confidence = reasons.length === 0 ? 0.95 : Math.max(0.1, 0.6 - 0.1 * reasons.length);
  return { intent, orders, confidence, needs_review: reasons.length > 0, reasons };
}

function candidatesOf(reading: SegmentReading): Candidate[] {
  return reading.product.candidates.map((c) => ({
    sku: c.sku.item.sku,
    name: c.sku.item.name,
    score: Math.round(c.score * 100) / 100,
  }));
}
