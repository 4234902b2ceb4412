import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor, multiplyMinor, parseMinor, sumMinor } from '../../../src/domain/money.js';

describe('money', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [123450n, '1234.50'],
    [-5n, '-0.05'],
    [10_000_000_00n, '10000000.00'],
  ])('formats %s as %s', (minor, text) => {
    expect(formatMinor(minor)).toBe(text);
  });

  it.each([
    ['1234.5', 123450n],
    ['0.29', 29n],
    ['12', 1200n],
    ['-3.10', -310n],
    ['1,234.00', null],
    ['1.234', null],
    ['', null],
  ])('parses %j as %s', (text, minor) => {
    expect(parseMinor(text)).toBe(minor);
  });

  it('round-trips any amount through its text', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 15n), 10n ** 15n), (m) => parseMinor(formatMinor(m)) === m),
    );
  });

  it('multiplies by whole quantities only, and sums exactly', () => {
    expect(multiplyMinor(1799_50n, 3)).toBe(5398_50n);
    expect(() => multiplyMinor(100n, 1.5)).toThrow(RangeError);
    expect(sumMinor([1n, 2n, 3n])).toBe(6n);
  });
});
