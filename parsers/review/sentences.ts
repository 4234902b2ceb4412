/**
 * The sentences of one line of text, each as its tokens' indices (the marks that end them left
 * out). A full stop after a title or an abbreviation ("Mr.", "No.", "Opp.") ends nothing.
 */
import type { Token } from '../text/tokenize.js';

const SENTENCE_ENDS = new Set(['.', '!', '?', ';']);
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'no', 'opp', 'nr', 'st', 'rd']);

export function sentences(tokens: readonly Token[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  tokens.forEach((t, i) => {
    const abbreviation = t.raw === '.' && i > 0 && ABBREVIATIONS.has(tokens[i - 1]!.norm);
    if (!SENTENCE_ENDS.has(t.raw) || abbreviation) {
      if (!abbreviation) current.push(i);
    } else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}
