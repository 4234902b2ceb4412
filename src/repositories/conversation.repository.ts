/**
 * Conversations: one per channel + sender, holding a pending question (a
 * clarifying choice, a YES to confirm, a YES to cancel) until answered.
 */
import { sql } from 'kysely';
import { toJson } from '../db/json.js';
import type { Channel, Conversation, JsonObject, JsonValue } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface UpsertConversationInput {
  channel: Channel;
  sender: string;
  /** Kept when null (a known conversation does not forget its dealer). */
  dealerCode: string | null;
  language: string | null;
  lastInboundAt: Date;
}

/** What upsertConversation also writes on the message, in its statement. */
export interface ConversationMessageNote {
  messageId: string;
  dealerCode: string | null;
  repCode: string | null;
  /** Undefined: left as it is. */
  parseResult?: JsonValue;
}

/**
 * Finds or creates the conversation and notes the inbound time. With `message`, the message row
 * gets the conversation, dealer, rep (and parse result) in the same statement: one round trip
 * where the parse job made two.
 */
export async function upsertConversation(
  db: Executor,
  input: UpsertConversationInput,
  message?: ConversationMessageNote,
): Promise<Conversation> {
  if (message !== undefined) {
    return db
      .with('conv', () => upsertQuery(db, input))
      .with('msg', (q) =>
        q
          .updateTable('inbound_messages')
          .set({
            conversation_id: sql<string>`(SELECT id FROM conv)`,
            dealer_code: message.dealerCode,
            rep_code: message.repCode,
            ...(message.parseResult === undefined
              ? {}
              : { parse_result: toJson(message.parseResult) }),
          })
          .where('id', '=', message.messageId),
      )
      .selectFrom('conv')
      .selectAll()
      .executeTakeFirstOrThrow() as Promise<Conversation>;
  }
  return upsertQuery(db, input).executeTakeFirstOrThrow();
}

function upsertQuery(db: Executor, input: UpsertConversationInput) {
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
    .returningAll();
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
