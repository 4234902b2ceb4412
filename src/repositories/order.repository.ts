/**
 * Orders and their lines. A draft from a message is unique per (message,
 * draft number), so a re-run job finds the order it already wrote.
 */
import { sql, type RawBuilder } from 'kysely';
import { toJson } from '../db/json.js';
import type { Channel, JsonValue, Order, OrderLine, OrderStatus } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { orderNoFromNumber } from '../domain/order-number.js';
import { jsonbParam } from './bulk.js';
import { isUuid } from './inbound-message.repository.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';

export interface NewOrderLine {
  sku: string;
  qty: number;
  sourceText: string | null;
  /** Absent for an unpriced draft (review). */
  priced?: {
    listPriceMinor: bigint;
    unitPriceMinor: bigint;
    lineTotalMinor: bigint;
    explanation: JsonValue[];
    /** Defaults: 0, 0, 0, null, false. */
    discountMinor?: bigint;
    taxRateBp?: number;
    taxMinor?: bigint;
    requestedPriceMinor?: bigint | null;
    free?: boolean;
  };
}

export interface InsertOrderInput {
  dealerCode: string | null;
  repCode: string | null;
  inboundMessageId: string | null;
  draftNo: number;
  channel: Channel;
  status: OrderStatus;
  statusReason: string | null;
  reviewReasons: JsonValue[];
  subtotalMinor: bigint;
  totalMinor: bigint;
  /** Defaults 0: savings against list prices, and tax. */
  discountMinor?: bigint;
  taxMinor?: bigint;
  confirmedAt: Date | null;
  lines: readonly NewOrderLine[];
}

export type OrderWithLines = Order & { lines: OrderLine[] };

/**
 * Inserts an order with its lines (one statement for the lines). Returns
 * null when the message's draft already has an order (a re-run job).
 */
export async function insertOrder(
  db: Executor,
  input: InsertOrderInput,
): Promise<{ id: string; orderNo: bigint } | null> {
  // a multi-row statement: the orders a batch's messages write are one statement (multi-row.ts)
  const { lines, ...order } = input;
  const [rows] = await runMultiRow<{ id: string; order_no: bigint }>(db, INSERT_ORDER_SQL, [
    {
      ...order,
      // money as decimal text: the rows' JSON needs no replacer (multi-row.ts)
      subtotalMinor: input.subtotalMinor.toString(),
      totalMinor: input.totalMinor.toString(),
      discountMinor: (input.discountMinor ?? 0n).toString(),
      taxMinor: (input.taxMinor ?? 0n).toString(),
      lines: orderLineRows(lines, 1),
    },
  ]);
  const row = rows?.[0];
  return row ? { id: row.id, orderNo: row.order_no } : null;
}

/**
 * Orders and their lines over rows; a row whose draft has an order already inserts nothing (no
 * lines either) and returns nothing. Each order's id is drawn first, to hand each row its own.
 */
const INSERT_ORDER_SQL = `${MULTI_ROW_MARK}
  WITH r AS MATERIALIZED (
    SELECT i::int AS i, doc, gen_random_uuid() AS id
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), o AS (
    INSERT INTO orders (id, dealer_code, rep_code, inbound_message_id, draft_no, channel, status,
                        status_reason, review_reasons, subtotal_minor, total_minor,
                        discount_minor, tax_minor, confirmed_at)
    SELECT id, doc->>'dealerCode', doc->>'repCode', (doc->>'inboundMessageId')::uuid,
           (doc->>'draftNo')::int, doc->>'channel', doc->>'status', doc->>'statusReason',
           doc->'reviewReasons', (doc->>'subtotalMinor')::bigint, (doc->>'totalMinor')::bigint,
           (doc->>'discountMinor')::bigint, (doc->>'taxMinor')::bigint,
           (doc->>'confirmedAt')::timestamptz
      FROM r ORDER BY i
    ON CONFLICT ON CONSTRAINT orders_inbound_message_id_draft_no_key DO NOTHING
    RETURNING id, order_no
  ), l AS (
    INSERT INTO order_lines
      (order_id, line_no, sku, qty, source_text, list_price_minor, unit_price_minor,
       line_total_minor, price_explanation, discount_minor, tax_rate_bp, tax_minor,
       requested_price_minor, free)
    SELECT o.id, t.line_no, t.sku, t.qty, t.source_text, t.list_price_minor, t.unit_price_minor,
           t.line_total_minor, t.price_explanation, t.discount_minor, t.tax_rate_bp, t.tax_minor,
           t.requested_price_minor, t.free
      FROM o JOIN r ON r.id = o.id,
           jsonb_to_recordset(r.doc->'lines') AS t(
             line_no integer, sku text, qty integer, source_text text, list_price_minor bigint,
             unit_price_minor bigint, line_total_minor bigint, price_explanation jsonb,
             discount_minor bigint, tax_rate_bp integer, tax_minor bigint,
             requested_price_minor bigint, free boolean)
  )
  SELECT r.i AS _i, o.id, o.order_no FROM o JOIN r ON r.id = o.id`;

async function insertOrderLines(
  db: Executor,
  orderId: string,
  lines: readonly NewOrderLine[],
  firstLineNo: number,
): Promise<void> {
  if (lines.length === 0) return;
  await orderLinesInsert(sql`${orderId}::uuid`, lines, firstLineNo, sql`FROM`).execute(db);
}

/** The INSERT of an order's lines; `orderId` an expression, `from` how the FROM clause starts. */
function orderLinesInsert(
  orderId: RawBuilder<unknown>,
  lines: readonly NewOrderLine[],
  firstLineNo: number,
  from: RawBuilder<unknown>,
) {
  const rows = orderLineRows(lines, firstLineNo);
  return sql`
    INSERT INTO order_lines
      (order_id, line_no, sku, qty, source_text, list_price_minor, unit_price_minor,
       line_total_minor, price_explanation, discount_minor, tax_rate_bp, tax_minor,
       requested_price_minor, free)
    SELECT ${orderId}, t.line_no, t.sku, t.qty, t.source_text, t.list_price_minor,
           t.unit_price_minor, t.line_total_minor, t.price_explanation, t.discount_minor,
           t.tax_rate_bp, t.tax_minor, t.requested_price_minor, t.free
    ${from} jsonb_to_recordset(${jsonbParam(rows)}) AS t(
      line_no integer, sku text, qty integer, source_text text, list_price_minor bigint,
      unit_price_minor bigint, line_total_minor bigint, price_explanation jsonb,
      discount_minor bigint, tax_rate_bp integer, tax_minor bigint, requested_price_minor bigint,
      free boolean)`;
}

/** An order's lines as the rows the INSERTs read (jsonb_to_recordset). */
function orderLineRows(lines: readonly NewOrderLine[], firstLineNo: number) {
  return lines.map((l, i) => ({
    line_no: firstLineNo + i,
    sku: l.sku,
    qty: l.qty,
    source_text: l.sourceText,
    // money as decimal text (jsonb_to_recordset reads it into bigint)
    list_price_minor: l.priced?.listPriceMinor.toString() ?? null,
    unit_price_minor: l.priced?.unitPriceMinor.toString() ?? null,
    line_total_minor: l.priced?.lineTotalMinor.toString() ?? null,
    price_explanation: l.priced?.explanation ?? [],
    discount_minor: (l.priced?.discountMinor ?? 0n).toString(),
    tax_rate_bp: l.priced?.taxRateBp ?? 0,
    tax_minor: (l.priced?.taxMinor ?? 0n).toString(),
    requested_price_minor: l.priced?.requestedPriceMinor?.toString() ?? null,
    free: l.priced?.free ?? false,
  }));
}

/** Replaces every line of an order (a re-priced or re-drafted order). */
export async function replaceOrderLines(
  db: Executor,
  orderId: string,
  lines: readonly NewOrderLine[],
): Promise<void> {
  await db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await insertOrderLines(db, orderId, lines, 1);
}

export async function findOrder(db: Executor, id: string): Promise<OrderWithLines | undefined> {
  if (!isUuid(id)) return undefined;
  const order = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) return undefined;
  return { ...order, lines: await listOrderLines(db, id) };
}

/** The id of the order named by its id or its number (`SO-2026-000123`), if there is one. */
export async function resolveOrderId(
  db: Executor,
  idOrNumber: string,
): Promise<string | undefined> {
  const orderNo = orderNoFromNumber(idOrNumber);
  if (orderNo === null && !isUuid(idOrNumber)) return undefined;
  const row = await db
    .selectFrom('orders')
    .select('id')
    .$call((q) =>
      orderNo === null ? q.where('id', '=', idOrNumber) : q.where('order_no', '=', orderNo),
    )
    .executeTakeFirst();
  return row?.id;
}

/** The order row locked until the transaction ends. */
export async function lockOrder(db: Executor, id: string): Promise<Order | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listOrderLines(db: Executor, orderId: string): Promise<OrderLine[]> {
  return db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
}

export async function findOrderForDraft(
  db: Executor,
  inboundMessageId: string,
  draftNo: number,
): Promise<Order | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('inbound_message_id', '=', inboundMessageId)
    .where('draft_no', '=', draftNo)
    .executeTakeFirst();
}

/** Ids of the orders drafted from a message, by draft number. */
export async function listOrderIdsForMessage(
  db: Executor,
  inboundMessageId: string,
): Promise<string[]> {
  if (!isUuid(inboundMessageId)) return [];
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('inbound_message_id', '=', inboundMessageId)
    .orderBy('draft_no')
    .execute();
  return rows.map((r) => r.id);
}

export interface UpdateOrderInput {
  status?: OrderStatus;
  statusReason?: string | null;
  reviewReasons?: JsonValue[];
  subtotalMinor?: bigint;
  totalMinor?: bigint;
  discountMinor?: bigint;
  taxMinor?: bigint;
  confirmedAt?: Date | null;
}

export async function updateOrder(
  db: Executor,
  id: string,
  input: UpdateOrderInput,
): Promise<void> {
  await db
    .updateTable('orders')
    .set({
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.statusReason === undefined ? {} : { status_reason: input.statusReason }),
      ...(input.reviewReasons === undefined ? {} : { review_reasons: toJson(input.reviewReasons) }),
      ...(input.subtotalMinor === undefined ? {} : { subtotal_minor: input.subtotalMinor }),
      ...(input.totalMinor === undefined ? {} : { total_minor: input.totalMinor }),
      ...(input.discountMinor === undefined ? {} : { discount_minor: input.discountMinor }),
      ...(input.taxMinor === undefined ? {} : { tax_minor: input.taxMinor }),
      ...(input.confirmedAt === undefined ? {} : { confirmed_at: input.confirmedAt }),
    })
    .where('id', '=', id)
    .execute();
}

/** A dealer's latest orders, newest first. */
export async function listRecentOrders(
  db: Executor,
  dealerCode: string,
  limit: number,
): Promise<Order[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', dealerCode)
    .orderBy('created_at', 'desc')
    .orderBy('order_no', 'desc')
    .limit(limit)
    .execute();
}

/** The dealer's newest order in one of these statuses. */
export async function findLatestOrderInStatus(
  db: Executor,
  dealerCode: string,
  statuses: readonly OrderStatus[],
): Promise<Order | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', dealerCode)
    .where('status', 'in', [...statuses])
    .orderBy('created_at', 'desc')
    .orderBy('order_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}
