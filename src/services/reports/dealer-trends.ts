/**
 * Which dealers are growing, which are declining and which stopped ordering
 * — by one stated method (`TRENDS_METHOD`, also in docs/reports.md), read
 * from the daily dealer rollups in one pass.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { addMonths, monthStart, type IsoDate } from '../../domain/report-periods.js';
import { trendStatsSelect, trendWindows, WINDOW_DAYS } from './dealer-trend-stats.js';

export const trendsQuerySchema = z.object({
  /** Smallest value (rupees) of the earlier window for a dealer to be ranked. */
  min_base: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000),
  /** Smallest change (percent, either way) to be listed. */
  min_change: z.coerce.number().min(0).max(1000).default(10),
  limit: z.coerce.number().int().min(1).max(500).default(25),
  region: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => (s === '' ? undefined : s)),
});
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export function trendsMethod(q: TrendsQuery): string {
  return (
    `Net order value (before tax) of the last ${WINDOW_DAYS} days, today included, against the ` +
    `${WINDOW_DAYS} days before them; also shown against the same ${WINDOW_DAYS} days a year ` +
    `earlier. A dealer is ranked only when the earlier ${WINDOW_DAYS} days came to at least ` +
    `₹${q.min_base.toLocaleString('en-IN')}, and listed when the change is at least ` +
    `${q.min_change}% either way. Lapsed: a dealer with 3 or more order days in the last 365 ` +
    `days whose last order is older than twice their usual interval (the average gap between ` +
    `their order days in those 365 days).`
  );
}

export interface DealerTrend {
  dealer: string;
  name: string;
  region: string | null;
  currentMinor: bigint;
  priorMinor: bigint;
  lastYearMinor: bigint;
  /** Against the prior window; null when that was below the minimum base. */
  changePct: number | null;
  /** Against the same window a year earlier; null below the minimum base. */
  changeVsLastYearPct: number | null;
  lastOrder: IsoDate | null;
  /** Average days between order days over the last 365 days; null under 3 order days. */
  usualIntervalDays: number | null;
  daysSinceLastOrder: number | null;
  /** Value of each of the last 12 months, oldest first. */
  sparkline: bigint[];
}

export interface DealerTrendsReport {
  method: string;
  today: IsoDate;
  current: { from: IsoDate; to: IsoDate };
  prior: { from: IsoDate; to: IsoDate };
  lastYear: { from: IsoDate; to: IsoDate };
  growing: DealerTrend[];
  declining: DealerTrend[];
  lapsed: DealerTrend[];
}

interface Row {
  dealer: string;
  name: string;
  region: string | null;
  current_minor: string;
  prior_minor: string;
  last_year_minor: string;
  order_days: number;
  first_day: IsoDate | null;
  last_day: IsoDate | null;
}

function pct(now: bigint, before: bigint, minBaseMinor: bigint): number | null {
  if (before < minBaseMinor || before === 0n) return null;
  return Math.round((Number(now - before) / Number(before)) * 1000) / 10;
}

export async function dealerTrends(
  db: Database,
  q: TrendsQuery,
  today: IsoDate,
): Promise<DealerTrendsReport> {
  const w = trendWindows(today);
  const minBaseMinor = BigInt(q.min_base) * 100n;
  // Kept per dealer by the refresh for today; another day is computed here.
  const kept =
    (await db
      .selectFrom('report_dealer_trends')
      .select('as_of')
      .where('as_of', '=', today)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  const stats = kept ? sql`SELECT * FROM report_dealer_trends` : trendStatsSelect(w);
  const { rows } = await sql<Row>`
    SELECT t.dealer_code AS dealer, d.name, d.region, t.current_minor::text, t.prior_minor::text,
           t.last_year_minor::text, t.order_days, t.first_day, t.last_day
      FROM (${stats}) t
      JOIN dealers d ON d.code = t.dealer_code AND d.active
     ${q.region === undefined ? sql`` : sql`WHERE d.region = ${q.region}`}`.execute(db);

  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const daysSince = (d: IsoDate): number =>
    Math.round((todayMs - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
  const trends = rows.map((r) => {
    const currentMinor = BigInt(r.current_minor);
    const priorMinor = BigInt(r.prior_minor);
    const lastYearMinor = BigInt(r.last_year_minor);
    const interval =
      r.order_days >= 3 && r.first_day !== null && r.last_day !== null
        ? Math.round(((daysSince(r.first_day) - daysSince(r.last_day)) / (r.order_days - 1)) * 10) /
          10
        : null;
    return {
      dealer: r.dealer,
      name: r.name,
      region: r.region,
      currentMinor,
      priorMinor,
      lastYearMinor,
      changePct: pct(currentMinor, priorMinor, minBaseMinor),
      changeVsLastYearPct: pct(currentMinor, lastYearMinor, minBaseMinor),
      lastOrder: r.last_day,
      usualIntervalDays: interval,
      daysSinceLastOrder: r.last_day === null ? null : daysSince(r.last_day),
      sparkline: [] as bigint[],
    } satisfies DealerTrend;
  });

  const ranked = trends.filter((t) => t.changePct !== null);
  const growing = ranked
    .filter((t) => (t.changePct ?? 0) >= q.min_change)
    .sort((a, b) => (b.changePct ?? 0) - (a.changePct ?? 0) || a.dealer.localeCompare(b.dealer))
    .slice(0, q.limit);
  const declining = ranked
    .filter((t) => (t.changePct ?? 0) <= -q.min_change)
    .sort((a, b) => (a.changePct ?? 0) - (b.changePct ?? 0) || a.dealer.localeCompare(b.dealer))
    .slice(0, q.limit);
  const lapsed = trends
    .filter(
      (t) =>
        t.usualIntervalDays !== null &&
        t.daysSinceLastOrder !== null &&
        t.daysSinceLastOrder > 2 * Math.max(t.usualIntervalDays, 1),
    )
    .sort(
      (a, b) =>
        (b.daysSinceLastOrder ?? 0) / (b.usualIntervalDays ?? 1) -
          (a.daysSinceLastOrder ?? 0) / (a.usualIntervalDays ?? 1) ||
        a.dealer.localeCompare(b.dealer),
    )
    .slice(0, q.limit);

  await fillSparklines(db, [...growing, ...declining, ...lapsed], today);
  return {
    method: trendsMethod(q),
    today,
    current: w.current,
    prior: w.prior,
    lastYear: w.lastYear,
    growing,
    declining,
    lapsed,
  };
}

/** The last 12 months' values (this month so far included) of the listed dealers. */
async function fillSparklines(db: Database, trends: DealerTrend[], today: IsoDate): Promise<void> {
  if (trends.length === 0) return;
  const first = addMonths(monthStart(today), -11);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
  const codes = [...new Set(trends.map((t) => t.dealer))];
  const { rows } = await sql<{ dealer_code: string; month: IsoDate; value_minor: string }>`
    SELECT dealer_code, month, sum(value_minor)::text AS value_minor FROM report_dealer_months
     WHERE dealer_code = ANY(${codes}::text[]) AND month BETWEEN ${first}::date AND ${today}::date
     GROUP BY 1, 2`.execute(db);
  const byDealer = new Map<string, Map<IsoDate, bigint>>();
  for (const r of rows) {
    const m = byDealer.get(r.dealer_code) ?? new Map<IsoDate, bigint>();
    m.set(r.month, BigInt(r.value_minor));
    byDealer.set(r.dealer_code, m);
  }
  for (const t of trends) t.sparkline = months.map((m) => byDealer.get(t.dealer)?.get(m) ?? 0n);
}
