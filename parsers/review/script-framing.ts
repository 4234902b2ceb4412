/**
 * A word written in an Indian script reaches the policy transliterated, and Latin writers spell
 * the same word differently: "namaskaaram" for "namaskaram", "mokalajo" for "mokaljo" (the vowel
 * the script writes and speech drops). Such a word is framing when its loose key — the spelling
 * skeleton with every "a" after the first letter dropped — is a framing word's and no closed-class
 * word's (a negation or a return never passes as framing). Only for words written in a script.
 * The same holds, more loosely, for the order's own dealer's name signed in a script.
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

/**
 * "முருகன் ஸ்டோர்ஸ்" signed by Sree Murugan Mattress Stores: a script spells a name by its sounds
 * (Tamil writes one letter for k and g, Kannada "ಮ್ಯಾಟ್ರೆಸ್" for "mattress"), so a word written in
 * a script is a word of the order's own dealer's name when their consonants match — voiced and
 * voiceless alike, vowels and glides dropped, three consonants at least, and never a closed-class
 * word's. Only the names in `names` (the order's dealer and the sender) are looked at: another
 * shop's name in a script stays unexplained.
 */
export function namesInScript(token: Token, names: ReadonlySet<string>): boolean {
  return spelledInScript(token, names) !== null;
}

/**
 * The word of `words` a token written in a script spells by its consonants, as a name above
 * ("ഫ്ലോട്ട് വാൽവ്" for "float valve" of the line's own SKU), or null.
 */
export function spelledInScript(token: Token, words: Iterable<string>): string | null {
  if (token.kind !== 'word' || !hasIndicScript(token.raw)) return null;
  const key = consonantKey(token.norm);
  if (key.length < 3 || CLOSED_CONSONANT_KEYS.has(key) || CLOSED_KEYS.has(looseKey(token.norm)))
    return null;
  for (const word of words) if (consonantKey(word) === key) return word;
  return null;
}

const VOICELESS: Record<string, string> = { g: 'k', d: 't', b: 'p', j: 'c', z: 's', v: 'v' };

/** The consonants of a word as a script and a Latin writer would both spell them. */
export function consonantKey(form: string): string {
  const skeleton = spellingSkeleton(form).replace(/h/g, '');
  let key = '';
  for (const ch of skeleton) {
    if (!/[a-z]/.test(ch) || 'aeiouy'.includes(ch)) continue;
    const c = VOICELESS[ch] ?? ch;
    if (key.at(-1) !== c) key += c;
  }
  return key;
}

const CLOSED_CONSONANT_KEYS = new Set(
  Object.values(CLOSED_CLASSES).flatMap((list) => [...wordSet(list)].map(consonantKey)),
);
