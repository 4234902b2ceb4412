/**
 * Orders with their lines, newest first, for the API. Two queries (orders,
 * then all their lines at once) rather than one per order.
 */
import type { Channel, OrderStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface OrderLineView {
  sku: string;
  qty: number;
  /** null until priced (a draft in review may not be). */
  unitPriceMinor: bigint | null;
  lineTotalMinor: bigint | null;
}

export interface OrderView {
  id: string;
  orderNo: bigint;
  /** null for a draft whose sender is not tied to a dealer yet. */
  dealerCode: string | null;
  status: OrderStatus;
  statusReason: string | null;
  channel: Channel;
  createdAt: Date;
  totalMinor: bigint;
  version: number;
  lines: OrderLineView[];
}

export interface ListOrdersInput {
  /** One order by id (a list of at most one). */
  id?: string;
  /** One order by its serial (`#123`, `SO-2026-000123`). */
  orderNo?: bigint;
  dealerCode?: string;
  status?: OrderStatus;
  /** Default 50. */
  limit?: number;
}

export async function listOrders(db: Executor, input: ListOrdersInput = {}): Promise<OrderView[]> {
  let query = db
    .selectFrom('orders')
    .select([
      'id',
      'order_no',
      'dealer_code',
      'status',
      'status_reason',
      'channel',
      'created_at',
      'total_minor',
      'version',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('order_no', 'desc')
    .limit(input.limit ?? 50);
  if (input.id !== undefined) query = query.where('id', '=', input.id);
  if (input.orderNo !== undefined) query = query.where('order_no', '=', input.orderNo);
  if (input.dealerCode !== undefined) query = query.where('dealer_code', '=', input.dealerCode);
  if (input.status !== undefined) query = query.where('status', '=', input.status);
  const orders = await query.execute();
  if (orders.length === 0) return [];

  const lines = await db
    .selectFrom('order_lines')
    .select(['order_id', 'sku', 'qty', 'unit_price_minor', 'line_total_minor'])
    .where(
      'order_id',
      'in',
      orders.map((o) => o.id),
    )
    .orderBy('order_id')
    .orderBy('line_no')
    .execute();
  const byOrder = new Map<string, OrderLineView[]>();
  for (const line of lines) {
    const list = byOrder.get(line.order_id) ?? [];
    list.push({
      sku: line.sku,
      qty: line.qty,
      unitPriceMinor: line.unit_price_minor,
      lineTotalMinor: line.line_total_minor,
    });
    byOrder.set(line.order_id, list);
  }
  return orders.map((o) => ({
    id: o.id,
    orderNo: o.order_no,
    dealerCode: o.dealer_code,
    status: o.status,
    statusReason: o.status_reason,
    channel: o.channel,
    createdAt: o.created_at,
    totalMinor: o.total_minor,
    version: o.version,
    lines: byOrder.get(o.id) ?? [],
  }));
}
