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
import { sql } from 'kysely';
import type { Channel, OutboxMessage } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
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

/** Returns the new row's id, or null when a row with this idempotency key exists. */
export async function insertOutboxMessage(
  db: Executor,
  input: InsertOutboxInput,
): Promise<string | null> {
  const row = await db
    .insertInto('outbox')
    .values({
      channel: input.channel,
      recipient: input.recipient,
      conversation_id: input.conversationId,
      inbound_message_id: input.inboundMessageId,
      order_id: input.orderId,
      kind: input.kind,
      body: input.body,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

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
  const now = new Date();
  await db
    .with('sent', (q) =>
      q
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now, external_id: externalId, last_error: null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('conversation_id'),
    )
    .updateTable('conversations')
    .from('sent')
    .set({ last_outbound_at: now })
    .whereRef('conversations.id', '=', 'sent.conversation_id')
    .execute();
}

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
