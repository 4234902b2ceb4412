/**
 * Keeps the report rollups (migrations/0075_report_rollups.ts) current: takes
 * the days a trigger marked dirty, rebuilds those days from the orders, then
 * rebuilds their months from the days. Idempotent; one refresher at a time
 * (a second caller finds the lock taken and reads what is there).
 *
 * Why a rebuild per day and not +/- per order: a rebuilt day is exact
 * whatever happened to its orders (amended, cancelled, moved), and a day of
 * even a large distributor is a few thousand lines.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { COUNTED_STATUSES } from './report-scope.js';

export interface RefreshResult {
  /** False when another refresh held the lock; nothing was done. */
  ran: boolean;
  days: number;
  months: number;
}

const LOCK = sql`hashtext('orderdesk:report-rollups')`;

export async function refreshReportRollups(db: Database): Promise<RefreshResult> {
  return inTransaction(db, async (trx) => {
    const locked = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS ok`.execute(trx);
    if (locked.rows[0]?.ok !== true) return { ran: false, days: 0, months: 0 };

    // Read committed: every change whose marker this sees is visible to the statements after it.
    const taken = await trx.deleteFrom('report_dirty_days').returning('day').execute();
    const days = [...new Set(taken.map((r) => r.day))];
    if (days.length === 0) return { ran: true, days: 0, months: 0 };
    const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
    const counted = sql.join(COUNTED_STATUSES.map((s) => sql.lit(s)));

    await trx.deleteFrom('report_dealer_days').where('day', 'in', days).execute();
    await sql`
      INSERT INTO report_dealer_days (day, dealer_code, region, channel, orders, lines, quantity, value_minor)
      SELECT report_day(o.confirmed_at, o.created_at), o.dealer_code, coalesce(d.region, ''), o.channel,
             count(*), coalesce(sum(l.lines), 0), coalesce(sum(l.quantity), 0), sum(o.subtotal_minor)
        FROM orders o
        JOIN dealers d ON d.code = o.dealer_code
        LEFT JOIN LATERAL (
          SELECT count(*) AS lines, sum(qty) AS quantity
            FROM order_lines WHERE order_id = o.id AND NOT free
        ) l ON true
       WHERE o.status IN (${counted})
         AND report_day(o.confirmed_at, o.created_at) = ANY(${days}::date[])
       GROUP BY 1, 2, 3, 4`.execute(trx);

    await trx.deleteFrom('report_product_days').where('day', 'in', days).execute();
    await sql`
      INSERT INTO report_product_days (day, sku, region, orders, quantity, value_minor)
      SELECT report_day(o.confirmed_at, o.created_at), l.sku, coalesce(d.region, ''),
             count(DISTINCT o.id), sum(l.qty), coalesce(sum(l.line_total_minor), 0)
        FROM orders o
        JOIN dealers d ON d.code = o.dealer_code
        JOIN order_lines l ON l.order_id = o.id AND NOT l.free
       WHERE o.status IN (${counted})
         AND report_day(o.confirmed_at, o.created_at) = ANY(${days}::date[])
       GROUP BY 1, 2, 3`.execute(trx);

    await trx.deleteFrom('report_dealer_months').where('month', 'in', months).execute();
    await sql`
      INSERT INTO report_dealer_months (month, dealer_code, region, channel, orders, lines, quantity, value_minor)
      SELECT date_trunc('month', day)::date, dealer_code, region, channel,
             sum(orders), sum(lines), sum(quantity), sum(value_minor)
        FROM unnest(${months}::date[]) AS m(month)
        JOIN report_dealer_days ON day >= m.month AND day < m.month + interval '1 month'
       GROUP BY 1, 2, 3, 4`.execute(trx);

    await trx.deleteFrom('report_product_months').where('month', 'in', months).execute();
    await sql`
      INSERT INTO report_product_months (month, sku, region, orders, quantity, value_minor)
      SELECT date_trunc('month', day)::date, sku, region, sum(orders), sum(quantity), sum(value_minor)
        FROM unnest(${months}::date[]) AS m(month)
        JOIN report_product_days ON day >= m.month AND day < m.month + interval '1 month'
       GROUP BY 1, 2, 3`.execute(trx);

    return { ran: true, days: days.length, months: months.length };
  });
}
