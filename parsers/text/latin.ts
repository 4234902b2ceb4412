import { normalizeText, tokenize } from './tokenize.js';
import { hasIndicScript } from './transliterate.js';

/** Lower-case Latin text for cue matching; Indian scripts are transliterated word by word. */
export function latin(text: string): string {
  if (!hasIndicScript(text)) return normalizeText(text).toLowerCase();
  return tokenize(normalizeText(text))
    .map((t) => t.norm)
    .join(' ');
}
