/**
 * Typed attributes read from a run of tokens: sizes ("70g", "1.2 L", "ek kilo"),
 * price points ("Rs 10", "10rs"), pack counts ("Pack of 4", "(200 pcs)").
 * Used both on catalog names (to tell family members apart) and on messages.
 */
import type { Token } from '../text/tokenize.js';
import { numberValue } from '../text/tokenize.js';
import {
  CURRENCY_WORDS,
  FRACTION_WORDS,
  MEASURE_UNITS,
  NUMBER_WORDS,
  type MeasureKind,
} from '../lexicon/units.js';

export type AttributeKind = MeasureKind | 'price' | 'count' | 'number';

export interface Attribute {
  kind: AttributeKind;
  /** Value in the kind's base unit (g, ml, mm, ...), rounded to 3 decimals. */
  value: number;
  /** The number as written ("70" of "70g"), for bare-number matching ("Maggi 70"). */
  display: number;
  /** Token indexes this attribute was read from. */
  tokens: number[];
  /** The unit was not written ("1/2" read as inches). */
  assumed?: true;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
/** "/" and the fraction slash NFKC makes of "½". */
const FRACTION_SLASHES = new Set(['/', '\u2044']);
const INCH_DENOMINATORS = new Set([2, 4, 8, 16]);

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

/**
 * The whole inches before a fraction: "1-1/2" always, "1 1/2" only with a unit written after.
 * A catalog name's plain number read just before ("Pipe 1 1/2 inch") is taken back.
 */
function wholeBefore(
  tokens: Token[],
  i: number,
  found: Attribute[],
  unitWritten: boolean,
): { value: number; token: number } | null {
  const hyphen = tokens[i - 1]?.raw === '-' && tokens[i - 1]!.end === tokens[i]!.start ? 1 : 0;
  const k = i - 1 - hyphen;
  const t = tokens[k];
  // A whole of a few inches, standing on its own: "SDR11 1/2 inch" is not eleven and a half.
  const glued = tokens[k - 1] !== undefined && tokens[k - 1]!.end === t?.start;
  if (!t || t.kind !== 'number' || !/^\d$/.test(t.raw) || glued) return null;
  if (hyphen === 1 && t.end !== tokens[i - 1]!.start) return null;
  if (hyphen === 0 && (!unitWritten || tokens[i]!.start - t.end !== 1)) return null;
  const plain = found.findIndex(
    (a) => a.kind === 'number' && a.tokens.length === 1 && a.tokens[0] === k,
  );
  if (plain >= 0) found.splice(plain, 1);
  else if (taken(found, k)) return null;
  return { value: Number(t.raw), token: k };
}

/** A digit token or a number word at index i (with its value), else null. */
export function numberAt(tokens: Token[], i: number): number | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'number') return numberValue(t.raw);
  if (t.kind === 'word') return NUMBER_WORDS.get(t.norm) ?? FRACTION_WORDS.get(t.norm) ?? null;
  return null;
}

export function measureUnit(token: Token | undefined) {
  if (!token || token.kind !== 'word') return undefined;
  return MEASURE_UNITS.get(token.norm);
}

export function isCurrency(token: Token | undefined): boolean {
  return (
    !!token && (token.raw === '₹' || (token.kind === 'word' && CURRENCY_WORDS.has(token.norm)))
  );
}

/** Is token k part of an attribute already read? */
function taken(found: Attribute[], k: number): boolean {
  return found.some((a) => a.tokens.includes(k));
}

/**
 * Reads attributes from tokens. `wordNumbers` allows number words before a unit
 * ("ek kilo"); catalog names are read with digits only.
 */
export function readAttributes(tokens: Token[], wordNumbers: boolean): Attribute[] {
  const found: Attribute[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isDigit = t.kind === 'number';
    if (!isDigit && !(wordNumbers && t.kind === 'word')) continue;
    const value = numberAt(tokens, i);
    if (value === null) continue;
    // "Rs 10", "₹ 10", "Rs. 10"
    const before = tokens[i - 1];
    const beforeDot = before?.raw === '.' ? tokens[i - 2] : undefined;
    if (
      isDigit &&
      ((isCurrency(before) && !taken(found, i - 1)) ||
        (isCurrency(beforeDot) && !taken(found, i - 2)))
    ) {
      found.push({ kind: 'price', value, display: value, tokens: [i - 1, i] });
      continue;
    }
    // Fractions of an inch and inch marks: "1/2 inch", '3/4"', '1 1/2"', '2"' (pipes, fittings,
    // brushes). A bare "1/2" or "3/4" (halves to sixteenths, below one, not part of a date) is
    // an inch size too: nobody writes a quantity or a date that way. It is marked `assumed`, so
    // a catalog that sells nothing by length can ignore it.
    const slash = tokens[i + 1];
    const denominator = tokens[i + 2];
    if (
      isDigit &&
      slash &&
      FRACTION_SLASHES.has(slash.raw) &&
      denominator?.kind === 'number' &&
      slash.start === t.end &&
      denominator.start === slash.end
    ) {
      const after = tokens[i + 3];
      const below = numberValue(denominator.raw) ?? 0;
      const inchMark = after?.raw === '"' || after?.raw === '”';
      const unitWritten = !!after && (inchMark || measureUnit(after)?.kind === 'length');
      // "2 1/2" with no unit may be two of the half-inch: whole inches only with a unit or "1-1/2".
      const whole = wholeBefore(tokens, i, found, unitWritten);
      const from = whole === null ? i : whole.token;
      const fraction = (whole?.value ?? 0) + value / (below || 1);
      if (after && unitWritten) {
        const factor = inchMark ? 25.4 : measureUnit(after)!.factor;
        found.push({
          kind: 'length',
          value: round3(fraction * factor),
          display: fraction,
          tokens: range(from, i + 3),
        });
        i += 3;
        continue;
      }
      const dateGoesOn =
        after && FRACTION_SLASHES.has(after.raw) && after.start === denominator.end;
      if (INCH_DENOMINATORS.has(below) && value < below && !dateGoesOn) {
        found.push({
          kind: 'length',
          value: round3(fraction * 25.4),
          display: fraction,
          tokens: range(from, i + 2),
          assumed: true,
        });
        i += 2;
        continue;
      }
    }
    if (
      isDigit &&
      (tokens[i + 1]?.raw === '"' || tokens[i + 1]?.raw === '”') &&
      tokens[i + 1]!.start === t.end
    ) {
      found.push({
        kind: 'length',
        value: round3(value * 25.4),
        display: value,
        tokens: [i, i + 1],
      });
      i++;
      continue;
    }
    const next = tokens[i + 1];
    const unit = measureUnit(next);
    // One-letter units ("a", "m", "l") only straight after digits: "half a dozen" is not 0.5 A.
    if (unit && (isDigit || next!.norm.length > 1)) {
      // "sq mm" / "sq. mm"
      found.push({
        kind: unit.kind,
        value: round3(value * unit.factor),
        display: value,
        tokens: [i, i + 1],
      });
      i++;
      continue;
    }
    if (next?.norm === 'sq' && tokens[i + 2]?.norm === 'mm') {
      found.push({ kind: 'area', value, display: value, tokens: [i, i + 1, i + 2] });
      i += 2;
      continue;
    }
    // "4 sq.mm"
    if (next?.norm === 'sq' && tokens[i + 2]?.raw === '.' && tokens[i + 3]?.norm === 'mm') {
      found.push({ kind: 'area', value, display: value, tokens: [i, i + 1, i + 2, i + 3] });
      i += 3;
      continue;
    }
    if (next?.raw === '%' || next?.norm === 'percent' || next?.norm === 'pct') {
      found.push({ kind: 'percent', value, display: value, tokens: [i, i + 1] });
      i++;
      continue;
    }
    if (isDigit && isCurrency(next)) {
      found.push({ kind: 'price', value, display: value, tokens: [i, i + 1] });
      i++;
      continue;
    }
    // "Pack of 4" → a count attribute (never a quantity)
    if (isDigit && before?.norm === 'of' && tokens[i - 2]?.norm === 'pack') {
      found.push({ kind: 'count', value, display: value, tokens: [i - 2, i - 1, i] });
      continue;
    }
    // "(200 pcs)" in a name, "10s": counts inside the sales unit
    if (
      isDigit &&
      !wordNumbers &&
      (next?.norm === 'pcs' || next?.norm === 's' || next?.norm === 'tabs' || next?.norm === 'caps')
    ) {
      found.push({ kind: 'count', value, display: value, tokens: [i, i + 1] });
      i++;
      continue;
    }
    // "10x15", "1x6" in a catalog name: the pack (strips × tablets), not two numbers that would
    // let a stated strength "10" match every pack of ten. Small factors and no unit after, so
    // sizes such as "600x600 mm" or "8x4 ft" stay as they are.
    const times = tokens[i + 1];
    const factor = tokens[i + 2];
    if (
      isDigit &&
      !wordNumbers &&
      times &&
      ['x', '×'].includes(times.norm) &&
      factor?.kind === 'number' &&
      times.start === t.end &&
      factor.start === times.end &&
      !measureUnit(tokens[i + 3])
    ) {
      const other = numberValue(factor.raw) ?? 0;
      if (value <= 50 && other <= 50) {
        found.push({
          kind: 'count',
          value: value * other,
          display: value * other,
          tokens: [i, i + 1, i + 2],
        });
        i += 2;
        continue;
      }
    }
    // A plain number in a catalog name ("Dolo 650", "Total 10") still tells members apart.
    if (isDigit && !wordNumbers) found.push({ kind: 'number', value, display: value, tokens: [i] });
  }
  return found;
}
