/**
 * Two sizes joined by a times sign name one product: "12x15 ft" tarpaulin, "M8 x 50" bolt,
 * "57mm x 25m" roll, wood screw "8 x 1"". Said in a line ("tadpatri 12 x 15", "57 * 25 roll",
 * "M 8 x 50") the pair is a size of the SKU when its name or an alias writes the same pair, and
 * the plain matcher then asks every rival for that pair too — the numbers alone fit "8 x 1"",
 * "8 x 2"" and "10 x 2"" at once.
 */
import type { Token } from '../text/tokenize.js';
import { perCatalog } from '../match/per-catalog.js';
import { normalizeText, tokenize } from '../text/tokenize.js';

export interface DimensionPair {
  /** "8x50": both numbers as written, joined. */
  key: string;
  /** Indexes of the tokens that write it (numbers, times sign, unit or thread letter). */
  tokens: number[];
}

const TIMES = new Set(['x', '×', '*']);
/** Units written after either number of a pair, and the metric thread's "M" before the second. */
const PAIR_UNITS = new Set(['mm', 'cm', 'm', 'mtr', 'ft', 'in', 'inch', '"', "'"]);
const THREAD = 'm';

/** The pairs a token list writes, left to right, none overlapping. */
export function dimensionPairs(tokens: readonly Token[]): DimensionPair[] {
  const pairs: DimensionPair[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const first = tokens[k]!;
    if (first.kind !== 'number') continue;
    let j = k + 1;
    const used = [k];
    if (tokens[j] && PAIR_UNITS.has(tokens[j]!.norm)) used.push(j++);
    if (!tokens[j] || !TIMES.has(tokens[j]!.norm)) continue;
    used.push(j++);
    if (tokens[j]?.norm === THREAD && tokens[j + 1]?.kind === 'number') used.push(j++);
    const second = tokens[j];
    if (second?.kind !== 'number') continue;
    used.push(j);
    // "8 x 1-1/2": the second number goes on; it is not the pair "8x1".
    const after = tokens[j + 1];
    if (after && after.start === second.end && (after.raw === '/' || after.raw === '-')) continue;
    if (after && PAIR_UNITS.has(after.norm)) used.push(j + 1);
    pairs.push({ key: `${first.norm}x${second.norm}`, tokens: used });
    k = used.at(-1)!;
  }
  return pairs;
}

/** The pairs a catalog text writes ("Hex Bolt SS304 M8 x 50" → "8x50"). */
export function dimensionKeys(texts: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const text of texts)
    if (/\d\s*[a-z"']{0,3}\s*[x×*]\s*m?\s*\d/i.test(text))
      for (const p of dimensionPairs(tokenize(normalizeText(text)))) keys.add(p.key);
  return [...keys];
}

/** Every pair the catalog's names and aliases write: spaced "8 x 50" is a size only if one does. */
export const catalogPairs = perCatalog(
  (catalog) =>
    new Set(catalog.skus.flatMap((s) => dimensionKeys([s.item.name, ...s.item.aliases]))),
);
