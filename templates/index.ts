/**
 * Reply texts by language. Plain functions from data to text; this folder
 * imports nothing outside itself. Every language implements every reply
 * (the type makes a missing one a compile error); unknown languages get English.
 */
import { en } from './en.js';
import { hi } from './hi.js';
import { hiLatn } from './hi-latn.js';
import type { ReplyTemplates } from './types.js';

export type * from './types.js';
export { rupees } from './format.js';

/** Keys are lower-case tags: a language (`hi`) or a language and script (`hi-latn`). */
export const LANGUAGES = { en, hi, 'hi-latn': hiLatn } as const satisfies Record<
  string,
  ReplyTemplates
>;
export type Language = keyof typeof LANGUAGES;

function isLanguage(tag: string): tag is Language {
  return Object.hasOwn(LANGUAGES, tag);
}

/**
 * The templates for a language tag, case-insensitive: language and script
 * first (`hi-Latn` → Hinglish), then the language alone (`hi`, `hi-IN` →
 * Hindi in Devanagari); English when unknown.
 */
export function templatesFor(language: string | null | undefined): ReplyTemplates {
  const subtags = (language ?? 'en').toLowerCase().split('-');
  const withScript = subtags.slice(0, 2).join('-');
  if (subtags.length > 1 && isLanguage(withScript)) return LANGUAGES[withScript];
  const base = subtags[0] ?? 'en';
  return isLanguage(base) ? LANGUAGES[base] : en;
}
