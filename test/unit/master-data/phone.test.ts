import { describe, expect, it } from 'vitest';
import { normalizePhone, toPhoneRegion } from '../../../src/master-data/index.js';

describe('normalizePhone', () => {
  it('reads a local Indian mobile number with region IN as E.164', () => {
    expect(normalizePhone('98123 45678', 'IN')).toEqual({ ok: true, e164: '+919812345678' });
  });

  it('accepts dashes, a leading zero and a country code', () => {
    expect(normalizePhone('+91-98123-45678', 'IN')).toEqual({ ok: true, e164: '+919812345678' });
    expect(normalizePhone('09812345678', 'IN')).toEqual({ ok: true, e164: '+919812345678' });
  });

  it('keeps an explicit foreign country code whatever the region', () => {
    expect(normalizePhone('+1 650 253 0000', 'IN')).toEqual({ ok: true, e164: '+16502530000' });
  });

  it('reads a local number with the region given', () => {
    expect(normalizePhone('020 7946 0018', 'GB')).toEqual({ ok: true, e164: '+442079460018' });
  });

  it('rejects a number that is too short', () => {
    expect(normalizePhone('12345', 'IN')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"12345"'),
    });
  });

  it('rejects letters rather than dropping them', () => {
    expect(normalizePhone('98123 45678 ext 2', 'IN')).toMatchObject({ ok: false });
  });
});

describe('toPhoneRegion', () => {
  it('accepts a region code in any case', () => {
    expect(toPhoneRegion('in')).toBe('IN');
  });

  it('rejects an unknown region', () => {
    expect(toPhoneRegion('XX')).toBeNull();
  });
});
