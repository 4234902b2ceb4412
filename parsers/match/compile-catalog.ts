/**
 * The catalog is the grammar: names, aliases and brands are tokenised once into a
 * vocabulary with IDF weights, typed attributes and indexes for fast candidate lookup.
 */
import { deriveAll } from './per-catalog.js';
import type { CatalogItem } from '../types.js';
import { tokenize, normalizeText, type Token } from '../text/tokenize.js';
import { doubleMetaphone } from 'double-metaphone';
import { spellingSkeleton } from '../text/phonetic.js';
import { readAttributes, type Attribute } from '../units/attributes.js';
import { dimensionKeys } from '../units/dimension-pairs.js';
import { buildAttributeTable, type AttributeTable } from './attribute-table.js';
import { buildCodePrefixes, type CodePrefixes } from './code-prefixes.js';

export interface CompiledSku {
  item: CatalogItem;
  index: number;
  /** Term ids of the name and brand (attribute tokens excluded). */
  terms: number[];
  attributes: Attribute[];
  /** Alias phrases: their words as term ids, and the sizes and numbers written in them. */
  aliases: AliasPhrase[];
  /** Name, brand and alias terms together. */
  allTerms: number[];
  /** Brand words and the name's first word: what a mention normally leads with. */
  headTerms: number[];
  /** Brand key, or the first name word when the catalog has no brand column. */
  brandKey: string;
  unitKey: string;
  pieceUnitKey: string | null;
}

/** "masking tape 2 inch": words that must appear in order, and a size that must be stated. */
export interface AliasPhrase {
  terms: number[];
  attributes: Attribute[];
  numbers: number[];
}

export interface AliasEntry {
  sku: number;
  alias: AliasPhrase;
}

/** The second-term key of one-word alias phrases in `aliasesByLeadingTerms`. */
export const ONE_WORD = -1;

export interface CompiledCatalog {
  skus: CompiledSku[];
  termIds: Map<string, number>;
  terms: string[];
  idf: Float64Array;
  /** Per SKU: the IDF summed over its name and brand terms, what a mention covers a share of. */
  nameWeights: Float64Array;
  /** How many distinct brands use a term: a term used across brands describes, it doesn't name. */
  brandSpread: Uint32Array;
  postings: number[][];
  bySkeleton: Map<string, number[]>;
  /** Skeletons of adjacent word pairs ("thums up" → "thumsup") → the two term ids. */
  compounds: Map<string, number[]>;
  /** Double Metaphone codes of terms ("santoor" and "santur" → SNTR), for phonetic spellings. */
  byPhonetic: Map<string, number[]>;
  /** Term ids bucketed by first skeleton letter, for fuzzy lookup. */
  fuzzyBuckets: Map<string, number[]>;
  skeletons: string[];
  /**
   * Alias phrases by their first term, then by their second (ONE_WORD for one-word phrases): a
   * brand may lead hundreds of aliases, but few follow it with the word the message has next.
   */
  aliasesByLeadingTerms: Map<number, Map<number, AliasEntry[]>>;
  /** SKU codes with separators removed ("ndlmag070"). */
  byCode: Map<string, number>;
  /** Every prefix of every code key, so a scan for codes stops at the first letter that fits none. */
  codePrefixes: CodePrefixes;
  bySku: Map<string, CompiledSku>;
  /** Each SKU's attributes (kinds and values) in typed arrays, for candidate filtering. */
  attributeTable: AttributeTable;
  /** Highest IDF; a term seen once. */
  maxIdf: number;
}

/** Separators and filler words in names that never identify a product. */
const NAME_NOISE = new Set([
  '&',
  'and',
  'with',
  'of',
  'the',
  'for',
  'in',
  'x',
  '×',
  '-',
  '(',
  ')',
  '/',
  ',',
  '.',
  '+',
  '|',
]);

const PLAIN_CODE = /^[a-z0-9]*$/;

/** "NDL-MAG-070" and "ndl mag 70" → "ndlmag70": separators and leading zeros don't matter. */
export function codeKey(text: string): string {
  let plain = text;
  if (!PLAIN_CODE.test(plain)) {
    plain = plain.toLowerCase();
    if (!PLAIN_CODE.test(plain)) plain = plain.replace(/[^a-z0-9]/g, '');
  }
  return plain.includes('0') ? plain.replace(/(\D)0+(\d)/g, '$1$2') : plain;
}

function wordTokens(text: string): Token[] {
  return tokenize(normalizeText(text));
}

/** Name words that are not part of an attribute and not noise. */
export function contentWords(tokens: Token[], attributes: Attribute[]): Token[] {
  const used = new Set(attributes.flatMap((a) => a.tokens));
  return tokens.filter((t, i) => !used.has(i) && t.kind !== 'symbol' && !NAME_NOISE.has(t.norm));
}

export function compileCatalog(items: CatalogItem[]): CompiledCatalog {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const termId = (norm: string): number => {
    let id = termIds.get(norm);
    if (id === undefined) {
      id = terms.length;
      termIds.set(norm, id);
      terms.push(norm);
    }
    return id;
  };

  const skus: CompiledSku[] = [];
  const compounds = new Map<string, number[]>();
  const addCompound = (words: Token[]) => {
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1]!;
      if (a.end !== b.start && b.start - a.end > 1) continue;
      const key = spellingSkeleton(a.norm + b.norm);
      if (!compounds.has(key)) compounds.set(key, [termId(a.norm), termId(b.norm)]);
    }
  };

  items.forEach((item, index) => {
    const nameTokens = wordTokens(item.name);
    const attributes = readAttributes(nameTokens, false).filter(
      (a) =>
        !(
          a.kind === 'number' && isRevisionDigit(normalizeText(item.name), nameTokens, a.tokens[0]!)
        ),
    );
    const words = contentWords(nameTokens, attributes).filter((t) => t.kind === 'word');
    const brandWords = item.brand
      ? wordTokens(item.brand).filter((t) => t.kind === 'word' && !NAME_NOISE.has(t.norm))
      : [];
    const ids = new Set<number>();
    for (const w of [...words, ...brandWords]) ids.add(termId(w.norm));
    // "24x32": a pair the name or an alias writes is a word of it (read as one by read-segment)
    for (const key of dimensionKeys([item.name, ...item.aliases])) ids.add(termId(key));
    // Hyphenated or apostrophe'd names ("Parle-G") also as one word ("parleg").
    for (let i = 0; i + 2 < nameTokens.length; i++) {
      const [a, dash, b] = [nameTokens[i]!, nameTokens[i + 1]!, nameTokens[i + 2]!];
      if (
        dash.raw === '-' &&
        a.kind === 'word' &&
        b.kind === 'word' &&
        a.end === dash.start &&
        dash.end === b.start
      ) {
        compounds.set(spellingSkeleton(a.norm + b.norm), [termId(a.norm), termId(b.norm)]);
      }
    }
    addCompound(words);
    const aliases: AliasPhrase[] = [];
    for (const alias of item.aliases) {
      const tokens = wordTokens(alias);
      const aliasAttributes = readAttributes(tokens, true);
      const inAttribute = new Set(aliasAttributes.flatMap((a) => a.tokens));
      const kept = tokens.filter((t, i) => !inAttribute.has(i) && !NAME_NOISE.has(t.norm));
      const phrase = kept.filter((t) => t.kind === 'word');
      if (phrase.length === 0) continue;
      addCompound(phrase);
      aliases.push({
        terms: phrase.map((t) => termId(t.norm)),
        attributes: aliasAttributes,
        numbers: kept.filter((t) => t.kind === 'number').map((t) => Number(t.raw)),
      });
    }
    const brandKey = (brandWords.map((t) => t.norm).join(' ') || words[0]?.norm) ?? item.sku;
    skus.push({
      item,
      index,
      allTerms: [...new Set([...ids, ...aliases.flatMap((a) => a.terms)])],
      terms: [...ids],
      attributes,
      aliases,
      headTerms: [...new Set([...brandWords, ...words.slice(0, 1)].map((t) => termId(t.norm)))],
      brandKey,
      unitKey: spellingSkeleton(item.unit.toLowerCase()),
      pieceUnitKey: item.pieceUnit ? spellingSkeleton(item.pieceUnit.toLowerCase()) : null,
    });
  });

  // Document frequency over name/brand terms plus alias terms, one count per SKU.
  const df = new Array<number>(terms.length).fill(0);
  const brandsOf: Set<string>[] = terms.map(() => new Set());
  // Built by plain loops (not Array#map): every compiled catalog's arrays then have the same
  // element kinds, and code optimised on one catalog stays optimised on the next.
  const postings: number[][] = [];
  for (let id = 0; id < terms.length; id++) postings.push([]);
  for (const sku of skus) {
    const all = new Set([...sku.terms, ...sku.aliases.flatMap((a) => a.terms)]);
    for (const id of all) {
      df[id]!++;
      postings[id]!.push(sku.index);
      brandsOf[id]!.add(sku.brandKey);
    }
  }
  const n = Math.max(skus.length, 1);
  const idf = Float64Array.from(df, (d) => Math.log(1 + n / Math.max(d, 1)));
  const nameWeights = new Float64Array(skus.length);
  for (const sku of skus) nameWeights[sku.index] = sku.terms.reduce((sum, t) => sum + idf[t]!, 0);
  const skeletons: string[] = [];
  for (const term of terms) skeletons.push(spellingSkeleton(term));
  const bySkeleton = new Map<string, number[]>();
  const fuzzyBuckets = new Map<string, number[]>();
  skeletons.forEach((s, id) => {
    if (df[id] === 0) return;
    const list = bySkeleton.get(s) ?? [];
    list.push(id);
    bySkeleton.set(s, list);
    const bucket = fuzzyBuckets.get(s[0] ?? '') ?? [];
    bucket.push(id);
    fuzzyBuckets.set(s[0] ?? '', bucket);
  });

  const byPhonetic = new Map<string, number[]>();
  terms.forEach((term, id) => {
    if (df[id] === 0 || term.length < 4 || !/^[a-z]+$/.test(term)) return;
    for (const code of new Set(doubleMetaphone(term))) {
      if (code.length < 3) continue;
      const list = byPhonetic.get(code) ?? [];
      list.push(id);
      byPhonetic.set(code, list);
    }
  });

  const aliasesByLeadingTerms = new Map<number, Map<number, AliasEntry[]>>();
  for (const sku of skus) {
    for (const alias of sku.aliases) {
      const [first, second = ONE_WORD] = alias.terms as [number, number?];
      let bySecond = aliasesByLeadingTerms.get(first);
      if (!bySecond) aliasesByLeadingTerms.set(first, (bySecond = new Map()));
      const list = bySecond.get(second) ?? [];
      list.push({ sku: sku.index, alias });
      bySecond.set(second, list);
    }
  }

  const catalog: CompiledCatalog = {
    byPhonetic,
    attributeTable: buildAttributeTable(skus.map((s) => s.attributes)),
    skus,
    termIds,
    terms,
    idf,
    nameWeights,
    brandSpread: Uint32Array.from(brandsOf, (s) => s.size),
    postings,
    bySkeleton,
    compounds,
    fuzzyBuckets,
    skeletons,
    aliasesByLeadingTerms,
    byCode: new Map(skus.map((s) => [codeKey(s.item.sku), s.index])),
    codePrefixes: buildCodePrefixes(skus.map((s) => codeKey(s.item.sku))),
    bySku: new Map(skus.map((s) => [s.item.sku, s])),
    maxIdf: Math.log(1 + n),
  };
  deriveAll(catalog);
  return catalog;
}

/**
 * "iDS-7204HQHI-M1/S", "CP-UVR-1601E1": the single digit glued after a letter in a model code
 * (a code with a dash or slash and a model number of three digits or more) is its revision,
 * nothing anyone orders by — a bare "1" beside the name is the quantity, not this digit.
 */
export function isRevisionDigit(name: string, tokens: readonly Token[], at: number): boolean {
  const t = tokens[at]!;
  const before = tokens[at - 1];
  if (t.raw.length !== 1 || before?.kind !== 'word' || before.end !== t.start) return false;
  const chunkStart = name.lastIndexOf(' ', t.start) + 1;
  const chunkEnd = name.indexOf(' ', t.end);
  const chunk = name.slice(chunkStart, chunkEnd < 0 ? name.length : chunkEnd);
  return /[-/]/.test(chunk) && /\d{3,}/.test(chunk);
}
