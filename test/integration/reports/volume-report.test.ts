/**
 * The volume report against SQL written here independently of it (straight
 * from orders and lines, no rollups), on a generated two-year history.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshReportRollups } from '../../../src/services/reports/refresh-rollups.js';
import { COUNTED_STATUSES, volumeQuerySchema } from '../../../src/services/reports/report-scope.js';
import { volumeReport, type VolumeReport } from '../../../src/services/reports/volume-report.js';
import { useTestDatabase } from '../../support/database.js';
import { generateHistory, type History } from '../../support/report-history.js';

const TODAY = '2026-11-30';
const testDb = useTestDatabase();
let history: History;

beforeAll(async () => {
  history = await generateHistory(testDb.db, {
    seed: 'vol',
    dealers: 40,
    regions: 4,
    products: 30,
    orders: 4000,
    maxLines: 4,
    days: 730,
    today: TODAY,
  });
  const refreshed = await refreshReportRollups(testDb.db);
  expect(refreshed.ran).toBe(true);
  expect(refreshed.days).toBeGreaterThan(600);
}, 60_000);

interface Expected {
  key: string;
  key2?: string | null;
  orders: number;
  quantity: number;
  value: bigint;
}

/** Independent: India date of confirmation, counted statuses, paid lines. */
async function expected(
  group: [string, string],
  where: string,
  from: string,
  to: string,
): Promise<Expected[]> {
  const { rows } = await sql
    .raw<{ key: string; key2: string | null; orders: string; quantity: string; value: string }>(
      `SELECT ${group[0]} AS key, ${group[1]} AS key2, count(DISTINCT o.id) AS orders, sum(l.qty) AS quantity, sum(l.line_total_minor) AS value
         FROM orders o
         JOIN order_lines l ON l.order_id = o.id AND NOT l.free
         JOIN dealers d ON d.code = o.dealer_code
         JOIN products p ON p.sku = l.sku
        WHERE o.status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')
          AND (o.confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '${from}' AND '${to}'
          AND ${where}
        GROUP BY 1, 2`,
    )
    .execute(testDb.db);
  return rows.map((r) => ({
    key: r.key,
    key2: r.key2,
    orders: Number(r.orders),
    quantity: Number(r.quantity),
    value: BigInt(r.value),
  }));
}

function actual(report: VolumeReport, withOrders = true): Expected[] {
  return report.rows.map((r) => ({
    key: r.key,
    key2: r.key2 ?? null,
    orders: withOrders ? r.orders : 0,
    quantity: r.quantity,
    value: r.valueMinor,
  }));
}

const byKey = (a: Expected, b: Expected): number =>
  a.key.localeCompare(b.key) || (a.key2 ?? '').localeCompare(b.key2 ?? '');

async function report(query: Record<string, string>): Promise<VolumeReport> {
  return volumeReport(testDb.db, volumeQuerySchema.parse(query), TODAY);
}

describe('volume report', () => {
  it('by dealer over two years equals the orders themselves', async () => {
    const r = await report({ by: 'dealer', from: '2024-12-01', to: TODAY });
    expect(r.source).toBe('dealer');
    const want = await expected([`o.dealer_code`, `NULL`], 'true', '2024-12-01', TODAY);
    expect(actual(r).sort(byKey)).toEqual(want.sort(byKey));
    expect(r.rows.length).toBeGreaterThan(30);
    // sorted by value, largest first
    expect(r.rows[0]!.valueMinor >= r.rows[r.rows.length - 1]!.valueMinor).toBe(true);
  });

  it('by product over a range that starts and ends inside months (edge days + whole months)', async () => {
    const r = await report({ by: 'product', from: '2025-05-17', to: '2026-02-11' });
    expect(r.source).toBe('product');
    const want = await expected([`l.sku`, `NULL`], 'true', '2025-05-17', '2026-02-11');
    // orders on product rows: orders holding the product, counted per day-region cell
    expect(actual(r, false).sort(byKey)).toEqual(
      want.map((w) => ({ ...w, orders: 0 })).sort(byKey),
    );
  });

  it('region × month, brand, category and channel', async () => {
    const cases: [Record<string, string>, [string, string]][] = [
      [
        { by: 'region', then: 'month' },
        [
          `coalesce(d.region, '')`,
          `to_char((o.confirmed_at AT TIME ZONE 'Asia/Kolkata')::date, 'YYYY-MM')`,
        ],
      ],
      [{ by: 'brand' }, [`coalesce(p.brand, '')`, `NULL`]],
      [{ by: 'category', then: 'region' }, [`coalesce(p.category, '')`, `coalesce(d.region, '')`]],
      [{ by: 'channel' }, [`o.channel`, `NULL`]],
    ];
    for (const [q, group] of cases) {
      const r = await report({ ...q, from: '2025-09-10', to: '2026-10-20' });
      const want = await expected(group, 'true', '2025-09-10', '2026-10-20');
      const productSide = q.by === 'brand' || q.by === 'category';
      expect(actual(r, !productSide).sort(byKey), JSON.stringify(q)).toEqual(
        want.map((w) => (productSide ? { ...w, orders: 0 } : w)).sort(byKey),
      );
    }
  });

  it('financial-year quarters and years, and ISO weeks', async () => {
    const fy = await report({ by: 'fy', from: '2025-04-01', to: '2026-03-31' });
    expect(fy.rows.map((r) => r.key)).toEqual(['FY2025-26']);
    const [want] = await expected([`'x'`, `NULL`], 'true', '2025-04-01', '2026-03-31');
    expect(fy.rows[0]!.valueMinor).toBe(want!.value);

    const q = await report({ by: 'quarter', from: '2025-04-01', to: '2026-03-31' });
    expect(q.rows.map((r) => r.key)).toEqual([
      'FY2025-26 Q1',
      'FY2025-26 Q2',
      'FY2025-26 Q3',
      'FY2025-26 Q4',
    ]);
    const [q3] = await expected([`'x'`, `NULL`], 'true', '2025-10-01', '2025-12-31');
    expect(q.rows[2]!.valueMinor).toBe(q3!.value);

    const w = await report({ by: 'week', from: '2026-10-05', to: '2026-10-18' });
    expect(w.rows.map((r) => r.key)).toEqual(['2026-10-05', '2026-10-12']);
    const [week] = await expected([`'x'`, `NULL`], 'true', '2026-10-12', '2026-10-18');
    expect(w.rows[1]!.valueMinor).toBe(week!.value);
  });

  it('compares with the same period last year and the period before', async () => {
    const r = await report({
      by: 'month',
      from: '2026-04-01',
      to: '2026-06-30',
      compare: 'last_year',
    });
    expect([r.compareFrom, r.compareTo]).toEqual(['2025-04-01', '2025-06-30']);
    const may = r.rows.find((row) => row.key === '2026-05')!;
    const [lastMay] = await expected([`'x'`, `NULL`], 'true', '2025-05-01', '2025-05-31');
    expect(may.previous!.valueMinor).toBe(lastMay!.value);

    const p = await report({
      by: 'region',
      from: '2026-04-01',
      to: '2026-06-30',
      compare: 'previous',
    });
    expect([p.compareFrom, p.compareTo]).toEqual(['2026-01-01', '2026-03-31']);
    const before = await expected(
      [`coalesce(d.region, '')`, `NULL`],
      'true',
      '2026-01-01',
      '2026-03-31',
    );
    for (const row of p.rows) {
      expect(row.previous!.valueMinor).toBe(before.find((b) => b.key === row.key)?.value ?? 0n);
    }
    expect(p.totals.previous!.valueMinor).toBe(before.reduce((a, b) => a + b.value, 0n));
  });

  it("one dealer's products are read from the orders themselves", async () => {
    const dealer = history.dealerCodes[2]!;
    const r = await report({ by: 'product', dealer, from: '2025-01-01', to: TODAY });
    expect(r.source).toBe('orders');
    const want = await expected(
      [`l.sku`, `NULL`],
      `o.dealer_code = '${dealer}'`,
      '2025-01-01',
      TODAY,
    );
    expect(actual(r).sort(byKey)).toEqual(want.sort(byKey));
  });

  it('follows a cancelled and an amended order after a refresh', async () => {
    const before = await report({ by: 'dealer', from: '2026-11-01', to: TODAY });
    const { rows } = await sql<{
      id: string;
      dealer_code: string;
      subtotal_minor: string;
      day: string;
    }>`
      SELECT id, dealer_code, subtotal_minor::text, (confirmed_at AT TIME ZONE 'Asia/Kolkata')::date::text AS day
        FROM orders WHERE status = 'confirmed' AND confirmed_at >= '2026-11-05' ORDER BY id LIMIT 2`.execute(
      testDb.db,
    );
    const [cancelled, amended] = rows;
    await sql`UPDATE orders SET status = 'cancelled' WHERE id = ${cancelled!.id}`.execute(
      testDb.db,
    );
    await sql`UPDATE order_lines SET qty = qty + 1, line_total_minor = (qty + 1) * unit_price_minor
               WHERE order_id = ${amended!.id}`.execute(testDb.db);
    await sql`UPDATE orders SET version = version + 1,
                subtotal_minor = (SELECT sum(line_total_minor) FROM order_lines WHERE order_id = ${amended!.id})
               WHERE id = ${amended!.id}`.execute(testDb.db);
    const refreshed = await refreshReportRollups(testDb.db);
    expect(refreshed.days).toBeGreaterThanOrEqual(1);

    const after = await report({ by: 'dealer', from: '2026-11-01', to: TODAY });
    const want = await expected([`o.dealer_code`, `NULL`], 'true', '2026-11-01', TODAY);
    expect(actual(after).sort(byKey)).toEqual(want.sort(byKey));
    expect(after.totals.orders).toBe(before.totals.orders - 1);
    // nothing left to do
    expect((await refreshReportRollups(testDb.db)).days).toBe(0);
  });

  it('two refreshes at once: one rebuilds, the other reads what is there', async () => {
    await sql`UPDATE orders SET status = 'cancelled' WHERE status = 'delivered' AND confirmed_at >= '2026-11-20'`.execute(
      testDb.db,
    );
    const results = await Promise.all([
      refreshReportRollups(testDb.db),
      refreshReportRollups(testDb.db),
    ]);
    expect(results.filter((r) => r.days > 0)).toHaveLength(1);
    const r = await report({ by: 'channel', from: '2026-11-01', to: TODAY });
    const want = await expected([`o.channel`, `NULL`], 'true', '2026-11-01', TODAY);
    expect(actual(r).sort(byKey)).toEqual(want.sort(byKey));
  });

  it('the trigger marks exactly the statuses the reports count', async () => {
    const { rows } = await sql<{
      src: string;
    }>`SELECT prosrc AS src FROM pg_proc WHERE proname = 'report_mark_dirty'`.execute(testDb.db);
    const listed = /IN \(([^)]*)\)/
      .exec(rows[0]!.src)![1]!
      .match(/'(\w+)'/g)!
      .map((q) => q.slice(1, -1));
    expect(listed.sort()).toEqual([...COUNTED_STATUSES].sort());
  });

  it('rejects a range that ends before it starts and a dimension crossed with itself', async () => {
    await expect(report({ by: 'dealer', from: '2026-05-01', to: '2026-04-01' })).rejects.toThrow(
      /before/,
    );
    await expect(report({ by: 'region', then: 'region' })).rejects.toThrow(/differ/);
    expect(() => volumeQuerySchema.parse({ by: 'colour' })).toThrow();
  });
});
