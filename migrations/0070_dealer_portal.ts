/**
 * The dealer portal (docs/portal.md): sign-in links and device sessions.
 * Both keep only the sha256 of the secret the dealer holds, so a database
 * dump signs nobody in. A link is single-use (`used_at`) and short-lived
 * (`expires_at`); a session is one device, revocable by the dealer or ops.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE portal_links (
      id           text PRIMARY KEY,
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      requested_by text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      used_at      timestamptz
    )`,
  sql`CREATE INDEX portal_links_dealer_created ON portal_links (dealer_code, created_at)`,
  sql`
    CREATE TABLE portal_sessions (
      id           text PRIMARY KEY,
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      user_agent   text,
      revoked_at   timestamptz
    )`,
  sql`CREATE INDEX portal_sessions_dealer ON portal_sessions (dealer_code)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
