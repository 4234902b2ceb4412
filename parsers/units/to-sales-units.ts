/**
 * A quantity as written ("48 pcs", "2 dozen", "5 cs", "8 jar") in the SKU's sales
 * unit. Pack words mean the sales unit; piece words divide by pack_size, and so does a bare
 * count whole packs divide; a count that does not divide is reported, never rounded silently.
 */
import type { CompiledSku } from '../match/compile-catalog.js';
import type { QuantitySlot } from '../rules/read-segment.js';
import { spellingSkeleton } from '../text/phonetic.js';
import { PACK_WORDS, PIECE_WORDS, unitFamily, unitName } from '../lexicon/units.js';

function sameUnit(word: string, unitKey: string | null): boolean {
  if (!unitKey) return false;
  const key = spellingSkeleton(word.replace(/(es|s)$/, ''));
  if (key === unitKey || spellingSkeleton(word) === unitKey) return true;
  // "packet" for a SKU sold by the "pack": one word is the other written out.
  const [shorter, longer] = key.length <= unitKey.length ? [key, unitKey] : [unitKey, key];
  return shorter.length >= 3 && longer.startsWith(shorter);
}

/** Packs of fewer pieces (a pair, a box of 3) are counted by the pack when the count is bare. */
const BARE_PIECES_MIN_PACK = 6;

export function toSalesUnits(
  sku: CompiledSku,
  slot: QuantitySlot,
): { qty: number; fractional: boolean } {
  const packSize = Math.max(1, sku.item.packSize);
  let pieces: number | null = null;
  if (slot.kind === 'dozen') pieces = slot.value;
  else if (slot.unitWord) {
    const w = slot.unitWord;
    const name = unitName(w);
    if (name === unitName(sku.item.unit)) pieces = null;
    else if (sku.item.pieceUnit && name === unitName(sku.item.pieceUnit)) pieces = slot.value;
    else if (sameUnit(w, sku.unitKey)) pieces = null;
    else if (sameUnit(w, sku.pieceUnitKey)) pieces = slot.value;
    else if (PACK_WORDS.has(w)) pieces = null;
    else if (PIECE_WORDS.has(w)) pieces = slot.value;
  }
  // "36 whistle" of a box of 12, "100 medal" of a box of 10: a bare count that whole packs of
  // six or more divide reads as pieces (a person still checks it: the review policy reads no
  // quantity in a bare count as big as a pack)
  if (
    pieces === null &&
    slot.kind === 'bare' &&
    packSize >= BARE_PIECES_MIN_PACK &&
    slot.value >= packSize &&
    slot.value % packSize === 0
  )
    pieces = slot.value;
  if (pieces === null) return { qty: slot.value, fractional: !Number.isInteger(slot.value) };
  const qty = pieces / packSize;
  if (Number.isInteger(qty)) return { qty, fractional: false };
  return { qty: Math.round(qty * 100) / 100, fractional: true };
}

/**
 * The quantity names a container the SKU never comes in ("1 coil" of a paint sold by the tin):
 * the product was probably misread. Generic packing words (box, case, pcs) never conflict.
 */
export function unitConflicts(sku: CompiledSku, slot: QuantitySlot): boolean {
  if (slot.kind !== 'unit' || !slot.unitWord) return false;
  const family = unitFamily(slot.unitWord);
  if (family === null) return false;
  if (sameUnit(slot.unitWord, sku.unitKey) || sameUnit(slot.unitWord, sku.pieceUnitKey))
    return false;
  const own = [sku.item.unit, sku.item.pieceUnit].map((u) =>
    u ? unitFamily(u.toLowerCase()) : null,
  );
  return !own.includes(family);
}
