/**
 * Where an inbound message stands: its status and the orders drafted from it.
 */
import type { Channel, InboundStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface MessageStatusView {
  id: string;
  channel: Channel;
  status: InboundStatus;
  /** Reason for `failed` / `needs_review`, if the pipeline recorded one. */
  error: string | null;
  /** The orders drafted from it, by draft number. */
  orderIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The message, or undefined when there is none with this id (any non-uuid included). */
export async function findMessageStatus(
  db: Executor,
  id: string,
): Promise<MessageStatusView | undefined> {
  // A malformed id cannot exist; asking PG would only raise a cast error.
  if (!UUID.test(id)) return undefined;
  const message = await db
    .selectFrom('inbound_messages')
    .select(['id', 'channel', 'status', 'error'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (message === undefined) return undefined;
  const orders = await db
    .selectFrom('orders')
    .select('id')
    .where('inbound_message_id', '=', id)
    .orderBy('draft_no')
    .execute();
  return { ...message, orderIds: orders.map((o) => o.id) };
}
