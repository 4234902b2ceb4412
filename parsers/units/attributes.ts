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
} from './lexicon.js';

export type AttributeKind = MeasureKind | 'price' | 'count' | 'number';

export interface Attribute {
  kind: AttributeKind;
  /** Value in the kind's base unit (g, ml, mm, ...), rounded to 3 decimals. */
  value: number;
  /** The number as written ("70" of "70g"), for bare-number matching ("Maggi 70"). */
  display: number;
  /** Token indexes this attribute was read from. */
  tokens: number[];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

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
    // Fractions of an inch and inch marks: "1/2 inch", '3/4"', '2"' (pipes, fittings, brushes).
    const slash = tokens[i + 1];
    const denominator = tokens[i + 2];
    if (
      isDigit &&
      slash?.raw === '/' &&
      denominator?.kind === 'number' &&
      slash.start === t.end &&
      denominator.start === slash.end
    ) {
      const after = tokens[i + 3];
      const fraction = value / (numberValue(denominator.raw) ?? 1);
      if (
        after &&
        (after.raw === '"' || after.raw === '”' || measureUnit(after)?.kind === 'length')
      ) {
        const factor = after.raw === '"' || after.raw === '”' ? 25.4 : measureUnit(after)!.factor;
        found.push({
          kind: 'length',
          value: round3(fraction * factor),
          display: fraction,
          tokens: [i, i + 1, i + 2, i + 3],
        });
        i += 3;
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
    if (next?.raw === '%') {
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
