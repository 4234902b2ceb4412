/**
 * Devanagari → Latin, so "मैगी" can meet "maggi". Uses Sanscript (ITRANS) and then
 * undoes what Hindi speakers don't write in Latin: the inherent final vowel ("namaka"
 * → "namak") and ITRANS capitals for long vowels and retroflexes.
 */
import { createRequire } from 'node:module';

// The package is CommonJS and its typings claim an ES default export; load it as CommonJS.
const Sanscript = createRequire(import.meta.url)('@indic-transliteration/sanscript') as {
  t(data: string, from: string, to: string): string;
};

const DEVANAGARI = /[\u0900-\u097F]/;

/** Sanscript does not know the candra-o (ऑ/ॉ) or nukta forms; fold them first. */
function foldUnsupported(word: string): string {
  return word
    .replace(/ऑ/g, 'ओ')
    .replace(/ॉ/g, 'ो')
    .replace(/\u093C/g, ''); // nukta: ड़ → ड, ज़ → ज
}

export function hasDevanagari(text: string): boolean {
  return DEVANAGARI.test(text);
}

/** Transliterates one Devanagari word to lower-case Latin; other words pass through. */
export function transliterateWord(word: string): string {
  if (!hasDevanagari(word)) return word;
  const itrans = Sanscript.t(foldUnsupported(word), 'devanagari', 'itrans');
  let latin = itrans
    .replace(/\.N/g, 'n')
    .replace(/M/g, 'n')
    .replace(/~N|~n/g, 'n')
    .replace(/\.h/g, '')
    .toLowerCase();
  // Schwa deletion at the end of a word: ITRANS writes the inherent vowel as a
  // lower-case 'a' (a written long ā is 'A', lower-cased only after this check).
  if (itrans.length > 2 && /[^aeiouAEIOU]a$/.test(itrans)) latin = latin.slice(0, -1);
  return latin;
}
