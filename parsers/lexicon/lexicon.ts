/**
 * Word lists are data, tagged by language. A list is written as people spell the words
 * (Devanagari included) and compiled once into the lower-case Latin forms tokens carry, so a
 * list can grow by a language without touching the code that reads it.
 */
import { transliterateWord } from '../text/transliterate.js';

/**
 * BCP-47-ish tags: `en`, `hi` (Hindi/Urdu in Latin script), `hi-Deva` (Devanagari), `mr`
 * (Marathi), `gu` (Gujarati), `bn` (Bengali), `ta` (Tamil), `te` (Telugu), `kn` (Kannada), `ml` (Malayalam),
 * `or` (Odia, in Latin and Odia script), `pa` (Punjabi), `und` (symbols and emoji, any
 * language). Indian languages in Latin script unless the tag says otherwise.
 */
export type LanguageTag =
  'en' | 'hi' | 'hi-Deva' | 'mr' | 'gu' | 'bn' | 'ta' | 'te' | 'kn' | 'ml' | 'or' | 'pa' | 'und';

/** One kind of word (framing, negation, ...) in each language the project knows it in. */
export type WordList = Partial<Record<LanguageTag, readonly string[]>>;

/** The form a token of this word carries: lower case, Devanagari in Latin, no apostrophes. */
export function tokenForm(word: string): string {
  return transliterateWord(word.toLowerCase()).replace(/['’]/g, '');
}

/** Every word of a list as a token form, whatever its language. */
export function wordSet(list: WordList): ReadonlySet<string> {
  const out = new Set<string>();
  for (const words of Object.values(list)) for (const w of words ?? []) out.add(tokenForm(w));
  return out;
}

/** The languages a word (token form) of the list belongs to. */
export function languagesOf(list: WordList, form: string): LanguageTag[] {
  return (Object.entries(list) as [LanguageTag, readonly string[]][])
    .filter(([, words]) => words.some((w) => tokenForm(w) === form))
    .map(([tag]) => tag);
}
