/**
 * Numbers said in several words become one number token: "twenty five" (25), "do sau" (200),
 * "chhe sau pachaas" (650), "dedh sau" (150), "one hundred twenty" (120), "2 hazaar" (2000).
 * Only the shapes a number is spoken in are joined; "das bees" (ten-twenty, a rough range) and
 * "teen chaar" stay two numbers, so the segment reader still sees the doubt in them.
 */
import type { Token } from '../text/tokenize.js';
import { numberValue } from '../text/tokenize.js';
import { FRACTION_WORDS, NUMBER_WORDS } from '../lexicon/units.js';
import { transliterateWord } from '../text/transliterate.js';

const MULTIPLIERS = new Map(
  (
    [
      ['hundred', 100],
      ['sau', 100],
      ['nooru', 100],
      ['shambhar', 100],
      ['vanda', 100],
      ['सौ', 100],
      ['thousand', 1000],
      ['hazaar', 1000],
      ['hazar', 1000],
      ['हज़ार', 1000],
      ['हजार', 1000],
    ] as const
  ).map(([word, value]) => [transliterateWord(word), value]),
);
const TENS = new Set([
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
]);

/** Value of a one-word number below 100 (digits, number word, or a fraction word before a multiplier). */
function smallNumber(t: Token | undefined): number | null {
  if (!t) return null;
  if (t.kind === 'number') {
    const value = numberValue(t.raw);
    return value !== null && value > 0 && value < 100 ? value : null;
  }
  if (t.kind !== 'word') return null;
  const value = NUMBER_WORDS.get(t.norm) ?? FRACTION_WORDS.get(t.norm);
  return value !== undefined && value > 0 && value < 100 ? value : null;
}

/** "twenty five", "twenty-five": tens then a unit, as one value; else the word's own value. */
function belowHundred(tokens: Token[], i: number): { value: number; last: number } | null {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return null;
  const value = NUMBER_WORDS.get(t.norm);
  if (value === undefined || value <= 0 || value >= 100) return null;
  if (TENS.has(t.norm)) {
    const hyphen = tokens[i + 1]?.raw === '-' ? 1 : 0;
    const unit = tokens[i + 1 + hyphen];
    const unitValue = unit?.kind === 'word' ? NUMBER_WORDS.get(unit.norm) : undefined;
    if (unitValue !== undefined && unitValue >= 1 && unitValue <= 9)
      return { value: value + unitValue, last: i + 1 + hyphen };
  }
  return { value, last: i };
}

function joined(tokens: Token[], from: number, to: number, value: number): Token {
  const raw = String(value);
  return { kind: 'number', raw, norm: raw, start: tokens[from]!.start, end: tokens[to]!.end };
}

/** Returns `tokens` itself when nothing is joined (the common case). */
export function joinNumberPhrases(tokens: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const phrase = t.kind === 'word' || t.kind === 'number' ? readPhrase(tokens, i) : null;
    if (!phrase || phrase.last === i) {
      out?.push(t);
      continue;
    }
    out ??= tokens.slice(0, i);
    out.push(joined(tokens, i, phrase.last, phrase.value));
    i = phrase.last;
  }
  return out ?? tokens;
}

/** The longest spoken-number phrase starting at i: [N] multiplier [and] [N below 100]. */
function readPhrase(tokens: Token[], i: number): { value: number; last: number } | null {
  const t = tokens[i]!;
  let head = 1;
  let last = i - 1;
  const multiplierHere = t.kind === 'word' && MULTIPLIERS.has(t.norm);
  if (!multiplierHere) {
    // A digit or a fraction word counts only as the head of a multiplier: "2 sau", "dedh sau".
    const next = tokens[i + 1];
    const multiplierNext = next?.kind === 'word' && MULTIPLIERS.has(next.norm);
    if (multiplierNext) {
      const value = smallNumber(t);
      if (value === null) return null;
      head = value;
      last = i;
    } else {
      if (t.kind !== 'word' || !TENS.has(t.norm)) return null;
      return belowHundred(tokens, i);
    }
  }
  const multiplier = MULTIPLIERS.get(tokens[last + 1]!.norm)!;
  last += 1;
  let value = head * multiplier;
  if (!Number.isInteger(value)) return null;
  // No "and": segments are already cut there, and Hindi says "ek sau pachaas" without one.
  const rest = belowHundred(tokens, last + 1);
  if (rest && multiplier === 100) {
    value += rest.value;
    last = rest.last;
  }
  return { value, last };
}
