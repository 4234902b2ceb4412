/**
 * Refiner: a mention that fits several SKUs equally well still gets a line — the one a person
 * would pencil in — so the reviewer corrects a draft instead of typing it. The plainest of the
 * tied SKUs wins (fewest words of its name the mention did not say: "iffco dap" is IFFCO DAP
 * rather than IFFCO Nano DAP (Liquid); a bundle — "… Combo" — last) among those the quantity
 * suits and of a brand the message orders already, then catalog order. It never decides anything: the ambiguity stays a reader's
 * doubt beside the line, so the review policy refuses the draft.
 */
import type { CompiledSku } from '../match/compile-catalog.js';
import { BUNDLE_WORDS } from '../lexicon/cues.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { SegmentReading } from './read-segment.js';

/**
 * The reading with its product settled on the best guess, or null when nothing fits. `fits`
 * says whether the quantity as written suits a SKU (its unit, whole packs): a SKU it suits
 * goes first; then a SKU of a brand `ordered` says the message's other lines order.
 */
export function bestGuess(
  reading: SegmentReading,
  fits: (sku: CompiledSku) => boolean,
  ordered: (sku: CompiledSku) => boolean = () => false,
): SegmentReading | null {
  const top = reading.product.candidates[0];
  if (reading.codeSku !== null || !top) return null;
  const tied = reading.product.candidates.filter((c) => c.score >= top.score);
  const fitting = tied.filter((c) => fits(c.sku));
  let pool = fitting.length > 0 ? fitting : tied;
  // "hik 5mp dome 6, bullet 5mp 6": the brand the message orders already, among equals
  const sameBrand = pool.filter((c) => ordered(c.sku));
  if (sameBrand.length > 0) pool = sameBrand;
  const said = new Set(words(reading.text));
  let best: CompiledSku | null = null;
  let bestUnsaid = Infinity;
  for (const c of pool) {
    const name = words(c.sku.item.name);
    // a bundle is never the plainest of the products it holds, unless the mention says so
    const bundle = name.some((w) => BUNDLE_WORDS.has(w) && !said.has(w)) ? BUNDLE_PENALTY : 0;
    const unsaid = name.filter((w) => !said.has(w)).length + bundle;
    if (unsaid < bestUnsaid || (unsaid === bestUnsaid && c.sku.index < best!.index)) {
      best = c.sku;
      bestUnsaid = unsaid;
    }
  }
  return best && { ...reading, product: { ...reading.product, sku: best } };
}

/** More than any name has words: a bundle comes after every single product. */
const BUNDLE_PENALTY = 100;

function words(text: string): string[] {
  return tokenize(normalizeText(text))
    .filter((t) => t.kind !== 'symbol')
    .map((t) => t.norm);
}
