import { describe, expect, it } from 'vitest';
import { formatMinor, parseMoney } from '../../../src/master-data/index.js';

describe('parseMoney', () => {
  it('reads one decimal place as tens of minor units', () => {
    expect(parseMoney('1234.5')).toEqual({ ok: true, minor: 123450n });
  });

  it('reads two decimal places exactly', () => {
    expect(parseMoney('0.05')).toEqual({ ok: true, minor: 5n });
  });

  it('reads a whole number', () => {
    expect(parseMoney('12')).toEqual({ ok: true, minor: 1200n });
  });

  it('does not round like a float would', () => {
    expect(parseMoney('0.29')).toEqual({ ok: true, minor: 29n });
    expect(parseMoney('90071992547409.93')).toEqual({ ok: true, minor: 9007199254740993n });
  });

  it('ignores surrounding spaces', () => {
    expect(parseMoney(' 7.10 ')).toEqual({ ok: true, minor: 710n });
  });

  it('rejects more than two decimal places', () => {
    expect(parseMoney('12.345')).toEqual({ ok: false, reason: 'has more than 2 decimal places' });
  });

  it('rejects thousands separators', () => {
    expect(parseMoney('1,200.00')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/thousands separator/),
    });
  });

  it('rejects currency signs and words', () => {
    expect(parseMoney('₹120')).toMatchObject({ ok: false });
    expect(parseMoney('abc')).toMatchObject({ ok: false });
  });

  it('rejects an empty string', () => {
    expect(parseMoney('')).toEqual({ ok: false, reason: 'is empty' });
  });

  it('rejects a negative amount unless allowed', () => {
    expect(parseMoney('-300')).toEqual({ ok: false, reason: 'must not be negative' });
    expect(parseMoney('-300.5', { allowNegative: true })).toEqual({ ok: true, minor: -30050n });
  });
});

describe('formatMinor', () => {
  it('prints minor units as a two-place decimal', () => {
    expect(formatMinor(123450n)).toBe('1234.50');
    expect(formatMinor(5n)).toBe('0.05');
    expect(formatMinor(-30050n)).toBe('-300.50');
  });
});
