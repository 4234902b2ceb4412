/**
 * Outbox of replies (written in the transaction that causes them), the audit
 * trail of every state change, and API tokens.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE outbox (
      id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel             text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      recipient           text NOT NULL CHECK (recipient <> ''),
      conversation_id     uuid REFERENCES conversations (id),
      inbound_message_id  uuid REFERENCES inbound_messages (id),
      order_id            uuid REFERENCES orders (id),
      -- confirmation, hold_notice, clarify, status, balance, ack, ...
      kind                text NOT NULL CHECK (kind <> ''),
      body                text NOT NULL,
      -- the cause of the reply: writing the same reply twice stops here
      idempotency_key     text NOT NULL UNIQUE,
      status              text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts            integer NOT NULL DEFAULT 0,
      next_attempt_at     timestamptz NOT NULL DEFAULT now(),
      -- the channel's id for the sent message
      external_id         text,
      last_error          text,
      created_at          timestamptz NOT NULL DEFAULT now(),
      sent_at             timestamptz,
      CONSTRAINT outbox_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    )`,
  sql`CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending'`,
  sql`CREATE INDEX outbox_channel_recipient_created_at_idx ON outbox (channel, recipient, created_at)`,
  sql`CREATE INDEX outbox_order_id_idx ON outbox (order_id) WHERE order_id IS NOT NULL`,

  sql`
    CREATE TABLE audit_events (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entity_type  text NOT NULL,
      entity_id    text NOT NULL,
      action       text NOT NULL,
      -- 'system', 'worker:validate', 'token:<name>', ...
      actor        text NOT NULL,
      reason       text,
      data         jsonb NOT NULL DEFAULT '{}',
      at           timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, at)`,

  // Only a hash of the token is stored (sha256, hex).
  sql`
    CREATE TABLE api_tokens (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name          text NOT NULL UNIQUE CHECK (name <> ''),
      token_hash    text NOT NULL UNIQUE,
      role          text NOT NULL DEFAULT 'admin'
                    CHECK (role IN ('admin', 'ops', 'finance', 'sales_manager')),
      created_at    timestamptz NOT NULL DEFAULT now(),
      expires_at    timestamptz,
      last_used_at  timestamptz,
      revoked_at    timestamptz
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
