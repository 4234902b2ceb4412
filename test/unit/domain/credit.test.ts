import { describe, expect, it } from 'vitest';
import {
  computeCreditPosition,
  decideOutcome,
  effectiveLimit,
  temporaryLimitProblem,
  type DecideOutcomeInput,
} from '../../../src/domain/credit.js';

const input = (over: Partial<DecideOutcomeInput> = {}): DecideOutcomeInput => ({
  credit: { limitMinor: 1000n, outstandingMinor: 300n, openOrdersMinor: 200n },
  orderTotalMinor: 100n,
  policy: 'hold',
  autoConfirm: true,
  oldestOverdueDays: null,
  overdueDaysAllowed: null,
  ...over,
});

describe('credit position', () => {
  it.each([
    [{ limitMinor: 1000n, outstandingMinor: 300n, openOrdersMinor: 200n }, 500n, 500n],
    [{ limitMinor: null, outstandingMinor: 300n, openOrdersMinor: 200n }, 500n, null],
    [{ limitMinor: 100n, outstandingMinor: 300n, openOrdersMinor: 0n }, 300n, -200n],
    [{ limitMinor: 100n, outstandingMinor: -50n, openOrdersMinor: 0n }, -50n, 150n],
  ])('%o → exposure %s, available %s', (figures, exposure, available) => {
    expect(computeCreditPosition(figures)).toMatchObject({
      exposureMinor: exposure,
      availableMinor: available,
    });
  });

  it('uses a temporary limit only until it expires', () => {
    const now = new Date('2025-11-01T00:00:00Z');
    const base = { limitMinor: 100n, tempLimitMinor: 500n, now };
    expect(effectiveLimit({ ...base, tempLimitExpiresAt: new Date('2025-11-02T00:00:00Z') })).toBe(
      500n,
    );
    expect(effectiveLimit({ ...base, tempLimitExpiresAt: new Date('2025-10-31T00:00:00Z') })).toBe(
      100n,
    );
  });
});

describe('validation outcome', () => {
  it.each<[string, Partial<DecideOutcomeInput>, string, string[]]>([
    ['fits, auto-confirm', {}, 'confirmed', []],
    ['fits exactly', { orderTotalMinor: 500n }, 'confirmed', []],
    ['fits, needs YES', { autoConfirm: false }, 'awaiting_confirmation', []],
    ['fits, YES given', { autoConfirm: false, dealerConfirmed: true }, 'confirmed', []],
    ['one paisa over, hold', { orderTotalMinor: 501n }, 'held_credit', ['over_limit']],
    ['over, block', { orderTotalMinor: 501n, policy: 'block' }, 'blocked', ['over_limit']],
    [
      'no limit',
      { credit: { limitMinor: null, outstandingMinor: 10n ** 12n, openOrdersMinor: 0n } },
      'confirmed',
      [],
    ],
    [
      'overdue beyond the rule',
      { oldestOverdueDays: 46, overdueDaysAllowed: 45 },
      'held_credit',
      ['overdue_invoices'],
    ],
    ['overdue within the rule', { oldestOverdueDays: 45, overdueDaysAllowed: 45 }, 'confirmed', []],
    [
      'over and overdue, block',
      { orderTotalMinor: 9999n, policy: 'block', oldestOverdueDays: 90, overdueDaysAllowed: 30 },
      'blocked',
      ['over_limit', 'overdue_invoices'],
    ],
  ])('%s', (_name, over, outcome, codes) => {
    const d = decideOutcome(input(over));
    expect(d.outcome).toBe(outcome);
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('reports the credit available after the order', () => {
    expect(decideOutcome(input()).availableAfterMinor).toBe(400n);
  });
});

describe('temporaryLimitProblem', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  it.each([
    { own: 1_000_00n, asked: 1_500_00n, expires: days(30), problem: null },
    { own: 1_000_00n, asked: 1_500_00n, expires: days(180), problem: null },
    { own: 1_000_00n, asked: 1_000_00n, expires: days(30), problem: /above .* 1000\.00/ },
    { own: 1_000_00n, asked: 500_00n, expires: days(30), problem: /above/ },
    { own: null, asked: 1_500_00n, expires: days(30), problem: /no credit limit/ },
    { own: 1_000_00n, asked: 1_500_00n, expires: days(0), problem: /future/ },
    { own: 1_000_00n, asked: 1_500_00n, expires: days(181), problem: /within 180 days/ },
  ])('own $own, asked $asked → $problem', ({ own, asked, expires, problem }) => {
    const got = temporaryLimitProblem({
      ownLimitMinor: own,
      requestedMinor: asked,
      expiresAt: expires,
      now,
    });
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });
});
