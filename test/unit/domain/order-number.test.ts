import { describe, expect, it } from 'vitest';
import { indiaDate, startOfIndiaDay } from '../../../src/domain/india-date.js';
import { orderNoFromNumber, orderNumber } from '../../../src/domain/order-number.js';

describe('orderNumber', () => {
  it('is SO-<year in India>-<serial of six digits or more>', () => {
    expect(orderNumber(123n, new Date('2026-03-04T10:00:00Z'))).toBe('SO-2026-000123');
    expect(orderNumber(1234567n, new Date('2026-03-04T10:00:00Z'))).toBe('SO-2026-1234567');
  });

  it('takes the year in India time: 31 Dec 20:00 UTC is already the new year there', () => {
    expect(orderNumber(9n, new Date('2026-12-31T20:00:00Z'))).toBe('SO-2027-000009');
  });

  it('reads the serial back from a number, and nothing else', () => {
    expect(orderNoFromNumber('SO-2026-000123')).toBe(123n);
    expect(orderNoFromNumber(' so-2027-9 ')).toBe(9n);
    expect(orderNoFromNumber('123')).toBeNull();
    expect(orderNoFromNumber('PO-2026-000123')).toBeNull();
  });
});

describe('indiaDate', () => {
  it('reads a day back as it was given, whatever the server time zone', () => {
    expect(indiaDate(startOfIndiaDay('2026-03-04'))).toBe('2026-03-04');
    expect(indiaDate(new Date('2026-03-04T19:00:00Z'))).toBe('2026-03-05');
  });
});
