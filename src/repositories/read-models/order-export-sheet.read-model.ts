/**
 * What an ERP file needs of one order: the header (number, dates, dealer)
 * and every line with product name, unit, prices, tax and totals, in minor
 * units. Free goods are lines of their own at zero price.
 */
import { sql } from 'kysely';
import { indiaDate, startOfIndiaDay } from '../../domain/india-date.js';
import { orderNumber } from '../../domain/order-number.js';
import { CONFIRMED_OR_LATER } from '../../domain/order-status.js';
import type { Executor } from '../../db/transaction.js';

export interface ExportSheetLine {
  lineNo: number;
  sku: string;
  name: string;
  unit: string;
  qty: number;
  unitPriceMinor: bigint;
  discountMinor: bigint;
  taxRateBp: number;
  taxMinor: bigint;
  lineTotalMinor: bigint;
  free: boolean;
}

export interface ExportSheet {
  id: string;
  number: string;
  version: number;
  /** YYYY-MM-DD, India. */
  date: string;
  dealerCode: string;
  dealerName: string;
  channel: string;
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  lines: ExportSheetLine[];
}

export async function findOrderExportSheet(
  db: Executor,
  orderId: string,
): Promise<ExportSheet | undefined> {
  const order = await db
    .selectFrom('orders as o')
    .innerJoin('dealers as d', 'd.code', 'o.dealer_code')
    .select([
      'o.id',
      'o.order_no',
      'o.version',
      'o.channel',
      'o.created_at',
      'o.confirmed_at',
      'o.subtotal_minor',
      'o.discount_minor',
      'o.tax_minor',
      'o.total_minor',
      'd.code as dealer_code',
      'd.name as dealer_name',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (order === undefined) return undefined;
  const lines = await db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.sku', 'l.sku')
    .select([
      'l.line_no',
      'l.sku',
      'p.name',
      'p.unit',
      'l.qty',
      sql<bigint>`coalesce(l.unit_price_minor, 0)::bigint`.as('unit_price_minor'),
      'l.discount_minor',
      'l.tax_rate_bp',
      'l.tax_minor',
      sql<bigint>`coalesce(l.line_total_minor, 0)::bigint`.as('line_total_minor'),
      'l.free',
    ])
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  return {
    id: order.id,
    number: orderNumber(order.order_no, order.created_at),
    version: order.version,
    date: indiaDate(order.confirmed_at ?? order.created_at),
    dealerCode: order.dealer_code,
    dealerName: order.dealer_name,
    channel: order.channel,
    subtotalMinor: order.subtotal_minor,
    discountMinor: order.discount_minor,
    taxMinor: order.tax_minor,
    totalMinor: order.total_minor,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      qty: l.qty,
      unitPriceMinor: l.unit_price_minor,
      discountMinor: l.discount_minor,
      taxRateBp: l.tax_rate_bp,
      taxMinor: l.tax_minor,
      lineTotalMinor: l.line_total_minor,
      free: l.free,
    })),
  };
}

/** Orders past confirmation (not cancelled) confirmed in [from, to] (India days), oldest first. */
export async function listConfirmedOrderIds(
  db: Executor,
  range: { from: string; to: string },
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('status', 'in', CONFIRMED_OR_LATER)
    .where('confirmed_at', '>=', startOfIndiaDay(range.from))
    .where('confirmed_at', '<', new Date(startOfIndiaDay(range.to).getTime() + 86_400_000))
    .orderBy('confirmed_at')
    .orderBy('order_no')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
