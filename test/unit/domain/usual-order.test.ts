import { describe, expect, it } from 'vitest';
import { usualIntervalMs, usualOrderDue } from '../../../src/domain/usual-order.js';

const DAY = 24 * 60 * 60 * 1000;
const at = (day: number) => new Date(Date.UTC(2026, 10, 1) + day * DAY);

describe('usualIntervalMs', () => {
  it('is the median gap between orders', () => {
    expect(usualIntervalMs([at(0), at(7), at(14), at(24)])).toBe(7 * DAY);
    expect(usualIntervalMs([at(0), at(6), at(14), at(22), at(28)])).toBe(7 * DAY);
  });
  it('needs two gaps, and ignores parts of one order sent the same day', () => {
    expect(usualIntervalMs([at(0), at(7)])).toBeNull();
    expect(usualIntervalMs([at(0), at(0.1), at(7)])).toBeNull();
  });
});

describe('usualOrderDue', () => {
  const weekly = [at(0), at(7), at(14), at(21)];
  it('is due once a quarter more than the usual interval passed', () => {
    expect(usualOrderDue({ orderTimes: weekly, now: at(28) })).toBeNull();
    expect(usualOrderDue({ orderTimes: weekly, now: at(30) })).toEqual({ daysSinceLast: 9 });
  });
  it('is not due for a dealer who stopped ordering long ago, or has no rhythm yet', () => {
    expect(usualOrderDue({ orderTimes: weekly, now: at(60) })).toBeNull();
    expect(usualOrderDue({ orderTimes: [at(0), at(7)], now: at(20) })).toBeNull();
  });
});
