import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, splitTokens, tokenize } from '../../../parsers/text/tokenize.js';
import { transliterateWord } from '../../../parsers/text/transliterate.js';
import { codeKey } from '../../../parsers/match/compile-catalog.js';

/** The tokenizer as one Unicode regex: the reference the ASCII fast path must agree with. */
function tokenizeByPattern(text: string) {
  const pattern = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*|[^\s\p{L}\p{M}\d]/gu;
  return [...text.matchAll(pattern)].map((m) => {
    const raw = m[0];
    const start = m.index ?? 0;
    const kind = /\d/.test(raw[0] ?? '')
      ? 'number'
      : /[\p{L}\p{M}]/u.test(String.fromCodePoint(raw.codePointAt(0) ?? 0))
        ? 'word'
        : 'symbol';
    let norm = raw.toLowerCase();
    if (kind === 'word') norm = transliterateWord(norm).replace(/['’]/g, '');
    return { kind, raw, norm, start, end: start + raw.length };
  });
}

/** Text made of the characters order messages mix: letters, digits, marks, spaces, controls, Hindi. */
const messageText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'aZk09.,\'’-/:x" \t\n\r\v\f\x00\x1f\x7f@#()&*+'.split('')),
      fc.constantFrom(
        'maggi',
        'NDL-MAG-070',
        "don't",
        '1,25,000',
        '2.5kg',
        'मैगी',
        '५',
        'ｆｕｌｌ',
        'é',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('tokenize', () => {
  it('reads any text as the Unicode token pattern does', () => {
    fc.assert(
      fc.property(messageText, fc.nat(50), (text, offset) => {
        const expected = tokenizeByPattern(text).map((t) => ({
          ...t,
          start: t.start + offset,
          end: t.end + offset,
        }));
        expect(splitTokens(text, offset)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('joins grades into one word: fertiliser ratios and oil grades, not times or dates', () => {
    const words = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.norm}`);
    expect(words('npk 10:26:26 5')).toEqual(['word:npk', 'word:10:26:26', 'number:5']);
    expect(words('12-32-16')).toEqual(['word:12:32:16']);
    expect(words('20-20-0-13')).toEqual(['word:20:20:0:13']);
    expect(words('15W-40 20w50')).toEqual(['word:15w40', 'word:20w50']);
    expect(words('10:30')).toEqual(['number:10', 'symbol::', 'number:30']);
    expect(words('21-11-24')).toEqual([
      'number:21',
      'symbol:-',
      'number:11',
      'symbol:-',
      'number:24',
    ]);
  });

  it('joins sizes written as glued numbers in shapes no date has ("2.75-18", "90/90-17")', () => {
    const words = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.norm}`);
    expect(words('zapper 2.75-18 - 10')).toEqual([
      'word:zapper',
      'word:2.75-18',
      'symbol:-',
      'number:10',
    ]);
    expect(words('90/90-17 x 8')).toEqual(['word:90/90-17', 'word:x', 'number:8']);
    // a date, a fraction and a range stay numbers
    expect(words('21/11/2024').filter((w) => w.startsWith('word'))).toEqual([]);
    expect(words('1/2 inch')).toEqual(['number:1', 'symbol:/', 'number:2', 'word:inch']);
    expect(words('2-3 box')).toEqual(['number:2', 'symbol:-', 'number:3', 'word:box']);
  });

  it('leaves ASCII as it is when normalising, and folds the rest as NFKC', () => {
    fc.assert(
      fc.property(messageText, (text) => {
        const nfkc = text
          .normalize('NFKC')
          .replace(/[०-९]/g, (d) => String('०१२३४५६७८९'.indexOf(d)))
          .replace(/[০-৯]/g, (d) => String('০১২৩৪৫৬৭৮৯'.indexOf(d)))
          .replace(/[૦-૯]/g, (d) => String('૦૧૨૩૪૫૬૭૮૯'.indexOf(d)));
        expect(normalizeText(text)).toBe(nfkc);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads the digits of every Indian script, and Urdu’s, as the digits they are', () => {
    const scripts = ['०१२३४५६७८९', '০১২৩৪৫৬৭৮৯', '੦੧੨੩੪੫੬੭੮੯', '૦૧૨૩૪૫૬૭૮૯', '୦୧୨୩୪୫୬୭୮୯'];
    scripts.push(
      '௦௧௨௩௪௫௬௭௮௯',
      '౦౧౨౩౪౫౬౭౮౯',
      '೦೧೨೩೪೫೬೭೮೯',
      '൦൧൨൩൪൫൬൭൮൯',
      '٠١٢٣٤٥٦٧٨٩',
      '۰۱۲۳۴۵۶۷۸۹',
    );
    for (const digits of scripts) expect(normalizeText(digits), digits).toBe('0123456789');
    const words = (text: string) => tokenize(normalizeText(text)).map((t) => `${t.kind}:${t.norm}`);
    expect(words('Nivia ১০টা, shin guard ১২ জোড়া')).toContain('number:10');
    expect(words('ચેસ ૧૦ નંગ')).toContain('number:10');
  });

  it('keys SKU codes without separators, case or leading zeros', () => {
    expect(codeKey('NDL-MAG-070')).toBe('ndlmag70');
    expect(codeKey('ndl mag 70')).toBe('ndlmag70');
    expect(codeKey('ndlmag070')).toBe('ndlmag70');
    expect(codeKey('007abc')).toBe('007abc');
    fc.assert(
      fc.property(messageText, (text) => {
        const reference = text
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
          .replace(/(\D)0+(\d)/g, '$1$2');
        expect(codeKey(text)).toBe(reference);
      }),
      { numRuns: 2_000 },
    );
  });
});
