/**
 * Where a reply goes and what caused it: the channel and sender of the
 * message being answered. Replies are written to the outbox inside the
 * transaction of the change they report.
 */
import type { Channel } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { insertOutboxMessage, type OutboxAlso } from '../repositories/outbox.repository.js';

export interface ReplyTarget {
  channel: Channel;
  recipient: string;
  conversationId: string | null;
  inboundMessageId: string;
}

export interface WriteReplyInput {
  kind: string;
  body: string;
  orderId?: string | null;
  /** Names the cause; writing the same reply twice stops at it. */
  idempotencyKey: string;
}

/** Writes a reply row; returns its id, or null when it was already written. */
export async function writeReply(
  trx: Executor,
  target: ReplyTarget,
  input: WriteReplyInput,
  /** What else is written in the same statement (audit events, the message done). */
  also: OutboxAlso = {},
): Promise<string | null> {
  return insertOutboxMessage(
    trx,
    {
      channel: target.channel,
      recipient: target.recipient,
      conversationId: target.conversationId,
      inboundMessageId: target.inboundMessageId,
      orderId: input.orderId ?? null,
      kind: input.kind,
      body: input.body,
      idempotencyKey: input.idempotencyKey,
    },
    also,
  );
}

/** "#1042": how people name an order. */
export function orderLabel(orderNo: bigint): string {
  return `#${orderNo}`;
}

/** Where news about an order goes: back to the channel and sender of the message that placed it. */
export async function findOrderReplyTarget(
  db: Executor,
  inboundMessageId: string | null,
): Promise<ReplyTarget | null> {
  if (inboundMessageId === null) return null;
  const message = await db
    .selectFrom('inbound_messages')
    .select(['id', 'channel', 'sender', 'conversation_id'])
    .where('id', '=', inboundMessageId)
    .executeTakeFirst();
  if (!message) return null;
  return {
    channel: message.channel,
    recipient: message.sender,
    conversationId: message.conversation_id,
    inboundMessageId: message.id,
  };
}
