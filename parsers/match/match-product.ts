/**
 * Ties a product mention to SKUs. Candidates come from the term postings; each is
 * scored by the IDF of what the mention shares with it (a full alias counts more);
 * stated attributes exclude what contradicts them; bare numbers ("maggi 70") are
 * read as attributes when they pick a family member. Close candidates that no
 * evidence separates are returned as ambiguous, never guessed.
 */
import { perCatalog } from './per-catalog.js';
import type { Token } from '../text/tokenize.js';
import type { Attribute } from '../units/attributes.js';
import {
  ONE_WORD,
  type AliasEntry,
  type AliasPhrase,
  type CompiledCatalog,
  type CompiledSku,
} from './compile-catalog.js';
import {
  agrees,
  contradictedBy,
  displayOnlyAsPlainNumber,
  hasBit,
  hasDisplay,
  sameNumber,
  setBit,
  statedAttributes,
  type AttributeTable,
  type StatedAttribute,
} from './attribute-table.js';
import { MentionMemo, queryHash } from './mention-memo.js';
import { SkuList } from './sku-list.js';
import { resolveTerms, type TermHit } from './resolve-terms.js';
import { COLOUR_WORDS } from '../lexicon/units.js';

export interface ProductQuery {
  words: Token[];
  attributes: Attribute[];
  /** Bare numbers that may be a size or price ("Maggi 70") rather than a quantity. */
  bareNumbers: number[];
  /** True when the mention has a quantity with a unit or marker, so a bare number may be an attribute. */
  hasOtherQuantity: boolean;
  /** "10 wala": numbers that name a variant and are never a quantity. */
  variantNumbers?: number[];
  /** "chhota wala" / "the big one". */
  sizeWord?: 'small' | 'big' | null;
}

export interface ScoredSku {
  sku: CompiledSku;
  score: number;
}

export interface ProductMatch {
  status: 'resolved' | 'ambiguous' | 'none';
  sku: CompiledSku | null;
  candidates: ScoredSku[];
  /** Bare numbers read as attributes. */
  usedNumbers: number[];
  /** Indexes (into query.words) of words that matched a catalog term. */
  matchedWords: Set<number>;
  score: number;
  /** Share of the best SKU's own name weight the mention covers (1 for a full alias). */
  coverage: number;
  /** A word right next to the product words that the catalog does not explain ("फॉर्च्यून सरसों"). */
  unexplainedNear: boolean;
  /** A bare number equals the only candidate's size: size or quantity? */
  numberInDoubt: boolean;
}

/** Within this fraction of the best score, two SKUs are equally good readings. */
const TIE_RATIO = 0.8;

/** Per-catalog buffers reused across calls (one call at a time). */
interface Scratch {
  /** Per SKU: NaN when this call has not touched it, -Infinity when refused, else its score (≥ 0). */
  score: Float64Array;
  /** SKUs whose score this call set, cleared when it ends. */
  marked: SkuList;
  candidates: SkuList;
  spare: SkuList;
  /** Room for the union of several stated sizes' contradicted SKUs. */
  contradicted: Uint32Array;
}
const scratches = new WeakMap<CompiledCatalog, Scratch>();

function scratch(catalog: CompiledCatalog): Scratch {
  let s = scratches.get(catalog);
  if (!s) {
    const n = catalog.skus.length;
    s = {
      score: new Float64Array(n).fill(NaN),
      marked: new SkuList(n),
      candidates: new SkuList(n),
      spare: new SkuList(n),
      contradicted: new Uint32Array((n + 31) >>> 5),
    };
    scratches.set(catalog, s);
  }
  return s;
}

/** Clears what a call marked, while those scores are still in the CPU cache. */
function clearScratch(s: Scratch): void {
  for (let i = 0; i < s.marked.length; i++) s.score[s.marked.at(i)] = NaN;
  s.marked.length = s.candidates.length = s.spare.length = 0;
}

const REFUSED = -Infinity;
const isCandidate = (score: number) => score >= 0;

/** A term carried by at least this share of the SKUs may get a postings bitset. */
const DENSE_POSTINGS = 1 / 128;

/**
 * Membership tests for the common terms' postings: one bit per SKU. Only dense terms
 * (DENSE_POSTINGS) get one, so a bitset never takes more than 16 bytes per SKU it lists.
 */
const postingBitsets = perCatalog((catalog) => {
  const bitsets = new Map<number, Uint32Array>();
  catalog.postings.forEach((list, term) => {
    if (list.length < catalog.skus.length * DENSE_POSTINGS) return;
    const bits = new Uint32Array((catalog.skus.length + 31) >>> 5);
    for (const sku of list) setBit(bits, sku);
    bitsets.set(term, bits);
  });
  return bitsets;
});

const NONE: ProductMatch = {
  status: 'none',
  sku: null,
  candidates: [],
  usedNumbers: [],
  matchedWords: new Set(),
  score: 0,
  coverage: 0,
  unexplainedNear: false,
  numberInDoubt: false,
};

/** No reading, but with the words that matched and the best (too weak) score. */
function noReading(matchedWords: Set<number>, score: number): ProductMatch {
  return { ...NONE, matchedWords, score };
}

const memos = new WeakMap<CompiledCatalog, MentionMemo>();

/**
 * Dealers name the same products again and again with different quantities ("maggi 70g 10cs",
 * "maggi 70g 5 cs"): the reading of a mention is memoised per catalog. Results are never mutated.
 */
export function matchProduct(catalog: CompiledCatalog, query: ProductQuery): ProductMatch {
  let memo = memos.get(catalog);
  if (!memo) memos.set(catalog, (memo = new MentionMemo(20_000)));
  const hash = queryHash(query);
  let match = memo.get(hash, query);
  if (!match) {
    match = matchProductUncached(catalog, query);
    memo.set(hash, query, match);
  }
  return match;
}

function matchProductUncached(catalog: CompiledCatalog, query: ProductQuery): ProductMatch {
  const buffers = scratch(catalog);
  try {
    return readMention(catalog, query, buffers);
  } finally {
    clearScratch(buffers);
  }
}

/** Reads one mention against the catalog, in the scratch buffers (cleared by the caller). */
function readMention(
  catalog: CompiledCatalog,
  query: ProductQuery,
  buffers: Scratch,
): ProductMatch {
  const hits: TermHit[][] = query.words.map((w) => resolveTerms(catalog, w.norm));
  const { matchedWords, termQuality } = matchedTermsOf(hits);
  if (termQuality.size === 0) return NONE;
  const aliases = matchAliases(catalog, hits, query);
  const aliasBonus = aliases.bonus;
  const table = catalog.attributeTable;
  const wants = statedAttributes(table, query.attributes);
  // Candidates are SKU indexes; their scores stay in the scratch buffer until a few are reported.
  const { score } = buffers;
  openCandidates(
    catalog,
    buffers,
    [...termQuality.keys()],
    [...termQuality.values()],
    wants,
    aliases.vouched,
  );
  if (buffers.candidates.length === 0) return NONE;

  for (const [sku, bonus] of aliasBonus) if (isCandidate(score[sku]!)) score[sku]! += bonus;
  // Attributes first, on plain indexes: most candidates of a big catalog fall here.
  filterByAttributes(buffers.candidates, wants, aliases.vouched);
  keepNearTop(buffers.candidates, score, aliasBonus);
  if (buffers.candidates.length === 0) return noReading(matchedWords, 0);
  // "Statorva 20mg" against "Statorva 20 Tablet": a size stated in a kind no candidate states
  // may be the plain number of a name; it picks as a "wala" number would.
  const plainSizes = sizesAsPlainNumbers(table, buffers.candidates, wants, query.attributes);
  const bare = applyBareNumbers(
    table,
    buffers.candidates,
    buffers.spare,
    score,
    plainSizes.length > 0
      ? { ...query, variantNumbers: [...(query.variantNumbers ?? []), ...plainSizes] }
      : query,
  );
  const scored = bare.scored;

  let best = -Infinity;
  let bestSku = -1;
  for (let i = 0; i < scored.length; i++)
    if (score[scored.at(i)]! > best) {
      best = score[scored.at(i)]!;
      bestSku = scored.at(i);
    }
  // A mention must carry a reasonably rare term (or an alias) to name a product — or name the
  // brand with a size that leaves only a few of its products ("velmax 900ml").
  if (
    best < catalog.maxIdf * 0.4 &&
    !(
      wants.length > 0 &&
      scored.length <= 3 &&
      catalog.skus[bestSku]!.headTerms.some((t) => termQuality.has(t))
    )
  )
    return noReading(matchedWords, best);
  // Only the tied readings and the six best are ever looked at in order: no need to sort the rest.
  const { tiedInOrder, sixBest, bigTie } = rankBest(
    scored,
    score,
    best * TIE_RATIO,
    !query.sizeWord,
  );
  const unexplained = wordUnexplainedNear(hits, query.words);
  const top = tiedInOrder[0]!;
  const own = catalog.nameWeights[top]!;
  const coverage = (aliasBonus.get(top) ?? 0) > 0 ? 1 : best / Math.max(own, 1e-9);
  const reading = {
    candidates: sixBest.map((sku) => scoredSku(catalog, score, sku)),
    usedNumbers: bare.used,
    matchedWords,
    score: best,
    coverage,
    numberInDoubt: bare.inDoubt,
  };
  // Past a handful of equal readings no tiebreak can be trusted; that mention goes to review.
  if (bigTie) return ambiguous(reading, reading.candidates, unexplained);
  let tied = tiedInOrder.map((sku) => scoredSku(catalog, score, sku));
  if (tied.length > 1 && tied.length <= 12) tied = preferMostSpecific(tied, termQuality);
  if (tied.length > 1 && tied.length <= 12 && !unexplained)
    tied = preferPlainVariant(catalog, tied, hits);
  if (tied.length > 1 && query.sizeWord) tied = pickExtremeSize(tied, query.sizeWord);
  if (tied.length !== 1) return ambiguous(reading, tied.slice(0, 6), unexplained);
  let sku = tied[0]!.sku;
  // "AD-101 Gold" where an alias vouches for plain AD-101: a said word the winner lacks and a
  // candidate has names that candidate, if it also has every word the winner was chosen by.
  const fuller = candidatesSayingMore(sku, hits, reading.candidates);
  if (fuller.length > 1) return ambiguous(reading, reading.candidates, unexplained);
  if (fuller.length === 1) sku = fuller[0]!;
  // Unexplained words only matter when the product's own head (brand, first word) wasn't said.
  const headSaid =
    sku.headTerms.some((t) => termQuality.has(t)) || (aliasBonus.get(sku.index) ?? 0) > 0;
  return {
    status: 'resolved',
    sku,
    candidates: reading.candidates,
    usedNumbers: reading.usedNumbers,
    matchedWords,
    score: best,
    coverage,
    unexplainedNear: unexplained && !headSaid,
    numberInDoubt: reading.numberInDoubt,
  };
}

// Hot helpers are module functions, not closures made per call: cheaper to create (none are),
// and under tsx (which names every closure it sees made) much cheaper.

function scoredSku(catalog: CompiledCatalog, score: Float64Array, sku: number): ScoredSku {
  return { sku: catalog.skus[sku]!, score: score[sku]! };
}

function sizesAsPlainNumbers(
  table: AttributeTable,
  candidates: SkuList,
  wants: StatedAttribute[],
  stated: Attribute[],
): number[] {
  const sizes: number[] = [];
  wants.forEach((want, i) => {
    const n = stated[i]!.display;
    if (candidates.some((sku) => agrees(want, sku))) return;
    if (
      candidates.some((sku) => hasDisplay(table, sku, n) && displayOnlyAsPlainNumber(table, sku, n))
    )
      sizes.push(n);
  });
  return sizes;
}

function statedWithUnit(attributes: Attribute[], n: number): boolean {
  for (const a of attributes) if (sameNumber(a.display, n)) return true;
  return false;
}

/** Candidates that explain every word the winner explains, and a word it does not. */
function candidatesSayingMore(
  winner: CompiledSku,
  hits: TermHit[][],
  candidates: ScoredSku[],
): CompiledSku[] {
  let lacking = false;
  for (const list of hits) if (list.length > 0 && !explainsHit(winner, list)) lacking = true;
  if (!lacking) return [];
  const fuller: CompiledSku[] = [];
  for (const { sku } of candidates) {
    if (sku === winner) continue;
    let all = true;
    let more = false;
    for (const list of hits) {
      if (list.length === 0) continue;
      const byCandidate = explainsHit(sku, list);
      if (explainsHit(winner, list) && !byCandidate) all = false;
      else if (byCandidate && !explainsHit(winner, list)) more = true;
    }
    if (all && more) fuller.push(sku);
  }
  return fuller;
}

function explainsHit(sku: CompiledSku, list: TermHit[]): boolean {
  for (const hit of list) if (sku.allTerms.includes(hit.term)) return true;
  return false;
}

/** A word left unexplained right next to the product words ("lays blu"): the plain reading may be wrong. */
function wordUnexplainedNear(hits: TermHit[][], words: Token[]): boolean {
  return hits.some(
    (h, i) =>
      h.length === 0 &&
      (explainedNeighbour(hits, words, i, i - 1) || explainedNeighbour(hits, words, i, i + 1)),
  );
}

/** Is word j a matched word right beside word i? */
function explainedNeighbour(hits: TermHit[][], words: Token[], i: number, j: number): boolean {
  const w = words[i]!;
  return (
    hits[j] !== undefined &&
    hits[j]!.length > 0 &&
    Math.abs(words[j]!.start - w.start) <= w.raw.length + words[j]!.raw.length + 1
  );
}

/** The words that hit a catalog term, and one quality per term (two words may hit the same term). */
function matchedTermsOf(hits: TermHit[][]) {
  const matchedWords = new Set<number>();
  const termQuality = new Map<number, number>();
  hits.forEach((list, position) => {
    for (const hit of list) {
      matchedWords.add(position);
      termQuality.set(hit.term, Math.max(termQuality.get(hit.term) ?? 0, hit.quality));
    }
  });
  return { matchedWords, termQuality };
}

/** Far weaker candidates are no reading of this mention (an alias's bonus aside). */
function keepNearTop(
  candidates: SkuList,
  score: Float64Array,
  aliasBonus: ReadonlyMap<number, number>,
) {
  let topScore = 0;
  for (let i = 0; i < candidates.length; i++) {
    const sku = candidates.at(i);
    const bonus = aliasBonus.size > 0 ? (aliasBonus.get(sku) ?? 0) : 0;
    topScore = Math.max(topScore, score[sku]! - bonus);
  }
  candidates.retain((sku) => score[sku]! >= topScore * 0.3);
}

/**
 * The readings tied with the best (score within TIE_RATIO) in score order, and the six best
 * overall: what a stable sort of every candidate would put first, without sorting them all. Past
 * twelve tied readings (and no size word to pick among them) only the first six are ordered.
 */
function rankBest(scored: SkuList, score: Float64Array, tieScore: number, mayCutTie: boolean) {
  const tied: number[] = [];
  const runnersUp: number[] = [];
  for (let i = 0; i < scored.length; i++) {
    const sku = scored.at(i);
    if (score[sku]! >= tieScore) tied.push(sku);
    else keepAmongBest(runnersUp, sku, score, 6);
  }
  const bigTie = mayCutTie && tied.length > 12;
  let tiedInOrder: number[];
  if (bigTie) {
    tiedInOrder = [];
    for (const sku of tied) keepAmongBest(tiedInOrder, sku, score, 6);
  } else tiedInOrder = tied.sort((a, b) => score[b]! - score[a]!);
  const sixBest =
    tiedInOrder.length >= 6
      ? tiedInOrder.slice(0, 6)
      : tiedInOrder.concat(runnersUp.slice(0, 6 - tiedInOrder.length));
  return { tiedInOrder, sixBest, bigTie };
}

/** Adds a SKU to a best-first list of at most `count`, after those that score as well. */
function keepAmongBest(best: number[], sku: number, score: Float64Array, count: number): void {
  const value = score[sku]!;
  if (best.length === count && !(value > score[best[count - 1]!]!)) return;
  let at = best.length;
  while (at > 0 && score[best[at - 1]!]! < value) at--;
  best.splice(at, 0, sku);
  if (best.length > count) best.pop();
}

function ambiguous(
  reading: Pick<
    ProductMatch,
    'usedNumbers' | 'matchedWords' | 'score' | 'coverage' | 'numberInDoubt'
  >,
  tied: ScoredSku[],
  unexplained: boolean,
): ProductMatch {
  return {
    status: 'ambiguous',
    sku: null,
    candidates: tied,
    usedNumbers: reading.usedNumbers,
    matchedWords: reading.matchedWords,
    score: reading.score,
    coverage: reading.coverage,
    unexplainedNear: unexplained,
    numberInDoubt: reading.numberInDoubt,
  };
}

/**
 * Scores the SKUs the mention's terms point at (IDF × match quality, summed in the scratch
 * buffer) and lists them in `buffers.candidates` in the order they were first touched. Rare terms
 * open candidates; common ones ("masala", "oil") only add to candidates already open, so a
 * 20,000-SKU catalog never scores thousands of SKUs per mention. A SKU whose size contradicts the
 * stated one never becomes a candidate, unless an alias vouches for it.
 */
function openCandidates(
  catalog: CompiledCatalog,
  buffers: Scratch,
  terms: number[],
  qualities: number[],
  wants: StatedAttribute[],
  vouched: ReadonlySet<number>,
): void {
  const { postings } = catalog;
  // When a word matched exactly and rarely, far more common words needn't open candidates of their own.
  let rarestExact = Infinity;
  for (let i = 0; i < terms.length; i++)
    if (qualities[i] === 1) rarestExact = Math.min(rarestExact, postings[terms[i]!]!.length);
  const openLimit = Math.min(
    Math.max(64, Math.ceil(catalog.skus.length * 0.02)),
    Math.max(64, rarestExact * 3),
  );
  const opening: Opening = {
    catalog,
    buffers,
    contradicted: contradictedBy(wants, buffers.contradicted),
    vouched: vouched.size > 0 ? vouched : null,
  };
  // A common term: more SKUs carry it than may be opened at once.
  const common = terms.map((t) => postings[t]!.length > openLimit);
  // Rare, firm hits open candidates; loose hits (a prefix, same consonants) only when nothing
  // firmer did; common terms only when nothing else did.
  for (let i = 0; i < terms.length; i++)
    if (!common[i] && qualities[i]! >= 0.75) addTerm(opening, terms[i]!, qualities[i]!, true);
  const noneOpen = buffers.candidates.length === 0;
  for (let i = 0; i < terms.length; i++)
    if (!common[i] && qualities[i]! < 0.75) addTerm(opening, terms[i]!, qualities[i]!, noneOpen);
  const onlyCommon = buffers.candidates.length === 0;
  for (let i = 0; i < terms.length; i++)
    if (common[i]) addTerm(opening, terms[i]!, qualities[i]!, onlyCommon);
}

interface Opening {
  catalog: CompiledCatalog;
  buffers: Scratch;
  /** SKUs a stated size contradicts (null: none). */
  contradicted: Uint32Array | null;
  /** SKUs an alias with a size vouches for (null: none). */
  vouched: ReadonlySet<number> | null;
}

/** Adds a term's weight to the SKUs it names; when `open`, those not yet candidates become ones. */
function addTerm(o: Opening, term: number, quality: number, open: boolean): void {
  const { catalog } = o;
  const { score, marked, candidates } = o.buffers;
  const weight = catalog.idf[term]! * quality;
  const list = catalog.postings[term]!;
  if (
    !open &&
    candidates.length < list.length &&
    list.length >= catalog.skus.length * DENSE_POSTINGS
  ) {
    // A common term adds to the few open candidates: look it up on them, not them in it.
    const members = postingBitsets(catalog).get(term)!;
    for (let i = 0; i < candidates.length; i++) {
      const sku = candidates.at(i);
      if (hasBit(members, sku)) score[sku]! += weight;
    }
    return;
  }
  for (const sku of list) {
    const current = score[sku]!;
    if (isCandidate(current)) score[sku] = current + weight;
    else if (open && current !== REFUSED) {
      marked.push(sku);
      if (isRefused(o, sku)) score[sku] = REFUSED;
      else {
        score[sku] = weight;
        candidates.push(sku);
      }
    }
  }
}

/** A SKU whose size contradicts the stated one never becomes a candidate, unless an alias vouches. */
function isRefused(o: Opening, sku: number): boolean {
  return (
    o.contradicted !== null &&
    hasBit(o.contradicted, sku) &&
    !(o.vouched !== null && o.vouched.has(sku))
  );
}

/**
 * A whole alias phrase, in order — with any size or number written in it also stated — adds its
 * weight again plus one: the distributor's own name for the SKU. An alias that carries a size
 * ("masking tape 2 inch") vouches for its SKU even when the nominal size differs from the name's.
 */
function matchAliases(
  catalog: CompiledCatalog,
  hits: TermHit[][],
  query: ProductQuery,
): { bonus: ReadonlyMap<number, number>; vouched: ReadonlySet<number> } {
  const found: AliasesFound = {
    catalog,
    hits,
    query,
    numbers: [...query.bareNumbers, ...(query.variantNumbers ?? [])],
    bonus: null,
    vouched: null,
  };
  for (let start = 0; start < hits.length; start++) {
    for (const hit of hits[start]!) {
      const bySecond = catalog.aliasesByLeadingTerms.get(hit.term);
      if (!bySecond) continue;
      considerAliases(found, bySecond.get(ONE_WORD), start);
      for (const next of hits[start + 1] ?? [])
        considerAliases(found, bySecond.get(next.term), start);
    }
  }
  return { bonus: found.bonus ?? NO_BONUS, vouched: found.vouched ?? NONE_VOUCHED };
}

interface AliasesFound {
  catalog: CompiledCatalog;
  hits: TermHit[][];
  query: ProductQuery;
  numbers: number[];
  // Most mentions say no alias: the maps are made for the first one found.
  bonus: Map<number, number> | null;
  vouched: Set<number> | null;
}

function considerAliases(found: AliasesFound, entries: AliasEntry[] | undefined, start: number) {
  const { catalog, query } = found;
  for (const { sku, alias } of entries ?? []) {
    if (!phraseAt(found.hits, start, alias.terms)) continue;
    const sizesStated = alias.attributes.every((a) =>
      query.attributes.some((q) => q.kind === a.kind && sameNumber(q.value, a.value)),
    );
    // "harpic 500" is said by "Harpic 500ml" too, when the 500 ml is the SKU's own size
    const own = catalog.skus[sku]!.attributes;
    const numberSaid = (n: number) =>
      found.numbers.includes(n) ||
      query.attributes.some(
        (q) =>
          sameNumber(q.display, n) &&
          own.some((a) => a.kind === q.kind && sameNumber(a.value, q.value)),
      );
    if (!sizesStated || !alias.numbers.every(numberSaid)) continue;
    const weight = alias.terms.reduce((sum, term) => sum + catalog.idf[term]!, 0) + 1;
    found.bonus ??= new Map();
    found.bonus.set(sku, Math.max(found.bonus.get(sku) ?? 0, weight));
    // An alias vouches for its SKU's sizes, not for one the message contradicts: "b 7000 glue"
    // names the 110 ml tube, but "b 7000 glue 50ml" asks for the 50 ml one.
    if (
      (alias.attributes.length > 0 || alias.numbers.length > 0) &&
      !contradictsSku(catalog.skus[sku]!, alias, query.attributes)
    )
      (found.vouched ??= new Set()).add(sku);
  }
}
/** A stated size of a kind the alias leaves unsaid that the SKU has with another value. */
function contradictsSku(sku: CompiledSku, alias: AliasPhrase, stated: Attribute[]): boolean {
  return stated.some(
    (q) =>
      !alias.attributes.some((a) => a.kind === q.kind) &&
      sku.attributes.some((a) => a.kind === q.kind) &&
      !sku.attributes.some((a) => a.kind === q.kind && sameNumber(a.value, q.value)),
  );
}
const NO_BONUS: ReadonlyMap<number, number> = new Map();
const NONE_VOUCHED: ReadonlySet<number> = new Set();

/** Do the words from `start` on hit the phrase's terms, one word per term, in order? */
function phraseAt(hits: TermHit[][], start: number, terms: number[]): boolean {
  if (start + terms.length > hits.length) return false;
  for (let k = 0; k < terms.length; k++) {
    let found = false;
    for (const h of hits[start + k]!) if (h.term === terms[k]) found = true;
    if (!found) return false;
  }
  return true;
}

/**
 * Prefers the SKUs that carry every stated attribute. (None contradicts one: openCandidates never
 * opens such a SKU unless an alias vouches for it.)
 */
function filterByAttributes(
  candidates: SkuList,
  wants: StatedAttribute[],
  vouched: ReadonlySet<number>,
): void {
  if (wants.length === 0) return;
  if (candidates.some((sku) => carriesAll(wants, vouched, sku)))
    candidates.retain((sku) => carriesAll(wants, vouched, sku));
}

function carriesAll(wants: StatedAttribute[], vouched: ReadonlySet<number>, sku: number): boolean {
  if (vouched.has(sku)) return true;
  for (const want of wants) if (!agrees(want, sku)) return false;
  return true;
}

/**
 * Reads bare and "wala" numbers as sizes where they pick family members. Works on the scored
 * list and a spare list; returns whichever ends up holding the candidates.
 */
function applyBareNumbers(
  table: AttributeTable,
  scored: SkuList,
  spare: SkuList,
  score: Float64Array,
  query: ProductQuery,
) {
  const used: number[] = [];
  let inDoubt = false;
  const numbers = [
    ...(query.variantNumbers ?? []).map((n) => ({ n, variant: true })),
    ...query.bareNumbers.map((n) => ({ n, variant: false })),
  ];
  let bareLeft = query.bareNumbers.length;
  for (const { n, variant } of numbers) {
    // "JBL Go 3 black - 3": a size is said once; the same number again is the count
    if (used.includes(n)) continue;
    const having = spare;
    having.length = 0;
    for (let i = 0; i < scored.length; i++)
      if (hasDisplay(table, scored.at(i), n)) having.push(scored.at(i));
    if (having.length === 0) continue;
    // With a quantity elsewhere, any candidate carrying the number counts ("azithral 250 - 4 box" is the
    // 250 even if an alias favours the 500); otherwise only readings as good as the best.
    const wholePool = query.hasOtherQuantity || variant;
    let top = -Infinity;
    for (let i = 0; i < scored.length; i++) top = Math.max(top, score[scored.at(i)]!);
    const poolScore = wholePool ? -Infinity : top * TIE_RATIO;
    if (!having.some((sku) => score[sku]! >= poolScore)) continue;
    const distinguishes = having.length < scored.count((sku) => score[sku]! >= poolScore);
    // A bare number is a size only if some other number is still there to be the quantity.
    const quantityRemains = query.hasOtherQuantity || bareLeft - 1 >= 1;
    // A unit-less number of the name ("Dolo 650 Tablet") that picks nothing is the name said
    // in full: "dolo 650 5" orders five, "dolo 650" alone names the product and asks how many.
    const onlyPlainNumbers = having.every((sku) => displayOnlyAsPlainNumber(table, sku, n));
    if (!distinguishes && !variant && onlyPlainNumbers) {
      used.push(n);
      bareLeft--;
      continue;
    }
    // "red oxide 4 ltr 4": the size was said with its unit; the bare number that repeats it and
    // picks nothing more is the quantity.
    if (!distinguishes && !variant && !quantityRemains && statedWithUnit(query.attributes, n))
      continue;
    if (
      variant ||
      (distinguishes && (quantityRemains || !query.hasOtherQuantity)) ||
      quantityRemains
    ) {
      spare = scored;
      scored = having;
      used.push(n);
      if (!variant) bareLeft--;
    } else {
      inDoubt = true;
    }
  }
  return { scored, used, inDoubt };
}

/** "fortune soyabean tin": the one SKU that matches every word the others match, and more. */
function preferMostSpecific(tied: ScoredSku[], termQuality: Map<number, number>): ScoredSku[] {
  const sets = tied.map((s) => new Set(s.sku.allTerms.filter((t) => termQuality.has(t))));
  const largest = Math.max(...sets.map((set) => set.size));
  const atLargest = sets.filter((set) => set.size === largest);
  if (atLargest.length !== 1) return tied;
  const winner = atLargest[0]!;
  const i = sets.indexOf(winner);
  return sets.every((other, j) => j === i || [...other].every((t) => winner.has(t)))
    ? [tied[i]!]
    : tied;
}

/** The smallest or largest member, when all share one size kind. */
function pickExtremeSize(tied: ScoredSku[], which: 'small' | 'big'): ScoredSku[] {
  const kinds = ['weight', 'volume', 'length', 'count', 'price'] as const;
  for (const kind of kinds) {
    const sized = tied.map((s) => ({ s, v: s.sku.attributes.find((a) => a.kind === kind)?.value }));
    if (sized.some((x) => x.v === undefined)) continue;
    const values = sized.map((x) => x.v!);
    const target = which === 'small' ? Math.min(...values) : Math.max(...values);
    const picked = sized.filter((x) => x.v === target).map((x) => x.s);
    if (picked.length === 1) return picked;
  }
  return tied;
}

/**
 * "tata salt" names Tata Salt, not Tata Salt Lite: among equally matched SKUs, the one
 * whose unmatched words are all descriptive (used across brands, like "iodised") is the
 * plain product, when every other one carries a word of its own ("lite", "quick").
 */
function preferPlainVariant(
  catalog: CompiledCatalog,
  tied: ScoredSku[],
  hits: TermHit[][],
): ScoredSku[] {
  const matched = new Set(hits.flat().map((h) => h.term));
  const shared = tied
    .map((s) => new Set(s.sku.terms))
    .reduce((acc, set) => new Set([...acc].filter((t) => set.has(t))));
  const ownWords = tied.map((s) =>
    s.sku.terms.filter((t) => !matched.has(t) && !shared.has(t) && catalog.brandSpread[t]! <= 1),
  );
  // Any unmatched colour among the readings means the colour decides, and it wasn't said.
  const colourLeft = tied.some((t) =>
    t.sku.terms.some(
      (term) => !matched.has(term) && !shared.has(term) && COLOUR_WORDS.has(catalog.terms[term]!),
    ),
  );
  if (colourLeft) return tied;
  // The one with no unsaid word of its own at all, when every other has one ("Metzora 500" vs
  // "Metzora-SR 500", even though SR is a word many brands use); else the one whose unsaid
  // words are all descriptive ("Tata Salt Iodised" vs "Tata Salt Lite").
  const bare = tied.filter((s) => s.sku.terms.every((t) => matched.has(t) || shared.has(t)));
  const plain = bare.length === 1 ? bare : tied.filter((_, i) => ownWords[i]!.length === 0);
  if (plain.length !== 1) return tied;
  // The plain one must not differ from the others only by an attribute the message left out:
  // each other one has no size the plain one lacks, or it is the plain one plus more (the
  // named variant's added strength, "Telvas-H 40 (40/12.5)"), not another size of it.
  const winner = plain[0]!;
  const others = tied.filter((s) => s !== winner);
  const plainSized = others.every(
    (o) => hasAttributesOf(winner.sku, o.sku) || hasAttributesOf(o.sku, winner.sku),
  );
  return plainSized ? plain : tied;
}

/**
 * Every attribute of `part` is also one of `whole`'s (same kind and value). Pack counts ("15s")
 * are left out: a named variant sold in strips of another length is still not what a plain
 * mention names ("Metzora 500" is not Metzora-SR 500 15s).
 */
function hasAttributesOf(whole: CompiledSku, part: CompiledSku): boolean {
  return part.attributes.every(
    (a) =>
      a.kind === 'count' ||
      whole.attributes.some((w) => w.kind === a.kind && sameNumber(w.value, a.value)),
  );
}
