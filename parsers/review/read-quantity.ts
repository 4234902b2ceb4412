/**
 * The review policy's own reading of a line's quantity, separate from the main reader's: one
 * number (digits or a single number word) that is not a size of the product, with the unit word
 * right after it (or a unit or "x" right before it), turned into the SKU's sales units. Anything
 * it cannot read this plainly — two numbers, a fraction, a number of three words, a unit the SKU
 * is not sold in — is no reading, and the draft goes to a person. Two number words that make one
 * ("twenty four", "do sau") are one number.
 */
import type { CompiledSku } from '../match/compile-catalog.js';
import { wordSet } from '../lexicon/lexicon.js';
import { CARDINALS, DOZEN } from '../lexicon/numbers.js';
import {
  INNER_PACKS,
  NUMBER_WORDS,
  OUTER_PACK_WORDS,
  PACK_WORDS,
  PIECE_WORDS,
  SMALL_CONTAINER_WORDS,
  unitFamily,
  unitName,
} from '../lexicon/units.js';
import { numberValue, type Token } from '../text/tokenize.js';

const DOZEN_WORDS = wordSet(DOZEN);
/** Written before or after a count: "x 10", "10x", "qty 10", "10 nos". */
const COUNT_MARKS = new Set(['x', '×', '*', 'qty', 'quantity', 'qnty']);

/** The pieces a "dabba" may be itself: a jar or a tin (not a tube, a packet or a box of tissues). */
const DABBA_PIECES = new Set(['jar', 'tin']);

/** A number the policy reads: its value and the token index (and its last word, for "twenty four"). */
export interface NumberToken {
  at: number;
  value: number;
  last?: number;
}

/**
 * "twenty four", "irupathu anju", "do sau": two number words that make one number — tens then
 * a unit (1–9), or a unit (1–9) then a hundred. Digits never join. Null when they do not.
 */
export function compoundNumber(tokens: readonly Token[], at: number): number | null {
  const a = tokens[at];
  const b = tokens[at + 1];
  if (a?.kind !== 'word' || b?.kind !== 'word') return null;
  const first = CARDINALS.get(a.norm);
  const second = CARDINALS.get(b.norm);
  if (first === undefined || second === undefined) return null;
  if (first >= 20 && first <= 90 && first % 10 === 0 && second >= 1 && second <= 9)
    return first + second;
  if (first >= 1 && first <= 9 && second === 100) return first * 100;
  return null;
}

/** A digit token or one number word, else null ("do sau" is two words: each alone is read). */
export function plainNumber(token: Token): number | null {
  if (token.kind === 'number') return numberValue(token.raw);
  // "तीन" reads "tin" in Latin letters, a container; written in Devanagari it is three.
  if (token.raw === 'तीन') return 3;
  if (token.kind === 'word') return CARDINALS.get(token.norm) ?? null;
  return null;
}

/**
 * A number word that is also a word of another language — Gujarati "be", Marathi "don" (two) —
 * read only with a unit of the product right after it: "be box", "don nag", "don carton".
 */
export function numberBeforeUnit(
  sku: CompiledSku,
  tokens: readonly Token[],
  at: number,
): number | null {
  const token = tokens[at];
  const next = tokens[at + 1];
  if (token?.kind !== 'word' || next?.kind !== 'word' || CARDINALS.has(token.norm)) return null;
  const value = NUMBER_WORDS.get(token.norm);
  return value !== undefined && isUnitWord(sku, next.norm) ? value : null;
}

export function isUnitWord(sku: CompiledSku, form: string): boolean {
  return (
    PACK_WORDS.has(form) ||
    PIECE_WORDS.has(form) ||
    DOZEN_WORDS.has(form) ||
    COUNT_MARKS.has(form) ||
    sameUnit(form, sku.item.unit) ||
    (sku.item.pieceUnit !== null && sameUnit(form, sku.item.pieceUnit))
  );
}

/** The same unit by name ("cs" and "case") or written out ("packet" for a "pack"). */
export function sameUnit(word: string, unit: string): boolean {
  const a = unitName(word);
  const b = unitName(unit.toLowerCase());
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * "brake drum 4" of a Rear Brake Drum sold by the piece, "spray bottle 24" of a Trigger Spray
 * Bottle sold by the dozen: a word of the SKU's own name before the count that is not its sales
 * unit is its name, not the count's unit ("loop band set 10" of a set stays a count of sets).
 */
function namesNotUnit(sku: CompiledSku, form: string): boolean {
  if (sameUnit(form, sku.item.unit)) return false;
  return sku.item.name
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .includes(form);
}

/** The product is itself a pair ("Lakshmi Ganesh Pair", "Kada Jodi"): its name says so. */
function namesPair(sku: CompiledSku): boolean {
  return sku.item.name
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((w) => unitFamily(w) === 'pair');
}

export type QuantityReading =
  { ok: true; qty: number; unitAt: number | null } | { ok: false; why: string };

/**
 * The quantity in sales units of `sku` for the number at `at` among `tokens` (a line's own
 * words), with its unit word if one stands right after it (or right before, "cs 10", "x 10").
 */
export function readQuantity(
  sku: CompiledSku,
  tokens: readonly Token[],
  number: NumberToken,
  free: (index: number) => boolean,
): QuantityReading {
  const after = tokens[(number.last ?? number.at) + 1];
  const before = tokens[number.at - 1];
  let unitAt: number | null = null;
  const next = (number.last ?? number.at) + 1;
  if (after && free(next) && isUnitWord(sku, after.norm)) unitAt = next;
  else if (
    before &&
    free(number.at - 1) &&
    isUnitWord(sku, before.norm) &&
    !namesNotUnit(sku, before.norm)
  )
    unitAt = number.at - 1;
  const unit = unitAt === null ? null : tokens[unitAt]!.norm;
  const packSize = Math.max(1, sku.item.packSize);
  let qty: number;
  // "40 Fevistik" of a box of 10: forty sticks or forty boxes? "30 patla" of a bundle of 12:
  // thirty stools (two and a half bundles, a question) or thirty bundles? A bare count as big
  // as a pack could be pieces either way; only one smaller than a pack ("maggi 5" of a case of
  // 96) is plainly a count of units.
  if ((unit === null || COUNT_MARKS.has(unit)) && packSize > 1 && number.value >= packSize)
    return {
      ok: false,
      why: `${number.value} of ${sku.item.name} (${packSize} to a ${sku.item.unit}) could be pieces or ${sku.item.unit}s`,
    };
  if (unit === null || COUNT_MARKS.has(unit)) qty = number.value;
  else if (DOZEN_WORDS.has(unit)) qty = (number.value * 12) / packSize;
  else if (sameUnit(unit, sku.item.unit)) qty = number.value;
  // "laxmi ganesh 6 inch 10 pc" of a Lakshmi Ganesh Pair: ten idols, or ten pairs?
  else if (
    (PIECE_WORDS.has(unit) || (sku.item.pieceUnit && sameUnit(unit, sku.item.pieceUnit))) &&
    packSize === 2 &&
    namesPair(sku)
  )
    return {
      ok: false,
      why: `${number.value} ${unit} of ${sku.item.name}: pieces, or pairs said as pieces?`,
    };
  else if (sku.item.pieceUnit && sameUnit(unit, sku.item.pieceUnit)) qty = number.value / packSize;
  // "1 carton" of rangoli sold by the box: a carton holds boxes, how many?
  else if (OUTER_PACK_WORDS.has(unit) && INNER_PACKS.has(unitName(sku.item.unit)))
    return {
      ok: false,
      why: `a ${unit} of ${sku.item.name}, sold by the ${sku.item.unit}: how many ${sku.item.unit}s to it?`,
    };
  // "30 dabbe" of jars sold by the carton of 24: a dabba is the jar as often as the carton
  else if (
    SMALL_CONTAINER_WORDS.has(unit) &&
    OUTER_PACK_WORDS.has(unitName(sku.item.unit)) &&
    packSize > 1 &&
    DABBA_PIECES.has(unitFamily(sku.item.pieceUnit ?? '') ?? '')
  )
    return {
      ok: false,
      why: `${number.value} ${unit} of ${sku.item.name} (${packSize} to a ${sku.item.unit}): ${sku.item.pieceUnit ?? 'pieces'} or ${sku.item.unit}s?`,
    };
  // a pack word names the SKU's own container; for a SKU sold loose by the strip, bottle or
  // piece ("Vigorex 2 box" of a strip), a box of how many? — no reading
  else if (PACK_WORDS.has(unit) && (packSize > 1 || PACK_WORDS.has(unitName(sku.item.unit))))
    qty = number.value;
  else if (PIECE_WORDS.has(unit)) qty = number.value / packSize;
  else return { ok: false, why: `"${unit}" is not a unit ${sku.item.name} is sold in` };
  if (!Number.isInteger(qty) || qty <= 0)
    return {
      ok: false,
      why: `${number.value} ${unit ?? ''} is not a whole number of ${sku.item.unit}`,
    };
  return { ok: true, qty, unitAt };
}
