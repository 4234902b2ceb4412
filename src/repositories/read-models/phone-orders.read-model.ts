/**
 * The console's Phone orders page: the transcripts ops staff sent lately,
 * what became of each (message status, orders) and the latest reply, which
 * is what to read back to the dealer on the phone.
 */
import { sql } from 'kysely';
import type { InboundStatus, OrderStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface PhoneOrderRow {
  messageId: string;
  receivedAt: Date;
  dealerCode: string | null;
  dealerName: string | null;
  status: InboundStatus;
  excerpt: string;
  orders: { id: string; orderNo: string; status: OrderStatus }[];
  reply: string | null;
}

export async function listRecentTranscripts(db: Executor, limit = 20): Promise<PhoneOrderRow[]> {
  const rows = await db
    .selectFrom('inbound_messages as m')
    .leftJoin('dealers as d', 'd.code', 'm.dealer_code')
    .select([
      'm.id',
      'm.received_at',
      'm.dealer_code',
      'd.name as dealer_name',
      'm.status',
      sql<string>`left(m.text, 160)`.as('excerpt'),
      sql<{ id: string; order_no: string; status: OrderStatus }[]>`coalesce((
        SELECT json_agg(json_build_object('id', o.id, 'order_no', o.order_no::text, 'status', o.status)
                        ORDER BY o.order_no)
        FROM orders o WHERE o.inbound_message_id = m.id), '[]'::json)`.as('orders'),
      sql<string | null>`(SELECT b.body FROM outbox b WHERE b.inbound_message_id = m.id
                          ORDER BY b.created_at DESC, b.id DESC LIMIT 1)`.as('reply'),
    ])
    .where('m.channel', '=', 'transcript')
    .orderBy('m.received_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    messageId: r.id,
    receivedAt: r.received_at,
    dealerCode: r.dealer_code,
    dealerName: r.dealer_name,
    status: r.status,
    excerpt: r.excerpt,
    orders: r.orders.map((o) => ({ id: o.id, orderNo: o.order_no, status: o.status })),
    reply: r.reply,
  }));
}
