import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledCatalog } from '../../../parsers/index.js';
import { resolveTerms } from '../../../parsers/match/resolve-terms.js';
import { JOINERS, splitSegments } from '../../../parsers/rules/split-segments.js';
import { normalizeText } from '../../../parsers/text/tokenize.js';
import { transliterateWord } from '../../../parsers/text/transliterate.js';
import { loadWorld } from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');

/** Segment splitting word by word, as it was written before the no-joiner shortcut: the reference. */
function splitWordByWord(catalog: CompiledCatalog, line: string): string[] {
  const insideName = (left: string, right: string) => {
    const a = resolveTerms(catalog, left.toLowerCase());
    const b = resolveTerms(catalog, right.toLowerCase());
    if (a.length === 0 || b.length === 0) return false;
    const skusA = new Set(a.flatMap((h) => catalog.postings[h.term]!));
    return b.some((h) => catalog.postings[h.term]!.some((s) => skusA.has(s)));
  };
  const pieces = normalizeText(line)
    .replace(/(?<![\d,.])\d{1,3}(?:,\d\d)*,\d{3}(?![\d,])/g, (n) => n.replace(/,/g, '\u0001'))
    .split(
      /[;,।॥۔]|…|\.{2,}|(?<!\b(?:rs|no|nos|st|ps|p\.s))\.(?!\d)(?=\s|$)|(?<=\D)(?<!\b(?:rs|no|nos|st|ps|p\.s))\.\s/i,
    )
    .map((p) => p.replaceAll('\u0001', ',').trim())
    .filter((p) => p.length > 0);
  const segments: string[] = [];
  for (const piece of pieces) {
    const words = piece.split(/\s+/);
    let current: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (
        JOINERS.has(transliterateWord(w.toLowerCase())) &&
        current.length > 0 &&
        i + 1 < words.length
      ) {
        const ampersandBeforeWord = w === '&' && !/^\d/.test(words[i + 1]!);
        const left = current[current.length - 1]!;
        if (
          !ampersandBeforeWord &&
          !insideName(left, words[i + 1]!) &&
          !(w.length > 1 && insideName(left, w))
        ) {
          segments.push(current.join(' '));
          current = [];
          continue;
        }
      }
      current.push(w);
    }
    if (current.length > 0) segments.push(current.join(' '));
  }
  return segments;
}

const word = fc.oneof(
  fc.constantFrom('and', 'AND', 'And', 'aur', 'or', '&', '+', 'plus', 'also', 'n', 'N', 'tatha'),
  fc.constantFrom('और', 'तथा', 'apex', 'white', '20L', '5', 'bucket', 'tractor', 'emulsion'),
  fc.constantFrom(',', ';', '.', '...', '…', 'rs.', '2.5', '1)', '।', '32,500', '1,00,000', '5,12'),
  fc.string({ maxLength: 4 }),
);
const gap = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t', '\n', '\u00a0', ' \t');
const line = fc
  .array(fc.tuple(word, gap), { maxLength: 20 })
  .map((parts) => parts.map(([w, g]) => w + g).join(''));

describe('splitSegments', () => {
  it('cuts lines exactly as splitting word by word does', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(splitSegments(paints.catalog, text)).toEqual(splitWordByWord(paints.catalog, text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps a number whose digits a comma groups whole ("32,500", "1,00,000")', () => {
    expect(splitSegments(paints.catalog, 'Sir, 32,500 transferred, bison 5 bag')).toEqual([
      'Sir',
      '32,500 transferred',
      'bison 5 bag',
    ]);
    expect(splitSegments(paints.catalog, 'Rs 1,00,000 paid')).toEqual(['Rs 1,00,000 paid']);
    expect(splitSegments(paints.catalog, 'bison 5,primer 2')).toEqual(['bison 5', 'primer 2']);
  });

  it('ends a sentence at a danda as at a period', () => {
    expect(splitSegments(paints.catalog, 'नमस्ते जी। bison 5 bag। primer 2 bucket')).toEqual([
      'नमस्ते जी',
      'bison 5 bag',
      'primer 2 bucket',
    ]);
  });
});
