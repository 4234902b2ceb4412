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
/** Any UTF-16 unit past ASCII (surrogate halves included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Devanagari digits to ASCII; NFKC folds full-width forms and ligatures. */
export function normalizeText(text: string): string {
  // Plain ASCII is its own NFKC form and has no Devanagari digits: most messages are.
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFKC').replace(/[०-९]/g, (d) => String(DEVANAGARI_DIGITS.indexOf(d)));
}

export function tokenize(text: string, offset = 0): Token[] {
  return NON_ASCII.test(text) ? tokenizeUnicode(text, offset) : tokenizeAscii(text, offset);
}

function tokenizeUnicode(text: string, offset: number): Token[] {
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

/**
 * The same tokens as `TOKEN` finds, for ASCII text, without a Unicode regex: letters (joined
 * by apostrophes), digits (joined by "." or "," before a digit), or one other visible character.
 */
function tokenizeAscii(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const from = i;
    let kind: TokenKind;
    if (isLetter(c)) {
      kind = 'word';
      i = skipLetters(text, i);
      while (text.charCodeAt(i) === APOSTROPHE && isLetter(text.charCodeAt(i + 1)))
        i = skipLetters(text, i + 1);
    } else if (isDigit(c)) {
      kind = 'number';
      i = skipDigits(text, i);
      while (isDecimalMark(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1)))
        i = skipDigits(text, i + 1);
    } else {
      kind = 'symbol';
      i++;
    }
    const raw = text.slice(from, i);
    let norm = raw.toLowerCase();
    if (kind === 'word' && norm.includes("'")) norm = norm.replace(/'/g, '');
    const start = offset + from;
    tokens.push({ kind, raw, norm, start, end: start + raw.length });
  }
  return tokens;
}

const APOSTROPHE = 39;

/** What `\s` matches in ASCII: space, tab, line feed, vertical tab, form feed, carriage return. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isDecimalMark(c: number): boolean {
  return c === 46 || c === 44;
}

function skipLetters(text: string, i: number): number {
  while (isLetter(text.charCodeAt(i))) i++;
  return i;
}

function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Parses a digit token: "1,25,000" → 125000, "1.5" → 1.5; null when it is not a plain number. */
export function numberValue(raw: string): number | null {
  if (/^\d{1,3}(,\d{2,3})+$/.test(raw)) return Number(raw.replace(/,/g, ''));
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return null;
}
