/**
 * The email channel's own tables: IMAP checkpoints and reply threading.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import type { EmailThreadInfo } from './read-email.js';

export interface EmailCheckpoint {
  uidValidity: bigint;
  lastUid: bigint;
}

export async function findEmailCheckpoint(
  db: Executor,
  account: string,
  mailbox: string,
): Promise<EmailCheckpoint | null> {
  const row = await db
    .selectFrom('email_checkpoints')
    .select(['uid_validity', 'last_uid'])
    .where('account', '=', account)
    .where('mailbox', '=', mailbox)
    .executeTakeFirst();
  return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
}

/**
 * Records that every UID up to `lastUid` under `uidValidity` is stored. Under
 * the same UIDVALIDITY the checkpoint never moves back (two intakes on one
 * mailbox cannot undo each other's progress); a new UIDVALIDITY replaces it.
 */
export async function saveEmailCheckpoint(
  db: Executor,
  input: { account: string; mailbox: string } & EmailCheckpoint,
): Promise<void> {
  await sql`
    INSERT INTO email_checkpoints (account, mailbox, uid_validity, last_uid, updated_at)
    VALUES (${input.account}, ${input.mailbox}, ${input.uidValidity}, ${input.lastUid}, now())
    ON CONFLICT (account, mailbox) DO UPDATE SET
      last_uid = CASE WHEN email_checkpoints.uid_validity = EXCLUDED.uid_validity
                      THEN GREATEST(email_checkpoints.last_uid, EXCLUDED.last_uid)
                      ELSE EXCLUDED.last_uid END,
      uid_validity = EXCLUDED.uid_validity,
      updated_at = now()`.execute(db);
}

/** Written before the mail is ingested, so a reply can never be sent before it exists. */
export async function upsertEmailThread(db: Executor, thread: EmailThreadInfo): Promise<void> {
  await db
    .insertInto('email_threads')
    .values({
      external_id: thread.externalId,
      message_id: thread.messageId,
      subject: thread.subject,
      reference_ids: thread.references,
    })
    .onConflict((oc) => oc.column('external_id').doNothing())
    .execute();
}

export interface ReplyThread {
  /** The dealer's Message-ID (angle brackets); null when the mail had none. */
  messageId: string | null;
  subject: string | null;
  references: string[];
}

/** Threading for a reply to an inbound message (by its PG id); null when it is not an email. */
export async function findReplyThread(
  db: Executor,
  inboundMessageId: string,
): Promise<ReplyThread | null> {
  const row = await db
    .selectFrom('inbound_messages as m')
    .leftJoin('email_threads as t', 't.external_id', 'm.external_id')
    .select([
      'm.external_id',
      'm.subject',
      't.message_id',
      't.subject as thread_subject',
      't.reference_ids',
    ])
    .where('m.id', '=', inboundMessageId)
    .where('m.channel', '=', 'email')
    .executeTakeFirst();
  if (!row) return null;
  const messageId = row.message_id ?? (row.external_id.startsWith('<') ? row.external_id : null);
  return {
    messageId,
    subject: row.thread_subject ?? row.subject,
    references: row.reference_ids ?? [],
  };
}
