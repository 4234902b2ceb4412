/**
 * One sender's conversation on one channel, as the dealer saw it: what came
 * in (inbound_messages) and the replies delivered to them (outbox rows the
 * notify stage marked sent), merged oldest first.
 */
import type { Channel } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface ConversationEntry {
  direction: 'in' | 'out';
  text: string;
  at: Date;
}

export interface ListConversationInput {
  channel: Channel;
  /** The sender as the channel stores it (the dealer code for webchat and transcript). */
  sender: string;
  /** The most recent this many entries. Default 200. */
  limit?: number;
}

export async function listConversation(
  db: Executor,
  input: ListConversationInput,
): Promise<ConversationEntry[]> {
  const limit = input.limit ?? 200;
  const [inbound, outbound] = await Promise.all([
    db
      .selectFrom('inbound_messages')
      .select(['text', 'received_at as at', 'created_at'])
      .where('channel', '=', input.channel)
      .where('sender', '=', input.sender)
      .orderBy('received_at', 'desc')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('outbox')
      .select(['body as text', 'sent_at', 'created_at'])
      .where('channel', '=', input.channel)
      .where('recipient', '=', input.sender)
      .where('status', '=', 'sent')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const entries: (ConversationEntry & { seq: Date })[] = [
    ...inbound.map((m) => ({
      direction: 'in' as const,
      text: m.text,
      at: m.at,
      seq: m.created_at,
    })),
    ...outbound.map((m) => ({
      direction: 'out' as const,
      text: m.text,
      // When the reply was delivered is when the dealer saw it.
      at: m.sent_at ?? m.created_at,
      seq: m.created_at,
    })),
  ];
  // A reply is written after the message it answers, so ties on `at` go by
  // creation time, then inbound before outbound.
  entries.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.seq.getTime() - b.seq.getTime() ||
      (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1),
  );
  return entries.slice(-limit).map(({ direction, text, at }) => ({ direction, text, at }));
}
