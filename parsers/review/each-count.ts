/**
 * "6 each of Monopoly, Scrabble and Cluedo", "dolo 650, calpol 500 – 10 each": one count said
 * once for every product of a list. The review policy gives it to a line that has no count of
 * its own only when the count and the line are in the same sentence of the same text line, and
 * the count is not a price ("Rs 50 each").
 */
import { plainNumber, type NumberToken } from './read-quantity.js';
import type { Token } from '../text/tokenize.js';

const PRICE_MARKS = new Set(['rs', 'inr', '₹', '@', 'rate', 'price', 'mrp', 'at']);
const SENTENCE_ENDS = new Set(['.', '?', '!', ';']);

/**
 * The count a sentence gives each product, as a number at its index in `lineTokens`, for the
 * words from `from` to `to` (indices in the same line); null when there is none.
 */
export function eachCount(
  lineTokens: readonly Token[],
  from: number,
  to: number,
): NumberToken | null {
  for (let k = 1; k < lineTokens.length; k++) {
    if (lineTokens[k]!.norm !== 'each') continue;
    // "10 each", "5 pc each"
    const at = [k - 1, k - 2].find((i) => i >= 0 && plainNumber(lineTokens[i]!) !== null);
    if (at === undefined || (at === k - 2 && lineTokens[k - 1]!.kind !== 'word')) continue;
    if ([at - 1, at - 2].some((i) => PRICE_MARKS.has(lineTokens[i]?.norm ?? ''))) continue;
    const [first, last] = [Math.min(at, from), Math.max(k, to)];
    if (lineTokens.slice(first, last + 1).some((t) => SENTENCE_ENDS.has(t.raw))) continue;
    return { at, value: plainNumber(lineTokens[at]!)! };
  }
  return null;
}
