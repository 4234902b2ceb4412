/**
 * What arrives: one row per inbound message, unique per channel + external
 * id so a channel's redelivery stops at the key, and one conversation per
 * channel + sender holding the state of a pending question.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE conversations (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel           text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      -- E.164 phone, lower-cased email, or the dealer code for transcript/webchat
      sender            text NOT NULL CHECK (sender <> ''),
      dealer_code       text REFERENCES dealers (code),
      language          text,
      -- a clarifying question or confirm step waiting for the dealer's answer
      pending           jsonb,
      pending_expires_at timestamptz,
      last_inbound_at   timestamptz,
      last_outbound_at  timestamptz,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT conversations_channel_sender_key UNIQUE (channel, sender)
    )`,
  sql`CREATE INDEX conversations_dealer_code_idx ON conversations (dealer_code)`,

  sql`
    CREATE TABLE inbound_messages (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel          text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      -- the channel's own id (wamid, Message-ID, ...): redelivery dedupes on it
      external_id      text NOT NULL CHECK (external_id <> ''),
      sender           text NOT NULL,
      dealer_code      text REFERENCES dealers (code),
      rep_code         text REFERENCES reps (code),
      conversation_id  uuid REFERENCES conversations (id),
      text             text NOT NULL,
      subject          text,
      -- [{ filename, content_type, size, ... }]
      attachments      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
      received_at      timestamptz NOT NULL,
      status           text NOT NULL DEFAULT 'received'
                       CHECK (status IN ('received', 'parsed', 'needs_review', 'done', 'failed')),
      -- why the message failed or needs review
      error            text,
      parse_result     jsonb,
      -- how many times a worker has picked it up
      attempts         integer NOT NULL DEFAULT 0,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT inbound_messages_channel_external_id_key UNIQUE (channel, external_id)
    )`,
  // the sweeper and the review queue read by status, oldest first
  sql`CREATE INDEX inbound_messages_status_received_at_idx ON inbound_messages (status, received_at)`,
  // a sender's history (the web chat view)
  sql`CREATE INDEX inbound_messages_channel_sender_received_at_idx ON inbound_messages (channel, sender, received_at)`,
  sql`CREATE INDEX inbound_messages_dealer_code_received_at_idx ON inbound_messages (dealer_code, received_at)`,

  ...['conversations', 'inbound_messages'].map(
    (table) =>
      sql`CREATE TRIGGER ${sql.raw(`${table}_set_updated_at`)} BEFORE UPDATE ON ${sql.table(table)}
          FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
