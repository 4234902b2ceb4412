/**
 * What a dealer hears when they ask where their order is: the order they
 * named ("#123", "order 123", "SO-2026-000123", "yesterday's order", "the
 * wire order") if it is theirs, else their latest orders — each with its status and, once the ERP reported them, the
 * latest dispatch (date, transporter, LR number) and the delivery date.
 */
import { sql } from 'kysely';
import { indiaDate } from '../domain/india-date.js';
import { orderNoFromNumber } from '../domain/order-number.js';
import type { Order } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { listRecentOrders } from '../repositories/order.repository.js';
import type { OrderSummary } from '../../templates/types.js';
import { ordersReferenced } from './order-reference.js';
import { orderLabel } from './reply-target.js';

const REFERENCES = [/#\s?(\d{1,12})\b/, /\border\s*(?:no\.?|number|num)?\s*[:#-]?\s*(\d{1,12})\b/i];

/** The order serials a message names, in the order they appear. */
export function orderNosIn(text: string): bigint[] {
  const found: bigint[] = [];
  for (const word of text.split(/\s+/)) {
    const serial = orderNoFromNumber(word.replace(/[.,;:!?)]+$/, ''));
    if (serial !== null) found.push(serial);
  }
  for (const pattern of REFERENCES) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) found.push(BigInt(match[1]));
  }
  return [...new Set(found)];
}

/** How far back a day or a product named in a status question is looked for. */
const REFERENCE_WINDOW = 30;

/** The orders a question names by day or product, among the dealer's recent ones. */
async function referencedOrders(
  db: Executor,
  dealerCode: string,
  text: string,
  now: Date,
): Promise<Order[]> {
  const recent = await listRecentOrders(db, dealerCode, REFERENCE_WINDOW);
  if (recent.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.sku', 'l.sku')
    .select(['l.order_id', 'p.name', 'l.sku'])
    .where(
      'l.order_id',
      'in',
      recent.map((o) => o.id),
    )
    .execute();
  const ids = ordersReferenced(
    text,
    recent.map((o) => ({
      id: o.id,
      day: indiaDate(o.created_at),
      products: lines.filter((l) => l.order_id === o.id).flatMap((l) => [l.name, l.sku]),
    })),
    indiaDate(now),
  );
  return recent.filter((o) => ids.includes(o.id));
}

export async function orderStatusSummaries(
  db: Executor,
  dealerCode: string,
  text: string,
  latest: number,
  now: Date = new Date(),
): Promise<OrderSummary[]> {
  const named = orderNosIn(text);
  let orders: Order[] = [];
  if (named.length > 0) {
    orders = await db
      .selectFrom('orders')
      .selectAll()
      .where('dealer_code', '=', dealerCode)
      .where('order_no', 'in', named)
      .orderBy('created_at', 'desc')
      .execute();
  }
  if (orders.length === 0) {
    orders = (await referencedOrders(db, dealerCode, text, now)).slice(0, latest);
  }
  if (orders.length === 0) orders = await listRecentOrders(db, dealerCode, latest);
  return summarise(db, orders);
}

/** The month (India time) a history question names: [start, end). */
function monthRange(period: 'this_month' | 'last_month', now: Date): [Date, Date] {
  const [y, m] = indiaDate(now).split('-').map(Number) as [number, number];
  const start = period === 'this_month' ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  const end = period === 'this_month' ? (m === 12 ? [y + 1, 1] : [y, m + 1]) : [y, m];
  const at = ([yy, mm]: number[]) =>
    new Date(`${yy}-${String(mm).padStart(2, '0')}-01T00:00:00+05:30`);
  return [at(start), at(end)];
}

export interface OrderHistory {
  orders: OrderSummary[];
  /** Orders in the period beyond those listed. */
  more: number;
  /** Value of the period's orders that count (not rejected or cancelled); null for "recent". */
  periodTotalMinor: bigint | null;
}

/** "my last 5 orders", "pichle mahine ke orders": the dealer's orders, newest first. */
export async function orderHistory(
  db: Executor,
  dealerCode: string,
  input: { period: 'recent' | 'this_month' | 'last_month'; count: number; now: Date },
): Promise<OrderHistory> {
  if (input.period === 'recent') {
    const orders = await listRecentOrders(db, dealerCode, input.count);
    return { orders: await summarise(db, orders), more: 0, periodTotalMinor: null };
  }
  const [from, to] = monthRange(input.period, input.now);
  const inPeriod = await db
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', dealerCode)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at', 'desc')
    .orderBy('order_no', 'desc')
    .execute();
  const counted = inPeriod.filter((o) => o.status !== 'rejected' && o.status !== 'cancelled');
  return {
    orders: await summarise(db, inPeriod.slice(0, input.count)),
    more: Math.max(0, inPeriod.length - input.count),
    periodTotalMinor: counted.reduce((sum, o) => sum + o.total_minor, 0n),
  };
}

async function summarise(db: Executor, orders: Order[]): Promise<OrderSummary[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const { rows: dispatches } = await sql<{
    order_id: string;
    dispatched_on: string | Date;
    transporter: string | null;
    lr_number: string | null;
    vehicle: string | null;
  }>`
    SELECT DISTINCT ON (order_id) order_id, dispatched_on, transporter, lr_number, vehicle
    FROM dispatches WHERE order_id = ANY(${ids}::uuid[])
    ORDER BY order_id, dispatched_on DESC, created_at DESC`.execute(db);
  const deliveries = await db
    .selectFrom('deliveries')
    .select(['order_id', 'delivered_on'])
    .where('order_id', 'in', ids)
    .execute();
  const day = (d: string | Date) => (typeof d === 'string' ? d : indiaDate(d));
  const dispatchOf = new Map(dispatches.map((d) => [d.order_id, d]));
  const deliveredOf = new Map(deliveries.map((d) => [d.order_id, day(d.delivered_on)]));
  return orders.map((o) => {
    const d = dispatchOf.get(o.id);
    return {
      orderNo: orderLabel(o.order_no),
      status: o.status,
      totalMinor: o.total_minor,
      createdAt: o.created_at,
      dispatch:
        d === undefined
          ? null
          : {
              date: day(d.dispatched_on),
              transporter: d.transporter,
              lrNumber: d.lr_number,
              vehicle: d.vehicle,
            },
      deliveredOn: deliveredOf.get(o.id) ?? null,
    };
  });
}
