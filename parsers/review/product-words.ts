/**
 * The words that can name each SKU, exactly as the catalog writes them: name, brand, aliases,
 * category, sales unit and piece unit, adjacent name words run together ("parle-g" → "parleg"),
 * and the numbers and sizes of its name. The review policy explains a line's words only by
 * these (and the language's shorthand for them); there is no spelling tolerance here.
 */
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { codeKey } from '../match/compile-catalog.js';
import { SHORTHAND } from '../lexicon/units.js';
import { dimensionKeys } from '../units/dimension-pairs.js';
import { perCatalog } from '../match/per-catalog.js';
import { normalizeText, numberValue, tokenize } from '../text/tokenize.js';
import type { Attribute } from '../units/attributes.js';

export interface ProductWords {
  words: ReadonlySet<string>;
  /** Sizes of the name and of aliases that carry one. */
  attributes: readonly Attribute[];
  /** Every size's number as written and in base units, and an alias's plain numbers. */
  numbers: readonly number[];
  /** The SKU code with separators and leading zeros dropped ("ndlmag70"). */
  code: string;
  /** Sizes written as a pair in the name or an alias ("12x15", "8x50"). */
  pairs: readonly string[];
  /** Aliases written as one code of letters and digits that no other SKU has ("12a", "q2612a"). */
  aliasCodes: readonly string[];
  /** A number and the word after it in the name ("4 jar" of "Mixer Grinder 4 Jar"). */
  namePairs: readonly string[];
  /** A number and the word after it in an alias, a word the name never writes ("10 mfd"). */
  aliasSizePairs: readonly string[];
  /** Those words: the distributor's own word for a size's unit ("mfd"). */
  aliasSizeWords: ReadonlySet<string>;
  /** How many times the name writes each of its numbers ("DCDB 2 In 2 Out": 2 twice). */
  numberTimes: ReadonlyMap<number, number>;
  /** Words of the brand that the name, aliases and category never write ("Sri", "Labs"). */
  brandOnly: ReadonlySet<string>;
}

/** Per catalog, per SKU index: computed when a line first needs it. */
const byCatalog = new WeakMap<CompiledCatalog, (ProductWords | undefined)[]>();

export function productWords(catalog: CompiledCatalog, sku: CompiledSku): ProductWords {
  let list = byCatalog.get(catalog);
  if (!list) byCatalog.set(catalog, (list = []));
  return (list[sku.index] ??= compileProductWords(catalog, sku));
}

function compileProductWords(catalog: CompiledCatalog, sku: CompiledSku): ProductWords {
  const { item } = sku;
  const words = new Set<string>();
  const add = (w: string) => words.add(w).add(singular(w));
  // Name, brand and alias words, as the compiled catalog already holds them.
  for (const t of sku.allTerms) add(catalog.terms[t]!);
  // The name's other Latin words too, those its sizes took ("Pack of 4").
  for (const w of item.name.toLowerCase().split(/[^a-z]+/)) if (w) add(w);
  // Name words run together ("parle-g" → "parleg"), in the order the name has them.
  for (let k = 0; k + 1 < sku.terms.length; k++)
    words.add(catalog.terms[sku.terms[k]!]! + catalog.terms[sku.terms[k + 1]!]!);
  for (const a of sku.aliases)
    for (let k = 0; k + 1 < a.terms.length; k++)
      words.add(catalog.terms[a.terms[k]!]! + catalog.terms[a.terms[k + 1]!]!);
  for (const text of [item.category, item.unit, item.pieceUnit])
    if (text) for (const w of wordsOf(text)) add(w);
  const attributes: Attribute[] = [...sku.attributes, ...sku.aliases.flatMap((a) => a.attributes)];
  const numbers = sku.aliases.flatMap((a) => a.numbers);
  for (const a of attributes) numbers.push(a.display, a.value);
  const pairs = dimensionKeys([item.name, ...item.aliases]);
  const codes = aliasCodeCounts(catalog);
  const aliasCodes = item.aliases
    .filter(isCodeLike)
    .map(codeKey)
    .filter((key) => codes.get(key) === 1);
  const nameTokens = tokenize(normalizeText(item.name));
  const numberTimes = new Map<number, number>();
  for (const t of nameTokens) {
    const value = t.kind === 'number' ? numberValue(t.raw) : null;
    if (value !== null) numberTimes.set(value, (numberTimes.get(value) ?? 0) + 1);
  }
  const namePairs: string[] = [];
  for (let k = 0; k + 1 < nameTokens.length; k++) {
    const [n, w] = [nameTokens[k]!, nameTokens[k + 1]!];
    if (n.kind === 'number' && w.kind === 'word') namePairs.push(`${numberValue(n.raw)} ${w.norm}`);
  }
  // "10 mfd" of "Capacitor 10 µF": the distributor's own word for the size's unit
  const nameWords = new Set(
    [...wordsOf(item.name), ...wordsOf(item.brand ?? '')].flatMap((w) => [w, singular(w)]),
  );
  const aliasSizePairs: string[] = [];
  const aliasSizeWords = new Set<string>();
  for (const alias of item.aliases) {
    const tokens = tokenize(normalizeText(alias));
    for (let k = 0; k + 1 < tokens.length; k++) {
      const [n, w] = [tokens[k]!, tokens[k + 1]!];
      if (n.kind !== 'number' || w.kind !== 'word' || nameWords.has(w.norm)) continue;
      aliasSizePairs.push(`${numberValue(n.raw)} ${w.norm}`);
      aliasSizeWords.add(w.norm);
    }
  }
  // "Propeller 11 x 15": a number the name writes only inside a size pair is that pair's half,
  // no size of its own — "15" said alone is not this 40 HP propeller's (the pair said whole is)
  const inPairs = new Map<number, number>();
  for (const key of dimensionKeys([item.name]))
    for (const half of key.split('x').map(Number))
      if (Number.isFinite(half)) inPairs.set(half, (inPairs.get(half) ?? 0) + 1);
  const aliasNumbers = new Set(sku.aliases.flatMap((a) => a.numbers));
  const pairOnly = (v: number) =>
    (inPairs.get(v) ?? 0) >= (numberTimes.get(v) ?? 0) && inPairs.has(v) && !aliasNumbers.has(v);
  const ownNumbers = numbers.filter((v) => !pairOnly(v));
  const named = new Set<string>();
  for (const text of [item.name, item.category, ...item.aliases])
    if (text) for (const w of wordsOf(text)) named.add(w).add(singular(w));
  const brandOnly = new Set(wordsOf(item.brand ?? '').filter((w) => !named.has(w)));
  return {
    words,
    attributes,
    numbers: ownNumbers,
    brandOnly,
    code: codeKey(item.sku),
    pairs,
    aliasCodes,
    namePairs,
    aliasSizePairs,
    aliasSizeWords,
    numberTimes,
  };
}

/**
 * One chunk of letters and digits, both ("12a", "cc388a", "cl-57"; not "88a original"), or a
 * model number of three digits or more ("7216").
 */
function isCodeLike(alias: string): boolean {
  const chunk = alias.trim();
  return !/\s/.test(chunk) && /\d/.test(chunk) && (/[a-z]/i.test(chunk) || /^\d{3,}$/.test(chunk));
}

/** How many SKUs have each code-like alias. */
const aliasCodeCounts = perCatalog((catalog) => {
  const counts = new Map<string, number>();
  for (const { item } of catalog.skus)
    for (const key of new Set(item.aliases.filter(isCodeLike).map(codeKey)))
      counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
});

/** The words of a category or unit name; the same few strings repeat across a catalog. */
const wordsOfText = new Map<string, string[]>();
function wordsOf(text: string): string[] {
  let words = wordsOfText.get(text);
  if (!words) {
    words = tokenize(normalizeText(text))
      .filter((t) => t.kind === 'word')
      .map((t) => t.norm);
    if (wordsOfText.size > 10_000) wordsOfText.clear();
    wordsOfText.set(text, words);
  }
  return words;
}

/** "boxes" → "box", "bottles" → "bottle", "batteries" → "battery"; short words stay. */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Is the token form a word of these product words, as written, singular or as shorthand for one? */
export function isProductWord(product: ProductWords, form: string): boolean {
  if (product.words.has(form) || product.words.has(singular(form))) return true;
  const long = SHORTHAND.get(form);
  return long !== undefined && long.some((w) => product.words.has(w));
}
