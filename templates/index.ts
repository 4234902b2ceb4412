/**
 * Reply texts by language. Plain functions from data to text; this folder
 * imports nothing outside itself. Every language implements every reply
 * (the type makes a missing one a compile error); unknown languages get English.
 */
import { en } from './en.js';
import { hi } from './hi.js';
import type { ReplyTemplates } from './types.js';

export type * from './types.js';
export { rupees } from './format.js';

export const LANGUAGES = { en, hi } as const satisfies Record<string, ReplyTemplates>;
export type Language = keyof typeof LANGUAGES;

/** The templates for a language tag (`hi`, `hi-IN`, `en`); English when unknown. */
export function templatesFor(language: string | null | undefined): ReplyTemplates {
  const base = (language ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return base in LANGUAGES ? LANGUAGES[base as Language] : en;
}
