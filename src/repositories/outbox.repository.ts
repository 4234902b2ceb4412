/**
 * The outbox of replies. A row is written in the transaction of the change
 * that causes it (its idempotency key names that cause, so writing the same
 * reply twice stops at the key) and sent afterwards by the notify worker.
 *
 * Sending claims a row first: `next_attempt_at` is pushed one lease ahead in
 * the same UPDATE that checks the row is still pending and due, so two
 * workers never hold the same row at once. A worker that dies mid-send lets
 * the lease run out and the row is tried again.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Channel, OutboxMessage } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';
import type { AuditEventInput } from './audit.repository.js';
import { isUuid } from './inbound-message.repository.js';

export interface InsertOutboxInput {
  channel: Channel;
  recipient: string;
  conversationId: string | null;
  inboundMessageId: string | null;
  orderId: string | null;
  kind: string;
  body: string;
  idempotencyKey: string;
}

/** What else the reply's statement writes (whether or not the reply was new). */
export interface OutboxAlso {
  /** Audit events recorded with it. */
  audit?: readonly AuditEventInput[];
  /** The inbound message (an id) marked done with it, its error cleared. */
  messageDone?: string;
}

/**
 * Returns the new row's id, or null when a row with this idempotency key exists. `also`: what is
 * written in the same statement, one round trip for all.
 */
export async function insertOutboxMessage(
  db: Executor,
  input: InsertOutboxInput,
  also: OutboxAlso = {},
): Promise<string | null> {
  // a multi-row statement: the replies a batch's messages write are one (multi-row.ts)
  const [rows] = await runMultiRow<{ id: string }>(db, INSERT_OUTBOX_SQL, [
    {
      ...input,
      audit: (also.audit ?? []).map((e) => ({ ...e, data: e.data ?? {} })),
      messageDone: also.messageDone ?? null,
    },
  ]);
  return rows?.[0]?.id ?? null;
}

/**
 * The reply, its audit events (in their order) and the message's done mark, over rows. A key
 * given twice in one merged statement is a reply written once: the first row gets its id, as the
 * first of two statements would.
 */
const INSERT_OUTBOX_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, doc FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), audit AS (
    INSERT INTO audit_events (entity_type, entity_id, action, actor, reason, data)
    SELECT a.e->>'entityType', a.e->>'entityId', a.e->>'action', a.e->>'actor', a.e->>'reason',
           a.e->'data'
      FROM r, jsonb_array_elements(r.doc->'audit') WITH ORDINALITY AS a(e, n)
     ORDER BY r.i, a.n
  ), done AS (
    UPDATE inbound_messages m SET status = 'done', error = NULL
      FROM r WHERE m.id = ANY(ARRAY(SELECT (doc->>'messageDone')::uuid FROM r))
                 AND m.id = (r.doc->>'messageDone')::uuid
  ), ins AS (
    INSERT INTO outbox (channel, recipient, conversation_id, inbound_message_id, order_id, kind,
                        body, idempotency_key)
    SELECT doc->>'channel', doc->>'recipient', (doc->>'conversationId')::uuid,
           (doc->>'inboundMessageId')::uuid, (doc->>'orderId')::uuid, doc->>'kind', doc->>'body',
           doc->>'idempotencyKey'
      FROM r ORDER BY i
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, idempotency_key
  )
  SELECT (SELECT min(r.i) FROM r WHERE r.doc->>'idempotencyKey' = ins.idempotency_key) AS _i,
         ins.id
    FROM ins`;

/**
 * Claims a pending, due row for `leaseMs` and counts the attempt. Undefined
 * when it is sent, failed, not due, or held by another worker's lease.
 */
export async function claimOutboxMessage(
  db: Executor,
  id: string,
  leaseMs: number,
): Promise<OutboxMessage | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`clock_timestamp()`)
    .returningAll()
    .executeTakeFirst();
}

/**
 * What a channel's sender reads and books together with the claim, in the claim's statement
 * (WhatsApp Cloud: the recipient's last message — the 24-hour window, and which business number
 * they wrote to — and the send slots of that number and of the recipient): one round trip per
 * send instead of three or four.
 */
export interface SendClaimPlan {
  /** The channel's own accounts (business number ids); the first is the default. */
  accounts: readonly string[];
  /** Slot key of an account: this prefix + the account. */
  accountKeyPrefix: string;
  /** Minimum time between two sends from one account, ms; 0: not paced. */
  accountGapMs: number;
  /** Slot key of a recipient: this prefix + the recipient's digits. */
  recipientKeyPrefix: string;
  /** Minimum time between two sends to one recipient, ms; 0: not paced. */
  recipientGapMs: number;
  /** A slot further ahead than this is refused (the send is retried later), ms. */
  maxWaitMs: number;
}

/** What the claim read and booked for the sender (SendClaimPlan). */
export interface ClaimedSend {
  /** When the recipient last wrote on this channel; null: never. */
  lastInboundAt: Date | null;
  /** The account to send from: the one the recipient last wrote to when it is ours, else the default. */
  account: string;
  /** When the send may go (every paced slot booked); null: a queue too long, nothing may go yet. */
  slotAt: Date | null;
}

/**
 * claimOutboxMessage and, in the same statement, what `plan` asks for (SendClaimPlan) when the
 * row is on `channel` (`claimed` null on another channel). The slots are booked only when the
 * row was claimed; a refused slot (queue too long) books nothing on that key and says so with
 * `slotAt` null.
 */
export async function claimOutboxMessageFor(
  db: Executor,
  id: string,
  leaseMs: number,
  channel: Channel,
  plan: SendClaimPlan,
): Promise<{ row: OutboxMessage; claimed: ClaimedSend | null } | undefined> {
  if (!isUuid(id) || plan.accounts.length === 0) return undefined;
  const accountGap = plan.accountGapMs / 1000;
  const recipientGap = plan.recipientGapMs / 1000;
  const maxWait = plan.maxWaitMs / 1000;
  // One slot CTE per paced key, each with its own gap (a refused slot returns no row).
  const book = (key: RawBuilder<string>, from: 'c' | 'w', gap: number) => sql`
      INSERT INTO send_slots AS s (key, next_at)
      SELECT ${key}, clock_timestamp() + make_interval(secs => ${gap}) FROM ${sql.raw(from)}
       WHERE EXISTS (SELECT FROM w)
      ON CONFLICT (key) DO UPDATE
        SET next_at = greatest(s.next_at, clock_timestamp()) + make_interval(secs => ${gap})
        WHERE s.next_at <= clock_timestamp() + make_interval(secs => ${maxWait})
      RETURNING s.next_at - make_interval(secs => ${gap}) AS slot`;
  const accountKey = sql<string>`${plan.accountKeyPrefix}::text || w.account`;
  const recipientKey = sql<string>`${plan.recipientKeyPrefix}::text || regexp_replace(c.recipient, '\\D', '', 'g')`;
  const { rows } = await sql<
    OutboxMessage & {
      planned: boolean;
      last_inbound_at: Date | null;
      account: string;
      account_slot: Date | null;
      recipient_slot: Date | null;
    }
  >`
    WITH c AS (
      UPDATE outbox
         SET attempts = attempts + 1,
             next_attempt_at = clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
       WHERE id = ${id} AND status = 'pending' AND next_attempt_at <= clock_timestamp()
      RETURNING *
    ), w AS (
      SELECT last.received_at AS last_inbound_at,
             CASE WHEN last.channel_account = ANY(${[...plan.accounts]}::text[])
                  THEN last.channel_account ELSE ${plan.accounts[0]!}::text END AS account
        FROM c LEFT JOIN LATERAL (
               SELECT i.received_at, i.channel_account FROM inbound_messages i
                WHERE i.channel = c.channel AND i.sender = c.recipient
                ORDER BY i.received_at DESC LIMIT 1) last ON true
       WHERE c.channel = ${channel}
    )${accountGap > 0 ? sql`, a AS (${book(accountKey, 'w', accountGap)})` : sql``}${
      recipientGap > 0 ? sql`, r AS (${book(recipientKey, 'c', recipientGap)})` : sql``
    }
    SELECT c.*, w.account IS NOT NULL AS planned, w.last_inbound_at, w.account,
           ${accountGap > 0 ? sql`(SELECT slot FROM a)` : sql`clock_timestamp()`} AS account_slot,
           ${recipientGap > 0 ? sql`(SELECT slot FROM r)` : sql`clock_timestamp()`} AS recipient_slot
      FROM c LEFT JOIN w ON true`.execute(db);
  const found = rows[0];
  if (!found) return undefined;
  const { planned, last_inbound_at, account, account_slot, recipient_slot, ...row } = found;
  if (!planned) return { row: row as OutboxMessage, claimed: null };
  const slotAt =
    account_slot === null || recipient_slot === null
      ? null
      : new Date(Math.max(new Date(account_slot).getTime(), new Date(recipient_slot).getTime()));
  return {
    row: row as OutboxMessage,
    claimed: {
      lastInboundAt: last_inbound_at === null ? null : new Date(last_inbound_at),
      account,
      slotAt,
    },
  };
}

/** Keeps a claim alive while its send is still in flight (a slow provider). */
export async function extendOutboxLease(db: Executor, id: string, leaseMs: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      next_attempt_at: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Marks the row sent and, in the same statement, notes the conversation's last outbound message
 * (the 24-hour window's bookkeeping): one round trip per reply, not two.
 */
export async function markOutboxSent(db: Executor, id: string, externalId: string): Promise<void> {
  // a multi-row statement: the marks of replies sent together are one (multi-row.ts)
  await runMultiRow(db, MARK_SENT_SQL, [{ id, externalId, at: new Date() }]);
}

// Two marks of one row in one merged statement mark it once; a conversation with several
// replies marked together gets the latest time.
const MARK_SENT_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, (doc->>'id')::uuid AS id, doc->>'externalId' AS external_id,
           (doc->>'at')::timestamptz AS at
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), sent AS (
    UPDATE outbox o SET status = 'sent', sent_at = r.at, external_id = r.external_id,
                        last_error = NULL
      FROM r WHERE o.id = ANY(ARRAY(SELECT id FROM r)) AND o.id = r.id AND o.status = 'pending'
    RETURNING r.i, o.conversation_id, r.at
  ), conv AS (
    UPDATE conversations c SET last_outbound_at = s.at
      FROM (SELECT conversation_id, max(at) AS at FROM sent GROUP BY conversation_id) s
     WHERE c.id = ANY(ARRAY(SELECT conversation_id FROM sent)) AND c.id = s.conversation_id
  )
  SELECT i AS _i FROM sent`;

/** Leaves the row pending, to be tried again after `retryAt`. */
export async function markOutboxRetry(
  db: Executor,
  id: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: error, next_attempt_at: retryAt })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markOutboxFailed(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function findOutboxMessage(
  db: Executor,
  id: string,
): Promise<OutboxMessage | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ids of pending rows due now, oldest first. */
export async function listDueOutboxIds(
  db: Executor,
  input: { dueBefore: Date; limit?: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', input.dueBefore)
    .orderBy('next_attempt_at')
    .limit(input.limit ?? 1000)
    .execute();
  return rows.map((r) => r.id);
}

/** Every reply to one recipient on a channel, oldest first (the web chat history). */
export async function listOutboxForRecipient(
  db: Executor,
  channel: Channel,
  recipient: string,
): Promise<OutboxMessage[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', channel)
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .execute();
}
