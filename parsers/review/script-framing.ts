/**
 * A word written in an Indian script reaches the policy transliterated, and Latin writers spell
 * the same word differently: "namaskaaram" for "namaskaram", "mokalajo" for "mokaljo" (the vowel
 * the script writes and speech drops). Such a word is framing when its loose key — the spelling
 * skeleton with every "a" after the first letter dropped — is a framing word's and no closed-class
 * word's (a negation or a return never passes as framing). Only for words written in a script.
 */
import { CLOSED_CLASSES } from '../lexicon/closed-classes.js';
import { FRAMING } from '../lexicon/framing.js';
import { wordSet, type WordList } from '../lexicon/lexicon.js';
import { spellingSkeleton } from '../text/phonetic.js';
import type { Token } from '../text/tokenize.js';
import { hasIndicScript } from '../text/transliterate.js';

export function looseKey(form: string): string {
  const skeleton = spellingSkeleton(form);
  return skeleton.slice(0, 1) + skeleton.slice(1).replace(/a/g, '');
}

const keysOf = (lists: WordList[]) =>
  new Set(lists.flatMap((list) => [...wordSet(list)].map(looseKey)));
const FRAMING_KEYS = keysOf([FRAMING]);
const CLOSED_KEYS = keysOf(Object.values(CLOSED_CLASSES));

/** Is this token, written in an Indian script, a framing word spelt another way? */
export function framesInScript(token: Token): boolean {
  if (token.kind !== 'word' || !hasIndicScript(token.raw)) return false;
  const key = looseKey(token.norm);
  return FRAMING_KEYS.has(key) && !CLOSED_KEYS.has(key);
}
