/**
 * What the ops console shows: the review queue, holds waiting for a
 * decision, order search and detail, dealers' credit and history, channel
 * states, product look-ups. Read-only; every change goes through services.
 */
import { sql } from 'kysely';
import type { Channel, InboundStatus, JsonValue, OrderStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { isUuid } from '../inbound-message.repository.js';
import { listMessageFiles, type InboundFileInfo } from '../inbound-file.repository.js';

export interface ReviewItem {
  kind: 'order' | 'message';
  /** The order id, or the message id for a message without a draft. */
  id: string;
  orderNo: bigint | null;
  dealerCode: string | null;
  dealerName: string | null;
  channel: Channel;
  sender: string;
  /** Why it waits for a person. */
  reason: string;
  /** When the dealer's message arrived. */
  receivedAt: Date;
  preview: string;
  lineCount: number;
  /** Who claimed it ("I'm on this"), if anyone. */
  claimedBy: { userId: string; name: string } | null;
}

export interface ReviewQueueFilter {
  channel?: Channel;
  dealer?: string;
  /** Words found in the message, the reason, the sender or the dealer's name. */
  q?: string;
  /** Waiting at least this long. */
  minAgeMinutes?: number;
}

export interface ReviewQueueQuery {
  filter?: ReviewQueueFilter;
  limit?: number;
  offset?: number;
}

const QUEUE_ITEMS = sql`
  SELECT 'order' AS kind, o.id::text AS id, o.order_no, o.dealer_code, d.name AS dealer_name,
         o.channel, coalesce(m.sender, '') AS sender, o.status_reason AS reason,
         coalesce(m.received_at, o.created_at) AS received_at,
         left(coalesce(m.text, ''), 160) AS preview,
         (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS line_count
  FROM orders o
  LEFT JOIN inbound_messages m ON m.id = o.inbound_message_id
  LEFT JOIN dealers d ON d.code = o.dealer_code
  WHERE o.status = 'needs_review'
  UNION ALL
  SELECT 'message', m.id::text, NULL, m.dealer_code, d.name, m.channel, m.sender, m.error,
         m.received_at, left(m.text, 160), 0
  FROM inbound_messages m
  LEFT JOIN dealers d ON d.code = m.dealer_code
  WHERE (m.status = 'needs_review'
         -- a poison message the pipeline gave up on is parked here for a person
         OR (m.status = 'failed' AND starts_with(coalesce(m.error, ''), 'parked:')))
    AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.inbound_message_id = m.id
                    AND o.status = 'needs_review')`;

function queueWhere(filter: ReviewQueueFilter) {
  const parts = [sql`true`];
  if (filter.channel !== undefined) parts.push(sql`q.channel = ${filter.channel}`);
  if (filter.dealer !== undefined && filter.dealer !== '')
    parts.push(sql`q.dealer_code = ${filter.dealer}`);
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(q.preview ILIKE ${like} OR coalesce(q.reason, '') ILIKE ${like}
                   OR q.sender ILIKE ${like} OR coalesce(q.dealer_name, '') ILIKE ${like}
                   OR coalesce(q.dealer_code, '') ILIKE ${like})`);
  }
  if (filter.minAgeMinutes !== undefined && filter.minAgeMinutes > 0)
    parts.push(sql`q.received_at <= now() - make_interval(mins => ${filter.minAgeMinutes})`);
  return sql.join(parts, sql` AND `);
}

/** How many items a filter leaves (for paging). */
export async function countReviewItems(
  db: Executor,
  filter: ReviewQueueFilter = {},
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (${QUEUE_ITEMS}) q WHERE ${queueWhere(filter)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Drafts in review and messages waiting without a draft, oldest first, with their claims. */
export async function listReviewQueue(
  db: Executor,
  query: ReviewQueueQuery | number = {},
): Promise<ReviewItem[]> {
  const {
    filter = {},
    limit = 200,
    offset = 0,
  } = typeof query === 'number' ? { limit: query } : query;
  const { rows } = await sql<{
    kind: 'order' | 'message';
    id: string;
    order_no: bigint | null;
    dealer_code: string | null;
    dealer_name: string | null;
    channel: Channel;
    sender: string;
    reason: string | null;
    received_at: Date;
    preview: string;
    line_count: number;
    claimed_by_id: string | null;
    claimed_by_name: string | null;
  }>`
    SELECT q.*, u.id AS claimed_by_id, u.name AS claimed_by_name
    FROM (${QUEUE_ITEMS}) q
    LEFT JOIN review_claims c ON c.item_key = q.kind || ':' || q.id
    LEFT JOIN users u ON u.id = c.user_id
    WHERE ${queueWhere(filter)}
    ORDER BY q.received_at, q.id
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    orderNo: r.order_no,
    dealerCode: r.dealer_code,
    dealerName: r.dealer_name,
    channel: r.channel,
    sender: r.sender,
    reason: r.reason ?? 'waiting for a person',
    receivedAt: r.received_at,
    preview: r.preview,
    lineCount: r.line_count,
    claimedBy:
      r.claimed_by_id === null ? null : { userId: r.claimed_by_id, name: r.claimed_by_name ?? '' },
  }));
}

export interface MessageView {
  id: string;
  channel: Channel;
  sender: string;
  dealerCode: string | null;
  subject: string | null;
  text: string;
  attachments: JsonValue[];
  receivedAt: Date;
  status: InboundStatus;
  error: string | null;
  conversationId: string | null;
  /** Its files (and, for a transcript typed in review, the voice note's), without their bytes. */
  files: InboundFileInfo[];
}

export async function findMessageView(
  db: Executor,
  id: string | null,
): Promise<MessageView | undefined> {
  if (id === null || !isUuid(id)) return undefined;
  const m = await db
    .selectFrom('inbound_messages')
    .select([
      'id',
      'channel',
      'sender',
      'dealer_code',
      'subject',
      'text',
      'attachments',
      'received_at',
      'status',
      'error',
      'conversation_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) return undefined;
  return {
    id: m.id,
    channel: m.channel,
    sender: m.sender,
    dealerCode: m.dealer_code,
    subject: m.subject,
    text: m.text,
    attachments: m.attachments,
    receivedAt: m.received_at,
    status: m.status,
    error: m.error,
    conversationId: m.conversation_id,
    files: await listMessageFiles(db, [m.id, ...transcribedFrom(m.attachments)]),
  };
}

/** The voice note a transcript typed in review was written from (src/services/files/submit-voice-transcript.ts). */
function transcribedFrom(attachments: JsonValue[]): string[] {
  return attachments.flatMap((a) =>
    typeof a === 'object' &&
    a !== null &&
    !Array.isArray(a) &&
    a.kind === 'transcript_of' &&
    typeof a.message_id === 'string' &&
    isUuid(a.message_id)
      ? [a.message_id]
      : [],
  );
}

export interface OrderDetailLine {
  lineNo: number;
  sku: string;
  name: string | null;
  unit: string | null;
  qty: number;
  listPriceMinor: bigint | null;
  unitPriceMinor: bigint | null;
  lineTotalMinor: bigint | null;
  explanation: JsonValue[];
  sourceText: string | null;
}

export interface OrderDetail {
  id: string;
  orderNo: bigint;
  dealerCode: string | null;
  dealerName: string | null;
  status: OrderStatus;
  statusReason: string | null;
  channel: Channel;
  inboundMessageId: string | null;
  reviewReasons: JsonValue[];
  priceExplanation: JsonValue[];
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  createdAt: Date;
  confirmedAt: Date | null;
  lines: OrderDetailLine[];
  /**
   * The review policy's accounting of the message the order came from (every token and its
   * role), when the parser recorded one; null for orders entered otherwise.
   */
  accounting: PolicyAccounting | null;
}

/** What the console shows of the review policy's decision (parsers/review/trace.ts). */
export interface PolicyAccounting {
  needsReview: boolean;
  tokens: { text: string; role: string; line: number; order_line?: number }[];
}

export async function findOrderDetail(db: Executor, id: string): Promise<OrderDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const o = await db
    .selectFrom('orders as o')
    .leftJoin('dealers as d', 'd.code', 'o.dealer_code')
    .select([
      'o.id',
      'o.order_no',
      'o.dealer_code',
      'd.name as dealer_name',
      'o.status',
      'o.status_reason',
      'o.channel',
      'o.inbound_message_id',
      'o.review_reasons',
      'o.price_explanation',
      'o.subtotal_minor',
      'o.discount_minor',
      'o.tax_minor',
      'o.total_minor',
      'o.created_at',
      'o.confirmed_at',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!o) return undefined;
  const lines = await db
    .selectFrom('order_lines as l')
    .leftJoin('products as p', 'p.sku', 'l.sku')
    .select([
      'l.line_no',
      'l.sku',
      'p.name',
      'p.unit',
      'l.qty',
      'l.list_price_minor',
      'l.unit_price_minor',
      'l.line_total_minor',
      'l.price_explanation',
      'l.source_text',
    ])
    .where('l.order_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const message = o.inbound_message_id
    ? await db
        .selectFrom('inbound_messages')
        .select('parse_result')
        .where('id', '=', o.inbound_message_id)
        .executeTakeFirst()
    : undefined;
  return {
    accounting: accountingOf(message?.parse_result ?? null),
    id: o.id,
    orderNo: o.order_no,
    dealerCode: o.dealer_code,
    dealerName: o.dealer_name,
    status: o.status,
    statusReason: o.status_reason,
    channel: o.channel,
    inboundMessageId: o.inbound_message_id,
    reviewReasons: o.review_reasons,
    priceExplanation: o.price_explanation,
    subtotalMinor: o.subtotal_minor,
    discountMinor: o.discount_minor,
    taxMinor: o.tax_minor,
    totalMinor: o.total_minor,
    createdAt: o.created_at,
    confirmedAt: o.confirmed_at,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      qty: l.qty,
      listPriceMinor: l.list_price_minor,
      unitPriceMinor: l.unit_price_minor,
      lineTotalMinor: l.line_total_minor,
      explanation: l.price_explanation,
      sourceText: l.source_text,
    })),
  };
}

export async function listOrderAudit(db: Executor, orderId: string) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'action', 'actor', 'reason', 'data', 'at'])
    .where('entity_type', '=', 'order')
    .where('entity_id', '=', orderId)
    .orderBy('id')
    .execute();
}

export interface ExchangedMessage {
  direction: 'in' | 'out';
  text: string;
  at: Date;
  kind: string | null;
  status: string | null;
}

/** The dealer's message an order came from and every reply about it or that message. */
export async function listOrderMessages(
  db: Executor,
  orderId: string,
  inboundMessageId: string | null,
): Promise<ExchangedMessage[]> {
  const inbound =
    inboundMessageId === null
      ? []
      : await db
          .selectFrom('inbound_messages')
          .select(['text', 'received_at'])
          .where('id', '=', inboundMessageId)
          .execute();
  const outbound = await db
    .selectFrom('outbox')
    .select(['body', 'kind', 'status', 'created_at', 'sent_at'])
    .where((eb) =>
      inboundMessageId === null
        ? eb('order_id', '=', orderId)
        : eb.or([eb('order_id', '=', orderId), eb('inbound_message_id', '=', inboundMessageId)]),
    )
    .orderBy('created_at')
    .execute();
  const all: ExchangedMessage[] = [
    ...inbound.map((m) => ({
      direction: 'in' as const,
      text: m.text,
      at: m.received_at,
      kind: null,
      status: null,
    })),
    ...outbound.map((m) => ({
      direction: 'out' as const,
      text: m.body,
      at: m.sent_at ?? m.created_at,
      kind: m.kind,
      status: m.status,
    })),
  ];
  return all.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface OrderSearchInput {
  dealer?: string;
  status?: OrderStatus;
  channel?: Channel;
  /** Inclusive calendar days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface OrderRow {
  id: string;
  orderNo: bigint;
  dealerCode: string | null;
  dealerName: string | null;
  status: OrderStatus;
  statusReason: string | null;
  channel: Channel;
  totalMinor: bigint;
  createdAt: Date;
}

export async function searchOrders(db: Executor, input: OrderSearchInput): Promise<OrderRow[]> {
  let q = db
    .selectFrom('orders as o')
    .leftJoin('dealers as d', 'd.code', 'o.dealer_code')
    .select([
      'o.id',
      'o.order_no',
      'o.dealer_code',
      'd.name as dealer_name',
      'o.status',
      'o.status_reason',
      'o.channel',
      'o.total_minor',
      'o.created_at',
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.order_no', 'desc')
    .limit(input.limit ?? 100);
  const dealer = input.dealer?.trim();
  if (dealer) {
    const escaped = dealer.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([eb('o.dealer_code', 'ilike', `${escaped}%`), eb('d.name', 'ilike', `%${escaped}%`)]),
    );
  }
  if (input.status) q = q.where('o.status', '=', input.status);
  if (input.channel) q = q.where('o.channel', '=', input.channel);
  if (input.from) q = q.where('o.created_at', '>=', sql<Date>`${input.from}::date`);
  if (input.to) q = q.where('o.created_at', '<', sql<Date>`${input.to}::date + 1`);
  const rows = await q.execute();
  return rows.map((o) => ({
    id: o.id,
    orderNo: o.order_no,
    dealerCode: o.dealer_code,
    dealerName: o.dealer_name,
    status: o.status,
    statusReason: o.status_reason,
    channel: o.channel,
    totalMinor: o.total_minor,
    createdAt: o.created_at,
  }));
}

/** One line of a price exception: what the dealer asked against what the rules allow. */
export interface PriceRequestLine {
  sku: string;
  requestedMinor: bigint;
  allowedMinor: bigint;
  discountBp: number;
}

export interface HeldOrder extends OrderRow {
  /** The pending price approval's lines (held_price orders only). */
  priceRequests: PriceRequestLine[];
  limitMinor: bigint | null;
  outstandingMinor: bigint;
  openOrdersMinor: bigint;
  oldestOverdueDays: number | null;
  overdueMinor: bigint;
}

/** Orders held in a status (credit or price), oldest first, with the dealer's figures. */
export async function listHeldOrders(
  db: Executor,
  status: 'held_credit' | 'held_price',
): Promise<HeldOrder[]> {
  const { rows } = await sql<{
    id: string;
    order_no: bigint;
    dealer_code: string | null;
    dealer_name: string | null;
    status: OrderStatus;
    status_reason: string | null;
    channel: Channel;
    total_minor: bigint;
    created_at: Date;
    limit_minor: bigint | null;
    outstanding_minor: bigint;
    open_orders_minor: bigint;
    oldest_overdue_days: number | null;
    overdue_minor: bigint;
    price_request: unknown;
  }>`
    SELECT o.id, o.order_no, o.dealer_code, d.name AS dealer_name, o.status, o.status_reason,
           (SELECT a.data FROM approvals a
             WHERE a.order_id = o.id AND a.kind = 'price' AND a.status = 'pending'
             ORDER BY a.created_at DESC LIMIT 1) AS price_request,
           o.channel, o.total_minor, o.created_at,
           CASE WHEN c.temp_limit_expires_at > now() THEN c.temp_limit_minor
                ELSE d.credit_limit_minor END AS limit_minor,
           coalesce(c.outstanding_minor, 0)::bigint AS outstanding_minor,
           coalesce(c.open_orders_minor, 0)::bigint AS open_orders_minor,
           (SELECT current_date - min(l.due_date) FROM ledger_entries l
             WHERE l.dealer_code = o.dealer_code AND l.kind = 'invoice'
               AND l.settled_at IS NULL AND l.due_date < current_date) AS oldest_overdue_days,
           (SELECT coalesce(sum(l.amount_minor), 0)::bigint FROM ledger_entries l
             WHERE l.dealer_code = o.dealer_code AND l.kind = 'invoice'
               AND l.settled_at IS NULL AND l.due_date < current_date) AS overdue_minor
    FROM orders o
    LEFT JOIN dealers d ON d.code = o.dealer_code
    LEFT JOIN dealer_credit c ON c.dealer_code = o.dealer_code
    WHERE o.status = ${status}
    ORDER BY o.created_at, o.order_no
    LIMIT 500`.execute(db);
  return rows.map((o) => ({
    id: o.id,
    orderNo: o.order_no,
    dealerCode: o.dealer_code,
    dealerName: o.dealer_name,
    status: o.status,
    statusReason: o.status_reason,
    channel: o.channel,
    totalMinor: o.total_minor,
    createdAt: o.created_at,
    limitMinor: o.limit_minor,
    outstandingMinor: o.outstanding_minor,
    openOrdersMinor: o.open_orders_minor,
    oldestOverdueDays: o.oldest_overdue_days,
    overdueMinor: o.overdue_minor,
    priceRequests: toPriceRequestLines(o.price_request),
  }));
}

/** The approval's stored lines ([{ sku, requested, allowed, discount_bp }]); anything else is skipped. */
function toPriceRequestLines(data: unknown): PriceRequestLine[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const r = d as Record<string, unknown>;
    if (
      typeof r['sku'] !== 'string' ||
      !/^-?\d+$/.test(String(r['requested'])) ||
      !/^-?\d+$/.test(String(r['allowed']))
    )
      return [];
    return [
      {
        sku: r['sku'],
        requestedMinor: BigInt(String(r['requested'])),
        allowedMinor: BigInt(String(r['allowed'])),
        discountBp: typeof r['discount_bp'] === 'number' ? r['discount_bp'] : 0,
      },
    ];
  });
}

export interface DealerRow {
  code: string;
  name: string;
  region: string | null;
  limitMinor: bigint | null;
  outstandingMinor: bigint;
  openOrdersMinor: bigint;
  creditPolicy: string;
  active: boolean;
}

export async function listDealersWithCredit(db: Executor, query: string): Promise<DealerRow[]> {
  let q = db
    .selectFrom('dealers as d')
    .leftJoin('dealer_credit as c', 'c.dealer_code', 'd.code')
    .select([
      'd.code',
      'd.name',
      'd.region',
      'd.credit_policy',
      'd.active',
      sql<bigint | null>`CASE WHEN c.temp_limit_expires_at > now() THEN c.temp_limit_minor
                              ELSE d.credit_limit_minor END`.as('limit_minor'),
      sql<bigint>`coalesce(c.outstanding_minor, 0)::bigint`.as('outstanding_minor'),
      sql<bigint>`coalesce(c.open_orders_minor, 0)::bigint`.as('open_orders_minor'),
    ])
    .orderBy('d.code')
    .limit(200);
  const text = query.trim();
  if (text !== '') {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.or([eb('d.code', 'ilike', `${escaped}%`), eb('d.name', 'ilike', `%${escaped}%`)]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    region: r.region,
    limitMinor: r.limit_minor,
    outstandingMinor: r.outstanding_minor,
    openOrdersMinor: r.open_orders_minor,
    creditPolicy: r.credit_policy,
    active: r.active,
  }));
}

export async function listLedger(db: Executor, dealerCode: string, limit = 50) {
  return db
    .selectFrom('ledger_entries')
    .select([
      'id',
      'kind',
      'amount_minor',
      'reference',
      'due_date',
      'settled_at',
      'note',
      'occurred_at',
    ])
    .where('dealer_code', '=', dealerCode)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listDealerContacts(db: Executor, dealerCode: string) {
  const [phones, emails] = await Promise.all([
    db.selectFrom('dealer_phones').select('phone').where('dealer_code', '=', dealerCode).execute(),
    db.selectFrom('dealer_emails').select('email').where('dealer_code', '=', dealerCode).execute(),
  ]);
  return { phones: phones.map((p) => p.phone), emails: emails.map((e) => e.email) };
}

export async function listLearnedAliasesFor(db: Executor, dealerCode: string) {
  return db
    .selectFrom('learned_aliases as a')
    .leftJoin('products as p', 'p.sku', 'a.sku')
    .select(['a.id', 'a.alias', 'a.sku', 'p.name', 'a.created_by', 'a.created_at'])
    .where('a.dealer_code', '=', dealerCode)
    .orderBy('a.created_at', 'desc')
    .limit(100)
    .execute();
}

export interface ProductHit {
  sku: string;
  name: string;
  unit: string;
}

/** Active products whose SKU starts with, or whose name or alias contains, every word. */
export async function searchProducts(
  db: Executor,
  query: string,
  limit = 20,
): Promise<ProductHit[]> {
  const words = query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
  let q = db
    .selectFrom('products')
    .select(['sku', 'name', 'unit'])
    .where('active', '=', true)
    .orderBy('name')
    .limit(limit);
  for (const w of words) {
    q = q.where((eb) =>
      eb.or([
        eb('sku', 'ilike', `${w}%`),
        eb('name', 'ilike', `%${w}%`),
        eb(sql<string>`array_to_string(aliases, ' ')`, 'ilike', `%${w}%`),
      ]),
    );
  }
  return q.execute();
}

export async function listChannelStates(db: Executor) {
  return db
    .selectFrom('channel_states')
    .select(['channel', 'state', 'since', 'detail', 'qr_data_url', 'heartbeat_at'])
    .orderBy('channel')
    .execute();
}

export async function countReviewQueue(
  db: Executor,
): Promise<{ review: number; credit: number; price: number }> {
  const { rows } = await sql<{ review: number; credit: number; price: number }>`
    SELECT
      (SELECT count(*)::int FROM orders WHERE status = 'needs_review') +
      (SELECT count(*)::int FROM inbound_messages m
         WHERE (m.status = 'needs_review'
                OR (m.status = 'failed' AND starts_with(coalesce(m.error, ''), 'parked:')))
         AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.inbound_message_id = m.id
                         AND o.status = 'needs_review')) AS review,
      (SELECT count(*)::int FROM orders WHERE status = 'held_credit') AS credit,
      (SELECT count(*)::int FROM orders WHERE status = 'held_price') AS price`.execute(db);
  return rows[0] ?? { review: 0, credit: 0, price: 0 };
}

/** The policy's accounting stored with the parse result, if it is there and whole. */
function accountingOf(parse: JsonValue | null): PolicyAccounting | null {
  if (typeof parse !== 'object' || parse === null || Array.isArray(parse)) return null;
  const review = parse['review'];
  if (typeof review !== 'object' || review === null || Array.isArray(review)) return null;
  if (review['accounted'] !== true || !Array.isArray(review['tokens'])) return null;
  return review as unknown as PolicyAccounting;
}

/** Sales unit and pack of each product named (active or not), by SKU. */
export async function findLineUnits(
  db: Executor,
  skus: readonly string[],
): Promise<Map<string, { unit: string; packSize: number; pieceUnit: string | null }>> {
  const wanted = [...new Set(skus.filter((s) => s !== ''))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(['sku', 'unit', 'pack_size', 'piece_unit'])
    .where('sku', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [r.sku, { unit: r.unit, packSize: r.pack_size, pieceUnit: r.piece_unit }]),
  );
}

/** The question the dealer was asked about this draft and not yet answered (a choice of products). */
export async function findPendingQuestion(
  db: Executor,
  orderId: string,
): Promise<{ kind: string; expiresAt: Date | null; mentions: string[] } | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select(['pending', 'pending_expires_at'])
    .where(sql<boolean>`pending ->> 'orderId' = ${orderId}`)
    .where((eb) =>
      eb.or([eb('pending_expires_at', 'is', null), eb('pending_expires_at', '>', new Date())]),
    )
    .executeTakeFirst();
  const pending = row?.pending as
    { kind?: string; questions?: { source?: string }[] } | null | undefined;
  if (!row || !pending || typeof pending.kind !== 'string') return undefined;
  return {
    kind: pending.kind,
    expiresAt: row.pending_expires_at,
    mentions: (pending.questions ?? []).map((q) => q.source ?? '').filter(Boolean),
  };
}

/** Whether a price list has any price loaded (a dealer on an empty list pays catalog prices). */
export async function priceListHasPrices(db: Executor, priceList: string): Promise<boolean> {
  const row = await db
    .selectFrom('prices')
    .select('sku')
    .where('price_list', '=', priceList)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
