import { describe, expect, it } from 'vitest';
import { detectLinePrices, detectPriceRequest } from '../../../src/domain/pricing/index.js';

describe('detectPriceRequest', () => {
  it.each([
    ['10 box mcb 16a @95', 95_00n],
    ['10 box mcb 16a @ 95.50', 95_50n],
    ['5 coil wire rate 1700 as discussed', 1_700_00n],
    ['price 95/- only', 95_00n],
    ['last time you gave 92', 92_00n],
    ['you gave me at 92.5 last month', 92_50n],
    ['send 4 bucket at ₹2100', 2_100_00n],
    ['rs. 95 each', 95_00n],
    ['@Rs 88', 88_00n],
  ])('%s → %s', (text, minor) => {
    expect(detectPriceRequest(text)?.priceMinor).toBe(minor);
  });

  it.each(['10 box mcb 16a', '2.5 sqmm wire 3 coil', '@0', 'call me at 5 pm'])(
    '%s → none',
    (text) => {
      expect(detectPriceRequest(text)).toBeNull();
    },
  );

  it('takes the message-level ask for a one-line order only', () => {
    expect(
      detectLinePrices([{ sourceText: '5 roll wire' }], '5 roll wire\nlast time you gave 92'),
    ).toEqual([{ priceMinor: 92_00n, phrase: 'gave 92' }]);
    expect(
      detectLinePrices([{ sourceText: 'a' }, { sourceText: 'b @5' }], 'last time you gave 92').map(
        (p) => p?.priceMinor ?? null,
      ),
    ).toEqual([null, 5_00n]);
  });
});
