/**
 * The plain matcher: do a line's own words single out the SKU it became? Candidates are the
 * SKUs that carry every product word of the line (exactly, singular or shorthand — no spelling
 * tolerance) and every size it states. The draft's SKU must be the only one, or the plain one
 * of them: every word of its name the line left out only describes (used by several brands),
 * while each other candidate has a word of its own the line did not say and no other size of
 * what the draft's SKU is ("tata salt" is Tata Salt Iodised 1kg, not Tata Salt Lite 1kg).
 */
import type { AliasPhrase, CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { unitName } from '../lexicon/units.js';
import { perCatalog } from '../match/per-catalog.js';
import { BIG_WORDS, PACK_WORDS, PIECE_WORDS, SHORTHAND, SMALL_WORDS } from '../lexicon/units.js';
import { sameUnit } from './read-quantity.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { Attribute } from '../units/attributes.js';
import { isProductWord, productWords, singular } from './product-words.js';

export interface SingleOutInput {
  catalog: CompiledCatalog;
  sku: CompiledSku;
  /** Token forms of the line's product words. */
  words: readonly string[];
  /** Sizes the line states (with a unit, or a bare number the SKU carries). */
  sizes: readonly Attribute[];
  bareSizes: readonly number[];
  /** Sizes said as a pair the SKU's name writes ("12x15"). */
  pairs: readonly string[];
  /** The unit word of the quantity, if any. */
  unit: string | null;
  /** The count said, as written (before pieces become packs), if any. */
  count?: number | null;
}

/**
 * The other SKUs the line's words fit as well as the draft's (empty: singled out), or null when
 * no word of the line is a catalog word to look them up by (a category or a run-together name
 * alone singles out nothing the policy can check).
 */
export function rivalsOf(input: SingleOutInput): CompiledSku[] | null {
  const candidates = candidatesOf(input);
  if (candidates === null) return null;
  const { catalog, sku } = input;
  const aliasSaid = aliasSaidLength(sku, candidates.said, input);
  const rivals: CompiledSku[] = [];
  for (const other of candidates.fitting()) {
    if (isPlainAgainst(catalog, sku, other, input)) continue;
    // "3 ply mask": the catalog's alias for the draft's SKU, said in full, names it — unless the
    // other SKU has an alias said as fully
    if (aliasSaid > 0 && aliasSaidLength(other, candidates.said, input) < aliasSaid) continue;
    rivals.push(other);
    if (rivals.length >= 5) break;
  }
  return rivals;
}

/**
 * "elbow 100 pcs" of the elbow the alias "elbow" names, sold by the packet of 50, beside one
 * sold by the packet of 100: pieces counted as many as another SKU the words fit packs, and the
 * draft's does not — one pack of that one, or two of this? Checked even where an alias said
 * whole names the draft's SKU.
 */
export function rivalsByCount(input: SingleOutInput): CompiledSku[] {
  const { sku, count, unit } = input;
  if (count === null || count === undefined || unit === null || sku.item.packSize === count)
    return [];
  // (pieces: not the SKU's own sales unit, "12 pair" of drumsticks sold by the pair)
  if (sameUnit(unit, sku.item.unit)) return [];
  if (!PIECE_WORDS.has(unit) && !(sku.item.pieceUnit && sameUnit(unit, sku.item.pieceUnit)))
    return [];
  const rivals: CompiledSku[] = [];
  for (const other of candidatesOf(input)?.fitting() ?? [])
    if (other.item.packSize === count) rivals.push(other);
  return rivals;
}

/**
 * The other SKUs that carry every word the line says (looked up by the word index, then checked
 * on their own words), every size said, and the unit — or null when no word of the line is a
 * catalog word to look them up by.
 */
function candidatesOf(
  input: SingleOutInput,
): { said: ReadonlySet<number>; fitting: () => Generator<CompiledSku> } | null {
  const { catalog, sku, words } = input;
  // Per word, the sorted SKU lists that have it: its catalog terms', and its category/unit list.
  const loose = looseWords(catalog);
  const said = new Set(words.flatMap((w) => termsOf(catalog, w)));
  const trade = tradeWordsOf(catalog, sku, said, input);
  const lists = words.map((w) => {
    const found: (readonly number[])[] = termsOf(catalog, w).map((id) => catalog.postings[id]!);
    const other = loose.get(w) ?? loose.get(singular(w));
    if (other) found.push(...other);
    if (trade.has(w)) found.push(trade.get(w)!);
    return found;
  });
  const indexed = lists.filter((l) => l.length > 0);
  if (indexed.length === 0) return null;
  const size = (l: (readonly number[])[]) => l.reduce((sum, x) => sum + x.length, 0);
  indexed.sort((a, b) => size(a) - size(b));
  const [first, ...others] = indexed as [(readonly number[])[], ...(readonly number[])[][]];
  const pool = first.length === 1 ? first[0]! : [...new Set(first.flat())];
  function* fitting(): Generator<CompiledSku> {
    for (const index of pool) {
      if (index === sku.index) continue;
      // Every other word said is this SKU's too (a binary search in each word's sorted lists).
      if (!others.every((l) => l.some((list) => sortedHas(list, index)))) continue;
      const other = catalog.skus[index]!;
      if (!fits(catalog, other, input, trade)) continue;
      if (input.unit !== null && soldIn(sku, input.unit) && !soldIn(other, input.unit)) continue;
      yield other;
    }
  }
  return { said, fitting };
}

/** The longest alias of the SKU whose every word, number and size the line says (0: none). */
function aliasSaidLength(
  sku: CompiledSku,
  said: ReadonlySet<number>,
  input: SingleOutInput,
): number {
  let longest = 0;
  for (const a of sku.aliases)
    if (aliasSaidWhole(a, said, input))
      longest = Math.max(longest, a.terms.length + a.numbers.length + a.attributes.length);
  return longest;
}

function aliasSaidWhole(a: AliasPhrase, said: ReadonlySet<number>, input: SingleOutInput): boolean {
  if (a.terms.length === 0 || !a.terms.every((t) => said.has(t))) return false;
  return (
    a.numbers.every((n) => numberSaid(input, n)) &&
    // the size as the alias writes it: "12 inch" is a length, not the alias "1 ft channel"
    a.attributes.every((att) =>
      input.sizes.some((x) => sameSize(x, att) && Math.abs(x.display - att.display) < 1e-6),
    )
  );
}

/**
 * "1 ctn dm10" of the box whose alias is "dm 10", beside the same bar sold by the carton: a packing
 * unit said that another SKU the words fit is sold in, and the draft's is not. Checked even where
 * an alias said whole names the draft's SKU.
 */
export function rivalsByUnit(input: SingleOutInput): CompiledSku[] {
  const { sku, unit } = input;
  if (unit === null || !PACK_WORDS.has(unit) || soldIn(sku, unit)) return [];
  const rivals: CompiledSku[] = [];
  for (const other of candidatesOf(input)?.fitting() ?? [])
    if (soldIn(other, unit)) rivals.push(other);
  return rivals;
}

/** The line states this number as a size (bare, with a unit, or in a pair). */
function numberSaid(input: SingleOutInput, n: number): boolean {
  return (
    input.bareSizes.includes(n) ||
    input.sizes.some((x) => x.display === n) ||
    input.pairs.some((p) => p.split('x').map(Number).includes(n))
  );
}

/**
 * "sugar machine" of the one glucometer whose alias is "morepen sugar machine", "magnets" of the
 * small cleaner whose alias is "small magnet": an alias that names the SKU by its brand or its
 * size grade and the trade's words for what it is names it only said whole — without that mark,
 * its words the name never writes fit every SKU of the category (word → that category's sorted
 * SKU list).
 */
function tradeWordsOf(
  catalog: CompiledCatalog,
  sku: CompiledSku,
  said: ReadonlySet<number>,
  input: SingleOutInput,
): Map<string, readonly number[]> {
  const trade = new Map<string, readonly number[]>();
  const members = sku.item.category ? categoryMembers(catalog).get(sku.item.category) : undefined;
  if (!members || members.length < 2 || sku.aliases.length === 0) return trade;
  const brand = formsOfText(sku.item.brand ?? '').flatMap((f) => termsOf(catalog, f));
  // the alias's own mark, left unsaid: its brand, or its size grade ("small magnet")
  const marks = (t: number) => brand.includes(t) || isSizeGrade(catalog.terms[t]!);
  const loose = new Set<number>();
  for (const a of sku.aliases) {
    // … or its size ("silicone oil 500" said "oil")
    const sizeUnsaid =
      a.numbers.some((n) => !numberSaid(input, n)) ||
      a.attributes.some((att) => !input.sizes.some((x) => sameSize(x, att)));
    if (!sizeUnsaid && !a.terms.some((t) => marks(t) && !said.has(t))) continue;
    for (const t of a.terms) if (said.has(t) && !sku.terms.includes(t)) loose.add(t);
  }
  if (loose.size === 0) return trade;
  const whole = new Set(
    sku.aliases.filter((a) => aliasSaidWhole(a, said, input)).flatMap((a) => a.terms),
  );
  for (const w of input.words) {
    const ids = termsOf(catalog, w);
    if (ids.length > 0 && ids.every((t) => loose.has(t) && !whole.has(t))) trade.set(w, members);
  }
  return trade;
}

function sortedHas(list: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The sizes and every word said, checked on the SKU's own words (after the index narrowed it). */
function fits(
  catalog: CompiledCatalog,
  sku: CompiledSku,
  input: SingleOutInput,
  trade: ReadonlyMap<string, readonly number[]>,
): boolean {
  const attributes =
    sku.aliases.length === 0
      ? sku.attributes
      : [...sku.attributes, ...sku.aliases.flatMap((a) => a.attributes)];
  if (!input.sizes.every((a) => hasSize(attributes, a))) return false;
  const own = productWords(catalog, sku);
  if (!input.bareSizes.every((n) => own.numbers.includes(n))) return false;
  if (!input.pairs.every((p) => own.pairs.includes(p))) return false;
  // a category's word fits every SKU of the category ("parda" of a backdrop with no alias)
  const loose = looseWords(catalog);
  const inCategory = (w: string) =>
    (loose.get(w) ?? loose.get(singular(w)) ?? []).some((l) => sortedHas(l, sku.index)) ||
    sortedHas(trade.get(w) ?? [], sku.index);
  return input.words.every((w) => isProductWord(own, w) || inCategory(w));
}

/**
 * The SKU has the size said: the same size, or — when it states no size of that kind at all —
 * the same number plain in its name ("20mg" for "Statovas 20 Tablet").
 */
export function hasSize(attributes: readonly Attribute[], a: Attribute): boolean {
  if (attributes.some((b) => sameSize(a, b))) return true;
  return (
    !attributes.some((b) => b.kind === a.kind) &&
    attributes.some((b) => b.kind === 'number' && Math.abs(a.display - b.display) < 1e-6)
  );
}

export function sameSize(a: Attribute, b: Attribute): boolean {
  const sameDisplay = Math.abs(a.display - b.display) < 1e-6;
  return (
    (a.kind === b.kind && Math.abs(a.value - b.value) < 1e-6) ||
    // A bare number said ("maggi 70") meets the name's plain number or any size's number; a
    // measured size ("1 kg") never meets a plain number ("2 in 1").
    (a.kind === 'number' && sameDisplay) ||
    // "1.5mm" of a wire sold as "1.5 sq mm": its cross-section, not a length.
    (a.kind === 'length' && b.kind === 'area' && sameDisplay)
  );
}

function soldIn(sku: CompiledSku, unit: string): boolean {
  const name = unitName(unit);
  return (
    unitName(sku.item.unit) === name ||
    (sku.item.pieceUnit !== null && unitName(sku.item.pieceUnit) === name)
  );
}

/**
 * `sku` is the plain reading beside `other`: what it leaves unsaid only describes, `other`
 * leaves a word of its own unsaid, and they do not differ by a size nobody stated.
 */
function isPlainAgainst(
  catalog: CompiledCatalog,
  sku: CompiledSku,
  other: CompiledSku,
  input: SingleOutInput,
): boolean {
  const said = new Set(input.words.map(singular));
  const unsaid = (s: CompiledSku, t: number) =>
    !said.has(singular(catalog.terms[t]!)) && !said.has(catalog.terms[t]!);
  const ownUnsaid = sku.terms.filter((t) => unsaid(sku, t) && !other.terms.includes(t));
  // What the plain reading leaves unsaid must only describe: a word at least three brands use,
  // and never a size grade ("Magnetic Glass Cleaner Small" is no plainer than "… Large").
  if (ownUnsaid.some((t) => catalog.brandSpread[t]! < 3 || isSizeGrade(catalog.terms[t]!)))
    return false;
  const otherUnsaid = other.terms.filter((t) => unsaid(other, t) && !sku.terms.includes(t));
  if (otherUnsaid.length === 0) return false;
  for (const a of sku.attributes) {
    const stated =
      input.sizes.some((x) => sameSize(x, a)) || input.bareSizes.some((n) => n === a.display);
    if (stated) continue;
    // A count nobody said: plain only when the other has it too ("72s" beside "72s Pack of 3"),
    // or when it is the pack the unit said is sold in ("bodok 2 packet" of a "Pack of 10").
    if (a.kind === 'count') {
      if (other.attributes.some((x) => x.kind === 'count' && x.value === a.value)) continue;
      const packSaid =
        input.unit !== null &&
        sameUnit(input.unit, sku.item.unit) &&
        !sameUnit(input.unit, other.item.unit);
      if (packSaid && sku.item.packSize === a.value) continue;
      return false;
    }
    const b = other.attributes.find((x) => x.kind === a.kind);
    // Another size nobody said, or one the plain reading has and the other lacks ("2-Way").
    if (!b || Math.abs(a.value - b.value) > 1e-6) return false;
  }
  return true;
}

/** Per word form, sorted SKU lists (several: a category's members are shared, not copied). */
type LooseWords = Map<string, (readonly number[])[]>;
/** Category and unit words across the catalog (token forms, and singular) → the SKUs that have them. */
const looseWords = perCatalog((catalog): LooseWords => {
  const lists = new Map<string, number[]>();
  const formsByText = new Map<string, string[]>();
  for (const { item, index } of catalog.skus)
    for (const text of [item.category ?? '', item.unit, item.pieceUnit ?? '']) {
      let forms = formsByText.get(text);
      if (!forms) {
        forms = [];
        for (const t of tokenize(normalizeText(text)))
          if (t.kind === 'word') forms.push(t.norm, singular(t.norm));
        formsByText.set(text, forms);
      }
      for (const f of forms) {
        const list = lists.get(f) ?? [];
        if (list.at(-1) !== index) list.push(index);
        lists.set(f, list);
      }
    }
  const words: LooseWords = new Map([...lists].map(([form, list]) => [form, [list]]));
  addCategoryAliasWords(catalog, words);
  return words;
});

/**
 * "hara parda", "safed parda", "kala parda": an alias word that several SKUs of one category
 * carry, and their names never write, is the trade's word for the category — every SKU of the
 * category fits it, including one whose aliases the catalog left empty (a green backdrop with no
 * alias is as much a "parda" as the one listed).
 */
function addCategoryAliasWords(catalog: CompiledCatalog, words: LooseWords): void {
  const byCategory = categoryMembers(catalog);
  const aliasCategories = new Map<string, Map<string, number>>();
  // From the compiled terms, not the texts again: this runs inside a cold catalog's first parse.
  for (const { item, terms, aliases } of catalog.skus) {
    const category = item.category ?? '';
    if (!category || aliases.length === 0) continue;
    const named = new Set(terms.flatMap((t) => formsOf(catalog.terms[t]!)));
    const forms = new Set(
      aliases.flatMap((a) => a.terms.flatMap((t) => formsOf(catalog.terms[t]!))),
    );
    for (const form of forms) {
      if (named.has(form)) continue;
      const counts = aliasCategories.get(form) ?? new Map<string, number>();
      counts.set(category, (counts.get(category) ?? 0) + 1);
      aliasCategories.set(form, counts);
    }
  }
  for (const [form, counts] of aliasCategories)
    for (const [category, n] of counts)
      if (n >= 2) words.set(form, [...(words.get(form) ?? []), byCategory.get(category)!]);
}

/** Category → its SKUs' indexes, ascending. */
const categoryMembers = perCatalog((catalog) => {
  const members = new Map<string, number[]>();
  for (const { item, index } of catalog.skus) {
    if (!item.category) continue;
    const list = members.get(item.category);
    if (list) list.push(index);
    else members.set(item.category, [index]);
  }
  return members;
});

const formsOf = (word: string): string[] => [word, singular(word)];

const isSizeGrade = (word: string): boolean =>
  SMALL_WORDS.has(word) || BIG_WORDS.has(word) || word === 'medium';

function formsOfText(text: string): string[] {
  return tokenize(normalizeText(text))
    .filter((t) => t.kind === 'word')
    .flatMap((t) => [t.norm, singular(t.norm)]);
}

/** Catalog term ids a word stands for: as written, singular, or the long form of shorthand. */
function termsOf(catalog: CompiledCatalog, word: string): number[] {
  const ids: number[] = [];
  for (const form of [word, singular(word), ...(SHORTHAND.get(word) ?? [])]) {
    const id = catalog.termIds.get(form);
    if (id !== undefined && catalog.postings[id]!.length > 0 && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
