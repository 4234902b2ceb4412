/**
 * One order as integrations see it: the JSON of `GET /api/orders/{id}` and
 * of the export webhook's `order` (docs/http-api.md). Money as strings with
 * two decimals; events oldest first from the audit trail; what came back
 * from the ERP (invoices, dispatches, delivery) beside it.
 */
import { describePriceStep, isPriceStep } from '../../domain/pricing/explain-price.js';
import { orderNoFromNumber, orderNumber } from '../../domain/order-number.js';
import { formatMinor } from '../../domain/money.js';
import { indiaDate } from '../../domain/india-date.js';
import type { Executor } from '../../db/transaction.js';
import { listOrders, type OrderView } from './order-list.read-model.js';

const money = (minor: bigint | null) => (minor === null ? null : formatMinor(minor));
const day = (d: Date | string) => (typeof d === 'string' ? d : indiaDate(d));

/** The list's JSON for one order (`GET /api/orders`). */
export function orderListJson(o: OrderView) {
  return {
    id: o.id,
    dealer: o.dealerCode,
    status: o.status,
    channel: o.channel,
    created_at: o.createdAt.toISOString(),
    total: formatMinor(o.totalMinor),
    lines: o.lines.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      unit_price: money(l.unitPriceMinor),
      line_total: money(l.lineTotalMinor),
    })),
  };
}

export type OrderDocument = Awaited<ReturnType<typeof buildDocument>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id (uuid) or number (`SO-2026-000123`); undefined when there is no such order. */
export async function findOrderDocument(
  db: Executor,
  idOrNumber: string,
): Promise<OrderDocument | undefined> {
  const orderNo = orderNoFromNumber(idOrNumber);
  if (orderNo === null && !UUID.test(idOrNumber)) return undefined;
  const [view] = await listOrders(
    db,
    orderNo === null ? { id: idOrNumber, limit: 1 } : { orderNo, limit: 1 },
  );
  return view === undefined ? undefined : buildDocument(db, view);
}

async function buildDocument(db: Executor, view: OrderView) {
  const [events, invoices, dispatches, delivery, priced] = await Promise.all([
    db
      .selectFrom('audit_events')
      .select(['at', 'action', 'reason'])
      .where('entity_type', '=', 'order')
      .where('entity_id', '=', view.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(['reference', 'occurred_at', 'due_date', 'amount_minor'])
      .where('order_id', '=', view.id)
      .where('kind', '=', 'invoice')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dispatches')
      .select(['dispatched_on', 'transporter', 'lr_number', 'vehicle', 'lines'])
      .where('order_id', '=', view.id)
      .orderBy('dispatched_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('deliveries')
      .select(['delivered_on', 'received_by', 'shortages'])
      .where('order_id', '=', view.id)
      .executeTakeFirst(),
    db
      .selectFrom('order_lines')
      .select(['sku', 'qty', 'free', 'price_explanation'])
      .where('order_id', '=', view.id)
      .orderBy('line_no')
      .execute(),
  ]);
  return {
    ...orderListJson(view),
    number: orderNumber(view.orderNo, view.createdAt),
    version: view.version,
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.action, detail: e.reason })),
    // How each line's price was reached, in words with names (free goods included).
    pricing: priced.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      free: l.free,
      explanation: l.price_explanation.filter(isPriceStep).map(describePriceStep),
    })),
    invoices: invoices.map((i) => ({
      invoice_no: i.reference,
      date: indiaDate(i.occurred_at),
      due_date: i.due_date === null ? null : day(i.due_date),
      amount: formatMinor(i.amount_minor),
    })),
    dispatches: dispatches.map((d) => ({
      date: day(d.dispatched_on),
      transporter: d.transporter,
      lr_number: d.lr_number,
      vehicle: d.vehicle,
      lines: d.lines,
    })),
    delivery:
      delivery === undefined
        ? null
        : {
            date: day(delivery.delivered_on),
            received_by: delivery.received_by,
            shortages: delivery.shortages,
          },
  };
}
