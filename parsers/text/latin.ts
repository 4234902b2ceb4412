import { normalizeText, tokenize } from './tokenize.js';
import { hasDevanagari } from './transliterate.js';

/** Lower-case Latin text for cue matching; Devanagari is transliterated word by word. */
export function latin(text: string): string {
  if (!hasDevanagari(text)) return normalizeText(text).toLowerCase();
  return tokenize(normalizeText(text))
    .map((t) => t.norm)
    .join(' ');
}
