/**
 * A channel's rollout for every dealer (console Settings, admins): `pilot`
 * sends every order arriving on it to a person, `off` answers politely and
 * prices nothing — e.g. email in pilot while WhatsApp is on. No row: `on`.
 * A dealer's own setting for that channel (`dealer_channel_rollout`) wins.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE channel_settings (
      channel    text PRIMARY KEY CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      rollout    text NOT NULL CHECK (rollout IN ('on', 'pilot', 'off')),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
