/**
 * Email intake bookkeeping:
 *
 * - email_checkpoints: per IMAP account and mailbox, the UIDVALIDITY seen and
 *   the last UID durably stored. It advances only after a message is in
 *   inbound_messages, so a restart re-reads from the next UID (a message
 *   stored but not yet checkpointed is re-read and stops at the unique
 *   channel + external id). A new UIDVALIDITY means the server renumbered
 *   the mailbox: everything is re-read and Message-ID dedupe keeps it single.
 * - email_threads: what a reply needs to thread under the dealer's mail
 *   (subject, References chain), keyed by the mail's external id. Written
 *   before the message is ingested, so the reply never races it.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE email_checkpoints (
      -- user@host:port: a different account's mailbox of the same name is another checkpoint
      account       text NOT NULL CHECK (account <> ''),
      mailbox       text NOT NULL CHECK (mailbox <> ''),
      uid_validity  bigint NOT NULL CHECK (uid_validity > 0),
      last_uid      bigint NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account, mailbox)
    )`,
  sql`
    CREATE TABLE email_threads (
      -- inbound_messages.external_id of the email (its Message-ID, or the fallback id)
      external_id    text PRIMARY KEY CHECK (external_id <> ''),
      -- the Message-ID header as sent, with angle brackets; null when the mail had none
      message_id     text,
      subject        text,
      -- the mail's References chain, oldest first (Message-IDs with angle brackets)
      reference_ids  text[] NOT NULL DEFAULT '{}',
      created_at     timestamptz NOT NULL DEFAULT now()
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
