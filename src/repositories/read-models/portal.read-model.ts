/**
 * What the dealer portal shows. Every query takes the signed-in dealer's
 * code and filters by it: an order number or id of another dealer finds
 * nothing (the portal answers 404, the same as for no such order).
 */
import { sql } from 'kysely';
import type { DateOnly, OrderStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface PortalOrderRow {
  id: string;
  orderNo: bigint;
  status: OrderStatus;
  totalMinor: bigint;
  createdAt: Date;
  lineCount: number;
  /** The first products' names, for the list. */
  firstItems: string[];
}

/** The dealer's orders, newest first (drafts a person is still reading included). */
export async function listPortalOrders(
  db: Executor,
  dealerCode: string,
  input: { limit: number; offset?: number; statuses?: readonly OrderStatus[] },
): Promise<PortalOrderRow[]> {
  let q = db
    .selectFrom('orders as o')
    .select([
      'o.id',
      'o.order_no',
      'o.status',
      'o.total_minor',
      'o.created_at',
      sql<number>`(SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND NOT l.free)::int`.as(
        'line_count',
      ),
      sql<string[]>`array(
        SELECT coalesce(p.name, l.sku) FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
        WHERE l.order_id = o.id AND NOT l.free ORDER BY l.line_no LIMIT 2)`.as('first_items'),
    ])
    .where('o.dealer_code', '=', dealerCode)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.order_no', 'desc')
    .limit(input.limit)
    .offset(input.offset ?? 0);
  if (input.statuses !== undefined) q = q.where('o.status', 'in', [...input.statuses]);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    orderNo: r.order_no,
    status: r.status,
    totalMinor: r.total_minor,
    createdAt: r.created_at,
    lineCount: r.line_count,
    firstItems: r.first_items,
  }));
}

export interface PortalOrderLine {
  sku: string;
  name: string;
  unit: string;
  qty: number;
  unitPriceMinor: bigint | null;
  lineTotalMinor: bigint | null;
  free: boolean;
}

export interface PortalShipment {
  on: DateOnly;
  transporter: string | null;
  lrNumber: string | null;
  vehicle: string | null;
}

export interface PortalOrderDetail extends Omit<PortalOrderRow, 'lineCount' | 'firstItems'> {
  statusReason: string | null;
  subtotalMinor: bigint;
  taxMinor: bigint;
  discountMinor: bigint;
  lines: PortalOrderLine[];
  dispatches: PortalShipment[];
  deliveredOn: DateOnly | null;
  /** When each step happened; null: not (yet). */
  confirmedAt: Date | null;
  exportedAt: Date | null;
  invoicedAt: Date | null;
  dispatchedAt: Date | null;
  deliveredAt: Date | null;
  /** The ERP's invoice numbers for this order. */
  invoices: string[];
}

/** One order of this dealer by its number; undefined when it is not this dealer's. */
export async function findPortalOrder(
  db: Executor,
  dealerCode: string,
  orderNo: bigint,
): Promise<PortalOrderDetail | undefined> {
  const o = await db
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', dealerCode)
    .where('order_no', '=', orderNo)
    .executeTakeFirst();
  if (!o) return undefined;
  const [lines, dispatches, delivery, invoices] = await Promise.all([
    db
      .selectFrom('order_lines as l')
      .leftJoin('products as p', 'p.sku', 'l.sku')
      .select([
        'l.sku',
        'l.qty',
        'l.unit_price_minor',
        'l.line_total_minor',
        'l.free',
        'p.name',
        'p.unit',
      ])
      .where('l.order_id', '=', o.id)
      .orderBy('l.line_no')
      .execute(),
    db
      .selectFrom('dispatches')
      .select(['dispatched_on', 'transporter', 'lr_number', 'vehicle'])
      .where('order_id', '=', o.id)
      .orderBy('dispatched_on')
      .execute(),
    db
      .selectFrom('deliveries')
      .select('delivered_on')
      .where('order_id', '=', o.id)
      .orderBy('delivered_on', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('ledger_entries')
      .select('reference')
      .where('order_id', '=', o.id)
      .where('dealer_code', '=', dealerCode)
      .where('kind', '=', 'invoice')
      .orderBy('occurred_at')
      .execute(),
  ]);
  return {
    id: o.id,
    orderNo: o.order_no,
    status: o.status,
    statusReason: o.status_reason,
    totalMinor: o.total_minor,
    subtotalMinor: o.subtotal_minor,
    taxMinor: o.tax_minor,
    discountMinor: o.discount_minor,
    createdAt: o.created_at,
    lines: lines.map((l) => ({
      sku: l.sku,
      name: l.name ?? l.sku,
      unit: l.unit ?? '',
      qty: l.qty,
      unitPriceMinor: l.unit_price_minor,
      lineTotalMinor: l.line_total_minor,
      free: l.free,
    })),
    dispatches: dispatches.map((d) => ({
      on: d.dispatched_on,
      transporter: d.transporter,
      lrNumber: d.lr_number,
      vehicle: d.vehicle,
    })),
    deliveredOn: delivery?.delivered_on ?? null,
    confirmedAt: o.confirmed_at,
    exportedAt: o.exported_at,
    invoicedAt: o.invoiced_at,
    dispatchedAt: o.dispatched_at,
    deliveredAt: o.delivered_at,
    invoices: invoices.flatMap((i) => (i.reference === null ? [] : [i.reference])),
  };
}

export interface PortalProduct {
  sku: string;
  name: string;
  unit: string;
}

/** Products by SKU, active ones only (a reorder skips what is no longer sold). */
export async function findPortalProducts(
  db: Executor,
  skus: readonly string[],
): Promise<PortalProduct[]> {
  if (skus.length === 0) return [];
  return db
    .selectFrom('products')
    .select(['sku', 'name', 'unit'])
    .where('sku', 'in', [...skus])
    .where('active', '=', true)
    .execute();
}

/** The products this dealer orders most (by number of orders), for the order page. */
export async function listUsualProducts(
  db: Executor,
  dealerCode: string,
  limit: number,
): Promise<PortalProduct[]> {
  return db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .innerJoin('products as p', 'p.sku', 'l.sku')
    .select(['p.sku', 'p.name', 'p.unit'])
    .where('o.dealer_code', '=', dealerCode)
    .where('l.free', '=', false)
    .where('p.active', '=', true)
    .where('o.status', 'not in', ['rejected', 'cancelled'])
    .groupBy(['p.sku', 'p.name', 'p.unit'])
    .orderBy(sql`count(DISTINCT o.id)`, 'desc')
    .orderBy('p.name')
    .limit(limit)
    .execute();
}
