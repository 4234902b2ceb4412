/**
 * Splits text into word, number and symbol tokens with their offsets. Letters and
 * digits glued together ("250g", "10cs", "premium250g") become separate tokens.
 */
import { transliterateWord } from './transliterate.js';

export type TokenKind = 'word' | 'number' | 'symbol';

export interface Token {
  kind: TokenKind;
  /** The text as written. */
  raw: string;
  /** Lower-case Latin form (Devanagari transliterated; apostrophes dropped). */
  norm: string;
  start: number;
  end: number;
}

const DEVANAGARI_DIGITS = '०१२३४५६७८९';
const TOKEN = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*|[^\s\p{L}\p{M}\d]/gu;

/** Devanagari digits to ASCII; NFKC folds full-width forms and ligatures. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/[०-९]/g, (d) => String(DEVANAGARI_DIGITS.indexOf(d)));
}

export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = offset + (m.index ?? 0);
    const first = raw.codePointAt(0) ?? 0;
    let kind: TokenKind;
    if (/\d/.test(raw[0] ?? '')) kind = 'number';
    else if (/[\p{L}\p{M}]/u.test(String.fromCodePoint(first))) kind = 'word';
    else kind = 'symbol';
    let norm = raw.toLowerCase();
    if (kind === 'word') {
      norm = transliterateWord(norm);
      if (norm.includes("'") || norm.includes('’')) norm = norm.replace(/['’]/g, '');
    }
    tokens.push({ kind, raw, norm, start, end: start + raw.length });
  }
  return tokens;
}

/** Parses a digit token: "1,25,000" → 125000, "1.5" → 1.5; null when it is not a plain number. */
export function numberValue(raw: string): number | null {
  if (/^\d{1,3}(,\d{2,3})+$/.test(raw)) return Number(raw.replace(/,/g, ''));
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return null;
}
