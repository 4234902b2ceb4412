/**
 * Aliases learned from reviews ("ops fixed 'safed wala' to PNT-APX-W20 for this dealer"): a
 * learned phrase written in a segment settles its product, ahead of the catalog's own reading.
 */
import type { SegmentReading } from '../rules/read-segment.js';
import { CLOSED_CLASSES } from '../lexicon/closed-classes.js';
import { FRAMING } from '../lexicon/framing.js';
import { wordSet } from '../lexicon/lexicon.js';
import { CARDINALS } from '../lexicon/numbers.js';
import {
  DOZEN_WORDS,
  MEASURE_UNITS,
  PACK_WORDS,
  PIECE_WORDS,
  SHORTHAND,
} from '../lexicon/units.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { CompiledCatalog } from './compile-catalog.js';

export interface LearnedAlias {
  /** The words the dealer used. */
  alias: string;
  sku: string;
}

export interface CompiledLearnedAliases {
  phrases: { words: string[]; sku: number }[];
}

export function compileLearnedAliases(
  catalog: CompiledCatalog,
  aliases: readonly LearnedAlias[],
): CompiledLearnedAliases {
  const phrases: CompiledLearnedAliases['phrases'] = [];
  for (const a of aliases) {
    const sku = catalog.bySku.get(a.sku);
    const words = tokenize(normalizeText(a.alias))
      .filter((t) => t.kind === 'word')
      .map((t) => t.norm);
    if (sku && words.length > 0) phrases.push({ words, sku: sku.index });
  }
  // Longer phrases first: "safed wala bada" before "safed wala".
  phrases.sort((a, b) => b.words.length - a.words.length);
  return { phrases };
}

/** The reading with its product settled by a learned phrase, or the reading unchanged. */
export function applyLearnedAliases(
  catalog: CompiledCatalog,
  reading: SegmentReading,
  learned: CompiledLearnedAliases | undefined,
): SegmentReading {
  if (!learned || learned.phrases.length === 0) return reading;
  // All words, fillers included: a dealer's phrase may well be "safed wala".
  const words = tokenize(normalizeText(reading.text))
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  for (const phrase of learned.phrases) {
    const at = indexOfRun(words, phrase.words);
    if (at < 0) continue;
    const sku = catalog.skus[phrase.sku]!;
    return {
      ...reading,
      product: {
        ...reading.product,
        status: 'resolved',
        sku,
        coverage: 1,
        unexplainedNear: false,
        candidates: [{ sku, score: reading.product.score || 1 }],
      },
    };
  }
  return reading;
}

function indexOfRun(words: string[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let k = 0; k < run.length; k++) if (words[i + k] !== run[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Whether the words of a correction may become a learned alias: a phrase of two words or more
 * that mean something (not framing, numbers or units), or one such word — which the caller must
 * still check names at most one product in the catalog. A word that negates or asks, or a single
 * word the language already gives a meaning (a colour, "tab"), is never learned: "piece" must not
 * become a 10 L emulsion for a dealer.
 */
export function aliasWords(alias: string): { words: string[]; problem: string | null } {
  const tokens = tokenize(normalizeText(alias)).filter((t) => t.kind === 'word');
  const closed = tokens.find((t) => CLOSED_WORDS.has(t.norm));
  if (closed) return { words: [], problem: `"${closed.raw}" changes what a line means` };
  const words = tokens
    .map((t) => t.norm)
    .filter((w) => !FRAMING_WORDS.has(w) && !CARDINALS.has(w) && !isUnitWord(w));
  if (words.length === 0) return { words, problem: 'it holds only request, number or unit words' };
  if (words.length === 1 && (words[0]!.length < 3 || SHORTHAND.has(words[0]!)))
    return { words, problem: `"${words[0]}" alone is too general a word` };
  return { words, problem: null };
}

const FRAMING_WORDS = wordSet(FRAMING);
const CLOSED_WORDS = new Set(Object.values(CLOSED_CLASSES).flatMap((list) => [...wordSet(list)]));
const isUnitWord = (w: string) =>
  PACK_WORDS.has(w) || PIECE_WORDS.has(w) || DOZEN_WORDS.has(w) || MEASURE_UNITS.has(w);
