import { describe, expect, it } from 'vitest';
import { drillHref, volumeChart } from '../../../src/http/console/reports/reports-pages.js';
import type { VolumeReport } from '../../../src/services/reports/volume-report.js';

const base = { from: '2025-04-01', to: '2026-03-31' };

describe('report drill-down links', () => {
  it('narrow the range to a bar’s period and add its dimension as a filter', () => {
    expect(drillHref(base, { region: 'West' }, [['month', '2025-06']])).toBe(
      '/console/reports/orders?region=West&from=2025-06-01&to=2025-06-30',
    );
    expect(
      drillHref(base, {}, [
        ['product', 'SKU-1'],
        ['fy', 'FY2025-26'],
      ]),
    ).toBe('/console/reports/orders?sku=SKU-1&from=2025-04-01&to=2026-03-31');
    // a week that starts before the range keeps the range's start
    expect(drillHref({ from: '2026-03-04', to: '2026-03-31' }, {}, [['week', '2026-03-02']])).toBe(
      '/console/reports/orders?from=2026-03-04&to=2026-03-08',
    );
    expect(drillHref(base, {}, [['month', 'nonsense']])).toBeNull();
  });
});

describe('volume chart', () => {
  const row = (key: string, key2: string, value: bigint) => ({
    key,
    label: key,
    key2,
    label2: key2,
    orders: 1,
    quantity: 1,
    valueMinor: value,
  });

  it('stacks the 8 largest of the second dimension and puts the rest in Other', () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      row('2025-05', `D${i}`, BigInt((i + 1) * 100_00)),
    );
    const report: VolumeReport = {
      by: 'month',
      then: 'dealer',
      ...base,
      compare: 'none',
      source: 'dealer',
      rows,
      totals: { orders: 10, quantity: 10, valueMinor: 5500_00n },
    };
    const spec = volumeChart(report, {});
    expect(spec.stacked).toBe(true);
    expect(spec.datasets.map((d) => d.label)).toEqual([
      'D9',
      'D8',
      'D7',
      'D6',
      'D5',
      'D4',
      'D3',
      'D2',
      'Other (2)',
    ]);
    expect(spec.datasets.at(-1)!.data).toEqual([300]); // D0 + D1 = ₹100 + ₹200
    expect(spec.links![0]![0]).toBe(
      '/console/reports/orders?dealer=D9&from=2025-05-01&to=2025-05-31',
    );
  });
});
