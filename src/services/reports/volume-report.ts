/**
 * Order volume — value, quantity and orders — grouped by one dimension or
 * two crossed, over a date range, optionally beside a comparison range.
 *
 * Where it reads (`planVolume`): the smallest rollup that has every
 * dimension and filter asked — the network by region and channel, brands and
 * categories by region, dealers, products — or, for a product crossed with a
 * dealer or channel, the orders themselves (exact; meant for one dealer's or
 * a short range's detail). Whole months come from the monthly rollups, edge
 * days and day/week grouping from the daily ones (`splitRange`).
 *
 * Value is the order's net value before tax (its lines after discounts);
 * quantity counts paid lines in their sales units; on product rows `orders`
 * counts the orders holding that product.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import {
  compareRange,
  splitRange,
  type CompareRange,
  type IsoDate,
} from '../../domain/report-periods.js';
import {
  COUNTED_STATUSES,
  isPeriod,
  resolveRange,
  type Dimension,
  type VolumeQuery,
} from './report-scope.js';

export type VolumeSource = 'network' | 'brand' | 'dealer' | 'product' | 'orders';

export interface VolumePlan {
  source: VolumeSource;
  /** Day/week grouping: daily rollups only. */
  daysOnly: boolean;
}

/**
 * What each rollup can answer (dimensions and filters; `sku` is the product
 * filter), smallest first: a query reads the first that has everything it
 * asks. The orders themselves answer anything.
 */
const ROLLUP_SCOPE: readonly [Exclude<VolumeSource, 'orders'>, ReadonlySet<string>][] = [
  ['network', new Set(['region', 'channel'])],
  ['brand', new Set(['brand', 'category', 'region'])],
  ['dealer', new Set(['dealer', 'region', 'channel'])],
  ['product', new Set(['product', 'sku', 'brand', 'category', 'region'])],
];

/** Where a query reads from; pure. */
export function planVolume(q: VolumeQuery): VolumePlan {
  const dims: string[] = [q.by, ...(q.then === undefined ? [] : [q.then])];
  const filters = (['dealer', 'region', 'channel', 'sku', 'brand', 'category'] as const).filter(
    (f) => q[f] !== undefined,
  );
  const asked = [...dims.filter((d) => !isPeriod(d as Dimension)), ...filters];
  const fits = ROLLUP_SCOPE.find(([, scope]) => asked.every((a) => scope.has(a)));
  return {
    source: fits === undefined ? 'orders' : fits[0],
    daysOnly: dims.includes('day') || dims.includes('week'),
  };
}

export interface VolumeFigures {
  orders: number;
  quantity: number;
  valueMinor: bigint;
}

export interface VolumeRow extends VolumeFigures {
  key: string;
  label: string;
  key2?: string;
  label2?: string;
  previous?: VolumeFigures;
}

export interface VolumeReport {
  by: Dimension;
  then: Dimension | undefined;
  from: IsoDate;
  to: IsoDate;
  compare: VolumeQuery['compare'];
  compareFrom?: IsoDate;
  compareTo?: IsoDate;
  source: VolumeSource;
  rows: VolumeRow[];
  totals: VolumeFigures & { previous?: VolumeFigures };
}

const SOURCE_COLUMNS: Record<Exclude<VolumeSource, 'orders'>, string> = {
  network: 'region, channel, orders, quantity, value_minor',
  brand: 'brand, category, region, orders, quantity, value_minor',
  dealer: 'dealer_code, region, channel, orders, quantity, value_minor',
  product: 'sku, region, orders, quantity, value_minor',
};

/** The rows of one source over one range, each with its India date `d` (a month start on monthly rows). */
function sourceRows(plan: VolumePlan, from: IsoDate, to: IsoDate): RawBuilder<unknown> {
  if (plan.source === 'orders') {
    const counted = sql.join(COUNTED_STATUSES.map((s) => sql.lit(s)));
    return sql`
      SELECT report_day(o.confirmed_at, o.created_at) AS d, o.dealer_code, coalesce(dl0.region, '') AS region,
             o.channel, l.sku, o.id AS order_id, l.qty AS quantity, coalesce(l.line_total_minor, 0) AS value_minor
        FROM orders o
        JOIN dealers dl0 ON dl0.code = o.dealer_code
        JOIN order_lines l ON l.order_id = o.id AND NOT l.free
       WHERE o.status IN (${counted})
         AND report_day(o.confirmed_at, o.created_at) BETWEEN ${from}::date AND ${to}::date`;
  }
  const days = `report_${plan.source}_days`;
  const months = `report_${plan.source}_months`;
  const cols = sql.raw(SOURCE_COLUMNS[plan.source]);
  const dayPart = (a: IsoDate, b: IsoDate): RawBuilder<unknown> =>
    sql`SELECT day AS d, ${cols} FROM ${sql.table(days)} WHERE day BETWEEN ${a}::date AND ${b}::date`;
  if (plan.daysOnly) return dayPart(from, to);
  const split = splitRange(from, to);
  const parts: RawBuilder<unknown>[] = [];
  if (split.headDays) parts.push(dayPart(...split.headDays));
  if (split.months) {
    parts.push(
      sql`SELECT month AS d, ${cols} FROM ${sql.table(months)}
           WHERE month BETWEEN ${split.months[0]}::date AND ${split.months[1]}::date`,
    );
  }
  if (split.tailDays) parts.push(dayPart(...split.tailDays));
  return sql.join(parts, sql` UNION ALL `);
}

/** `[key, label]` SQL of a dimension over source `s` (dealers `dl`, products `p`), dates moved by `shift`. */
function dimension(
  dim: Dimension,
  source: VolumeSource,
  shift: CompareRange['shift'] | null,
): [RawBuilder<unknown>, RawBuilder<unknown>] {
  const brand = source === 'brand' ? sql`s.brand` : sql`coalesce(p.brand, '')`;
  const category = source === 'brand' ? sql`s.category` : sql`coalesce(p.category, '')`;
  const d =
    shift === null
      ? sql`s.d`
      : 'months' in shift
        ? sql`(s.d + make_interval(months => ${shift.months}))::date`
        : sql`(s.d + ${shift.days}::int)`;
  const fyYear = sql`extract(year from ${d} - interval '3 months')::int`;
  const fy = sql`'FY' || ${fyYear} || '-' || lpad(((${fyYear} + 1) % 100)::text, 2, '0')`;
  switch (dim) {
    case 'dealer':
      return [sql`s.dealer_code`, sql`coalesce(dl.name, s.dealer_code)`];
    case 'product':
      return [sql`s.sku`, sql`coalesce(p.name, s.sku)`];
    case 'brand':
      return [brand, sql`coalesce(nullif(${brand}, ''), '(no brand)')`];
    case 'category':
      return [category, sql`coalesce(nullif(${category}, ''), '(no category)')`];
    case 'region':
      return [sql`s.region`, sql`coalesce(nullif(s.region, ''), '(no region)')`];
    case 'channel':
      return [sql`s.channel`, sql`s.channel`];
    case 'day':
      return [sql`to_char(${d}, 'YYYY-MM-DD')`, sql`to_char(${d}, 'DD Mon YYYY')`];
    case 'week':
      return [
        sql`to_char(date_trunc('week', ${d}), 'YYYY-MM-DD')`,
        sql`'Week of ' || to_char(date_trunc('week', ${d}), 'DD Mon YYYY')`,
      ];
    case 'month':
      return [sql`to_char(${d}, 'YYYY-MM')`, sql`to_char(${d}, 'Mon YYYY')`];
    case 'quarter': {
      const q = sql`${fy} || ' Q' || (floor((extract(month from ${d} - interval '3 months') - 1) / 3) + 1)::int`;
      return [q, q];
    }
    case 'fy':
      return [fy, fy];
  }
}

interface GroupedRow {
  key: string;
  label: string;
  key2: string | null;
  label2: string | null;
  orders: string;
  quantity: string;
  value_minor: string;
}

async function grouped(
  db: Database,
  q: VolumeQuery,
  plan: VolumePlan,
  range: { from: IsoDate; to: IsoDate },
  shift: CompareRange['shift'] | null,
): Promise<GroupedRow[]> {
  const [key, label] = dimension(q.by, plan.source, shift);
  const [key2, label2] =
    q.then === undefined ? [sql`NULL`, sql`NULL`] : dimension(q.then, plan.source, shift);
  const brand = plan.source === 'brand' ? sql`s.brand` : sql`coalesce(p.brand, '')`;
  const category = plan.source === 'brand' ? sql`s.category` : sql`coalesce(p.category, '')`;
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (q.dealer !== undefined) where.push(sql`s.dealer_code = ${q.dealer}`);
  if (q.region !== undefined) where.push(sql`s.region = ${q.region}`);
  if (q.channel !== undefined) where.push(sql`s.channel = ${q.channel}`);
  if (q.sku !== undefined) where.push(sql`s.sku = ${q.sku}`);
  if (q.brand !== undefined) where.push(sql`${brand} = ${q.brand}`);
  if (q.category !== undefined) where.push(sql`${category} = ${q.category}`);
  const orders = plan.source === 'orders' ? sql`count(DISTINCT s.order_id)` : sql`sum(s.orders)`;
  const joins = {
    network: sql``,
    brand: sql``,
    dealer: sql`LEFT JOIN dealers dl ON dl.code = s.dealer_code`,
    product: sql`LEFT JOIN products p ON p.sku = s.sku`,
    orders: sql`LEFT JOIN dealers dl ON dl.code = s.dealer_code LEFT JOIN products p ON p.sku = s.sku`,
  }[plan.source];
  const result = await sql<GroupedRow>`
    SELECT ${key} AS key, max(${label}) AS label, ${key2} AS key2, max(${label2}) AS label2,
           ${orders}::text AS orders, sum(s.quantity)::text AS quantity, sum(s.value_minor)::text AS value_minor
      FROM (${sourceRows(plan, range.from, range.to)}) s
      ${joins}
     WHERE ${sql.join(where, sql` AND `)}
     GROUP BY 1, 3`.execute(db);
  return result.rows;
}

function figures(r: GroupedRow | undefined): VolumeFigures {
  return {
    orders: r === undefined ? 0 : Number(r.orders),
    quantity: r === undefined ? 0 : Number(r.quantity),
    valueMinor: r === undefined ? 0n : BigInt(r.value_minor),
  };
}

function sum(rows: readonly VolumeFigures[]): VolumeFigures {
  return rows.reduce<VolumeFigures>(
    (a, r) => ({
      orders: a.orders + r.orders,
      quantity: a.quantity + r.quantity,
      valueMinor: a.valueMinor + r.valueMinor,
    }),
    { orders: 0, quantity: 0, valueMinor: 0n },
  );
}

export async function volumeReport(
  db: Database,
  q: VolumeQuery,
  today: IsoDate,
): Promise<VolumeReport> {
  if (q.then === q.by) throw new AppError('INVALID_INPUT', 'then must differ from by');
  const range = resolveRange(q, today);
  const plan = planVolume(q);
  const rowKey = (r: { key: string; key2: string | null }): string =>
    `${r.key}\u0000${r.key2 ?? ''}`;
  const cmp = q.compare === 'none' ? undefined : compareRange(range.from, range.to, q.compare);
  // the two ranges on two connections at once
  const [current, prev] = await Promise.all([
    grouped(db, q, plan, range, null),
    cmp === undefined ? Promise.resolve([]) : grouped(db, q, plan, cmp, cmp.shift),
  ]);
  const previous = new Map(prev.map((r) => [rowKey(r), r]));

  const rows: VolumeRow[] = current.map((r) => ({
    key: r.key,
    label: r.label,
    ...(r.key2 === null ? {} : { key2: r.key2, label2: r.label2 ?? r.key2 }),
    ...figures(r),
    ...(cmp === undefined ? {} : { previous: figures(previous.get(rowKey(r))) }),
  }));
  const periodFirst = isPeriod(q.by);
  rows.sort((a, b) =>
    periodFirst
      ? a.key.localeCompare(b.key) || (a.key2 ?? '').localeCompare(b.key2 ?? '')
      : b.valueMinor === a.valueMinor
        ? a.key.localeCompare(b.key)
        : b.valueMinor > a.valueMinor
          ? 1
          : -1,
  );
  const totals = sum(rows);
  return {
    by: q.by,
    then: q.then,
    ...range,
    compare: q.compare,
    ...(cmp === undefined ? {} : { compareFrom: cmp.from, compareTo: cmp.to }),
    source: plan.source,
    rows,
    totals:
      cmp === undefined
        ? totals
        : { ...totals, previous: sum([...previous.values()].map(figures)) },
  };
}
