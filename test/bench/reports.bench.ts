/**
 * Report speed at scale: 1,000,000 orders / about 5,000,000 lines over two
 * years for 5,000 dealers (2,000 products, 9 regions), in a database of its
 * own; then each report's p50/p95 over repeated calls as a manager would
 * make them, and how long the rollups take to build and to follow a burst of
 * changed orders. Run: `npm run bench:reports` (minutes: most of it is
 * generating the data; `--keep` keeps the database for the next run, which
 * then skips generating). The last line is one JSON object.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/orderdesk_bench_reports),
 * BENCH_ORDERS (default 1000000), BENCH_RUNS (default 30).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDatabase } from '../../src/db/database.js';
import { ensureDatabase } from '../../src/db/ensure-database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { indiaDate } from '../../src/domain/india-date.js';
import { addDays, addMonths, monthStart } from '../../src/domain/report-periods.js';
import { creditReport } from '../../src/services/reports/credit-report.js';
import { dealerTrends, trendsQuerySchema } from '../../src/services/reports/dealer-trends.js';
import { operationsReport } from '../../src/services/reports/operations-report.js';
import { refreshReportRollups } from '../../src/services/reports/refresh-rollups.js';
import {
  creditJson,
  dealerTrendsJson,
  operationsJson,
  volumeJson,
} from '../../src/services/reports/report-json.js';
import { volumeQuerySchema } from '../../src/services/reports/report-scope.js';
import { volumeReport } from '../../src/services/reports/volume-report.js';
import { generateHistory } from '../support/report-history.js';

const URL_ =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/orderdesk_bench_reports';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const KEEP = process.argv.includes('--keep');
const TARGET_MS = 300;
const BATCH = 100_000;

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

async function main(): Promise<void> {
  const created = await ensureDatabase(URL_);
  const db = createDatabase({ url: URL_, max: 10, applicationName: 'orderdesk-bench-reports' });
  const today = indiaDate(new Date());
  try {
    await migrateToLatest(db);
    const have = await sql<{ n: string }>`SELECT count(*)::text AS n FROM orders`.execute(db);
    let generateS: number | null = null;
    let buildS: number | null = null;
    if (Number(have.rows[0]!.n) < ORDERS) {
      log(
        `generating ${ORDERS.toLocaleString('en-IN')} orders (database ${created.created ? 'created' : 'reused'})…`,
      );
      const t0 = performance.now();
      const history = {
        seed: 'bench',
        dealers: 5_000,
        regions: 9,
        products: 2_000,
        maxLines: 9,
        days: 730,
        today,
      };
      for (let done = 0; done < ORDERS; done += BATCH) {
        await generateHistory(db, {
          ...history,
          orders: Math.min(BATCH, ORDERS - done),
          ...(done === 0 ? {} : { continueAfter: done }),
        });
        log(
          `  ${(done + Math.min(BATCH, ORDERS - done)).toLocaleString('en-IN')} orders, ${seconds(t0)} s`,
        );
      }
      generateS = seconds(t0);
      await sql`ANALYZE`.execute(db);
      const t1 = performance.now();
      await refreshReportRollups(db);
      buildS = seconds(t1);
      await sql`ANALYZE`.execute(db);
      log(`rollups built in ${buildS} s`);
    }
    const counts = await sql<{
      orders: string;
      lines: string;
      dealer_days: string;
      product_months: string;
    }>`
      SELECT (SELECT count(*) FROM orders)::text AS orders, (SELECT count(*) FROM order_lines)::text AS lines,
             (SELECT count(*) FROM report_dealer_days)::text AS dealer_days,
             (SELECT count(*) FROM report_product_months)::text AS product_months`.execute(db);

    const last12 = { from: addMonths(monthStart(today), -11), to: today };
    const odd = { from: addDays(today, -400), to: addDays(today, -17) };
    const volume = (q: Record<string, string>) => async () =>
      volumeJson(await volumeReport(db, volumeQuerySchema.parse(q), today));
    const reports: Record<string, () => Promise<unknown>> = {
      volume_by_month: volume({ by: 'month', ...last12, compare: 'last_year' }),
      volume_by_dealer: volume({ by: 'dealer', ...last12 }),
      volume_by_product_odd_range: volume({ by: 'product', ...odd }),
      volume_region_x_month: volume({ by: 'region', then: 'month', ...last12 }),
      volume_brand_x_quarter_prev: volume({
        by: 'brand',
        then: 'quarter',
        ...last12,
        compare: 'previous',
      }),
      volume_category_x_region: volume({ by: 'category', then: 'region', ...last12 }),
      volume_by_channel_fy: volume({
        by: 'channel',
        then: 'fy',
        from: addMonths(today, -24),
        to: today,
      }),
      volume_by_week_90d: volume({ by: 'week', from: addDays(today, -90), to: today }),
      volume_one_dealer_products: volume({ by: 'product', dealer: 'benchD00042', ...last12 }),
      dealer_trends: async () =>
        dealerTrendsJson(await dealerTrends(db, trendsQuerySchema.parse({}), today)),
      credit: async () => creditJson(await creditReport(db, new Date())),
      operations_30d: async () =>
        operationsJson(
          await operationsReport(db, { from: addDays(today, -29), to: today }, new Date()),
        ),
    };

    const results: Record<string, { p50_ms: number; p95_ms: number }> = {};
    for (const [name, run] of Object.entries(reports)) {
      for (let i = 0; i < 3; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await refreshReportRollups(db); // what every report request does first
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      results[name] = { p50_ms: percentile(times, 0.5), p95_ms: percentile(times, 0.95) };
      log(`${name.padEnd(30)} p50 ${results[name].p50_ms} ms  p95 ${results[name].p95_ms} ms`);
    }

    // Following a burst: 2,000 orders of the last week change (amended, cancelled, invoiced…),
    // then one refresh folds them in.
    await sql`UPDATE orders SET version = version + 1 WHERE id IN (
                SELECT id FROM orders WHERE status = 'delivered' AND confirmed_at > now() - interval '7 days'
                 ORDER BY id LIMIT 2000)`.execute(db);
    const t2 = performance.now();
    const burst = await refreshReportRollups(db);
    const burstMs = Math.round(performance.now() - t2);
    log(`refresh after ≤2,000 changed orders of the last week (${burst.days} days): ${burstMs} ms`);

    const maxP95 = Math.max(...Object.values(results).map((r) => r.p95_ms));
    console.log(
      JSON.stringify({
        orders: Number(counts.rows[0]!.orders),
        lines: Number(counts.rows[0]!.lines),
        dealer_day_rows: Number(counts.rows[0]!.dealer_days),
        product_month_rows: Number(counts.rows[0]!.product_months),
        generate_s: generateS,
        rollup_build_s: buildS,
        refresh_after_2000_changes_ms: burstMs,
        runs: RUNS,
        reports: results,
        max_p95_ms: maxP95,
        target_p95_ms: TARGET_MS,
        ok: maxP95 < TARGET_MS,
      }),
    );
  } finally {
    await db.destroy();
    if (!KEEP) {
      const admin = createDatabase({ url: URL_.replace(/\/[^/?]+(\?|$)/, '/postgres$1'), max: 1 });
      const name = new URL(URL_).pathname.slice(1);
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`
        .execute(admin)
        .catch(() => undefined);
      await admin.destroy();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
