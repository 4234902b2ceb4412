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

/**
 * The digits of the Indian scripts (Devanagari to Malayalam: each block's zero sits at 0x66 of
 * it) and the Arabic-Indic ones Urdu writes: "১০টা" is 10 as surely as "१०" or "10".
 */
const NATIVE_DIGIT =
  /[\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F\u0660-\u0669\u06F0-\u06F9]/g;
const TOKEN = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*|[^\s\p{L}\p{M}\d]/gu;
/** Any UTF-16 unit past ASCII (surrogate halves included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** A keycap emoji's tail: "2️⃣" is the digit 2 dressed up. */
const KEYCAP = /\uFE0F?\u20E3/g;

/** Native digits to ASCII; keycap digits to plain ones; NFKC folds full-width forms and ligatures. */
export function normalizeText(text: string): string {
  // Plain ASCII is its own NFKC form and has no Devanagari digits: most messages are.
  if (!NON_ASCII.test(text)) return text;
  return text.replace(KEYCAP, '').normalize('NFKC').replace(NATIVE_DIGIT, nativeDigit);
}

function nativeDigit(d: string): string {
  const code = d.charCodeAt(0);
  // Arabic-Indic digits sit at 0x0660 and 0x06F0; the Indian ones at 0x66 of their script's block
  const zero = code < 0x0900 ? code & ~0xf : (code & ~0x7f) | 0x66;
  return String(code - zero);
}

export function tokenize(text: string, offset = 0): Token[] {
  const tokens = splitTokens(text, offset);
  return GRADE_HINT.test(text) ? joinGrades(tokens) : tokens;
}

/** Letters, digits and single symbols as written, before grades are joined. */
export function splitTokens(text: string, offset = 0): Token[] {
  return NON_ASCII.test(text) ? tokenizeUnicode(text, offset) : tokenizeAscii(text, offset);
}

const GRADE_HINT = /\d[:-]\d|\d[wW]-?\d/;

/**
 * Grades written as glued numbers name a product, they are not numbers: fertiliser ratios
 * ("10:26:26", "20-20-0-13") and oil grades ("15W-40", "20w50") become one word token
 * ("10:26:26", "15w40"), the same in catalog names and in messages. Times ("10:30") and dates
 * ("21-11-2024") have other shapes and stay as they are.
 */
function joinGrades(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const last = ratioEnd(tokens, i) ?? oilGradeEnd(tokens, i) ?? sizeCodeEnd(tokens, i);
    if (last === null) {
      out.push(tokens[i]!);
      continue;
    }
    const parts = tokens.slice(i, last + 1);
    const raw = parts.map((t) => t.raw).join('');
    const sizeCode = parts.some((t) => t.raw === '/' || t.raw.includes('.'));
    // Ratios keep ":" between their numbers whatever joined them; oil grades drop the hyphen.
    const norm = sizeCode
      ? raw.toLowerCase()
      : parts[1]!.norm === 'w'
        ? parts
            .filter((t) => t.kind !== 'symbol')
            .map((t) => t.norm)
            .join('')
        : parts
            .filter((t) => t.kind === 'number')
            .map((t) => t.raw)
            .join(':');
    out.push({
      kind: 'word',
      raw,
      norm,
      start: parts[0]!.start,
      end: parts[parts.length - 1]!.end,
    });
    i = last;
  }
  return out;
}

/** "10:26:26", "12-32-16": three or more whole numbers glued by one separator, not a date. */
function ratioEnd(tokens: Token[], i: number): number | null {
  const first = tokens[i]!;
  const sep = tokens[i + 1];
  if (first.kind !== 'number' || !sep || (sep.raw !== ':' && sep.raw !== '-')) return null;
  const numbers = [first];
  let k = i;
  while (
    tokens[k + 1]?.raw === sep.raw &&
    tokens[k + 2]?.kind === 'number' &&
    tokens[k + 1]!.start === tokens[k]!.end &&
    tokens[k + 2]!.start === tokens[k + 1]!.end
  ) {
    numbers.push(tokens[k + 2]!);
    k += 2;
  }
  if (numbers.length < 3 || numbers.some((t) => !/^\d{1,2}$/.test(t.raw))) return null;
  if (sep.raw === '-' && numbers.length === 3 && couldBeDate(numbers.map((t) => Number(t.raw))))
    return null;
  return k;
}

function couldBeDate([day, month]: number[]): boolean {
  // Dates here are day first ("21-11-24"); "10-26-26" cannot be one.
  return day! >= 1 && day! <= 31 && month! >= 1 && month! <= 12;
}

/**
 * "2.75-18", "90/90-17", "100/80-17": a size written as glued numbers in shapes no date or
 * quantity has — a decimal followed by "-", or "/" and "-" together.
 */
function sizeCodeEnd(tokens: Token[], i: number): number | null {
  const first = tokens[i]!;
  if (first.kind !== 'number') return null;
  let k = i;
  const seps: string[] = [];
  while (
    (tokens[k + 1]?.raw === '-' || tokens[k + 1]?.raw === '/') &&
    tokens[k + 2]?.kind === 'number' &&
    tokens[k + 1]!.start === tokens[k]!.end &&
    tokens[k + 2]!.start === tokens[k + 1]!.end
  ) {
    seps.push(tokens[k + 1]!.raw);
    k += 2;
  }
  if (seps.length === 0) return null;
  const mixed = seps.includes('/') && seps.includes('-');
  const decimalThenDash = first.raw.includes('.') && seps[0] === '-' && seps.length === 1;
  return mixed || decimalThenDash ? k : null;
}

/** "15W-40", "20w50": an engine oil's viscosity grade. */
function oilGradeEnd(tokens: Token[], i: number): number | null {
  const [a, w, b, c] = [tokens[i]!, tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (a.kind !== 'number' || w?.norm !== 'w' || w.start !== a.end || !b) return null;
  if (b.kind === 'number' && b.start === w.end) return i + 2;
  if (b.raw === '-' && b.start === w.end && c?.kind === 'number' && c.start === b.end) return i + 3;
  return null;
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
