/**
 * The plain matcher: do a line's own words single out the SKU it became? Candidates are the
 * SKUs that carry every product word of the line (exactly, singular or shorthand — no spelling
 * tolerance) and every size it states. The draft's SKU must be the only one, or the plain one
 * of them: every word of its name the line left out only describes (used by several brands),
 * while each other candidate has a word of its own the line did not say and no other size of
 * what the draft's SKU is ("tata salt" is Tata Salt Iodised 1kg, not Tata Salt Lite 1kg).
 */
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { unitName } from '../lexicon/units.js';
import { SHORTHAND } from '../lexicon/units.js';
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
  /** The unit word of the quantity, if any. */
  unit: string | null;
}

/** The other SKUs the line's words fit as well as the draft's (empty: singled out). */
export function rivalsOf(input: SingleOutInput): CompiledSku[] {
  const { catalog, sku, words } = input;
  const pool = candidatePool(catalog, words);
  const rivals: CompiledSku[] = [];
  for (const index of pool) {
    if (index === sku.index) continue;
    const other = catalog.skus[index]!;
    if (!fits(catalog, other, input)) continue;
    if (input.unit !== null && soldIn(sku, input.unit) && !soldIn(other, input.unit)) continue;
    if (isPlainAgainst(catalog, sku, other, words)) continue;
    rivals.push(other);
    if (rivals.length >= 5) break;
  }
  return rivals;
}

function fits(catalog: CompiledCatalog, sku: CompiledSku, input: SingleOutInput): boolean {
  const own = productWords(catalog, sku);
  if (!input.words.every((w) => isProductWord(own, w))) return false;
  if (!input.sizes.every((a) => hasSize(own.attributes, a))) return false;
  return input.bareSizes.every((n) => own.numbers.includes(n));
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
  words: readonly string[],
): boolean {
  const said = new Set(words.map(singular));
  const unsaid = (s: CompiledSku, t: number) =>
    !said.has(singular(catalog.terms[t]!)) && !said.has(catalog.terms[t]!);
  const ownUnsaid = sku.terms.filter((t) => unsaid(sku, t) && !other.terms.includes(t));
  if (ownUnsaid.some((t) => catalog.brandSpread[t]! <= 1)) return false;
  const otherUnsaid = other.terms.filter((t) => unsaid(other, t) && !sku.terms.includes(t));
  if (otherUnsaid.length === 0) return false;
  for (const a of sku.attributes) {
    if (a.kind === 'count') continue;
    const b = other.attributes.find((x) => x.kind === a.kind);
    if (b && Math.abs(a.value - b.value) > 1e-6) return false;
  }
  return true;
}

/**
 * SKUs that might carry every word: those of the word with the fewest SKUs in the catalog's
 * index; every SKU when no word is in it (a category or a run-together name), never none.
 */
function candidatePool(catalog: CompiledCatalog, words: readonly string[]): Iterable<number> {
  let best: number[] | null = null;
  for (const w of words) {
    const list = postingsOf(catalog, w);
    if (list !== null && (best === null || list.length < best.length)) best = list;
  }
  return best ?? catalog.skus.keys();
}

function postingsOf(catalog: CompiledCatalog, word: string): number[] | null {
  const forms = [word, singular(word), ...(SHORTHAND.get(word) ?? [])];
  let out: number[] | null = null;
  for (const f of forms) {
    const id = catalog.termIds.get(f);
    if (id === undefined) continue;
    out =
      out === null ? [...catalog.postings[id]!] : [...new Set([...out, ...catalog.postings[id]!])];
  }
  return out;
}
