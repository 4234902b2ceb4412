/**
 * Conversations: one per channel + sender, holding a pending question (a
 * clarifying choice, a YES to confirm, a YES to cancel) until answered.
 */
import { toJson } from '../db/json.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';
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
    // a multi-row statement: the conversations of a batch's messages are one (multi-row.ts)
    const [rows] = await runMultiRow<Conversation>(db, UPSERT_WITH_MESSAGE_SQL, [
      {
        channel: input.channel,
        sender: input.sender,
        dealer: input.dealerCode,
        language: input.language,
        lastInboundAt: input.lastInboundAt,
        messageId: message.messageId,
        messageDealer: message.dealerCode,
        rep: message.repCode,
        ...(message.parseResult === undefined ? {} : { parse: message.parseResult }),
      },
    ]);
    const conversation = rows?.[0];
    if (conversation === undefined) throw new Error('the conversation upsert returned no row');
    return conversation;
  }
  return upsertQuery(db, input).executeTakeFirstOrThrow();
}

/**
 * upsertQuery's upsert and the message's note, over rows. The batches that merge it never hold
 * one conversation twice (their keys); if one did, PostgreSQL would refuse the statement (a row
 * updated twice) and each message would run again alone.
 */
const UPSERT_WITH_MESSAGE_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, doc, doc->>'channel' AS channel, doc->>'sender' AS sender
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), conv AS (
    INSERT INTO conversations (channel, sender, dealer_code, language, last_inbound_at)
    SELECT channel, sender, doc->>'dealer', doc->>'language', (doc->>'lastInboundAt')::timestamptz
      FROM r ORDER BY i
    ON CONFLICT ON CONSTRAINT conversations_channel_sender_key DO UPDATE SET
      dealer_code = coalesce(excluded.dealer_code, conversations.dealer_code),
      language = coalesce(excluded.language, conversations.language),
      last_inbound_at = greatest(excluded.last_inbound_at, conversations.last_inbound_at)
    RETURNING *
  ), msg AS (
    UPDATE inbound_messages m
       SET conversation_id = conv.id, dealer_code = r.doc->>'messageDealer',
           rep_code = r.doc->>'rep',
           parse_result = CASE WHEN r.doc ? 'parse' THEN r.doc->'parse' ELSE m.parse_result END
      FROM r JOIN conv ON conv.channel = r.channel AND conv.sender = r.sender
     WHERE m.id = ANY(ARRAY(SELECT (doc->>'messageId')::uuid FROM r))
       AND m.id = (r.doc->>'messageId')::uuid
  )
  SELECT r.i AS _i, conv.* FROM r JOIN conv ON conv.channel = r.channel AND conv.sender = r.sender`;

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
