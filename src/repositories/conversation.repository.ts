/**
 * Conversations: one per channel + sender, holding a pending question (a
 * clarifying choice, a YES to confirm, a YES to cancel) until answered.
 */
import { toJson } from '../db/json.js';
import type { Channel, Conversation, JsonObject } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface UpsertConversationInput {
  channel: Channel;
  sender: string;
  /** Kept when null (a known conversation does not forget its dealer). */
  dealerCode: string | null;
  language: string | null;
  lastInboundAt: Date;
}

/** Finds or creates the conversation and notes the inbound time. */
export async function upsertConversation(
  db: Executor,
  input: UpsertConversationInput,
): Promise<Conversation> {
  return db
    .insertInto('conversations')
    .values({
      channel: input.channel,
      sender: input.sender,
      dealer_code: input.dealerCode,
      language: input.language,
      last_inbound_at: input.lastInboundAt,
    })
    .onConflict((oc) =>
      oc.constraint('conversations_channel_sender_key').doUpdateSet((eb) => ({
        dealer_code: eb.fn.coalesce('excluded.dealer_code', 'conversations.dealer_code'),
        language: eb.fn.coalesce('excluded.language', 'conversations.language'),
        last_inbound_at: eb.fn('greatest', [
          'excluded.last_inbound_at',
          'conversations.last_inbound_at',
        ]),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The conversation locked until the transaction ends: its messages settle one at a time. */
export async function lockConversation(
  db: Executor,
  id: string,
): Promise<Conversation | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findConversation(
  db: Executor,
  channel: Channel,
  sender: string,
): Promise<Conversation | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('channel', '=', channel)
    .where('sender', '=', sender)
    .executeTakeFirst();
}

/** Sets (or clears, with null) the question waiting for the dealer's answer. */
export async function setConversationPending(
  db: Executor,
  id: string,
  pending: JsonObject | null,
  expiresAt: Date | null,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      pending: pending === null ? null : toJson(pending),
      pending_expires_at: pending === null ? null : expiresAt,
    })
    .where('id', '=', id)
    .execute();
}
