/**
 * Indian scripts → Latin, so "मैगी" can meet "maggi" and "ನಾಲ್ಕು" the Latin "naalku". Uses
 * Sanscript (ITRANS) and then undoes what people don't write in Latin: ITRANS capitals and the
 * inherent final vowel of the northern languages ("namaka" → "namak"); in the southern ones a
 * long vowel is written doubled, as Latin writers of Kannada and Telugu do ("naalugu").
 */
import { createRequire } from 'node:module';
import { SCRIPT_LOANWORDS } from '../lexicon/loanwords.js';
import { SCRIPT_CARDINALS } from '../lexicon/script-numbers.js';
import { TAMIL, transliterateTamil } from './tamil.js';

// The package is CommonJS and its typings claim an ES default export; load it as CommonJS.
const Sanscript = createRequire(import.meta.url)('@indic-transliteration/sanscript') as {
  t(data: string, from: string, to: string): string;
};

/** Any Brahmic script this module reads: Devanagari to Malayalam. */
const INDIC =
  /\p{Script=Devanagari}|\p{Script=Bengali}|\p{Script=Gurmukhi}|\p{Script=Gujarati}|\p{Script=Oriya}|\p{Script=Tamil}|\p{Script=Telugu}|\p{Script=Kannada}|\p{Script=Malayalam}/u;

/** The script of a word by its first Indian letter (Tamil is read apart: ./tamil.ts). */
const SCRIPTS: readonly { from: number; to: number; scheme: string; south: boolean }[] = [
  { from: 0x0900, to: 0x097f, scheme: 'devanagari', south: false },
  { from: 0x0980, to: 0x09ff, scheme: 'bengali', south: false },
  { from: 0x0a00, to: 0x0a7f, scheme: 'gurmukhi', south: false },
  { from: 0x0a80, to: 0x0aff, scheme: 'gujarati', south: false },
  { from: 0x0b00, to: 0x0b7f, scheme: 'oriya', south: false },
  { from: 0x0c00, to: 0x0c7f, scheme: 'telugu', south: true },
  { from: 0x0c80, to: 0x0cff, scheme: 'kannada', south: true },
  { from: 0x0d00, to: 0x0d7f, scheme: 'malayalam', south: true },
];

function scriptOf(word: string): (typeof SCRIPTS)[number] | undefined {
  for (const ch of word) {
    const code = ch.codePointAt(0)!;
    const script = SCRIPTS.find((s) => code >= s.from && code <= s.to);
    if (script) return script;
  }
  return undefined;
}

/** Sanscript does not know the candra-o (ऑ/ॉ) or nukta forms; fold them first. */
function foldUnsupported(word: string): string {
  return word
    .replace(/ऑ/g, 'ओ')
    .replace(/ॉ/g, 'ो')
    .replace(/\u093C/g, ''); // nukta: ड़ → ड, ज़ → ज
}

/** Is any word written in an Indian script this module reads? */
export function hasIndicScript(text: string): boolean {
  return INDIC.test(text);
}

/** Transliterates one word in an Indian script to lower-case Latin; other words pass through. */
export function transliterateWord(word: string): string {
  if (!INDIC.test(word)) return word;
  const latin = transliterateLetters(word);
  return loanwords().get(latin) ?? latin;
}

let loanwordMap: Map<string, string> | null = null;
/**
 * English trade words and number words as the scripts write them, by their letter-by-letter
 * transliteration: the spelling the Latin lists know.
 */
function loanwords(): Map<string, string> {
  if (!loanwordMap) {
    loanwordMap = new Map();
    for (const table of [SCRIPT_LOANWORDS, SCRIPT_CARDINALS])
      for (const [latin, written] of Object.entries(table))
        for (const w of written) loanwordMap.set(transliterateLetters(w), latin);
  }
  return loanwordMap;
}

/** A word's letters in Latin, before any listed spelling replaces them. */
export function transliterateLetters(word: string): string {
  if (TAMIL.test(word)) return transliterateTamil(word);
  const script = scriptOf(word);
  if (!script) return word;
  if (script.south) {
    const letters = script.scheme === 'malayalam' ? unchillu(word) : word;
    return southern(Sanscript.t(letters, script.scheme, 'itrans'));
  }
  const folded =
    script.scheme === 'devanagari'
      ? foldUnsupported(word)
      : script.scheme === 'gurmukhi'
        ? doubleAfterAddak(word)
        : word;
  const itrans = Sanscript.t(folded, script.scheme, 'itrans');
  let latin = itrans
    .replace(/\.N/g, 'n')
    .replace(/M/g, 'n')
    .replace(/~N|~n/g, 'n')
    .replace(/\.h/g, '')
    .toLowerCase();
  // Bengali has no "v": its ব is "b" ("ebong").
  if (script.scheme === 'bengali') latin = latin.replace(/v/g, 'b');
  // Schwa deletion at the end of a word: ITRANS writes the inherent vowel as a
  // lower-case 'a' (a written long ā is 'A', lower-cased only after this check).
  if (itrans.length > 2 && /[^aeiouAEIOU]a$/.test(itrans)) latin = latin.slice(0, -1);
  return script.scheme === 'devanagari' ? latin : latin.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * Malayalam's chillu letters — a consonant with no vowel, ending most words ("സർ", "ഓർഡർ",
 * "അവൻ") — written as that consonant and a virama, which Sanscript reads ("sar", not "saർ").
 */
const CHILLU: Readonly<Record<string, string>> = {
  '\u0D7A': '\u0D23\u0D4D',
  '\u0D7B': '\u0D28\u0D4D',
  '\u0D7C': '\u0D30\u0D4D',
  '\u0D7D': '\u0D32\u0D4D',
  '\u0D7E': '\u0D33\u0D4D',
  '\u0D7F': '\u0D15\u0D4D',
};
function unchillu(word: string): string {
  return word.replace(/[\u0D7A-\u0D7F]/g, (c) => CHILLU[c]!);
}

/**
 * Gurmukhi's addak doubles the consonant after it ("ਡੱਬੇ" is "dabbe"); Sanscript drops it. Its
 * flapped ੜ comes out of Sanscript as ".D"; Latin writers write "d" ("ਜੋੜੀ" is "jodi"), as the
 * Devanagari nukta is folded.
 */
function doubleAfterAddak(word: string): string {
  return word.replace(/\u0A71(\p{L})/gu, '$1\u0A4D$1').replace(/\u0A5C/g, '\u0A21');
}

/**
 * Kannada, Telugu, Malayalam: long vowels doubled, the nasal as the next consonant has it, and
 * "m" at the end of a word ("venam", "namaskaram").
 */
function southern(itrans: string): string {
  return itrans
    .replace(/A/g, 'aa')
    .replace(/I|ii/g, 'ee')
    .replace(/U|uu/g, 'oo')
    .replace(/M(?=[pbm])|M$/g, 'm')
    .replace(/M|\.N|~N|~n/g, 'n')
    .replace(/\.h/g, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
