/**
 * The review policy: the ONE place that decides `needs_review`. The reading rules hand it a
 * draft and their doubts; it then checks the draft against the message by its own, plainer
 * logic and lets the draft go straight through only when everything is accounted for:
 * - every word of the read text is a word of a line's product, its size, quantity or unit, the
 *   dealer's name, a recognised reference (date, phone, document number, price) or framing
 *   (a closed lexicon); anything else is unexplained, so a language or a turn of phrase the
 *   rules don't know goes to a person by construction;
 * - every number is a line's quantity or size, or a recognised reference;
 * - each line's own words single out its SKU under a plain matcher (no spelling tolerance,
 *   nothing borrowed from another line);
 * - the policy's own reading of each quantity agrees with the draft's;
 * - the dealer named, if any, is the one the order is for, and the sender is known;
 * - the message is plainly an order (no word that negates, cancels, returns, complains, asks,
 *   defers, corrects or points back; not mixed with another request).
 * A message that orders nothing goes through only when the reader was sure of its intent, it
 * names no product, and the policy's own intent words do not point elsewhere.
 * Every refusal names its code and the words that caused it; the token roles are the trace.
 */
import { groupBy, perDirectory } from '../dealer/per-directory.js';
import type { Directory } from '../dealer/compile-directory.js';
import { dealerNameWords } from '../dealer/compile-directory.js';
import type { AliasPhrase, CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { codeKey } from '../match/compile-catalog.js';
import type { LearnedAlias } from '../match/learned-aliases.js';
import { CLOSED_CLASSES, type ClosedClass } from '../lexicon/closed-classes.js';
import {
  NUMBER_LABELS,
  REQUESTS_AFTER_KAL,
  TAKE_BACK,
  TIMES_OF_DAY,
  VERBS_BEFORE_DO,
} from '../lexicon/cues.js';
import {
  ATTACHMENT_FRAMING,
  FRAMING,
  FROM_AFTER_NAME,
  SPEAKING,
  GREETINGS_WITH_NUMBER_WORDS,
  HESITATIONS,
  ROUNDS,
  SIGNATURE_TITLES,
  SAYING_YES,
  SPEAKS_FROM,
} from '../lexicon/framing.js';
import { INTENT_CUES, QUESTION_FRAMING, type IntentCue } from '../lexicon/intent-cues.js';
import { tokenForm, wordSet } from '../lexicon/lexicon.js';
import { TRADE_NAME_SHORT_FORMS } from '../lexicon/trade-names.js';
import { CARDINALS } from '../lexicon/numbers.js';
import {
  DOZEN_WORDS,
  NAME_NUMBER_MARKS as NAME_NUMBER_WORDS,
  NAME_NUMBER_WORDS_IN_FULL,
  PACK_WORDS,
  PIECE_WORDS,
  VARIANT_MARKERS,
} from '../lexicon/units.js';
import { editDistance } from '../text/phonetic.js';
import { normalizeText, tokenize, type Token } from '../text/tokenize.js';
import type { Channel, DealerEntry, DraftOrder, Intent, RepEntry, ReviewReason } from '../types.js';
import { readAttributes, type Attribute } from '../units/attributes.js';
import { isProductWord, productWords, singular, type ProductWords } from './product-words.js';
import {
  compoundNumber,
  isUnitWord,
  numberBeforeUnit,
  plainNumber,
  readQuantity,
  sameUnit,
  type NumberToken,
} from './read-quantity.js';
import { eachCount } from './each-count.js';
import { billToOwnName, mentionsPayment, paymentNotes } from './payment-note.js';
import { deliveryNotes, mentionsDelivery } from './delivery-note.js';
import { politeRequests } from './polite-request.js';
import { isPhoneWord, phoneNotes } from './phone-note.js';
import { findReferences } from './references.js';
import { framesInScript, namesInScript, spelledInScript } from './script-framing.js';
import type { Refusal } from './refusals.js';
import { dimensionPairs } from '../units/dimension-pairs.js';
import {
  hasSize,
  rivalsByCount,
  rivalsByUnit,
  rivalsOf,
  type SingleOutInput,
} from './single-out.js';
import type { ReviewDecision, TokenAccount, TokenRole } from './trace.js';

export interface ReviewInput {
  catalog: CompiledCatalog;
  directory: Directory;
  channel: Channel;
  intent: Intent;
  /** The reader was sure what the message is for. */
  intentClear: boolean;
  /** The reader also saw a cancel or a status question beside the lines. */
  intentMixed: boolean;
  /** The text the lines were read from, line by line: all of it must be explained. */
  lines: readonly { text: string }[];
  /** An email's subject: checked for words that change what the lines mean. */
  subject: string | null;
  /** A call's first turn, the agent's greeting: the distributor's and the agent's own names. */
  greeting?: string | null;
  /** The email adapter read the attached order sheets into the lines ("PFA" then asks for nothing more). */
  sheetsRead?: boolean;
  orders: readonly DraftOrder[];
  /** What the reading rules were unsure of. */
  doubts: readonly ReviewReason[];
  /** Who sent it: a dealer (on file, or vouched for by the channel), a rep, or nobody known. */
  sender:
    | { kind: 'dealer'; dealer: DealerEntry | undefined }
    | { kind: 'rep'; rep: RepEntry }
    | { kind: 'unknown' };
  learnedAliases?: readonly LearnedAlias[];
  /**
   * List every refusal (for `--explain` and tests). By default a line's rivals are not looked up
   * once something else has already been refused: the decision is made, and that is the costly part.
   */
  everyRefusal?: boolean;
}

const FRAMING_WORDS = wordSet(FRAMING);
const QUESTION_WORDS = wordSet(QUESTION_FRAMING);
const ATTACHMENT_WORDS = wordSet(ATTACHMENT_FRAMING);
const FROM_WORDS = wordSet(FROM_AFTER_NAME);
const CLASS_OF = new Map<string, ClosedClass>();
for (const [cls, list] of Object.entries(CLOSED_CLASSES) as [ClosedClass, typeof FRAMING][])
  for (const w of wordSet(list)) if (!CLASS_OF.has(w)) CLASS_OF.set(w, cls);
const CUE_OF = new Map<string, IntentCue>();
for (const [cue, list] of Object.entries(INTENT_CUES) as [IntentCue, typeof FRAMING][])
  for (const w of wordSet(list)) if (!CUE_OF.has(w)) CUE_OF.set(w, cue);
const TIMES = new Set(['x', '×', '*']);
const HESITATION = new Set<string>(HESITATIONS);
const ROUND_WORDS = new Set<string>(ROUNDS.rounds);
const ROUND_BETWEEN = new Set<string>(ROUNDS.between);
const RESTATING = new Set(['make']);
/** The framing a restating mention may hold besides "make" ("P.S. make it 8", "pls make the …"). */
const RESTATING_FRAMING = new Set(['it', 'the', 'p', 's', 'ps', 'pls', 'please', 'kindly', 'only']);
/** After a number of the name, when another number follows ("120 no.", "500 Tab"), and "5 wala". */
const NAME_NUMBER_MARKS = new Set([...NAME_NUMBER_WORDS, ...NAME_NUMBER_WORDS_IN_FULL]);
const VARIANT_MARKS = VARIANT_MARKERS;

/** One token of the read text and what the policy made of it. */
interface Slot {
  token: Token;
  line: number;
  /** Index within its line's tokens. */
  at: number;
  lineTokens: Token[];
  reference: boolean;
  role: TokenRole | null;
  orderLine: number | null;
}

export function decideReview(input: ReviewInput): ReviewDecision {
  const refusals: Refusal[] = input.doubts.map(doubtRefusal);
  // A reading rule's doubt already decides: account for the words only when every refusal is
  // wanted (--explain, tests). Most drafts a person must see stop here, and cheaply.
  if (refusals.length > 0 && !input.everyRefusal)
    return {
      needsReview: true,
      confidence: refusalConfidence(refusals),
      refusals,
      tokens: [],
      accounted: false,
    };
  const slots = readSlots(input.lines);
  if (input.intent === 'order') accountOrder(input, slots, refusals);
  else accountNonOrder(input, slots, refusals);
  return {
    needsReview: needsReview(refusals),
    confidence: confidenceOf(slots, refusals),
    refusals,
    accounted: true,
    tokens: slots.map((s) => ({
      text: s.token.raw,
      role: s.role ?? 'unexplained',
      line: s.line,
      ...(s.orderLine !== null ? { order_line: s.orderLine } : {}),
    })) satisfies TokenAccount[],
  };
}

/** The decision itself: a person looks unless nothing was refused. The only place it is made. */
export function needsReview(refusals: readonly Refusal[]): boolean {
  return refusals.length > 0;
}

/** A decision with more doubts raised after it (a language model's suggestions). */
export function withDoubts(
  decision: ReviewDecision,
  doubts: readonly ReviewReason[],
): ReviewDecision {
  const refusals = [...decision.refusals, ...doubts.map(doubtRefusal)];
  return {
    ...decision,
    refusals,
    needsReview: needsReview(refusals),
    confidence: Math.min(decision.confidence, refusalConfidence(refusals)),
  };
}

const LINE_ROLES = new Set<TokenRole>(['product', 'size', 'quantity', 'unit']);

/**
 * How sure the draft is, for reports by band: a draft that goes through rises with the share of
 * its words the lines themselves explain (framing, names and references explain the rest); one
 * that does not falls with each refusal.
 */
function confidenceOf(slots: readonly Slot[], refusals: readonly Refusal[]): number {
  if (needsReview(refusals)) return refusalConfidence(refusals);
  const counted = slots.filter((s) => s.token.kind !== 'symbol');
  const inLines = counted.filter((s) => s.role !== null && LINE_ROLES.has(s.role)).length;
  const share = counted.length > 0 ? inLines / counted.length : 0;
  return Math.round((0.7 + 0.29 * share) * 100) / 100;
}

function refusalConfidence(refusals: readonly Refusal[]): number {
  return refusals.length === 0 ? 0.95 : Math.max(0.1, 0.6 - 0.1 * refusals.length);
}

function doubtRefusal(d: ReviewReason): Refusal {
  return {
    code: 'reader_doubt',
    words: d.source ? [d.source.trim()] : [],
    message: d.message,
    detail: d.code,
  };
}

function readSlots(lines: readonly { text: string }[]): Slot[] {
  const slots: Slot[] = [];
  lines.forEach((l, line) => {
    const lineTokens = tokenize(normalizeText(l.text));
    const references = findReferences(lineTokens);
    lineTokens.forEach((token, at) =>
      slots.push({
        token,
        line,
        at,
        lineTokens,
        reference: references.has(at),
        role: null,
        orderLine: null,
      }),
    );
  });
  return slots;
}

// ------------------------------------------------------------------------------------ orders

function accountOrder(input: ReviewInput, slots: Slot[], refusals: Refusal[]): void {
  const { catalog } = input;
  const draftLines = input.orders.flatMap((o) => o.lines.map((line) => ({ order: o, line })));
  if (draftLines.length === 0 && input.doubts.length === 0)
    refusals.push({ code: 'no_lines', words: [], message: 'No order line was read.' });
  if (input.intentMixed)
    refusals.push({
      code: 'intent_mixed',
      words: [],
      message: 'Beside the lines the message also cancels something or asks about an order.',
    });

  const dealerWords = dealerForms(input);
  // The mention each order's last line was read from: the next line may carry its words.
  const lastMention = new Map<DraftOrder, Slot[]>();
  draftLines.forEach(({ order, line }, k) => {
    const sku = catalog.bySku.get(line.sku);
    const span = locate(slots, line.source, k, lastMention.get(order) ?? null);
    if (span !== null) lastMention.set(order, span.at(-1)!);
    if (!sku || span === null) {
      refusals.push({
        code: 'line_not_located',
        words: [line.source],
        message: `The words of "${line.source.trim()}" are not together in the message: the line took some from elsewhere.`,
      });
      return;
    }
    accountLine(input, sku, line.qty, slots, span, dealerWords, refusals);
  });

  // Words a reading rule already doubted (an unsettled product, a missing quantity) are that
  // doubt's: it is a refusal of its own, with the candidates a reviewer or the dealer picks from.
  for (const doubt of input.doubts) {
    if (!doubt.source) continue;
    for (const piece of doubt.source.split(' | ')) {
      const run = findRun(slots, formsOf(piece));
      for (const s of run ?? []) if (s.role === null) s.role = 'doubted';
    }
  }
  // A rep's own name explains words only on a line with no order line (the sign-off), or
  // before every line read ("Naveen: Charminar Sports - …").
  const lineHasOrder = new Set(slots.filter((s) => s.orderLine !== null).map((s) => s.line));
  const firstLineSlot = slots.findIndex((s) => s.orderLine !== null);
  const repWords = new Set(
    input.sender.kind === 'rep' ? dealerNameWords(input.sender.rep.name) : [],
  );
  markSenderNames(slots);
  markSignatureBlock(slots, dealerWords);
  markPhoneNotes(slots);
  markPaymentNotes(input.catalog, slots);
  if (input.channel === 'transcript') {
    markGreetingNames(slots, input.greeting ?? null);
    markConfirmedQuantities(input, slots);
  }
  const unitNote = sharedUnit(input, slots);
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (s.orderLine === null && s.role === null) {
      s.role = outsideRole(input, s, dealerWords);
      // "All qty in boxes": the unit every line is counted in, said once for all of them.
      if (
        s.role === 'unexplained' &&
        unitNote !== null &&
        s.token.kind === 'word' &&
        sameUnit(s.token.norm, unitNote)
      )
        s.role = 'unit';
      if (
        s.role === 'unexplained' &&
        repWords.has(s.token.norm) &&
        (!lineHasOrder.has(s.line) || i < firstLineSlot)
      )
        s.role = 'dealer';
    }
  }
  // the dealer's name outside every line is known only now: where it is, after it
  markDealerPlaces(slots);
  markNameAfterPlace(input.directory, slots);
  markNameBeforePlace(input, slots);
  markGreetedName(input, slots);
  markDeliveryNotes(input.catalog, slots);
  markPoliteRequests(slots);
  markRepeatAsBelow(slots);
  markAnnouncedKind(input, slots);
  markBillToOwnName(slots, dealerWords);
  checkRepDealers(input, slots, refusals);
  checkLineDealers(
    input,
    draftLines.map(({ order }) => order.dealer),
    slots,
    refusals,
  );
  refuseUnexplained(input, slots, refusals);
  checkDealers(input, slots, refusals);
  checkSubject(input, refusals);
}

/**
 * The slots of a line's source (segments joined by " | " when a line was said twice): each
 * segment's words and numbers, in order and unclaimed, symbols between them skipped. Null when
 * a segment is not in the text as one run (its words were carried from another line).
 */
function locate(
  slots: Slot[],
  source: string,
  orderLine: number,
  previous: Slot[] | null,
): Slot[][] | null {
  const pieces: Slot[][] = [];
  for (const piece of source.split(' | ')) {
    const forms = formsOf(piece);
    if (forms.length === 0) continue;
    const underHeading = findUnderHeading(slots, forms);
    if (underHeading !== null) {
      for (const s of underHeading.own) s.orderLine = orderLine;
      // The heading's words are read again for every line under it.
      for (const s of underHeading.heading) s.role = null;
      pieces.push([...underHeading.heading, ...underHeading.own]);
      continue;
    }
    const run = findRun(slots, forms);
    if (run !== null) {
      for (const s of run) s.orderLine = orderLine;
      pieces.push(run);
      continue;
    }
    const carried = previous === null ? null : findCarried(slots, forms, previous);
    if (carried === null) return null;
    for (const s of carried.own) s.orderLine = orderLine;
    // The carried words are read again, for this line's product.
    for (const s of carried.words) s.role = null;
    pieces.push([...carried.words, ...carried.own]);
  }
  return pieces.length > 0 ? pieces : null;
}

/**
 * "medicine ball 3kg 4, 5kg 4": a line whose first words are carried, in order, from the mention
 * of the line before it in the same order, and whose other words follow that mention as a run of
 * their own, on its text line or the next. Those words and the carried ones are then accounted
 * for together, as one mention: they must single out the product as any line's do.
 */
function findCarried(
  slots: Slot[],
  forms: string[],
  previous: Slot[],
): { words: Slot[]; own: Slot[] } | null {
  const last = previous.at(-1)!;
  const after = slots.slice(slots.indexOf(last) + 1);
  const said = previous.filter((s) => s.token.kind !== 'symbol');
  const words: Slot[] = [];
  for (let cut = 1; cut < forms.length; cut++) {
    const from = said.indexOf(words.at(-1)!) + 1;
    const next = said.slice(from).find((s) => s.token.norm === forms[cut - 1]);
    if (next === undefined) return null;
    words.push(next);
    const own = findRun(after, forms.slice(cut));
    if (own !== null && own[0]!.line <= last.line + 1) return { words: [...words], own };
  }
  return null;
}

interface Heading {
  slots: Slot[];
  /** Ends in ":"; a heading without one is a whole line of the product's words alone. */
  colon: boolean;
  /** The text lines read under it so far, in order. */
  under: number[];
}

const headingsOf = new WeakMap<Slot[], Heading[]>();
/** The lines that may head others: every line no order line claims (found once per message). */
function headingLines(slots: Slot[]): Heading[] {
  let lines = headingsOf.get(slots);
  if (!lines) {
    lines = [];
    for (const own of slotsByLine(slots).values())
      lines.push({ slots: own, colon: own.at(-1)?.token.raw === ':', under: [] });
    headingsOf.set(slots, lines);
  }
  return lines;
}

/**
 * "Havells wire 1.5 sqmm:" then "- red 5 coil": a line whose words begin with a whole heading
 * line (one ending in ":") and go on in a run of their own further down. A heading line
 * without a colon ("4T xtra", then "1 ltr 2 ctn", "900 ml 1 ctn") heads only whole lines that
 * follow it one after another, each read under it.
 */
function findUnderHeading(slots: Slot[], forms: string[]): { heading: Slot[]; own: Slot[] } | null {
  for (const heading of headingLines(slots)) {
    const line = heading.slots;
    if (line.some((s) => s.orderLine !== null)) continue;
    const words = line.filter((s) => s.token.kind !== 'symbol');
    if (words.length === 0 || words.length >= forms.length) continue;
    if (!words.every((s, k) => s.token.norm === forms[k])) continue;
    const headingLine = line[0]!.line;
    const own = findRun(
      slots.filter((s) => s.line > headingLine),
      forms.slice(words.length),
    );
    if (!own) continue;
    if (!heading.colon) {
      const ownLine = own[0]!.line;
      const next = heading.under.at(-1) ?? headingLine;
      const opensLine = own[0]!.lineTokens.slice(0, own[0]!.at).every((t) => t.kind === 'symbol');
      if (ownLine !== next + 1 || !opensLine) continue;
    }
    heading.under.push(own[0]!.line);
    return { heading: words, own };
  }
  return null;
}

function formsOf(text: string): string[] {
  return tokenize(normalizeText(text))
    .filter((t) => t.kind !== 'symbol')
    .map((t) => t.norm);
}

/** The first run of unclaimed slots saying these words in order (symbols between skipped). */
function findRun(slots: Slot[], forms: string[]): Slot[] | null {
  if (forms.length === 0) return null;
  for (let start = 0; start < slots.length; start++) {
    const run: Slot[] = [];
    let f = 0;
    for (let i = start; i < slots.length && f < forms.length; i++) {
      const s = slots[i]!;
      if (s.orderLine !== null || s.role === 'doubted') break;
      // (a reader drops a speaker's "uh" from a line's words)
      if (
        s.token.kind === 'symbol' ||
        (HESITATION.has(s.token.norm) && s.token.norm !== forms[f])
      ) {
        if (run.length > 0) run.push(s);
        continue;
      }
      if (s.token.norm !== forms[f]) break;
      run.push(s);
      f++;
    }
    if (f === forms.length) return run;
  }
  return null;
}

/** A number flagged as a reference by its length alone that the SKU's own name writes. */
function ownLongNumber(s: Slot, before: Slot | undefined, numbers: readonly number[]): boolean {
  const value = s.token.kind === 'number' ? plainNumber(s.token) : null;
  return value !== null && numbers.includes(value) && !(before?.reference ?? false);
}

/**
 * Accounts for a line said once or more ("maggi 5 cs … maggi 3 cs": summed): each mention on its
 * own, and the quantities together against the draft's.
 */
function accountLine(
  input: ReviewInput,
  sku: CompiledSku,
  qty: number,
  slots: Slot[],
  pieces: Slot[][],
  dealerWords: ReadonlySet<string>,
  refusals: Refusal[],
): void {
  let sum = 0;
  for (const [n, piece] of pieces.entries()) {
    const restates = n > 0 && markRestating(piece, pieces[n - 1]!);
    const read = accountMention(input, sku, piece, dealerWords, refusals);
    if (read === null) return;
    if (restates && !restatesOnly(piece)) {
      refusals.push({
        code: 'quantity_disagrees',
        words: [sourceOf(piece)],
        message: `"${sourceOf(piece)}" may add to ${sku.item.name} rather than set its quantity anew.`,
      });
      return;
    }
    sum = restates ? read : sum + read;
  }
  const corrected = pieces.length === 1 ? correctionAfter(sku, slots, pieces[0]!, sum) : null;
  if (corrected !== null) sum = corrected;
  if (sum !== qty)
    refusals.push({
      code: 'quantity_disagrees',
      words: pieces.map(sourceOf),
      message: `"${pieces.map(sourceOf).join(' … ')}" reads as ${sum} ${sku.item.unit} to the policy, but the draft has ${qty}.`,
    });
}

/**
 * "double pump 5.. nahi 6 bhejo", "Roohafza 750 20 peti… sorry 12 peti", "Kingston A400 240 GB,
 * paanch. Nahi nahi, saat kar do": right after a line's one mention, on its text line or the
 * next, words that take the count back, another count (its unit, words that close it) and then
 * nothing before a mark or the line's end: the count the line is corrected to, in sales units
 * (another than the one `said`).
 * Marks those words; null (and nothing marked) when the words after the mention are not that.
 */
function correctionAfter(
  sku: CompiledSku,
  slots: Slot[],
  mention: Slot[],
  said: number,
): number | null {
  const last = mention.at(-1)!;
  let i = slots.indexOf(last) + 1;
  const skipMarks = () => {
    while (
      i < slots.length &&
      (slots[i]!.token.kind === 'symbol' || HESITATION.has(slots[i]!.token.norm)) &&
      slots[i]!.orderLine === null
    )
      i++;
  };
  const usable = (s: Slot | undefined) =>
    s !== undefined && s.orderLine === null && s.role === null && s.line <= last.line + 1;
  const opens: Slot[] = [];
  for (skipMarks(); usable(slots[i]) && TAKE_BACK.opens.has(slots[i]!.token.norm); skipMarks())
    opens.push(slots[i++]!);
  const count = slots[i];
  if (opens.length === 0 || !usable(count) || plainNumber(count!.token) === null) return null;
  // "nahi nahi, 8": one word, said once or twice ("10 pair nako nahi 15": two things said)
  if (opens.some((s) => s.token.norm !== opens[0]!.token.norm)) return null;
  const reading = readQuantity(
    sku,
    count!.lineTokens,
    { at: count!.at, value: plainNumber(count!.token)! },
    (k) => usable(slots[i + k - count!.at]),
  );
  // (the same count again is no correction: "Primer 2 bucket?" — "Nahi, 2 bucket.")
  if (!reading.ok || reading.qty === said) return null;
  const unit = reading.unitAt === null ? null : slots[i + reading.unitAt - count!.at]!;
  i = Math.max(i, unit ? slots.indexOf(unit) : i) + 1;
  const closes: Slot[] = [];
  while (
    usable(slots[i]) &&
    slots[i]!.line === count!.line &&
    TAKE_BACK.closes.has(slots[i]!.token.norm)
  )
    closes.push(slots[i++]!);
  const after = slots[i];
  if (
    after &&
    after.line === count!.line &&
    after.token.kind !== 'symbol' &&
    after.orderLine === null
  )
    return null;
  const orderLine = last.orderLine;
  const mark = (s: Slot, role: TokenRole) => {
    s.role = role;
    s.orderLine = orderLine;
  };
  for (const s of opens) mark(s, 'restates');
  mark(count!, 'quantity');
  if (unit) mark(unit, 'unit');
  for (const s of closes) mark(s, 'framing');
  return reading.qty;
}

/**
 * "5 boxes septanest … P.S. make septanest 8 boxes", "foil make it twelve": a later mention of
 * the line, after the one before it in the text, whose "make" comes before its count sets the
 * quantity anew instead of adding to it. Marks that "make".
 */
function markRestating(piece: Slot[], before: Slot[]): boolean {
  const last = before.at(-1)!;
  const first = piece[0]!;
  if (first.line < last.line || (first.line === last.line && first.at <= last.at)) return false;
  const at = piece.findIndex((s) => s.role === null && RESTATING.has(s.token.norm));
  if (at < 0 || piece.filter((s) => RESTATING.has(s.token.norm)).length > 1) return false;
  if (!piece.slice(at + 1).some((s) => plainNumber(s.token) !== null)) return false;
  piece[at]!.role = 'restates';
  return true;
}

/** A restating mention says nothing but the line and "make it": no "more", "extra", "also". */
function restatesOnly(piece: Slot[]): boolean {
  return piece.every((s) => s.role !== 'framing' || RESTATING_FRAMING.has(s.token.norm));
}

/**
 * "50 mfd" of a SKU whose alias is "10 mfd": the number and the word its aliases (never its name)
 * write after another number make a size it does not have. (A unit it is sold in, or a times
 * sign, counts instead.)
 */
function saysAnotherSize(
  sku: CompiledSku,
  own: ProductWords,
  token: Token,
  value: number,
  next: Token | undefined,
): boolean {
  if (token.kind !== 'number' || next?.kind !== 'word' || next.start - token.end > 1) return false;
  if (!own.aliasSizeWords.has(next.norm) || isUnitWord(sku, next.norm) || TIMES.has(next.norm))
    return false;
  return !own.aliasSizePairs.includes(`${value} ${next.norm}`);
}

/** "Medicine ball 3, 5 and 7 kilo": a bare count right after a comma and a bare size. */
function listedAfterSize(span: Slot[], at: number): boolean {
  const size = span[at - 2];
  return span[at - 1]?.token.raw === ',' && size?.role === 'size' && size.token.kind === 'number';
}

/**
 * Gives every slot of one mention its role; refuses what does not add up. Returns the quantity
 * the policy reads in it (sales units), or null when it reads none.
 */
function accountMention(
  input: ReviewInput,
  sku: CompiledSku,
  span: Slot[],
  dealerWords: ReadonlySet<string>,
  refusals: Refusal[],
): number | null {
  const { catalog } = input;
  const own = productWords(catalog, sku);
  const tokens = span.map((s) => s.token);
  const free = (k: number) => span[k] !== undefined && span[k]!.role === null;

  // The SKU's code, as written with or without separators ("NDL-MAG-070", "ndl mag 70").
  let named = markCode(span, own.code);
  for (const code of own.aliasCodes)
    named = named || (/^\d+$/.test(code) ? markModelNumber(sku, span, code) : markCode(span, code));
  // Learned phrases explain exactly the words they were learned from.
  named = markLearned(input, sku, span) || named;
  // Sizes said as a pair the SKU's name writes ("12 x 15", "M 8 x 50"): its size.
  const pairs: string[] = [];
  if (own.pairs.length > 0)
    for (const p of dimensionPairs(tokens))
      if (own.pairs.includes(p.key) && p.tokens.every(free)) {
        pairs.push(p.key);
        for (const k of p.tokens) span[k]!.role = 'size';
      }
  // Sizes with units ("70g", "20 ltr", "Rs 10"): the SKU's own, or not this product.
  const sizes: Attribute[] = [];
  for (const a of readAttributes(tokens, true)) {
    if (!a.tokens.every(free)) continue;
    if (hasSize(own.attributes, a)) {
      sizes.push(a);
      for (const k of a.tokens) span[k]!.role = 'size';
    } else if (!(a.tokens.length === 2 && isUnitWord(sku, tokens[a.tokens[1]!]!.norm))) {
      // "20 ltr" of a 10 L SKU: another size, another product (a weight counted in kilos aside).
      const said = a.tokens.map((k) => tokens[k]!.raw).join(' ');
      refusals.push({
        code: 'size_not_of_product',
        words: [said],
        message: `"${said}" is not a size of ${sku.item.name}.`,
      });
      for (const k of a.tokens) span[k]!.role = 'unexplained';
    }
  }
  span.forEach((s, k) => {
    if (s.role !== null) return;
    // "Timken 30207 - 8": a long number the SKU's own name writes, with no marker before it, is
    // the name's number (read with the line's numbers below), not a document's
    if (s.reference && ownLongNumber(s, span[k - 1], own.numbers)) return;
    if (s.reference) s.role = 'reference';
    else if (s.token.kind === 'symbol') s.role = symbolRole(s.token);
    else if (isListMarker(s)) s.role = 'list_marker';
    else if (k > 0 && VARIANT_MARKS.has(s.token.norm) && plainNumber(tokens[k - 1]!) !== null)
      s.role = 'size';
    // "1.5 mm2": the square of a cross-section written after its unit.
    else if (
      s.token.raw === '2' &&
      tokens[k - 1]?.norm === 'mm' &&
      tokens[k - 1]!.end === s.token.start
    )
      s.role = 'size';
  });

  // Numbers: the quantity, or the product's own numbers ("Dolo 650", "5 wala", "120 no.",
  // "500 Tab", "10x15").
  const numbers: NumberToken[] = [];
  const bareSizes: number[] = [];
  const ownNumber = (k: number) => {
    span[k]!.role = 'size';
    bareSizes.push(plainNumber(tokens[k]!)!);
  };
  span.forEach((s, k) => {
    if (s.role !== null) return;
    // "Sat Sri Akal": the greeting's "sat" counts nothing, whatever line took it
    if (opensGreeting(s.lineTokens, s.at)) {
      s.role = 'framing';
      return;
    }
    // "twenty four": read as one number, its second word explained with it
    const compound = free(k + 1) ? compoundNumber(tokens, k) : null;
    if (compound !== null) {
      span[k + 1]!.role = 'quantity';
      numbers.push({ at: k, value: compound, last: k + 1 });
      return;
    }
    const value = plainNumber(s.token) ?? (free(k + 1) ? numberBeforeUnit(sku, tokens, k) : null);
    if (value === null) return;
    const next = tokens[k + 1];
    if (saysAnotherSize(sku, own, s.token, value, next)) {
      // "50 mfd" of a SKU whose alias is "10 mfd": a size it does not have, however the words fit
      const said = `${s.token.raw} ${next!.raw}`;
      refusals.push({
        code: 'size_not_of_product',
        words: [said],
        message: `"${said}" is not a size of ${sku.item.name}.`,
      });
      s.role = 'size';
      span[k + 1]!.role = 'size';
      return;
    }
    if (s.token.norm === 'do' && saysGive(tokens, k)) return;
    if (next && VARIANT_MARKS.has(next.norm) && span[k + 1]!.role === 'size') {
      if (own.numbers.includes(value)) ownNumber(k);
      return;
    }
    // "10x15": a pack the product is sold in (strips of 15, ten to a box).
    const factor = tokens[k + 2];
    if (
      next &&
      TIMES.has(next.norm) &&
      s.token.kind === 'number' &&
      factor?.kind === 'number' &&
      next.start === s.token.end &&
      factor.start === next.end
    ) {
      const other = plainNumber(factor)!;
      if ([value, other, value * other].some((n) => own.numbers.includes(n))) {
        for (const j of [k, k + 1, k + 2]) span[j]!.role = 'size';
        return;
      }
    }
    numbers.push({ at: k, value });
  });
  // A number the product carries is its size while another number is left to be the quantity
  // ("kurkure 20 x 5": the 5 is counted by the "x"; "dolo 650 Tab 5 box", "sandpaper 120 no. 3").
  // A number of the name explains as many of the line's as the name writes ("KP4 1.5 HP - 1, 1
  // HP - 2" against a name with one "1", "1Ph": the second 1 is no size of it).
  const nameNumbersSaid = new Map<number, number>();
  const nameNumberAt: number[] = [];
  const moreOf = (v: number) =>
    (nameNumbersSaid.get(v) ?? 0) < Math.max(1, own.numberTimes.get(v) ?? 0);
  for (let n = 0; n < numbers.length && numbers.length > 1;) {
    const candidate = numbers[n]!;
    const after = tokens[candidate.at + 1];
    // "4 jar" of "Mixer Grinder 4 Jar": the name writes the number with that word
    const inName =
      after !== undefined && own.namePairs.includes(`${candidate.value} ${after.norm}`);
    const namesIt =
      after !== undefined &&
      span[candidate.at + 1]!.role === null &&
      ((NAME_NUMBER_MARKS.has(after.norm) &&
        // "90 number oil": the alias's own word stays the product's
        !(NAME_NUMBER_WORDS_IN_FULL.has(after.norm) && own.words.has(after.norm))) ||
        inName ||
        (TIMES.has(after.norm) && numbers[n + 1]?.at === candidate.at + 2));
    const unitAfter = after !== undefined && isUnitWord(sku, after.norm) && !namesIt;
    if (
      (own.numbers.includes(candidate.value) || (inName && namesIt)) &&
      !unitAfter &&
      moreOf(candidate.value)
    ) {
      nameNumbersSaid.set(candidate.value, (nameNumbersSaid.get(candidate.value) ?? 0) + 1);
      ownNumber(candidate.at);
      nameNumberAt.push(candidate.at);
      // (a word of the name stays the product's: "Liv 52 DS")
      if (namesIt && !TIMES.has(after.norm) && !inName) span[candidate.at + 1]!.role = 'size';
      numbers.splice(n, 1);
    } else n++;
  }
  // "bulb pipette 25 10" of the pipette whose alias is "bulb pipette 10": a bare count right
  // before the name's bare number reads the other way round as well (the 25 ml pipette, ten).
  const swapped = numbers.find((n) => nameNumberAt.includes(n.at + 1) && n.last === undefined);
  if (swapped && tokens[swapped.at]!.kind === 'number') {
    const said = `${tokens[swapped.at]!.raw} ${tokens[swapped.at + 1]!.raw}`;
    refusals.push({
      code: 'quantity_unreadable',
      words: [said],
      message: `In "${sourceOf(span)}", which of "${said}" is the count and which the size?`,
    });
    return null;
  }
  // No count of its own, only the name's number at most ("dolo 650"): the sentence's "10 each".
  const each =
    numbers.every((n) => own.numbers.includes(n.value)) && numbers.length <= 1
      ? eachCount(span[0]!.lineTokens, span[0]!.at, span.at(-1)!.at)
      : null;
  if (each) for (const n of numbers.splice(0)) ownNumber(n.at);
  // The one number left is the product's own, said with no unit: the size or the quantity?
  // Not when the size is already said ("pedigree 3 kg 3", "melox 30 - 30"): then it counts.
  const only = numbers.length === 1 ? numbers[0]! : null;
  if (
    only &&
    own.numbers.includes(only.value) &&
    !sizeSaidApart(span, only) &&
    !(tokens[only.at + 1] && isUnitWord(sku, tokens[only.at + 1]!.norm)) &&
    !(tokens[only.at - 1] && TIMES.has(tokens[only.at - 1]!.norm))
  ) {
    refusals.push({
      code: 'quantity_unreadable',
      words: [tokens[only.at]!.raw],
      message: `In "${sourceOf(span)}", ${tokens[only.at]!.raw} is a number of ${sku.item.name}'s own: its size or the quantity?`,
    });
    span[only.at]!.role = 'size';
    return null;
  }
  let unit: string | null = null;
  let read: number | null = null;
  if (each) {
    const lineTokens = span[0]!.lineTokens;
    const reading = readQuantity(sku, lineTokens, each, () => true);
    if (reading.ok) {
      read = reading.qty;
      unit = reading.unitAt === null ? null : lineTokens[reading.unitAt]!.norm;
    } else
      refusals.push({
        code: 'quantity_unreadable',
        words: [lineTokens[each.at]!.raw],
        message: reading.why,
      });
  } else if (numbers.length !== 1) {
    refusals.push({
      code: 'quantity_unreadable',
      words: numbers.length > 0 ? numbers.map((n) => tokens[n.at]!.raw) : [sourceOf(span)],
      message:
        numbers.length === 0
          ? `No quantity of its own in "${sourceOf(span)}".`
          : `More than one number could be the quantity in "${sourceOf(span)}".`,
    });
    for (const n of numbers) span[n.at]!.role = 'unexplained';
  } else {
    const number = numbers[0]!;
    span[number.at]!.role = 'quantity';
    const reading = readQuantity(sku, tokens, number, free);
    if (!reading.ok) {
      refusals.push({
        code: 'quantity_unreadable',
        words: [tokens[number.at]!.raw],
        message: reading.why,
      });
    } else if (reading.unitAt === null && listedAfterSize(span, number.at)) {
      const list = `${tokens[number.at - 2]!.raw}, ${tokens[number.at]!.raw}`;
      refusals.push({
        code: 'quantity_unreadable',
        words: [list],
        message: `In "${sourceOf(span)}", "${list}" may list two sizes rather than a size and its count.`,
      });
    } else {
      if (reading.unitAt !== null) {
        span[reading.unitAt]!.role = 'unit';
        unit = tokens[reading.unitAt]!.norm;
        // "wax 800ml x 4 tins": the times sign before the count is its mark, the unit after it.
        const mark = number.at - 1;
        if (
          reading.unitAt === number.at + 1 &&
          tokens[mark] &&
          TIMES.has(tokens[mark]!.norm) &&
          free(mark)
        )
          span[mark]!.role = 'unit';
      }
      read = reading.qty;
      // "kuri ta 2180 white set" (a set of 4): counted in pieces by one word, in sets by another
      const salesUnit = span.find(
        (s, k) =>
          k !== reading.unitAt && s.token.kind === 'word' && sameUnit(s.token.norm, sku.item.unit),
      );
      // ("2 dozen 5 kg hex pair" of pairs of two: two dozen pieces, or two dozen pairs?)
      const converted =
        read !== number.value &&
        unit !== null &&
        !(DOZEN_WORDS.has(unit) && sku.item.packSize === 1) &&
        !sameUnit(unit, sku.item.unit);
      if (converted && salesUnit) {
        refusals.push({
          code: 'quantity_unreadable',
          words: [tokens[number.at]!.raw, salesUnit.token.raw],
          message: `In "${sourceOf(span)}", ${tokens[number.at]!.raw} is counted as ${unit} and the line also says ${salesUnit.token.raw}: which counts?`,
        });
        read = null;
      }
    }
  }

  // Words: the product's own, framing, or words that change the line's meaning. A size pair
  // the catalog writes ("30x37") is a word of the names that write it.
  const productForms: string[] = pairs.filter((p) => catalog.termIds.has(p));
  const foreign: string[] = [];
  // A name's word that is also a closed-class word ("High Back") is the name's once: said
  // again in the line ("… 3 back le lo") it is its class.
  const closedSaid = new Set<string>();
  span.forEach((s, k) => {
    if (s.role !== null) return;
    const form = s.token.norm;
    const again = CLASS_OF.has(form) && closedSaid.has(form);
    const spelled = isProductWord(own, form) ? null : spelledInScript(s.token, own.words);
    if (s.token.kind === 'word' && isProductWord(own, form) && !again) {
      if (CLASS_OF.has(form)) closedSaid.add(form);
      s.role = 'product';
      productForms.push(form);
    } else if (spelled !== null) {
      // "ഫ്ലോട്ട് വാൽവ്": the product's own word written in a script, singling out as that word
      s.role = 'product';
      productForms.push(spelled);
    } else if (
      productForms.length === 0 &&
      (dealerWords.has(form) || afterDealer(s, dealerWords))
    ) {
      // "Pandey General Store Barabanki — Fortune …": the rest of the dealer's name, before the product.
      s.role = 'dealer';
    } else if (s.token.norm === 'do' && saysGive(tokens, k)) s.role = 'framing';
    else if (isFraming(form) || framingInPlace(tokens, k) || framesInScript(s.token))
      s.role = 'framing';
    else if (CLASS_OF.has(form)) s.role = CLASS_OF.get(form)!;
    else {
      s.role = 'unexplained';
      foreign.push(s.token.raw);
    }
  });
  if (foreign.length > 0)
    refusals.push({
      code: 'line_word_not_of_product',
      words: foreign,
      message: `In "${sourceOf(span)}", ${quoteList(foreign)} is not a word of ${sku.item.name}.`,
    });
  if (productForms.length === 0 && !named) {
    refusals.push({
      code: 'line_borrows_product',
      words: [sourceOf(span)],
      message: `"${sourceOf(span)}" does not name ${sku.item.name} in its own words.`,
    });
    return read;
  }
  // "Sat Sri Akal": a word only of the brand ("Sri Gopal Krishna Labs") names no product of it
  if (!named && productForms.every((f) => own.brandOnly.has(f))) {
    refusals.push({
      code: 'line_not_singled_out',
      words: [sourceOf(span)],
      message: `"${sourceOf(span)}" names only the brand of ${sku.item.name}, no product of it.`,
    });
    return read;
  }
  const counted = span.find((s) => s.role === 'quantity');
  const single: SingleOutInput = {
    catalog,
    sku,
    words: productForms,
    sizes,
    bareSizes,
    pairs,
    unit,
    count: counted ? plainNumber(counted.token) : null,
  };
  const byCount = named ? [] : rivalsByCount(single);
  if (byCount.length > 0) {
    refusals.push({
      code: 'line_not_singled_out',
      words: [sourceOf(span)],
      message: `In "${sourceOf(span)}", ${single.count} may name ${byCount[0]!.item.name} rather than count ${sku.item.name}.`,
    });
    return read;
  }
  const byUnit = named ? [] : rivalsByUnit(single);
  if (byUnit.length > 0) {
    refusals.push({
      code: 'line_not_singled_out',
      words: [sourceOf(span)],
      message: `In "${sourceOf(span)}", ${unit} is how ${byUnit[0]!.item.name} is sold, not ${sku.item.name}.`,
    });
    return read;
  }
  if (
    named ||
    isAliasOfOnly(catalog, sku, productForms, [
      ...bareSizes,
      ...sizes.map((a) => a.display),
      ...pairs.flatMap((p) => p.split('x').map(Number)),
    ])
  )
    return read;
  // The dearest check, made only where it can still change the decision (or the trace is wanted).
  if (refusals.length > 0 && !input.everyRefusal) return read;
  const rivals = rivalsOf(single);
  if (rivals === null)
    refusals.push({
      code: 'line_not_singled_out',
      words: [sourceOf(span)],
      message: `"${sourceOf(span)}" names ${sku.item.name} by no word the catalog lists it by.`,
    });
  else if (rivals.length > 0)
    refusals.push({
      code: 'line_not_singled_out',
      words: [sourceOf(span)],
      message: `"${sourceOf(span)}" fits ${sku.item.name} and also ${rivals
        .slice(0, 3)
        .map((r) => r.item.name)
        .join(', ')}.`,
    });
  return read;
}

/** Another of the mention's numbers, already taken as the product's size or name, has this value. */
function sizeSaidApart(span: readonly Slot[], number: NumberToken): boolean {
  return span.some(
    (s, k) =>
      k !== number.at &&
      (s.role === 'size' || s.role === 'product') &&
      plainNumber(s.token) === number.value,
  );
}

/**
 * The line's product words are, in order, one of the SKU's catalog aliases that no other SKU
 * has: the distributor's own name for it ("namak" is the house salt even if "tata namak" exists).
 */
function isAliasOfOnly(
  catalog: CompiledCatalog,
  sku: CompiledSku,
  forms: string[],
  stated: readonly number[],
): boolean {
  const ids = forms.map((f) => catalog.termIds.get(f));
  if (ids.some((id) => id === undefined)) return false;
  // "apex white 20" names the 20 L only when the 20 is said too.
  const said = (a: AliasPhrase) =>
    a.terms.length === ids.length &&
    a.terms.every((t, k) => t === ids[k]) &&
    a.numbers.every((n) => stated.includes(n)) &&
    a.attributes.every((x) => stated.includes(x.display));
  if (!sku.aliases.some(said)) return false;
  const first = catalog.postings[ids[0]!] ?? [];
  return first.every((other) => other === sku.index || !catalog.skus[other]!.aliases.some(said));
}

/**
 * A word that would be a closed-class word alone but is plain framing in its place:
 * "kal" wanting the goods tomorrow ("kal ke liye", "kal tak", "kal subah", "kal bhejo"), not yesterday's
 * order; "no" after a document label ("PO No: 4521", "S.No") is "number", not a refusal.
 */
/**
 * A line or sentence that only closes the list: "No, that's all", "nahi bas", "aur kuch nahi",
 * "nothing else".
 */
const SENTENCE_MARKS = new Set(['.', '!', '?', ';']);
const CLOSING_WORDS = new Set([
  ...['no', 'nahi', 'nahin', 'nothing', 'else', "that's", 'thats', 'that', 'is', 'all', 'it'],
  ...['bas', 'itna', 'hi', 'aur', 'kuch', 'kuchh', 'ji', 'sir', 'ok', 'okay', 'thanks'],
]);
const ONE_IDIOMS = new Set(['kaam', 'minute', 'min', 'baat', 'saath', 'order', 'moment', 'sec']);
/** "ek", "one", Bengali "ekta" ("ekta order": an order) before an idiom's word. */
const ONE_WORDS = new Set(['ek', 'one', 'ekta']);
const CLOSERS = new Set(['bas', 'all', 'else', 'kuch', 'kuchh']);
const PAST = new Set(['tha', 'thi', 'the', 'tho', 'gaya', 'gayi', 'diya']);
function closingSentence(tokens: readonly Token[], k: number): boolean {
  // the sentence around k: "Nahi bas. Aur haan …" closes the list with its first sentence
  let from = k;
  while (from > 0 && !SENTENCE_MARKS.has(tokens[from - 1]!.raw)) from--;
  let to = k;
  while (to + 1 < tokens.length && !SENTENCE_MARKS.has(tokens[to + 1]!.raw)) to++;
  const words = tokens.slice(from, to + 1).filter((t) => t.kind !== 'symbol');
  return (
    words.length <= 6 &&
    words.every((t) => t.kind === 'word' && CLOSING_WORDS.has(t.norm)) &&
    words.some((t) => CLOSERS.has(t.norm))
  );
}

function framingInPlace(tokens: readonly Token[], k: number): boolean {
  const form = tokens[k]?.norm;
  if (form !== undefined && CLOSING_WORDS.has(form) && closingSentence(tokens, k)) return true;
  // "ek kaam karo", "ek minute", "ek saath", "ek order likhna tha": one of nothing sold
  if (ONE_WORDS.has(form ?? '') && ONE_IDIOMS.has(tokens[k + 1]?.norm ?? '')) return true;
  if (form !== undefined && ONE_IDIOMS.has(form) && ONE_WORDS.has(tokens[k - 1]?.norm ?? ''))
    return true;
  if (form === 'no') {
    const before = tokens[k - 1]?.kind === 'symbol' ? tokens[k - 2] : tokens[k - 1];
    return before !== undefined && NUMBER_LABELS.has(before.norm);
  }
  // "add 5 box as well": also
  if (form === 'well') return tokens[k - 1]?.norm === 'as';
  const roundWord = form === 'from' || ROUND_WORDS.has(form ?? '') || ROUND_BETWEEN.has(form ?? '');
  if (roundWord && inRoundPhrase(tokens, k)) return true;
  // "P.S. 40mm PN6 bhi 2 roll": a postscript's mark opening its line
  if (form === 'p' || form === 's') return postscriptMark(tokens, form === 'p' ? k : k - 2);
  if (form !== 'kal') return false;
  let i = k + 1;
  if (TIMES_OF_DAY.has(tokens[i]?.norm ?? '')) {
    i += 1;
    if (tokens[i] === undefined || tokens[i]!.kind === 'symbol') return true;
  }
  const next = tokens[i]?.norm ?? '';
  // "kal bhejo", "kal subah bhej do": wanted tomorrow, unless a "tha" makes it past
  if (REQUESTS_AFTER_KAL.has(next))
    return !tokens.slice(i + 1, i + 4).some((t) => PAST.has(t.norm));
  return next === 'tak' || (next === 'ke' && ['liye', 'lie'].includes(tokens[i + 1]?.norm ?? ''));
}

/** "Orders from today's beat": the word at `k` is of a "from … beat" phrase. */
function inRoundPhrase(tokens: readonly Token[], k: number): boolean {
  for (let start = k; start >= Math.max(0, k - 4); start--) {
    if (tokens[start]!.norm !== 'from') continue;
    let i = start + 1;
    while (i < start + 4 && (ROUND_BETWEEN.has(tokens[i]?.norm ?? '') || tokens[i]?.raw === "'"))
      i++;
    if (!ROUND_WORDS.has(tokens[i]?.norm ?? '')) return false;
    // ("field visit")
    while (ROUND_WORDS.has(tokens[i + 1]?.norm ?? '')) i++;
    return k <= i;
  }
  return false;
}

/** "P.S." or "PS:" opening a line, the "P" at `at`. */
function postscriptMark(tokens: readonly Token[], at: number): boolean {
  if (at !== 0 && !(at === 1 && tokens[0]!.kind === 'symbol')) return false;
  const [p, dot, s] = [tokens[at], tokens[at + 1], tokens[at + 2]];
  return (
    p?.norm === 'p' &&
    dot?.raw === '.' &&
    s?.norm === 's' &&
    dot.start === p.end &&
    s.start === dot.end
  );
}

/**
 * "do" is "give", not two, after a verb ("bhej do") or closing a line that has its number
 * already ("teen box do").
 */
function saysGive(tokens: readonly Token[], k: number): boolean {
  if (VERBS_BEFORE_DO.has(tokens[k - 1]?.norm ?? '')) return true;
  const last = tokens.slice(k + 1).every((t) => t.kind === 'symbol');
  return last && tokens.slice(0, k).some((t) => plainNumber(t) !== null);
}

function markCode(span: Slot[], code: string): boolean {
  for (let i = 0; i < span.length; i++) {
    // A code starts with a word or number the code itself starts with: most slots are no start.
    const first = span[i]!.token;
    if (first.kind === 'symbol' || !code.startsWith(first.norm.slice(0, 2))) continue;
    let joined = '';
    for (let j = i; j < span.length && j < i + 8; j++) {
      const t = span[j]!.token;
      if (j > i && t.start - span[j - 1]!.token.end > 1) break;
      joined += t.raw;
      const key = codeKey(joined);
      if (!code.startsWith(key)) break;
      const parts = j - i + 1 - (joined.match(/[^a-z0-9]/gi)?.length ?? 0);
      if (key === code && /[a-z]/i.test(joined) && (/\d/.test(joined) || parts >= 3)) {
        for (let k = i; k <= j; k++) span[k]!.role = 'product';
        return true;
      }
    }
  }
  return false;
}

/**
 * "7216 - 2": a model number the catalog gives this SKU alone names it, when another number is
 * there to be the quantity and no unit word follows it (a count "155 pcs" stays a count).
 */
function markModelNumber(sku: CompiledSku, span: Slot[], model: string): boolean {
  const at = span.findIndex((s) => s.role === null && s.token.raw === model);
  if (at < 0) return false;
  const next = span[at + 1]?.token;
  if (next && isUnitWord(sku, next.norm)) return false;
  if (!span.some((s, k) => k !== at && s.token.kind === 'number')) return false;
  span[at]!.role = 'product';
  return true;
}

function markLearned(input: ReviewInput, sku: CompiledSku, span: Slot[]): boolean {
  let marked = false;
  for (const alias of input.learnedAliases ?? []) {
    if (alias.sku !== sku.item.sku) continue;
    const forms = tokenize(normalizeText(alias.alias))
      .filter((t) => t.kind === 'word')
      .map((t) => t.norm);
    const words = span.filter((s) => s.token.kind === 'word');
    for (let i = 0; i + forms.length <= words.length; i++) {
      if (forms.every((f, k) => words[i + k]!.token.norm === f && words[i + k]!.role === null)) {
        for (let k = 0; k < forms.length; k++) words[i + k]!.role = 'product';
        marked = true;
      }
    }
  }
  return marked;
}

const INTRODUCING = [['this', 'is'], ['i', 'am'], ['im'], ['myself'], ['main'], ['mai'], ['naam']];
const AFTER_NAME = new Set(['from', 'se', 'here', 'bol', 'of', 'hoon', 'hu', 'hun', 'speaking']);
/** Titles written before a person's name. */
const NAME_TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'smt', 'shri', 'sri']);
const SIGN_OFFS = new Set([
  'thanks',
  'thank',
  'thx',
  'regards',
  'rgds',
  'dhanyawad',
  'dhanyavad',
  'shukriya',
]);

/**
 * "Rahul Provision Centre, Jankipuram", "Khan General (Nakhas)": up to two capitalised words right
 * after the dealer's name on its line say where the dealer is.
 */
function markDealerPlaces(slots: Slot[]): void {
  for (let i = 1; i < slots.length; i++) {
    if (slots[i - 1]!.role !== 'dealer') continue;
    let k = i;
    // "Verma Hardware, Jaipur" — not across a sentence's end ("Murugan Appliances. Cooker order.")
    while (
      slots[k]?.token.kind === 'symbol' &&
      !SENTENCE_MARKS.has(slots[k]!.token.raw) &&
      slots[k]!.line === slots[i - 1]!.line &&
      k - i < 2
    )
      k++;
    for (let n = 0; n < 2 && slots[k] && slots[k]!.line === slots[i - 1]!.line; n++, k++) {
      const s = slots[k]!;
      if (!(/^\p{Lu}/u.test(s.token.raw) && s.token.kind === 'word' && !CLASS_OF.has(s.token.norm)))
        break;
      if (s.role === null || s.role === 'unexplained') s.role = 'dealer';
    }
  }
  // "Bajwa Agro Spares Moga ton": where the caller speaks from
  for (let i = 1; i < slots.length; i++) {
    const s = slots[i]!;
    // Gujarati "thi" (from) is "was" elsewhere: a closed-class word only away from a name
    const free = s.role === 'unexplained' || (s.role !== null && CLOSED_ROLE.has(s.role));
    if (!free || !FROM_WORDS.has(s.token.norm)) continue;
    if (slots[i - 1]!.role === 'dealer' && slots[i - 1]!.line === s.line) s.role = 'framing';
  }
}

const SPEAKS_FROM_WORDS = wordSet(SPEAKS_FROM);
const SPEAKING_WORDS = wordSet(SPEAKING);

/**
 * "Charminar Sports nundi Srinivas.", "Pro Fit se Vishal": one or two capitalised words right
 * after the dealer's name and a "from", ending the sentence, are the caller's own name. Never a
 * word of any dealer's name (another shop is checked as such) nor of a closed class.
 */
function markNameAfterPlace(directory: Directory, slots: Slot[]): void {
  for (let i = 0; i + 2 < slots.length; i++) {
    const [place, from] = [slots[i]!, slots[i + 1]!];
    // the name's last word may be a framing one ("Charminar Sports")
    const named =
      place.role === 'dealer' || (place.role === 'framing' && slots[i - 1]?.role === 'dealer');
    const fromWord = SPEAKS_FROM_WORDS.has(from.token.norm) || FROM_WORDS.has(from.token.norm);
    if (!named || !fromWord || from.line !== place.line) continue;
    const name: Slot[] = [];
    for (let k = i + 2; name.length < 2 && k < slots.length; k++) {
      const s = slots[k]!;
      const free =
        s.line === place.line &&
        s.role === 'unexplained' &&
        s.token.kind === 'word' &&
        /^\p{Lu}/u.test(s.token.raw) &&
        !directory.dealersByWord.has(s.token.norm) &&
        !CLASS_OF.has(s.token.norm);
      if (!free) break;
      name.push(s);
    }
    const after = slots[i + 2 + name.length];
    // "… theke Partha bolchi": the word for speaking may end it
    const speaks = after?.line === place.line && SPEAKING_WORDS.has(after.token.norm);
    const ends = !after || after.line !== place.line || after.token.kind === 'symbol' || speaks;
    if (name.length === 0 || !ends) continue;
    for (const s of name) s.role = 'dealer';
    if (speaks && (after.role === null || after.role === 'unexplained')) after.role = 'framing';
  }
}

/** A capitalised word no role explains, no dealer's name has and no product: maybe a person's name. */
function personWord(input: ReviewInput, s: Slot | undefined, line: number): s is Slot {
  return (
    s !== undefined &&
    s.line === line &&
    s.role === 'unexplained' &&
    s.token.kind === 'word' &&
    /^\p{Lu}/u.test(s.token.raw) &&
    !input.directory.dealersByWord.has(s.token.norm) &&
    !isCatalogWord(input.catalog, s.token.norm) &&
    !CLASS_OF.has(s.token.norm)
  );
}

/** Nothing before slot `i` on its line but marks and framing: a sentence starts there. */
function opensSentence(slots: readonly Slot[], i: number): boolean {
  const s = slots[i - 1];
  return !s || s.line !== slots[i]!.line || s.token.kind === 'symbol' || s.role === 'framing';
}

/**
 * "Morning, Ashwin from Deccan Industrial Supplies": one or two capitalised words opening a
 * sentence right before "from" and the dealer's name are the caller's own name.
 */
function markNameBeforePlace(input: ReviewInput, slots: Slot[]): void {
  for (let f = 1; f + 1 < slots.length; f++) {
    const from = slots[f]!;
    if (from.token.norm !== 'from' || slots[f + 1]!.role !== 'dealer') continue;
    if (slots[f + 1]!.line !== from.line) continue;
    let k = f;
    while (f - k < 2 && personWord(input, slots[k - 1], from.line)) k--;
    if (k === f || !opensSentence(slots, k)) continue;
    for (let n = k; n < f; n++) slots[n]!.role = 'dealer';
    if (from.role === null || from.role === 'unexplained') from.role = 'framing';
  }
}

const GREETING_WORDS = new Set(['hi', 'hii', 'hello', 'hey', 'dear', 'namaste', 'namaskar']);

/**
 * "Hi Anil," "Dear Meena ji": one or two capitalised words right after a greeting that opens a
 * line, ending at a mark, a framing word or the line's end, name the person greeted.
 */
function markGreetedName(input: ReviewInput, slots: Slot[]): void {
  for (let g = 0; g + 1 < slots.length; g++) {
    const greeting = slots[g]!;
    if (!GREETING_WORDS.has(greeting.token.norm) || !opensSentence(slots, g)) continue;
    let k = g + 1;
    while (k - g <= 2 && personWord(input, slots[k], greeting.line)) k++;
    const after = slots[k];
    const ends =
      !after ||
      after.line !== greeting.line ||
      after.token.kind === 'symbol' ||
      after.role === 'framing';
    if (k === g + 1 || !ends) continue;
    for (let n = g + 1; n < k; n++) slots[n]!.role = 'dealer';
  }
}

/**
 * Where people write their own name, it names the sender: "This is Ramesh from …", "Deepak
 * here", "Ramesh bol raha hoon", "Thanks, Meena" or a closing line of one to three names. Only
 * capitalised words in sign-offs, and never a word another role or class already claims.
 */
function markSenderNames(slots: Slot[]): void {
  const free = (s: Slot | undefined) =>
    s !== undefined &&
    s.role === null &&
    s.orderLine === null &&
    s.token.kind === 'word' &&
    !CLASS_OF.has(s.token.norm) &&
    !isFraming(s.token.norm);
  const name = (s: Slot) => (s.role = 'dealer');
  for (let i = 0; i < slots.length; i++) {
    // "this is X [Y] from", "X [Y] here", "X bol raha hoon", "main X se"
    for (const lead of INTRODUCING) {
      if (
        !lead.every(
          (w, k) => slots[i + k]?.token.norm === w && slots[i + k]!.line === slots[i]!.line,
        )
      )
        continue;
      const at = i + lead.length;
      const two =
        free(slots[at]) && free(slots[at + 1]) && !AFTER_NAME.has(slots[at + 1]!.token.norm)
          ? 2
          : 1;
      const after = slots[at + two];
      if (
        free(slots[at]) &&
        (!after || after.token.kind === 'symbol' || AFTER_NAME.has(after.token.norm))
      ) {
        for (let k = at; k < at + two; k++) name(slots[k]!);
        for (let k = i; k < at; k++) slots[k]!.role ??= 'framing';
        if (after && AFTER_NAME.has(after.token.norm)) after.role ??= 'framing';
      }
    }
    const s = slots[i]!;
    if (free(s) && (slots[i + 1]?.token.norm === 'here' || slots[i + 1]?.token.norm === 'bol'))
      name(s);
  }
  markDealerPlaces(slots);
  // "Thanks, Meena" or a last line of capitalised names: the sign-off.
  const lastLine = slots.at(-1)?.line;
  const capital = (s: Slot) => free(s) && /^\p{Lu}/u.test(s.token.raw);
  for (let i = 0; i < slots.length; i++) {
    if (!SIGN_OFFS.has(slots[i]!.token.norm)) continue;
    let k = i + 1;
    while (slots[k]?.token.kind === 'symbol' && slots[k]!.line === slots[i]!.line) k++;
    for (
      let n = 0;
      n < 3 && slots[k] && capital(slots[k]!) && slots[k]!.line === slots[i]!.line;
      n++, k++
    ) {
      name(slots[k]!);
      // "Thanks - Dr. Kiran": a title's full stop
      if (NAME_TITLES.has(slots[k]!.token.norm) && slots[k + 1]?.token.raw === '.') k++;
    }
  }
  // "Dr Mehta here", "Mr. Rao from …": a title right before a name is the name's
  for (let i = 0; i + 1 < slots.length; i++) {
    const title = slots[i]!;
    if (!NAME_TITLES.has(title.token.norm) || !free(title)) continue;
    const next = slots[i + 1]!.token.raw === '.' ? slots[i + 2] : slots[i + 1];
    if (next?.role === 'dealer' && next.line === title.line) title.role = 'dealer';
  }
  const closing = slots.filter((s) => s.line === lastLine && s.token.kind === 'word');
  if (
    closing.length > 0 &&
    closing.length <= 3 &&
    closing.every((s) => capital(s) || s.role !== null)
  )
    for (const s of closing) if (s.role === null) name(s);
}

/**
 * "Pooja ji, likho": the caller saying back a name of the agent's greeting ("Narmada Agri,
 * Pooja speaking") addresses the agent. Only capitalised words of the first agent turn count,
 * never a word of a closed class, framing or a number: no other shop's name is in a greeting.
 */
function markGreetingNames(slots: Slot[], greeting: string | null): void {
  if (!greeting) return;
  const names = new Set(
    tokenize(normalizeText(greeting))
      .filter((t) => t.kind === 'word' && /^\p{Lu}/u.test(t.raw) && !CLASS_OF.has(t.norm))
      .map((t) => t.norm),
  );
  for (const s of slots)
    if (s.role === null && s.orderLine === null && names.has(s.token.norm)) s.role = 'framing';
}

const YES_WORDS = wordSet(SAYING_YES);

function anyUnitWord(form: string): boolean {
  return PACK_WORDS.has(form) || PIECE_WORDS.has(form) || DOZEN_WORDS.has(form);
}

/**
 * "Haan, 30 packet", "Ha, panch": a caller's turn that only says yes to a quantity already on a
 * line (same number in digits or one word, maybe its unit) confirms it. A turn with any other
 * word is left to the other rules.
 */
function markConfirmedQuantities(input: ReviewInput, slots: Slot[]): void {
  const quantities = new Set(input.orders.flatMap((o) => o.lines.map((l) => l.qty)));
  for (const own of slotsByLine(slots).values()) {
    if (own.some((s) => s.orderLine !== null || s.role !== null)) continue;
    // "Haan, 30 packet", "Ha, panch": the number in digits or one number word
    const numbers = own.filter((s) => plainNumber(s.token) !== null);
    const words = own.filter((s) => s.token.kind === 'word' && !numbers.includes(s));
    const said = numbers.length === 1 ? plainNumber(numbers[0]!.token)! : null;
    if (said === null || !quantities.has(said)) continue;
    if (!words.some((s) => YES_WORDS.has(s.token.norm))) continue;
    if (!words.every((s) => isFraming(s.token.norm) || anyUnitWord(s.token.norm))) continue;
    for (const s of own)
      s.role =
        s.token.kind === 'symbol'
          ? symbolRole(s.token)
          : numbers.includes(s)
            ? 'quantity'
            : anyUnitWord(s.token.norm)
              ? 'unit'
              : 'framing';
  }
}

const TITLES: ReadonlySet<string> = new Set(SIGNATURE_TITLES);
const TRADE_WORDS = new Set(
  Object.entries(TRADE_NAME_SHORT_FORMS).flatMap(([w, shorts]) => [w, ...shorts]),
);
/** A six-digit Indian PIN code, on an address line of a signature. */
const PIN_CODE = /^[1-9]\d{5}$/;
/** How many lines at the end of a message a signature block may take. */
const SIGNATURE_LINES = 4;
/** How many words one line of a signature block may have. */
const SIGNATURE_LINE_WORDS = 6;

/**
 * A signature block: the last lines after every order line — a person's name, the shop's name,
 * its town, a phone or PIN code ("Anuj Pundir / Pundir Electricals", "MK Tyres, Krishnagiri
 * 635001"). When one of those lines names the resolved dealer, the block's other capitalised
 * words name the sender and where the shop is. A line with another trading name ("Sharma
 * Stores"), a lower-case word, a word of any closed class or framing ends the block.
 */
function markSignatureBlock(slots: Slot[], dealerWords: ReadonlySet<string>): void {
  let firstFree = 0;
  for (const s of slots) if (s.orderLine !== null) firstFree = Math.max(firstFree, s.line + 1);
  const byLine = [...slotsByLine(slots)];
  markBlockAbove(
    byLine.filter(([line]) => line >= firstFree),
    dealerWords,
  );
  // A paragraph of its own with no line in it, signed above a forwarded or quoted order
  // ("Gurmeet / Gurunanak Hardware, Bhiwandi", a blank line, then the order).
  let paragraph: [number, Slot[]][] = [];
  for (const entry of byLine) {
    const last = paragraph.at(-1);
    if (last && entry[0] !== last[0] + 1) {
      markParagraph(paragraph, dealerWords);
      paragraph = [];
    }
    paragraph.push(entry);
  }
  markParagraph(paragraph, dealerWords);
}

function markParagraph(paragraph: [number, Slot[]][], dealerWords: ReadonlySet<string>): void {
  if (paragraph.some(([, own]) => own.some((s) => s.orderLine !== null))) return;
  markBlockAbove(paragraph, dealerWords);
}

/** The signature block ending at the last of these lines, if one of its lines names the dealer. */
function markBlockAbove(lines: [number, Slot[]][], dealerWords: ReadonlySet<string>): void {
  const block: Slot[][] = [];
  for (const [, own] of [...lines].reverse()) {
    if (block.length === SIGNATURE_LINES) break;
    if (!own.every((s) => signatureToken(s, dealerWords))) break;
    if (own.filter((s) => s.token.kind === 'word').length > SIGNATURE_LINE_WORDS) break;
    block.push(own);
  }
  const names = block.flat();
  if (!names.some((s) => s.token.kind === 'word' && dealerWords.has(s.token.norm))) return;
  for (const s of names) {
    if (s.role !== null) continue;
    if (s.token.kind === 'word') s.role = 'dealer';
    else if (s.token.kind === 'number' && PIN_CODE.test(s.token.raw)) s.role = 'reference';
  }
}

/** The slots of each line of the text, in order (slots come line by line). */
function slotsByLine(slots: readonly Slot[]): Map<number, Slot[]> {
  const byLine = new Map<number, Slot[]>();
  for (const s of slots) {
    const own = byLine.get(s.line);
    if (own) own.push(s);
    else byLine.set(s.line, [s]);
  }
  return byLine;
}

function signatureToken(s: Slot, dealerWords: ReadonlySet<string>): boolean {
  const t = s.token;
  if (s.role !== null && s.role !== 'dealer') return s.role === 'reference';
  if (t.kind === 'symbol') return t.raw !== '?';
  if (t.kind === 'number') return s.reference || PIN_CODE.test(t.raw);
  if (dealerWords.has(t.norm)) return true;
  return (
    /^\p{Lu}/u.test(t.raw) &&
    !TRADE_WORDS.has(t.norm) &&
    !CLASS_OF.has(t.norm) &&
    (!isFraming(t.norm) || TITLES.has(t.norm)) &&
    !CARDINALS.has(t.norm)
  );
}

/**
 * The sales unit of every line's SKU, when they share one and no line was counted in another
 * unit; else null.
 */
function sharedUnit(input: ReviewInput, slots: Slot[]): string | null {
  const units = new Set(
    input.orders.flatMap((o) =>
      o.lines.map((l) => input.catalog.bySku.get(l.sku)?.item.unit ?? ''),
    ),
  );
  if (units.size !== 1) return null;
  const unit = [...units][0]!;
  const said = slots.filter(
    (s) => s.role === 'unit' && s.token.kind === 'word' && !TIMES.has(s.token.norm),
  );
  return unit !== '' && said.every((s) => sameUnit(s.token.norm, unit)) ? unit : null;
}

/** A capitalised word right after a dealer's name on its line: where the dealer is ("(Nakhas)"). */
function afterDealer(s: Slot, dealerWords: ReadonlySet<string>): boolean {
  if (!/^\p{Lu}/u.test(s.token.raw) || CLASS_OF.has(s.token.norm)) return false;
  let k = s.at - 1;
  while (k >= 0 && s.lineTokens[k]!.kind === 'symbol' && s.at - k <= 2) k--;
  return k >= 0 && dealerWords.has(s.lineTokens[k]!.norm);
}

/** "ye mera naya number hai": the sender's note of the phone they write from (`phone-note.ts`). */
function markPhoneNotes(slots: Slot[]): void {
  if (!slots.some((s) => isPhoneWord(s.token.norm))) return;
  for (const own of slotsByLine(slots).values()) {
    const byAt = new Map(own.map((s) => [s.at, s]));
    const passes = (i: number) => {
      const s = byAt.get(i);
      return (
        s !== undefined && (s.token.raw === ',' || s.role === 'framing' || isFraming(s.token.norm))
      );
    };
    for (const i of phoneNotes(own[0]!.lineTokens, passes)) {
      const s = byAt.get(i);
      if (s && s.role === null && s.orderLine === null && !CLASS_OF.has(s.token.norm))
        s.role = 'framing';
    }
  }
}

/**
 * One text line's slots by their index in the line, and whether a token there is free for a note:
 * no line's and no doubt's (payment, delivery and bill-to notes read only such tokens).
 */
function noteView(own: readonly Slot[]): {
  byAt: Map<number, Slot>;
  free: (i: number) => boolean;
} {
  const byAt = new Map(own.map((s) => [s.at, s]));
  const free = (i: number) => {
    const s = byAt.get(i);
    return s !== undefined && s.orderLine === null && s.role !== 'doubted';
  };
  return { byAt, free };
}

/** "Payment: 30 days from invoice.": a sentence for accounts, no line's (`payment-note.ts`). */
function markPaymentNotes(catalog: CompiledCatalog, slots: Slot[]): void {
  for (const own of slotsByLine(slots).values()) {
    const tokens = own[0]!.lineTokens;
    if (!mentionsPayment(tokens)) continue;
    const { byAt, free } = noteView(own);
    for (const i of paymentNotes(tokens, free)) {
      const s = byAt.get(i)!;
      if (s.role === null && !s.reference && !isCatalogWord(catalog, s.token.norm))
        s.role = 'payment_note';
    }
  }
}

/**
 * "Delivery to our godown at Baikampady.": a sentence for dispatch, no line's
 * (`delivery-note.ts`). Read after every other role, so a dealer's name or place there stays
 * the dealer's and only words left unexplained become the note's.
 */
function markDeliveryNotes(catalog: CompiledCatalog, slots: Slot[]): void {
  for (const own of slotsByLine(slots).values()) {
    const tokens = own[0]!.lineTokens;
    if (!mentionsDelivery(tokens)) continue;
    const { byAt, free } = noteView(own);
    const name = (i: number) => {
      const raw = tokens[i]!.raw;
      return (
        (/^\p{Lu}\p{Ll}+$/u.test(raw) || /^\p{Lu}{2,6}$/u.test(raw)) &&
        !CLASS_OF.has(tokens[i]!.norm) &&
        !isCatalogWord(catalog, tokens[i]!.norm)
      );
    };
    for (const i of deliveryNotes(tokens, free, name)) {
      const s = byAt.get(i)!;
      if (s.role === 'unexplained' && !isCatalogWord(catalog, s.token.norm))
        s.role = 'delivery_note';
    }
  }
}

/** "Could you send me 1 box of yellow gel?": a request put as a question (`polite-request.ts`). */
function markPoliteRequests(slots: Slot[]): void {
  if (!slots.some((s) => s.role === 'enquiry')) return;
  for (const own of slotsByLine(slots).values()) {
    const byAt = new Map(own.map((s) => [s.at, s]));
    for (const i of politeRequests(own[0]!.lineTokens)) {
      const s = byAt.get(i);
      if (s && (s.role === 'enquiry' || s.role === 'future_or_conditional')) s.role = 'framing';
    }
  }
}

/** "Bill on Siddhivinayak Glass.": billing in the order's own dealer's name (`payment-note.ts`). */
function markBillToOwnName(slots: Slot[], dealerWords: ReadonlySet<string>): void {
  for (const own of slotsByLine(slots).values()) {
    const { byAt, free } = noteView(own);
    // the order's dealer's own name, not a person's or a place's the policy also marks so
    const names = (i: number) =>
      byAt.get(i)?.role === 'dealer' && dealerWords.has(byAt.get(i)!.token.norm);
    const open = (i: number) => {
      const s = byAt.get(i);
      return (
        s !== undefined && s.token.kind !== 'symbol' && s.role !== 'dealer' && s.role !== 'framing'
      );
    };
    for (const i of billToOwnName(own[0]!.lineTokens, free, names, open))
      byAt.get(i)!.role = 'framing';
  }
}

/** Words that ask for an earlier order again, when that order is the one written below. */
const REPEAT_WORDS = new Set(['repeat', 'same', 'again', 'dobara', 'wahi']);
const POINTS_BELOW = [
  ['as', 'below'],
  ['as', 'per', 'below'],
  ['given', 'below'],
];

/**
 * "Please repeat the same order as below" over a quoted earlier order: the lines read are that
 * order, so "repeat" and "same" point at nothing the draft lacks. Only on a line of its own that
 * says "as below", says nothing else the policy cannot explain, and stands above every line read.
 */
function markRepeatAsBelow(slots: Slot[]): void {
  const firstLine = Math.min(...slots.filter((s) => s.orderLine !== null).map((s) => s.line));
  for (const [line, own] of slotsByLine(slots)) {
    if (line >= firstLine || !own.some((s) => s.role === 'history')) continue;
    const forms = own.filter((s) => s.token.kind !== 'symbol').map((s) => s.token.norm);
    const pointsBelow = POINTS_BELOW.some((p) =>
      forms.some((_, k) => p.every((w, j) => forms[k + j] === w)),
    );
    const plain = own.every(
      (s) =>
        ['framing', 'punctuation', 'dealer', 'delivery_note'].includes(s.role ?? '') ||
        (s.role === 'history' && REPEAT_WORDS.has(s.token.norm)),
    );
    if (pointsBelow && plain) for (const s of own) if (s.role === 'history') s.role = 'framing';
  }
}

/**
 * "Cooker order.", "Helmet venum, …", "Sprayer chahiye.": a sentence before the first line that
 * only announces what kind of goods follow — no number, nothing but framing, the dealer and words
 * of the drafted lines' own products — says nothing the lines do not.
 */
function markAnnouncedKind(input: ReviewInput, slots: Slot[]): void {
  const first = slots.findIndex((s) => s.orderLine !== null);
  if (first <= 0) return;
  const words = new Set(
    input.orders.flatMap((o) =>
      o.lines.flatMap((l) => {
        const sku = input.catalog.bySku.get(l.sku);
        return sku ? [...productWords(input.catalog, sku).words] : [];
      }),
    ),
  );
  const announces = (s: Slot) =>
    s.role === 'unexplained' && s.token.kind === 'word' && words.has(s.token.norm);
  let start = 0;
  for (let i = 0; i <= first; i++) {
    const ends =
      i === first ||
      SENTENCE_MARKS.has(slots[i]!.token.raw) ||
      slots[i]!.line !== slots[start]!.line;
    if (!ends) continue;
    const sentence = slots.slice(start, i);
    start = SENTENCE_MARKS.has(slots[i]?.token.raw ?? '') ? i + 1 : i;
    if (!sentence.some(announces)) continue;
    const plain = sentence.every(
      (s) =>
        announces(s) ||
        ['framing', 'punctuation', 'dealer', 'delivery_note'].includes(s.role ?? ''),
    );
    if (plain) for (const s of sentence) if (announces(s)) s.role = 'product';
  }
}

/** What a slot outside every line is: it must explain itself without a product. */
function outsideRole(input: ReviewInput, s: Slot, dealerWords: ReadonlySet<string>): TokenRole {
  const t = s.token;
  if (s.reference) return 'reference';
  if (t.kind === 'symbol') return symbolRole(t);
  const before = s.lineTokens[s.at - 1];
  if (t.kind === 'number') {
    if (isListMarker(s)) return 'list_marker';
    const code = before?.kind === 'word' && before.end === t.start ? before.norm + t.raw : '';
    return dealerWords.has(code) ? 'dealer' : 'unexplained';
  }
  if (dealerWords.has(t.norm) || namesInScript(t, dealerWords)) return 'dealer';
  // "D003": a dealer code the tokenizer split into letters and digits.
  const next = s.lineTokens[s.at + 1];
  if (next?.kind === 'number' && next.start === t.end && dealerWords.has(t.norm + next.raw))
    return 'dealer';
  if (t.norm === 'do' && VERBS_BEFORE_DO.has(s.lineTokens[s.at - 1]?.norm ?? '')) return 'framing';
  if (framingInPlace(s.lineTokens, s.at)) return 'framing';
  // "calling from Gupta Traders", "Ravi from Gupta Traders": where the sender is, the dealer
  if (t.norm === 'from' && next?.kind === 'word' && dealerWords.has(next.norm)) return 'framing';
  if (CARDINALS.has(t.norm)) return opensGreeting(s.lineTokens, s.at) ? 'framing' : 'unexplained';
  if (isFraming(t.norm) || framesInScript(t)) return 'framing';
  if (input.sheetsRead && ATTACHMENT_WORDS.has(t.norm)) return 'framing';
  return CLASS_OF.get(t.norm) ?? 'unexplained';
}

/** "Sat Sri Akal": a number word that opens a greeting of `GREETINGS_WITH_NUMBER_WORDS`. */
function opensGreeting(tokens: readonly Token[], at: number): boolean {
  return GREETINGS_WITH_NUMBER_WORDS.some((g) => g.every((w, k) => tokens[at + k]?.norm === w));
}

/** A framing word, as written or in the singular ("items", "thursday's"). */
export function isFraming(form: string): boolean {
  if (FRAMING_WORDS.has(form) || FRAMING_WORDS.has(singular(form))) return true;
  // "Hiii", "plzzz", "thanksss": a letter held at the end of a greeting or a please
  const held = form.replace(/(\p{L})\1{2,}$/u, '$1');
  return held !== form && (FRAMING_WORDS.has(held) || FRAMING_WORDS.has(held + held.at(-1)));
}

function symbolRole(t: Token): TokenRole {
  const form = tokenForm(t.raw);
  if (FRAMING_WORDS.has(form)) return 'framing';
  return CLASS_OF.get(form) ?? 'punctuation';
}

/** "1." or "2)" opening a line, with more after it. */
function isListMarker(s: Slot): boolean {
  const next = s.lineTokens[s.at + 1];
  return (
    s.at === 0 &&
    s.token.kind === 'number' &&
    (next?.raw === '.' || next?.raw === ')') &&
    s.lineTokens.length > 2
  );
}

/** Words of the names of the dealers the order is for, the sender's, and the rep's own. */
function dealerForms(input: ReviewInput, only?: readonly string[]): Set<string> {
  const forms = new Set<string>();
  const names: string[] = [];
  const codes = new Set(
    only ?? input.orders.map((o) => o.dealer).filter((c): c is string => c !== null),
  );
  if (!only && input.sender.kind === 'dealer' && input.sender.dealer)
    codes.add(input.sender.dealer.code);
  for (const code of codes) {
    const dealer = input.directory.byCode.get(code.toLowerCase());
    if (dealer) names.push(dealer.name, ...(dealer.region ? [dealer.region] : []));
    forms.add(code.toLowerCase());
  }
  for (const name of names) {
    for (const w of dealerNameWords(name)) {
      // "Krishna Chemists" said as "krishna chemist", "Sharma Store" as "sharma stores"
      forms
        .add(w)
        .add(singular(w))
        .add(w.endsWith('s') ? w : w + 's');
      for (const short of TRADE_NAME_SHORT_FORMS[w] ?? []) forms.add(short);
    }
    // "NST" for New Star Telecom: a name of three words or more, by its initials.
    const initials = (name.match(/\p{L}+/gu) ?? []).map((w) => w[0]!.toLowerCase()).join('');
    if (initials.length >= 3) forms.add(initials);
  }
  return forms;
}

function refuseUnexplained(input: ReviewInput, slots: Slot[], refusals: Refusal[]): void {
  const words: string[] = [];
  const numbers: string[] = [];
  const products: string[] = [];
  const byClass = new Map<ClosedClass, string[]>();
  for (const s of slots) {
    if (s.role === 'unexplained' && s.orderLine === null) {
      if (s.token.kind === 'number' || CARDINALS.has(s.token.norm)) numbers.push(s.token.raw);
      else if (isCatalogWord(input.catalog, s.token.norm)) products.push(s.token.raw);
      else words.push(s.token.raw);
    }
    const cls = s.role !== null ? CLOSED_ROLE.get(s.role) : undefined;
    if (cls) byClass.set(cls, [...(byClass.get(cls) ?? []), s.token.raw]);
  }
  if (words.length > 0)
    refusals.push({
      code: 'unexplained_words',
      words,
      message: `Not explained by any line, the dealer or a reference: ${quoteList(words)}.`,
    });
  if (numbers.length > 0)
    refusals.push({
      code: 'unexplained_number',
      words: numbers,
      message: `A number that is no line's quantity or size and no date, phone or reference: ${quoteList(numbers)}.`,
    });
  if (products.length > 0)
    refusals.push({
      code: 'product_word_outside_lines',
      words: products,
      message: `Product words outside every line: ${quoteList(products)}.`,
    });
  for (const [cls, found] of byClass)
    refusals.push({
      code: 'closed_class_word',
      words: found,
      wordClass: cls,
      message: `${quoteList(found)} ${CLASS_SAYS[cls]}.`,
    });
}

const CLOSED_ROLE = new Map<TokenRole, ClosedClass>(
  (Object.keys(CLOSED_CLASSES) as ClosedClass[]).map((c) => [c, c]),
);
const CLASS_SAYS: Record<ClosedClass, string> = {
  negation: 'may take a line back',
  cancel: 'may cancel something',
  return: 'may make this a return or an exchange',
  complaint: 'may make this a complaint',
  enquiry: 'may make this a question, not an order',
  future_or_conditional: 'may make this for later or only if',
  correction: 'may correct something said before',
  history: 'may point at an earlier order',
};

function isCatalogWord(catalog: CompiledCatalog, form: string): boolean {
  const id = catalog.termIds.get(form);
  return id !== undefined && catalog.postings[id]!.length > 0 && form.length > 2;
}

/**
 * Several dealers in one message: a dealer named ("And Vinayaga, add patla 2 bundle") owns the
 * lines after it until another is named. A line drafted for another dealer than the last one
 * named went to the wrong shop.
 */
function checkLineDealers(
  input: ReviewInput,
  lineDealers: readonly (string | null)[],
  slots: readonly Slot[],
  refusals: Refusal[],
): void {
  const codes = [...new Set(input.orders.map((o) => o.dealer))].filter(
    (c): c is string => c !== null,
  );
  if (codes.length < 2) return;
  // The name words each dealer of the draft has and no other of them has.
  const own = new Map<string, string>();
  const shared = new Set<string>();
  for (const code of codes)
    for (const w of dealerForms(input, [code]))
      if (own.has(w) && own.get(w) !== code) shared.add(w);
      else own.set(w, code);
  let named: { code: string; word: string } | null = null;
  const reported = new Set<number>();
  for (const s of slots) {
    const code = own.get(s.token.norm);
    if (s.role === 'dealer' && code !== undefined && !shared.has(s.token.norm))
      named = { code, word: s.token.raw };
    else if (s.orderLine !== null && named && !reported.has(s.orderLine)) {
      const drafted = lineDealers[s.orderLine];
      if (drafted && drafted !== named.code) {
        reported.add(s.orderLine);
        refusals.push({
          code: 'other_dealer_named',
          words: [named.word],
          message: `"${named.word}" names ${input.directory.byCode.get(named.code.toLowerCase())?.name ?? named.code}, but the line after it is drafted for ${drafted}.`,
        });
      }
    }
  }
}

function checkDealers(input: ReviewInput, slots: Slot[], refusals: Refusal[]): void {
  const { sender, channel } = input;
  if (input.orders.some((o) => o.dealer === null))
    refusals.push({
      code: 'dealer_unresolved',
      words: [],
      message: 'Some lines are for no dealer we could tell.',
    });
  if (sender.kind === 'unknown' && (channel === 'whatsapp' || channel === 'email'))
    refusals.push({
      code: 'dealer_unresolved',
      words: [],
      message: 'The sender is not on file: anyone can type a shop’s name.',
    });
  const allowed = new Set(input.orders.map((o) => o.dealer));
  if (sender.kind === 'dealer' && sender.dealer) allowed.add(sender.dealer.code);
  // A word a line's product explains ("Nayan" of Nayan sunglasses, "strings" of violin strings)
  // names that product, not a dealer whose name shares it.
  const ofProducts = new Map<number, Set<number>>();
  for (const s of slots)
    if (s.orderLine !== null && (s.role === 'product' || s.role === 'size'))
      ofProducts.set(s.line, (ofProducts.get(s.line) ?? new Set()).add(s.at));
  for (const [k, line] of input.lines.entries()) {
    for (const named of dealersNamedIn(input.directory, line.text, allowed, ofProducts.get(k))) {
      if (allowed.has(named.dealer.code)) continue;
      refusals.push({
        code: 'other_dealer_named',
        words: named.words,
        message: `The message names ${named.dealer.name}, but the order is for ${[...allowed].filter(Boolean).join(', ') || 'nobody known'}.`,
      });
    }
  }
}

/**
 * A rep names the dealer of each line: the name words the text uses must point at one of the
 * rep's dealers only, never also at another (one shared word, or a near spelling: "Agarwal"
 * beside "Agrawal"), nor at the rep.
 */
function checkRepDealers(input: ReviewInput, slots: Slot[], refusals: Refusal[]): void {
  if (input.sender.kind !== 'rep') return;
  const { directory } = input;
  const rep = input.sender.rep;
  const repWords = new Set(dealerNameWords(rep.name));
  const mine = rep.dealers
    .map((c) => directory.byCode.get(c.toLowerCase()))
    .filter((d): d is DealerEntry => d !== undefined);
  const near = (w: string, form: string) =>
    w === form || (w.length >= 5 && form.length >= 5 && editDistance(w, form, 2) <= 2);
  const unsure = new Set<string>();
  const orderDealers = new Set(input.orders.map((o) => o.dealer));
  // A mention: dealer words next to each other on one line ("Gupta Mart", "Sai Krupa Jalgaon").
  for (const mention of dealerMentions(slots)) {
    const forms = mention.map((s) => s.token.norm);
    const score = (d: DealerEntry) =>
      forms.filter((f) => (directory.nameWords.get(d.code) ?? []).some((w) => near(w, f))).length;
    const best = Math.max(0, ...mine.map(score));
    let tied = mine.filter((d) => best > 0 && score(d) === best);
    // "Raj Bag House ka order" beside New Raj Bag House: the one dealer whose every name word is
    // said exactly, the draft's, is the plain reading (as a SKU's plain name is)
    const whole = tied.filter((d) =>
      (directory.nameWords.get(d.code) ?? []).every((w) => forms.includes(w)),
    );
    if (tied.length > 1 && whole.length === 1 && orderDealers.has(whole[0]!.code)) tied = whole;
    const onlyTheRep = best === 0 && forms.some((f) => repWords.has(f));
    const alsoTheRep = best > 0 && forms.some((f) => repWords.has(f)) && tied.length > 0;
    if (tied.length > 1 || (alsoTheRep && mention[0]!.line !== slots.at(-1)?.line && !onlyTheRep))
      for (const s of mention) unsure.add(s.token.raw);
    // "Kaveri Feeds" on a phone two shops share, the draft for the other one: the words said
    // exactly fit a dealer no order is for better than any the orders are for
    const exact = (d: DealerEntry) =>
      forms.filter((f) => (directory.nameWords.get(d.code) ?? []).includes(f)).length;
    const other = mine.find((d) => !orderDealers.has(d.code) && exact(d) > 0);
    if (other && mine.every((d) => d === other || exact(d) < exact(other)))
      refusals.push({
        code: 'other_dealer_named',
        words: forms,
        message: `"${mention.map((s) => s.token.raw).join(' ')}" names ${other.name}, which no order is for.`,
      });
  }
  if (unsure.size > 0)
    refusals.push({
      code: 'dealer_ambiguous',
      words: [...unsure],
      message: `${quoteList([...unsure])} could name more than one of the rep's dealers (or the rep).`,
    });
}

/** Runs of dealer words on one line, symbols between them allowed. */
function dealerMentions(slots: Slot[]): Slot[][] {
  const mentions: Slot[][] = [];
  let current: Slot[] = [];
  for (const s of slots) {
    if (
      s.role === 'dealer' &&
      s.token.kind === 'word' &&
      (current.length === 0 || current[0]!.line === s.line)
    )
      current.push(s);
    else if (s.token.kind !== 'symbol' || s.line !== current[0]?.line) {
      if (current.length > 0) mentions.push(current);
      current = s.role === 'dealer' && s.token.kind === 'word' ? [s] : [];
    }
  }
  if (current.length > 0) mentions.push(current);
  return mentions;
}

/**
 * Dealers a line names, by the policy's own plain test: the rarest word of the trading name
 * written exactly, and at least half the name's weight in exact words ("Bhatia Stores", never
 * "bhai").
 */
function dealersNamedIn(
  directory: Directory,
  text: string,
  allowed: ReadonlySet<string | null> = new Set(),
  skip: ReadonlySet<number> = new Set(),
): { dealer: DealerEntry; words: string[] }[] {
  const tokens = tokenize(normalizeText(text));
  const mine = ownNameRuns(directory, tokens, allowed);
  // a product's word skipped never hides a dealer's name said in a row ("Zorva Aprons - …")
  const inRow = nameRows(directory, tokens);
  const skipped = (i: number) => skip.has(i) && !inRow.has(i);
  // Words of three letters or more: "16a" does not name "Dealer D-6A42"; nor do the words of
  // the order's own dealer said together ("Om Sai Lab" does not name "Sai Hospital").
  const forms = new Set(
    tokens
      .filter((t, i) => t.kind === 'word' && t.norm.length >= 3 && !mine.has(i) && !skipped(i))
      .map((t) => t.norm),
  );
  const found: { dealer: DealerEntry; words: string[] }[] = [];
  const total = directory.dealers.length || 1;
  const weight = (w: string) => Math.log(1 + total / (directory.wordDf.get(w) ?? 1));
  const byRarest = dealersByRarestLongWord(directory);
  for (const form of forms) {
    for (const dealer of byRarest.get(form) ?? []) {
      if (found.some((f) => f.dealer === dealer)) continue;
      const words = (directory.nameWords.get(dealer.code) ?? []).filter((w) => w.length >= 3);
      const said = words.filter((w) => forms.has(w));
      const all = words.reduce((sum, w) => sum + weight(w), 0);
      if (said.reduce((sum, w) => sum + weight(w), 0) >= all / 2)
        found.push({ dealer, words: said });
    }
  }
  return found;
}

/** Positions of two words in a row that are two words of one dealer's name, in its order. */
function nameRows(directory: Directory, tokens: readonly Token[]): Set<number> {
  const pairs = namePairsOf(directory);
  const rows = new Set<number>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i]!, tokens[i + 1]!];
    if (a.kind === 'word' && b.kind === 'word' && pairs.has(`${a.norm} ${b.norm}`))
      rows.add(i).add(i + 1);
  }
  return rows;
}

/** Every two neighbouring words of a dealer's name ("zorva aprons"), per directory. */
const namePairsOf = perDirectory((directory): ReadonlySet<string> => {
  const all = new Set<string>();
  for (const words of directory.nameWords.values())
    for (let k = 0; k + 1 < words.length; k++) all.add(`${words[k]} ${words[k + 1]}`);
  return all;
});

/** Token positions in runs of two or more words of an allowed dealer's name ("krishna chemist"). */
function ownNameRuns(
  directory: Directory,
  tokens: readonly Token[],
  allowed: ReadonlySet<string | null>,
): Set<number> {
  const runs = new Set<number>();
  for (const code of allowed) {
    if (!code) continue;
    const own = new Set((directory.nameWords.get(code) ?? []).map(singular));
    let start = -1;
    for (let i = 0; i <= tokens.length; i++) {
      const t = tokens[i];
      if (t && t.kind === 'word' && own.has(singular(t.norm))) {
        if (start < 0) start = i;
        continue;
      }
      // ("Bhavani Mobile" said by Bhavani Mobile Repairing is another dealer's whole name)
      if (start >= 0 && i - start >= 2 && !namesAnotherWhole(directory, tokens, start, i, allowed))
        for (let k = start; k < i; k++) runs.add(k);
      start = -1;
    }
  }
  return runs;
}

/**
 * Tokens `from`..`to` (exclusive), with up to two words more on either side ("Om" before "Sai
 * Infotech"), are word for word the whole name of a dealer not allowed.
 */
function namesAnotherWhole(
  directory: Directory,
  tokens: readonly Token[],
  from: number,
  to: number,
  allowed: ReadonlySet<string | null>,
): boolean {
  const names = wholeNamesOf(directory);
  for (let a = Math.max(0, from - 2); a <= from; a++)
    for (let b = to; b <= Math.min(tokens.length, to + 2); b++) {
      const span = tokens.slice(a, b);
      if (span.some((t) => t.kind !== 'word')) continue;
      const key = span.map((t) => singular(t.norm)).join(' ');
      if ((names.get(key) ?? []).some((code) => !allowed.has(code))) return true;
    }
  return false;
}

/**
 * Dealers by their rarest name word of three letters or more ("fins" of "Pets N Fins", whose
 * rarest word "n" is too short to look for), as the directory's `dealersByRarestWord` is by any.
 */
const dealersByRarestLongWord = perDirectory((directory) => {
  const df = (w: string) => directory.wordDf.get(w) ?? 1;
  return groupBy(directory.dealers, (dealer) => {
    const words = (directory.nameWords.get(dealer.code) ?? []).filter((w) => w.length >= 3);
    const rarest = Math.min(...words.map(df));
    return [...new Set(words)].filter((w) => df(w) === rarest);
  });
});

/** Each dealer's name words, singular, joined → the dealers of that whole name. */
const wholeNamesOf = perDirectory((directory) =>
  groupBy(directory.nameWords.keys(), (code) => [
    (directory.nameWords.get(code) ?? []).map(singular).join(' '),
  ]),
);

function checkSubject(input: ReviewInput, refusals: Refusal[]): void {
  // A reply or a forward carries the subject of the mail it answers: not the dealer's words.
  if (!input.subject || /^\s*(re|fwd?|aw|wg)\s*:/i.test(input.subject)) return;
  const tokens = tokenize(normalizeText(input.subject));
  const references = findReferences(tokens);
  // ("Indent No. 22/2025-26": a document's number, no negation)
  const found = tokens.filter((t, i) => {
    if (references.has(i)) return false;
    const cls = CLASS_OF.get(t.norm);
    return cls !== undefined && cls !== 'history';
  });
  if (found.length > 0)
    refusals.push({
      code: 'closed_class_word',
      words: found.map((t) => t.raw),
      wordClass: CLASS_OF.get(found[0]!.norm)!,
      message: `The subject says ${quoteList(found.map((t) => t.raw))}.`,
    });
}

// -------------------------------------------------------------------------------- non-orders

/** Which of the policy's own intent words each intent may and must show. */
const CUES_FOR: Record<Exclude<Intent, 'order'>, { must: IntentCue | null; not: IntentCue[] }> = {
  order_status: { must: 'status', not: ['balance', 'cancel'] },
  balance: { must: 'balance', not: ['status', 'cancel'] },
  cancel: { must: 'cancel', not: ['balance'] },
  other: { must: null, not: ['status', 'balance', 'cancel'] },
};

function accountNonOrder(input: ReviewInput, slots: Slot[], refusals: Refusal[]): void {
  const intent = input.intent as Exclude<Intent, 'order'>;
  if (!input.intentClear)
    refusals.push({
      code: 'intent_unclear',
      words: [],
      message: 'Could not tell what this message is for.',
    });
  const dealerWords = dealerForms(input);
  const cues = new Set<IntentCue>();
  const products: string[] = [];
  const numbers: string[] = [];
  for (const s of slots) {
    const form = s.token.norm;
    const cue = CUE_OF.get(form);
    if (s.reference) s.role = 'reference';
    else if (s.token.kind === 'symbol') s.role = symbolRole(s.token);
    else if (isListMarker(s)) s.role = 'list_marker';
    // "bata do", "bhej do": the verb's helper ("give"), not the number two.
    else if (form === 'do' && VERBS_BEFORE_DO.has(s.lineTokens[s.at - 1]?.norm ?? ''))
      s.role = 'framing';
    else if (plainNumber(s.token) !== null) {
      s.role = 'unexplained';
      numbers.push(s.token.raw);
    } else if (cue) {
      s.role = 'intent_cue';
      cues.add(cue);
    } else if (dealerWords.has(form)) s.role = 'dealer';
    else if (isFraming(form) || QUESTION_WORDS.has(form) || framingInPlace(s.lineTokens, s.at))
      s.role = 'framing';
    else if (CLASS_OF.has(form)) s.role = CLASS_OF.get(form)!;
    else if (s.token.kind === 'word' && namesAProduct(input.catalog, form)) {
      s.role = 'unexplained';
      products.push(s.token.raw);
    } else s.role = 'unexplained';
  }
  if (products.length > 0)
    refusals.push({
      code: 'products_in_non_order',
      words: products,
      message: `Read as ${intent.replace('_', ' ')}, but it names products: ${quoteList(products)}.`,
    });
  // Closed world here too: a word nothing explains may say what the message is really for
  // ("list ki photo bheji hai, uske hisaab se maal bhej dena" is no balance question).
  const unknown = slots.filter((s) => s.role === 'unexplained' && s.token.kind === 'word');
  if (unknown.length > 0)
    refusals.push({
      code: 'unexplained_words',
      words: unknown.map((s) => s.token.raw),
      message: `Read as ${intent.replace('_', ' ')}, but these words are not explained: ${quoteList(unknown.map((s) => s.token.raw))}.`,
    });
  // "Other" is what is left when nothing else was read: it must not ask anything.
  const asks = slots.filter((s) => s.role === 'enquiry' || s.role === 'history');
  if (intent === 'other' && asks.length > 0)
    refusals.push({
      code: 'intent_cues_disagree',
      words: asks.map((s) => s.token.raw),
      message: `Read as needing no answer, but it asks something: ${quoteList(asks.map((s) => s.token.raw))}.`,
    });
  if (numbers.length > 0)
    refusals.push({
      code: 'quantities_in_non_order',
      words: numbers,
      message: `Read as ${intent.replace('_', ' ')}, but it holds numbers that may be quantities: ${quoteList(numbers)}.`,
    });
  const expected = CUES_FOR[intent];
  const against = expected.not.filter((c) => cues.has(c));
  if ((expected.must !== null && !cues.has(expected.must)) || against.length > 0)
    refusals.push({
      code: 'intent_cues_disagree',
      words: against,
      message:
        against.length > 0
          ? `Read as ${intent.replace('_', ' ')}, but it also speaks of ${against.join(' and ')}.`
          : `Read as ${intent.replace('_', ' ')}, but none of its words say so plainly.`,
    });
}

/** A word only some products carry: naming it names goods. */
function namesAProduct(catalog: CompiledCatalog, form: string): boolean {
  const id = catalog.termIds.get(form);
  if (id === undefined || form.length < 3 || /^\d/.test(form)) return false;
  const postings = catalog.postings[id]!.length;
  return postings > 0 && postings <= Math.max(3, catalog.skus.length * 0.05);
}

// ------------------------------------------------------------------------------------ words

function sourceOf(span: Slot[]): string {
  return span.map((s) => s.token.raw).join(' ');
}

function quoteList(words: readonly string[]): string {
  return [...new Set(words)].map((w) => `"${w}"`).join(', ');
}
