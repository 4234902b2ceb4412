/**
 * A call whose agent read the order back and whose caller said yes to it, and to nothing else
 * after: "Agent: SKF 6208 2Z 5, 6308 2Z 5, 6207 2Z 5 nos. — Caller: Avunu." The read-back is the
 * distributor's own words for the lines, and the caller agreed to them; when the caller's own
 * words were hard to read (a number word the reader does not know, a product said loosely), the
 * read-back is the draft — but only when both sides hold up on their own:
 * - the read-back: the agent's turns whose lines make it pass the policy as if each were a
 *   message of its own (every word, every number, each line singled out); the agent's other
 *   turns are accounted for too — a greeting may hold names, an earlier partial read-back is
 *   held to the final one, and nothing the agent says may negate, return, ask or name another;
 * - the answer: the caller's last turn says yes and nothing else (a delivery note may follow);
 * - the caller: what the caller said is still accounted for, against the read-back now. A word
 *   or number the reading could not place is excused only when one read-back line has it (its
 *   product's words, its size, its quantity, a unit); anything that negates, corrects, returns,
 *   asks, names another dealer or is not explained at all still goes to a person, as do a line
 *   the caller said that the read-back left out or read with another quantity.
 */
import { CARDINALS } from '../lexicon/numbers.js';
import { AGENT_PROMPTS, NOTHING_MORE, SAYING_YES } from '../lexicon/framing.js';
import { tokenForm, wordSet } from '../lexicon/lexicon.js';
import type { CompiledCatalog } from '../match/compile-catalog.js';
import { normalizeText, numberValue, tokenize, type Token } from '../text/tokenize.js';
import type { DraftOrder, ReviewReason } from '../types.js';
import { productWords, singular } from './product-words.js';
import { isUnitWord } from './read-quantity.js';
import { NUMBER_WORDS } from '../lexicon/units.js';
import { measureUnit } from '../units/attributes.js';
import type { Refusal, RefusalCode } from './refusals.js';
import { decideReview, isFraming, needsReview, type ReviewInput } from './review-policy.js';
import type { ReviewDecision, TokenAccount } from './trace.js';

/** Where an agent's turn sits in the call, which decides how its words are accounted for. */
export type AgentTurnPart =
  /** Before the caller's first turn: the distributor's and the agent's names, a greeting. */
  | 'greeting'
  /** Its lines make the read-back's draft: every word must stand on its own. */
  | 'read_back'
  /** An earlier, partial read-back the last turn restates ("Anju petti."): held to it. */
  | 'restated'
  /** After the caller's yes ("Evening dispatch, sir."). */
  | 'after';

export interface ReadBackReview {
  /** The policy's input for the caller's words and the draft read from them. */
  caller: ReviewInput;
  /** Every turn of the agent, in order, with the lines read from it alone. */
  turns: readonly {
    text: string;
    part: AgentTurnPart;
    orders: DraftOrder[];
    doubts: readonly ReviewReason[];
  }[];
  /** The draft the read-back comes to (each product as its last mention says it). */
  orders: DraftOrder[];
}

const YES = wordSet(SAYING_YES);
const ACCEPTS = new Set([...YES, ...wordSet(NOTHING_MORE)]);
const PROMPTS = wordSet(AGENT_PROMPTS);
const CLAUSE_ENDS = new Set(['.', ',', '!', '?', ';', ':']);
/** Words that a read-back can settle: how the lines were said, not what they mean. */
const SETTLED_BY_READ_BACK = new Set<RefusalCode>([
  'reader_doubt',
  'unexplained_words',
  'unexplained_number',
  'product_word_outside_lines',
  'line_not_located',
  'line_word_not_of_product',
  'size_not_of_product',
  'line_not_singled_out',
  'line_borrows_product',
  'quantity_unreadable',
  'quantity_disagrees',
]);
/** Reading rules' doubts about how a line was said (not an earlier order, not a file). */
const SETTLED_DOUBTS = new Set([
  'ambiguous_product',
  'missing_quantity',
  'uncertain',
  'leftover_text',
  'fractional_quantity',
]);
/** A source-like refusal: its one "word" is a line's words, all read back by one line. */
const WHOLE_SOURCE = new Set<RefusalCode>([
  'reader_doubt',
  'line_not_located',
  'line_not_singled_out',
  'line_borrows_product',
  'quantity_disagrees',
]);
/** After the yes, only words about when and where the goods go may follow. */
const ANSWER_ROLES = new Set(['framing', 'punctuation', 'delivery_note']);
/** Refusals of single words, which the agent's own framing may explain. */
const OWN_WORD_CODES = new Set<RefusalCode>([
  'unexplained_words',
  'line_word_not_of_product',
  'product_word_outside_lines',
]);
/** The words of a question that only asks for the yes ("Correct-aa sir?"). */
const ASKING_ROLES = new Set(['framing', 'punctuation']);
/** The roles of a line's own words. */
const LINE_ROLES = new Set(['product', 'size', 'quantity', 'unit']);
/** Words of a question offering a choice ("11 watt or 16 watt?", "Which brand?"). */
const ALTERNATIVES = new Set(['or', 'ya', 'which', 'size', 'brand', 'kaunsa', 'kaun', 'sir']);
/** Roles of words the caller's own accounting did not settle. */
const UNSETTLED_ROLES = new Set(['unexplained', 'doubted']);

/** The policy's decision on the read-back's draft: straight through only if nothing is refused. */
export function decideOnReadBack(input: ReadBackReview): ReviewDecision {
  const { caller } = input;
  const { catalog } = caller;
  const lines = input.orders.flatMap((o) => o.lines);
  if (lines.length === 0 || caller.intent !== 'order')
    return refused({ code: 'no_lines', words: [], message: 'No line was read back.' });
  const covers = (group: readonly Token[]) =>
    lines.some((line) => group.every((t) => coveredBy(catalog, line, t)));
  const settled = (r: Refusal) =>
    SETTLED_BY_READ_BACK.has(r.code) &&
    (r.code !== 'reader_doubt' || SETTLED_DOUBTS.has(r.detail ?? '')) &&
    (WHOLE_SOURCE.has(r.code)
      ? r.words.every((w) => covers(wordsOf(w)))
      : r.words.every((w) => wordsOf(w).every((t) => covers([t]))));

  // "11 watt or 16 watt, sir?": an earlier question offering the read-back's product or its
  // siblings (the same category), which the caller answered before the read-back.
  const offered = (r: Refusal) =>
    (r.code === 'closed_class_word' && r.wordClass === 'enquiry') ||
    (SETTLED_BY_READ_BACK.has(r.code) &&
      r.words.every((w) =>
        wordsOf(w).every((t) => ALTERNATIVES.has(t.norm) || covers([t]) || siblingHas(t)),
      ));
  let siblings: DraftOrder['lines'][number][] | null = null;
  const siblingHas = (t: Token) =>
    (siblings ??= siblingsOf(catalog, lines)).some((l) => coveredBy(catalog, l, t));

  // The caller's words, as the policy accounts for them against the caller's own draft.
  const said = decideReview({ ...caller, everyRefusal: true });
  const tokens = caller.lines.flatMap((l) => tokenize(normalizeText(l.text)));
  const last = caller.lines.length - 1;
  const answer = said.tokens
    .map((account, k) => ({ account, token: tokens[k]! }))
    .filter(({ account }) => account.line === last);
  if (
    !answer.some(({ token }) => ACCEPTS.has(token.norm)) ||
    !answer.every(({ account }) => ANSWER_ROLES.has(account.role))
  )
    return refused({
      code: 'unexplained_words',
      words: answer.map(({ account }) => account.text),
      message: 'The caller did not plainly say yes to the read-back.',
    });
  const refusals = said.refusals.filter((r) => !settled(r));
  // What the caller said and the policy explained (a name, a place): the agent may say it back.
  const callerSaid = new Set(
    tokens.filter((_, k) => !UNSETTLED_ROLES.has(said.tokens[k]!.role)).map((t) => t.norm),
  );

  // The agent's turns: every word accounted for too, by where the turn sits.
  for (const turn of input.turns) {
    const reads = turn.part === 'read_back';
    const decision = decideReview({
      ...caller,
      lines: [{ text: turn.text }],
      orders: reads ? turn.orders : [],
      doubts: reads ? turn.doubts : [],
      greeting: null,
      intentClear: true,
      intentMixed: false,
      everyRefusal: true,
    });
    for (const r of decision.refusals) {
      const greeting = turn.part === 'greeting';
      if (r.code === 'no_lines' || agentsFraming(r, decision.tokens, callerSaid, greeting))
        continue;
      if (turn.part === 'restated' && (settled(r) || (asks(turn.text) && offered(r)))) continue;
      refusals.push({ ...r, message: `In the agent's words: ${r.message}` });
    }
  }

  // Each line the caller said: read back by one line, with the same quantity if the same SKU.
  caller.orders
    .flatMap((o) => o.lines)
    .forEach((line, k) => {
      if (line.guess) return;
      const same = lines.find((l) => l.sku === line.sku);
      const own = tokens.filter(
        (_, i) => said.tokens[i]!.order_line === k && LINE_ROLES.has(said.tokens[i]!.role),
      );
      if (same ? same.qty !== line.qty : !covers(own))
        refusals.push({
          code: 'line_not_located',
          words: [line.source],
          message: `The caller's "${line.source.trim()}" is not what the agent read back.`,
        });
    });
  // Each line read back: its product and its quantity said by the caller too.
  for (const line of lines) {
    const sku = catalog.bySku.get(line.sku);
    if (!sku) continue;
    const { words, numbers } = productWords(catalog, sku);
    // a word of its name ("Purepet"), or a number of its name ("500 wala")
    const named = tokens.some((t) =>
      t.kind === 'word'
        ? t.norm.length > 2 && !isUnitWord(sku, t.norm) && words.has(t.norm)
        : t.kind === 'number' && numbers.includes(numberValue(t.raw) ?? NaN),
    );
    const counted = tokens.some((t) => valueOf(t) === line.qty);
    if (!named || !counted)
      refusals.push({
        code: 'line_not_located',
        words: [line.source],
        message: `The agent read back "${line.source.trim()}", which the caller did not say.`,
      });
  }
  if (needsReview(refusals)) return refused(...refusals);
  return {
    needsReview: needsReview(refusals),
    confidence: Math.max(0.7, Math.min(0.9, said.confidence)),
    refusals,
    accounted: true,
    tokens: said.tokens.map((account): TokenAccount =>
      UNSETTLED_ROLES.has(account.role) ? { ...account, role: 'read_back' } : account,
    ),
  };
}

/**
 * The agent's own framing: prompts and the read-back's announcement, a word the caller said and
 * the policy explained there (a name, a place), a question that only asks for the yes or for
 * more ("Correct?", "Anything else?"), an apology opening the turn ("Sorry sir, 20 packet").
 */
function agentsFraming(
  r: Refusal,
  tokens: readonly TokenAccount[],
  callerSaid: ReadonlySet<string>,
  greeting: boolean,
): boolean {
  // a greeting's capitalised words are names, the catalog's words too ("Pratap Bearing")
  const named = (w: string) => greeting && /^\p{Lu}/u.test(w);
  const known = (w: string) => isPrompt(w) || callerSaid.has(tokenForm(w)) || named(w);
  if (OWN_WORD_CODES.has(r.code)) return r.words.every(known);
  if (r.code !== 'closed_class_word') return false;
  return r.words.every(
    (w) =>
      isPrompt(w) ||
      (w === '?' && questionsOnlyPrompt(tokens)) ||
      (tokenForm(w) === 'sorry' && tokenForm(tokens[0]?.text ?? '') === 'sorry'),
  );
}

function isPrompt(word: string): boolean {
  const form = tokenForm(word);
  return PROMPTS.has(form) || YES.has(form);
}

/** Every question of the turn is a clause of framing, yes and prompt words only. */
function questionsOnlyPrompt(tokens: readonly TokenAccount[]): boolean {
  return tokens.every((t, k) => {
    if (t.text !== '?') return true;
    for (let i = k - 1; i >= 0 && !CLAUSE_ENDS.has(tokens[i]!.text); i--)
      if (!ASKING_ROLES.has(tokens[i]!.role) && !isPrompt(tokens[i]!.text)) return false;
    return true;
  });
}

function asks(text: string): boolean {
  return text.includes('?');
}

/** The SKUs of the read-back lines' categories, as lines of no quantity. */
function siblingsOf(
  catalog: CompiledCatalog,
  lines: readonly DraftOrder['lines'][number][],
): DraftOrder['lines'][number][] {
  const categories = new Set(
    lines.map((l) => catalog.bySku.get(l.sku)?.item.category).filter((c) => c),
  );
  return [...catalog.bySku.values()]
    .filter((s) => categories.has(s.item.category))
    .map((s) => ({ sku: s.item.sku, qty: Number.NaN, source: '' }));
}

function refused(...refusals: Refusal[]): ReviewDecision {
  return {
    needsReview: needsReview(refusals),
    confidence: 0.5,
    refusals,
    tokens: [],
    accounted: false,
  };
}

function wordsOf(text: string): Token[] {
  return tokenize(normalizeText(text)).filter(
    (t) => t.kind !== 'symbol' && !(t.kind === 'word' && isFraming(t.norm)),
  );
}

function valueOf(t: Token): number | null {
  if (t.kind === 'number') return numberValue(t.raw);
  return t.kind === 'word' ? (CARDINALS.get(t.norm) ?? NUMBER_WORDS.get(t.norm) ?? null) : null;
}

/** The token is one of this read-back line's: a word or number of its product, its quantity, a unit. */
function coveredBy(catalog: CompiledCatalog, line: DraftOrder['lines'][number], t: Token): boolean {
  const sku = catalog.bySku.get(line.sku);
  if (!sku) return false;
  const own = productWords(catalog, sku);
  const value = valueOf(t);
  if (value !== null) return value === line.qty || own.numbers.includes(value);
  const measure = measureUnit(t);
  return (
    own.words.has(t.norm) ||
    own.words.has(singular(t.norm)) ||
    isUnitWord(sku, t.norm) ||
    (measure !== undefined && own.attributes.some((a) => a.kind === measure.kind))
  );
}
