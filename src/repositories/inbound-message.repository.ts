/**
 * Inbound messages: what arrived, exactly once per channel + external id.
 * The row is the message's state (received → parsed → done, or
 * needs_review / failed with a reason); jobs only carry its id.
 */
import { toJson } from '../db/json.js';
import type {
  Channel,
  InboundMessage,
  InboundStatus,
  JsonValue,
  Rollout,
  TextFlag,
} from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';
import {
  READ_CACHE_VERSIONS_SQL,
  toReadCacheVersions,
  type ReadCacheVersions,
} from './read-cache-version.repository.js';

export interface InsertInboundMessageInput {
  channel: Channel;
  externalId: string;
  sender: string;
  /** Stored only if it is a dealer on file (a transcript may name an unknown code). */
  dealerCode: string | null;
  text: string;
  subject: string | null;
  attachments: JsonValue[];
  receivedAt: Date;
  textFlags: readonly TextFlag[];
  originalBytes: number | null;
  /** Why a person must see it before anything is confirmed; null: no doubt. Default null. */
  reviewHold?: string | null;
  /** The distributor's account it came in on (a WhatsApp Cloud business number id). Default null. */
  channelAccount?: string | null;
}

export interface InsertInboundMessageResult {
  id: string;
  /** false: the channel delivered this message before; `id` is the first delivery's. */
  inserted: boolean;
  status: InboundStatus;
}

/**
 * Stores a message unless (channel, external id) is already there. Concurrent
 * deliveries of one message wait on the unique index; all but one see the
 * conflict and read the stored row.
 */
export async function insertInboundMessage(
  db: Executor,
  input: InsertInboundMessageInput,
): Promise<InsertInboundMessageResult> {
  // a multi-row statement: the messages of concurrent requests are one INSERT (multi-row.ts)
  const [rows = []] = await runMultiRow<{ id: string; status: InboundStatus }>(
    db,
    INSERT_MESSAGE_SQL,
    [
      {
        ...input,
        reviewHold: input.reviewHold ?? null,
        channelAccount: input.channelAccount ?? null,
      },
    ],
  );
  const created = rows[0];
  if (created) return { ...created, inserted: true };
  const existing = await db
    .selectFrom('inbound_messages')
    .select(['id', 'status'])
    .where('channel', '=', input.channel)
    .where('external_id', '=', input.externalId)
    .executeTakeFirstOrThrow();
  return { ...existing, inserted: false };
}

/**
 * The messages over rows, each unless (channel, external id) is there already. The same message
 * twice in one merged statement is stored once: the first row gets it, the other reads it as a
 * redelivery (as a moment later).
 */
const INSERT_MESSAGE_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, doc, doc->>'channel' AS channel, doc->>'externalId' AS external_id
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), ins AS (
    INSERT INTO inbound_messages
      (channel, external_id, sender, dealer_code, text, subject, attachments, received_at,
       text_flags, original_bytes, review_hold, channel_account)
    SELECT channel, external_id, doc->>'sender',
           (SELECT code FROM dealers WHERE code = r.doc->>'dealerCode'),
           doc->>'text', doc->>'subject', doc->'attachments', (doc->>'receivedAt')::timestamptz,
           ARRAY(SELECT jsonb_array_elements_text(doc->'textFlags')),
           (doc->>'originalBytes')::int, doc->>'reviewHold', doc->>'channelAccount'
      FROM r ORDER BY i
    ON CONFLICT (channel, external_id) DO NOTHING
    RETURNING id, status, channel, external_id
  )
  SELECT (SELECT min(r.i) FROM r
           WHERE r.channel = ins.channel AND r.external_id = ins.external_id) AS _i,
         ins.id, ins.status
    FROM ins`;

export async function findInboundMessage(
  db: Executor,
  id: string,
): Promise<InboundMessage | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The message row locked until the transaction ends: one worker at a time settles it. */
export async function lockInboundMessage(
  db: Executor,
  id: string,
): Promise<InboundMessage | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A dealer's fields the parse job reads with the message lock. */
export interface LockedDealer {
  code: string;
  name: string;
  price_list: string | null;
  region: string | null;
  language: string;
  active: boolean;
  rollout: Rollout;
}

/**
 * lockInboundMessage and, in the same statement, the dealer `dealerCode` names (null when none
 * is named or it is not on file): one round trip where the parse job made two.
 */
export async function lockInboundMessageWithDealer(
  db: Executor,
  id: string,
  dealerCode: string | null,
): Promise<{ message: InboundMessage; dealer: LockedDealer | null } | undefined> {
  if (!isUuid(id)) return undefined;
  // a multi-row statement: the locks of a batch's messages are taken in one (multi-row.ts)
  const [rows] = await runMultiRow<InboundMessage & { locked_dealer: LockedDealer | null }>(
    db,
    LOCK_WITH_DEALER_SQL,
    [{ id, dealer: dealerCode }],
  );
  const row = rows?.[0];
  if (row === undefined) return undefined;
  const { locked_dealer, ...message } = row;
  return { message, dealer: locked_dealer };
}

const LOCK_WITH_DEALER_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, (doc->>'id')::uuid AS id, doc->>'dealer' AS dealer
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  )
  SELECT r.i AS _i, m.*,
         (SELECT json_build_object('code', d.code, 'name', d.name, 'price_list', d.price_list,
                   'region', d.region, 'language', d.language, 'active', d.active,
                   'rollout', d.rollout)
            FROM dealers d WHERE d.code = r.dealer) AS locked_dealer
    FROM r JOIN inbound_messages m ON m.id = r.id
   WHERE m.id = ANY(ARRAY(SELECT id FROM r))
     FOR UPDATE OF m`;

export interface UpdateInboundMessageInput {
  status?: InboundStatus;
  /** Why it failed or needs review; null clears it. */
  error?: string | null;
  parseResult?: JsonValue | null;
  conversationId?: string | null;
  dealerCode?: string | null;
  repCode?: string | null;
}

export async function updateInboundMessage(
  db: Executor,
  id: string,
  input: UpdateInboundMessageInput,
): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.error === undefined ? {} : { error: input.error }),
      ...(input.parseResult === undefined
        ? {}
        : { parse_result: input.parseResult === null ? null : toJson(input.parseResult) }),
      ...(input.conversationId === undefined ? {} : { conversation_id: input.conversationId }),
      ...(input.dealerCode === undefined ? {} : { dealer_code: input.dealerCode }),
      ...(input.repCode === undefined ? {} : { rep_code: input.repCode }),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a message done if it is still in status `from`: a second run changes nothing. */
export async function markInboundDone(
  db: Executor,
  id: string,
  from: InboundStatus,
): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({ status: 'done', error: null })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute();
}

/**
 * A message still waiting to be parsed, with this attempt counted, and the counters of the
 * worker's cached reads (read-cache-version.repository.ts), in one statement; undefined when
 * there is no such message or it has moved on (parsed, in review, done).
 */
export async function claimParseAttempt(
  db: Executor,
  id: string,
): Promise<{ message: InboundMessage; versions: ReadCacheVersions } | undefined> {
  if (!isUuid(id)) return undefined;
  // a multi-row statement: the claims of jobs starting together are one (multi-row.ts)
  const [rows] = await runMultiRow<InboundMessage & { cache_versions: unknown }>(
    db,
    CLAIM_PARSE_SQL,
    [{ id }],
  );
  const row = rows?.[0];
  if (!row) return undefined;
  const { cache_versions: versions, ...message } = row;
  return { message, versions: toReadCacheVersions(versions) };
}

// A message named twice in one merged claim is counted once and claimed by one of them: the
// other finds nothing to claim, as it would a moment later.
const CLAIM_PARSE_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, (doc->>'id')::uuid AS id
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  )
  UPDATE inbound_messages m SET attempts = m.attempts + 1
    FROM r, (${READ_CACHE_VERSIONS_SQL}) AS v(cache_versions)
   WHERE m.id = ANY(ARRAY(SELECT id FROM r)) AND m.id = r.id AND m.status = 'received'
  RETURNING r.i AS _i, m.*, v.cache_versions`;

export interface ListInboundIdsInput {
  status: InboundStatus;
  /** Only rows last touched before this time (leave fresh work to its job). */
  updatedBefore: Date;
  /** Default 1000. */
  limit?: number;
}

/** Ids of messages in a status, oldest first: what the sweeper re-enqueues. */
export async function listInboundIdsByStatus(
  db: Executor,
  input: ListInboundIdsInput,
): Promise<string[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('status', '=', input.status)
    .where('updated_at', '<', input.updatedBefore)
    .orderBy('received_at')
    .limit(input.limit ?? 1000)
    .execute();
  return rows.map((r) => r.id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id finds nothing instead of making PostgreSQL throw. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
