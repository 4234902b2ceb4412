/**
 * Keeps the report rollups (migrations/0075_report_rollups.ts) current: takes
 * the days a trigger marked dirty, rebuilds those days from the orders, moves
 * each month by what its days changed, and recomputes the trend figures of
 * the dealers those days touched (of every dealer once a day). Idempotent;
 * one refresher at a time (a second caller finds the lock taken and reads
 * what is there).
 *
 * Why rebuild a day and not add or subtract each order: a rebuilt day is
 * exact whatever happened to its orders (amended, cancelled, moved); a day of
 * even a large distributor is a few thousand lines, and months follow by
 * difference, so a refresh costs what changed, not what exists.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { indiaDate } from '../../domain/india-date.js';
import type { IsoDate } from '../../domain/report-periods.js';
import { refreshDealerTrends } from './dealer-trend-stats.js';
import { COUNTED_STATUSES } from './report-scope.js';

export interface RefreshResult {
  /** False when another refresh held the lock; nothing was done. */
  ran: boolean;
  days: number;
  /** Dealers whose trend figures were recomputed. */
  dealers: number;
}

/** One rollup: a daily table, its monthly twin, and how a day's rows are made. */
interface Rollup {
  name: 'dealer' | 'product' | 'network' | 'brand';
  keys: readonly string[];
  measures: readonly string[];
  /** `SELECT day, ...keys, ...measures` for the given days (already-rebuilt rollups may be read). */
  rows: (days: RawBuilder<unknown>) => RawBuilder<unknown>;
}

const counted = sql.join(COUNTED_STATUSES.map((s) => sql.lit(s)));

/** In order: later rollups are made from earlier ones' rebuilt days. */
const ROLLUPS: readonly Rollup[] = [
  {
    name: 'dealer',
    keys: ['dealer_code', 'region', 'channel'],
    measures: ['orders', 'lines', 'quantity', 'value_minor'],
    rows: (days) => sql`
      SELECT report_day(o.confirmed_at, o.created_at), o.dealer_code, coalesce(d.region, ''), o.channel,
             count(*), coalesce(sum(l.lines), 0), coalesce(sum(l.quantity), 0), sum(o.subtotal_minor)
        FROM orders o
        JOIN dealers d ON d.code = o.dealer_code
        LEFT JOIN LATERAL (
          SELECT count(*) AS lines, sum(qty) AS quantity FROM order_lines WHERE order_id = o.id AND NOT free
        ) l ON true
       WHERE o.status IN (${counted}) AND report_day(o.confirmed_at, o.created_at) = ANY(${days})
       GROUP BY 1, 2, 3, 4`,
  },
  {
    name: 'product',
    keys: ['sku', 'region'],
    measures: ['orders', 'quantity', 'value_minor'],
    rows: (days) => sql`
      SELECT report_day(o.confirmed_at, o.created_at), l.sku, coalesce(d.region, ''),
             count(DISTINCT o.id), sum(l.qty), coalesce(sum(l.line_total_minor), 0)
        FROM orders o
        JOIN dealers d ON d.code = o.dealer_code
        JOIN order_lines l ON l.order_id = o.id AND NOT l.free
       WHERE o.status IN (${counted}) AND report_day(o.confirmed_at, o.created_at) = ANY(${days})
       GROUP BY 1, 2, 3`,
  },
  {
    name: 'network',
    keys: ['region', 'channel'],
    measures: ['orders', 'lines', 'quantity', 'value_minor'],
    rows: (days) => sql`
      SELECT day, region, channel, sum(orders), sum(lines), sum(quantity), sum(value_minor)
        FROM report_dealer_days WHERE day = ANY(${days}) GROUP BY 1, 2, 3`,
  },
  {
    name: 'brand',
    keys: ['brand', 'category', 'region'],
    measures: ['orders', 'quantity', 'value_minor'],
    rows: (days) => sql`
      SELECT r.day, coalesce(p.brand, ''), coalesce(p.category, ''), r.region,
             sum(r.orders), sum(r.quantity), sum(r.value_minor)
        FROM report_product_days r LEFT JOIN products p ON p.sku = r.sku
       WHERE r.day = ANY(${days}) GROUP BY 1, 2, 3, 4`,
  },
];

const ids = (cols: readonly string[]) => sql.join(cols.map((c) => sql.ref(c)));

/** Rebuilds the days of one rollup and moves its months by the difference. */
async function rebuild(
  trx: Transaction<DB>,
  r: Rollup,
  days: RawBuilder<unknown>,
  months: RawBuilder<unknown>,
): Promise<void> {
  const daysTable = sql.table(`report_${r.name}_days`);
  const monthsTable = sql.table(`report_${r.name}_months`);
  const keys = ids(r.keys);
  const match = sql.join(
    r.keys.map((k) => sql`m.${sql.ref(k)} = g.${sql.ref(k)}`),
    sql` AND `,
  );
  const sums = sql.join(r.measures.map((m) => sql`sum(${sql.ref(m)}) AS ${sql.ref(m)}`));
  // 1. the old days out of their months
  await sql`
    WITH gone AS (DELETE FROM ${daysTable} WHERE day = ANY(${days}) RETURNING *)
    UPDATE ${monthsTable} m
       SET ${sql.join(r.measures.map((c) => sql`${sql.ref(c)} = m.${sql.ref(c)} - g.${sql.ref(c)}`))}
      FROM (SELECT date_trunc('month', day)::date AS month, ${keys}, ${sums} FROM gone GROUP BY 1, ${keys}) g
     WHERE m.month = g.month AND ${match}`.execute(trx);
  // 2. the days as they are now
  await sql`INSERT INTO ${daysTable} (day, ${keys}, ${ids(r.measures)}) ${r.rows(days)}`.execute(
    trx,
  );
  // 3. into their months
  await sql`
    INSERT INTO ${monthsTable} (month, ${keys}, ${ids(r.measures)})
    SELECT date_trunc('month', day)::date, ${keys}, ${sql.join(r.measures.map((m) => sql`sum(${sql.ref(m)})`))}
      FROM ${daysTable} WHERE day = ANY(${days}) GROUP BY 1, ${keys}
    ON CONFLICT (month, ${keys})
    DO UPDATE SET ${sql.join(r.measures.map((c) => sql`${sql.ref(c)} = ${monthsTable}.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(
    trx,
  );
  // 4. a month left with nothing goes
  await sql`DELETE FROM ${monthsTable} WHERE month = ANY(${months}) AND orders = 0`.execute(trx);
}

const LOCK = sql`hashtext('orderdesk:report-rollups')`;

export async function refreshReportRollups(
  db: Database,
  now: Date = new Date(),
): Promise<RefreshResult> {
  return inTransaction(db, async (trx) => {
    const locked = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS ok`.execute(trx);
    if (locked.rows[0]?.ok !== true) return { ran: false, days: 0, dealers: 0 };

    // Read committed: every change whose marker this sees is visible to the statements after it.
    const taken = await trx.deleteFrom('report_dirty_days').returning('day').execute();
    const dayList: IsoDate[] = [...new Set(taken.map((r) => r.day))];
    let touched: string[] = [];
    if (dayList.length > 0) {
      const days = sql`${dayList}::date[]`;
      const months = sql`${[...new Set(dayList.map((d) => `${d.slice(0, 7)}-01`))]}::date[]`;
      // the dealers of these days before and after, whose trend figures change
      const before = await sql<{ dealer_code: string }>`
        SELECT DISTINCT dealer_code FROM report_dealer_days WHERE day = ANY(${days})`.execute(trx);
      for (const r of ROLLUPS) await rebuild(trx, r, days, months);
      const after = await sql<{ dealer_code: string }>`
        SELECT DISTINCT dealer_code FROM report_dealer_days WHERE day = ANY(${days})`.execute(trx);
      touched = [...new Set([...before.rows, ...after.rows].map((r) => r.dealer_code))];
    }
    const dealers = await refreshDealerTrends(trx, indiaDate(now), touched);
    return { ran: true, days: dayList.length, dealers };
  });
}
