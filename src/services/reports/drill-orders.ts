/**
 * The orders behind one figure of the volume report: the same orders the
 * figure counted (confirmed or later, by India day of confirmation), with
 * the same filters, newest first. With a product, brand or category filter
 * the value is that of the matching lines only, as the figure's was.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Channel } from '../../db/schema.js';
import { orderNumber } from '../../domain/order-number.js';
import type { IsoDate } from '../../domain/report-periods.js';
import { COUNTED_STATUSES, type ReportFilters } from './report-scope.js';

export interface DrillOrder {
  id: string;
  number: string;
  dealer: string;
  dealerName: string;
  channel: Channel;
  status: string;
  day: IsoDate;
  valueMinor: bigint;
}

export interface DrillOrders {
  from: IsoDate;
  to: IsoDate;
  count: number;
  valueMinor: bigint;
  orders: DrillOrder[];
}

export async function drillOrders(
  db: Database,
  f: ReportFilters,
  range: { from: IsoDate; to: IsoDate },
  limit = 200,
): Promise<DrillOrders> {
  const counted = sql.join(COUNTED_STATUSES.map((s) => sql.lit(s)));
  const where: RawBuilder<unknown>[] = [
    sql`o.status IN (${counted})`,
    sql`report_day(o.confirmed_at, o.created_at) BETWEEN ${range.from}::date AND ${range.to}::date`,
  ];
  if (f.dealer !== undefined) where.push(sql`o.dealer_code = ${f.dealer}`);
  if (f.region !== undefined) where.push(sql`coalesce(d.region, '') = ${f.region}`);
  if (f.channel !== undefined) where.push(sql`o.channel = ${f.channel}`);
  const lineWhere: RawBuilder<unknown>[] = [sql`NOT l.free`];
  if (f.sku !== undefined) lineWhere.push(sql`l.sku = ${f.sku}`);
  if (f.brand !== undefined) lineWhere.push(sql`coalesce(p.brand, '') = ${f.brand}`);
  if (f.category !== undefined) lineWhere.push(sql`coalesce(p.category, '') = ${f.category}`);
  const productFiltered = f.sku !== undefined || f.brand !== undefined || f.category !== undefined;

  const { rows } = await sql<{
    id: string;
    order_no: bigint;
    created_at: Date;
    dealer_code: string;
    name: string;
    channel: Channel;
    status: string;
    day: IsoDate;
    value_minor: string;
    total_count: string;
    total_value: string;
  }>`
    SELECT o.id, o.order_no, o.created_at, o.dealer_code, d.name, o.channel, o.status,
           report_day(o.confirmed_at, o.created_at) AS day, v.value_minor::text,
           count(*) OVER ()::text AS total_count, sum(v.value_minor) OVER ()::text AS total_value
      FROM orders o
      JOIN dealers d ON d.code = o.dealer_code
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(l.line_total_minor), 0) AS value_minor, count(*) AS lines
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
         WHERE l.order_id = o.id AND ${sql.join(lineWhere, sql` AND `)}
      ) v
     WHERE ${sql.join(where, sql` AND `)} ${productFiltered ? sql`AND v.lines > 0` : sql``}
     ORDER BY o.confirmed_at DESC NULLS LAST, o.order_no DESC
     LIMIT ${limit}`.execute(db);
  return {
    ...range,
    count: rows.length === 0 ? 0 : Number(rows[0]!.total_count),
    valueMinor: rows.length === 0 ? 0n : BigInt(rows[0]!.total_value),
    orders: rows.map((r) => ({
      id: r.id,
      number: orderNumber(r.order_no, r.created_at),
      dealer: r.dealer_code,
      dealerName: r.name,
      channel: r.channel,
      status: r.status,
      day: r.day,
      valueMinor: BigInt(r.value_minor),
    })),
  };
}
