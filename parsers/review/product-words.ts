/**
 * The words that can name each SKU, exactly as the catalog writes them: name, brand, aliases,
 * category, sales unit and piece unit, adjacent name words run together ("parle-g" → "parleg"),
 * and the numbers and sizes of its name. The review policy explains a line's words only by
 * these (and the language's shorthand for them); there is no spelling tolerance here.
 */
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { codeKey } from '../match/compile-catalog.js';
import { SHORTHAND } from '../lexicon/units.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import { readAttributes, type Attribute } from '../units/attributes.js';

export interface ProductWords {
  words: ReadonlySet<string>;
  /** Sizes of the name and of aliases that carry one. */
  attributes: readonly Attribute[];
  /** Every size's number as written and in base units, and an alias's plain numbers. */
  numbers: readonly number[];
  /** The SKU code with separators and leading zeros dropped ("ndlmag70"). */
  code: string;
}

/** Per catalog, per SKU index: computed when a line first needs it. */
const byCatalog = new WeakMap<CompiledCatalog, (ProductWords | undefined)[]>();

export function productWords(catalog: CompiledCatalog, sku: CompiledSku): ProductWords {
  let list = byCatalog.get(catalog);
  if (!list) byCatalog.set(catalog, (list = []));
  return (list[sku.index] ??= compileProductWords(sku));
}

function compileProductWords(sku: CompiledSku): ProductWords {
  const { item } = sku;
  const words = new Set<string>();
  const numbers: number[] = [];
  const attributes: Attribute[] = [...sku.attributes];
  const phrases = [
    item.name,
    item.brand ?? '',
    item.category ?? '',
    item.unit,
    item.pieceUnit ?? '',
  ];
  for (const text of [...phrases, ...item.aliases]) {
    const tokens = tokenize(normalizeText(text));
    let previous: string | null = null;
    for (const t of tokens) {
      if (t.kind === 'symbol') {
        // "Parle-G": the hyphen joins; "(200 pcs)": a bracket does not.
        if (t.raw !== '-' && t.raw !== '.') previous = null;
        continue;
      }
      words.add(t.norm);
      words.add(singular(t.norm));
      if (previous !== null) words.add(previous + t.norm);
      previous = t.norm;
    }
  }
  // An alias's sizes, and its plain numbers ("parle g 5 wala") as the name's would be.
  for (const alias of item.aliases) {
    const tokens = tokenize(normalizeText(alias));
    const sizes = readAttributes(tokens, true);
    attributes.push(...sizes);
    tokens.forEach((t, k) => {
      if (t.kind === 'number' && !sizes.some((a) => a.tokens.includes(k)))
        numbers.push(Number(t.raw));
    });
  }
  for (const a of attributes) numbers.push(a.display, a.value);
  return { words, attributes, numbers, code: codeKey(item.sku) };
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
