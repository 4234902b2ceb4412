/**
 * Rolling the service out dealer by dealer (README "Rollout"): each dealer
 * is `on` (orders the parser is sure of go straight through), `pilot`
 * (every order waits for a person, who sees how the parser read it) or
 * `off` (answered politely, nothing priced); a channel may differ
 * (`dealer_channel_rollout`: pilot on WhatsApp while email is on).
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`ALTER TABLE dealers ADD COLUMN rollout text NOT NULL DEFAULT 'on'
        CHECK (rollout IN ('on', 'pilot', 'off'))`,
  sql`
    CREATE TABLE dealer_channel_rollout (
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      channel      text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      rollout      text NOT NULL CHECK (rollout IN ('on', 'pilot', 'off')),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dealer_code, channel)
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
