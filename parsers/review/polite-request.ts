/**
 * "Could you send me 1 box of yellow gel and 1 roll of piping bags?": a request put as a question
 * orders. The indices of one line's tokens it explains: the modal ("could", a word of condition
 * elsewhere) and the question mark that ends that sentence — only when the sentence (or a clause
 * after a comma: "Hi, can you …") opens with the modal, a person and a verb of sending or adding (`POLITE_REQUEST`). Every other word of the
 * sentence is read as anywhere else, so "… if available?" or "… or should I wait?" still ask.
 */
import { POLITE_REQUEST } from '../lexicon/framing.js';
import type { Token } from '../text/tokenize.js';

const MODALS = new Set<string>(POLITE_REQUEST.modals);
const PERSONS = new Set<string>(POLITE_REQUEST.persons);
const BETWEEN = new Set<string>(POLITE_REQUEST.between);
const VERBS = new Set<string>(POLITE_REQUEST.verbs);
const ENDS = new Set(['.', '!', ';']);
const QUESTION = new Set(['?', '？']);

export function politeRequests(tokens: readonly Token[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const before = tokens[i - 1]?.raw ?? '.';
    const opens = ENDS.has(before) || QUESTION.has(before) || before === ',';
    if (!opens || !MODALS.has(tokens[i]!.norm) || !PERSONS.has(tokens[i + 1]?.norm ?? '')) continue;
    let k = i + 2;
    while (k < tokens.length && BETWEEN.has(tokens[k]!.norm)) k++;
    if (!VERBS.has(tokens[k]?.norm ?? '')) continue;
    while (k < tokens.length && !ENDS.has(tokens[k]!.raw) && !QUESTION.has(tokens[k]!.raw)) k++;
    if (k < tokens.length && QUESTION.has(tokens[k]!.raw)) out.push(i, k);
  }
  return out;
}
