import { describe, expect, it } from 'vitest';
import {
  addMonths,
  compareRange,
  fyLabel,
  fyQuarterLabel,
  periodRange,
  rangePresets,
  splitRange,
} from '../../../src/domain/report-periods.js';

describe('report periods', () => {
  it('names the Indian financial year and its quarters (April–March)', () => {
    expect(fyLabel('2026-03-31')).toBe('FY2025-26');
    expect(fyLabel('2026-04-01')).toBe('FY2026-27');
    expect(fyLabel('2099-12-01')).toBe('FY2099-00');
    expect(
      ['2026-04-01', '2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01', '2027-03-31'].map(
        fyQuarterLabel,
      ),
    ).toEqual([
      'FY2026-27 Q1',
      'FY2026-27 Q1',
      'FY2026-27 Q2',
      'FY2026-27 Q3',
      'FY2026-27 Q4',
      'FY2026-27 Q4',
    ]);
  });

  it('clamps a month step to the end of the month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('splits a range into edge days and whole months', () => {
    expect(splitRange('2025-05-17', '2026-02-11')).toEqual({
      headDays: ['2025-05-17', '2025-05-31'],
      months: ['2025-06-01', '2026-01-01'],
      tailDays: ['2026-02-01', '2026-02-11'],
    });
    expect(splitRange('2026-04-01', '2026-06-30')).toEqual({
      headDays: null,
      months: ['2026-04-01', '2026-06-01'],
      tailDays: null,
    });
    expect(splitRange('2026-04-03', '2026-04-20')).toEqual({
      headDays: ['2026-04-03', '2026-04-20'],
      months: null,
      tailDays: null,
    });
    expect(splitRange('2026-04-03', '2026-05-20').months).toBeNull();
  });

  it('compares whole months with the months before, other ranges day for day', () => {
    expect(compareRange('2026-04-01', '2026-06-30', 'previous')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      shift: { months: 3 },
    });
    expect(compareRange('2026-04-10', '2026-04-19', 'previous')).toEqual({
      from: '2026-03-31',
      to: '2026-04-09',
      shift: { days: 10 },
    });
    expect(compareRange('2026-02-01', '2026-02-28', 'last_year')).toMatchObject({
      from: '2025-02-01',
      to: '2025-02-28',
    });
  });

  it('turns a period key back into its days (drill-down)', () => {
    expect(periodRange('month', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('quarter', 'FY2025-26 Q4')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(periodRange('fy', 'FY2025-26')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodRange('week', '2026-10-12')).toEqual({ from: '2026-10-12', to: '2026-10-18' });
    expect(periodRange('month', 'May')).toBeNull();
    expect(periodRange('fy', 'FY2025-26 Q1')).toBeNull();
  });

  it('offers this and last financial year as presets', () => {
    const presets = rangePresets('2026-12-06');
    expect(presets.find((p) => p.id === 'this_fy')).toMatchObject({
      from: '2026-04-01',
      to: '2026-12-06',
    });
    expect(presets.find((p) => p.id === 'last_fy')).toMatchObject({
      from: '2025-04-01',
      to: '2026-03-31',
    });
    expect(presets.find((p) => p.id === 'last_month')).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });
});
