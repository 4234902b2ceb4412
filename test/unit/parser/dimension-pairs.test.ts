import { describe, expect, it } from 'vitest';
import { dimensionKeys, dimensionPairs } from '../../../parsers/units/dimension-pairs.js';
import { normalizeText, tokenize } from '../../../parsers/text/tokenize.js';

const keys = (text: string) => dimensionPairs(tokenize(normalizeText(text))).map((p) => p.key);

describe('dimension pairs', () => {
  it.each([
    ['sheet 12 x 15 5 nos', ['12x15']],
    ['12x15 ft', ['12x15']],
    ['57 * 25 roll', ['57x25']],
    ['57mm x 25m', ['57x25']],
    ['M 8 x 50 100 nos', ['8x50']],
    ['bolt M8 x M50', ['8x50']],
    ['door 7x2.5 and 84x30 in', ['7x2.5', '84x30']],
    ['screw 8 x 1-1/2"', []],
    ['10 x', []],
    ['x 10', []],
  ])('"%s" → %j', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it('gives the tokens that write the pair, units and thread letter included', () => {
    const tokens = tokenize('57mm x 25m roll');
    const [pair] = dimensionPairs(tokens);
    expect(pair!.tokens.map((k) => tokens[k]!.raw)).toEqual(['57', 'mm', 'x', '25', 'm']);
  });

  it('reads catalog names and aliases once per pair', () => {
    expect(dimensionKeys(['Hex Bolt SS304 M8 x 50', 'SS bolt M8x50', 'Zinc 4x6 260 GSM'])).toEqual([
      '8x50',
      '4x6',
    ]);
  });
});
