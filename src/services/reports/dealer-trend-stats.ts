/**
 * Each dealer's trend figures — value of the three 90-day windows, order
 * days, first and last order day — as of one India day, kept in
 * `report_dealer_trends` so the trend report reads 5,000 rows, not a year
 * of daily rollups. Recomputed for every dealer when the day changes, and
 * for the dealers a refresh touched otherwise.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import { addDays, addMonths, type IsoDate } from '../../domain/report-periods.js';

export const WINDOW_DAYS = 90;

export interface TrendWindows {
  today: IsoDate;
  current: { from: IsoDate; to: IsoDate };
  prior: { from: IsoDate; to: IsoDate };
  lastYear: { from: IsoDate; to: IsoDate };
  /** First day of the 365 days whose order days give the usual interval. */
  yearAgo: IsoDate;
}

export function trendWindows(today: IsoDate): TrendWindows {
  const current = { from: addDays(today, -(WINDOW_DAYS - 1)), to: today };
  return {
    today,
    current,
    prior: { from: addDays(current.from, -WINDOW_DAYS), to: addDays(current.from, -1) },
    lastYear: { from: addMonths(current.from, -12), to: addMonths(today, -12) },
    yearAgo: addDays(today, -364),
  };
}

/** The figures per dealer from the daily rollups, as the columns of `report_dealer_trends`. */
export function trendStatsSelect(
  w: TrendWindows,
  dealers?: readonly string[],
): RawBuilder<unknown> {
  const scanFrom = w.lastYear.from < w.prior.from ? w.lastYear.from : w.prior.from;
  const sumIn = (r: { from: IsoDate; to: IsoDate }) =>
    sql`coalesce(sum(value_minor) FILTER (WHERE day BETWEEN ${r.from}::date AND ${r.to}::date), 0)`;
  return sql`
    SELECT dealer_code, ${w.today}::date AS as_of, ${sumIn(w.current)} AS current_minor,
           ${sumIn(w.prior)} AS prior_minor, ${sumIn(w.lastYear)} AS last_year_minor,
           (count(DISTINCT day) FILTER (WHERE day >= ${w.yearAgo}::date))::int AS order_days,
           min(day) FILTER (WHERE day >= ${w.yearAgo}::date) AS first_day, max(day) AS last_day
      FROM report_dealer_days
     WHERE day BETWEEN ${scanFrom}::date AND ${w.today}::date
       ${dealers === undefined ? sql`` : sql`AND dealer_code = ANY(${dealers}::text[])`}
     GROUP BY dealer_code`;
}

const COLUMNS = sql.raw(
  'dealer_code, as_of, current_minor, prior_minor, last_year_minor, order_days, first_day, last_day',
);

/** Brings `report_dealer_trends` to `today`; returns how many dealers were recomputed. */
export async function refreshDealerTrends(
  db: Executor,
  today: IsoDate,
  touched: readonly string[],
): Promise<number> {
  const w = trendWindows(today);
  const stale = await db
    .selectFrom('report_dealer_trends')
    .select('dealer_code')
    .where('as_of', '<>', today)
    .limit(1)
    .executeTakeFirst();
  const empty =
    (await db
      .selectFrom('report_dealer_trends')
      .select('dealer_code')
      .limit(1)
      .executeTakeFirst()) === undefined;
  if (stale !== undefined || (empty && touched.length > 0)) {
    await db.deleteFrom('report_dealer_trends').execute();
    const r =
      await sql`INSERT INTO report_dealer_trends (${COLUMNS}) ${trendStatsSelect(w)}`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  }
  if (touched.length === 0) return 0;
  await db.deleteFrom('report_dealer_trends').where('dealer_code', 'in', touched).execute();
  const r =
    await sql`INSERT INTO report_dealer_trends (${COLUMNS}) ${trendStatsSelect(w, touched)}`.execute(
      db,
    );
  return Number(r.numAffectedRows ?? 0);
}
