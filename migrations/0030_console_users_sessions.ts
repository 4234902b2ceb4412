/**
 * The ops console's people: users (argon2id password hashes, one role each)
 * and their sessions. A session row is keyed by the sha256 of the cookie
 * value, so a database read never yields a usable cookie; it carries its
 * own CSRF token (synchronizer pattern), its idle clock (last_seen_at) and
 * its absolute end (expires_at).
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE users (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email          text NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
      name           text NOT NULL CHECK (name <> ''),
      role           text NOT NULL CHECK (role IN ('ops', 'sales_manager', 'finance', 'admin')),
      password_hash  text NOT NULL,
      active         boolean NOT NULL DEFAULT true,
      created_at     timestamptz NOT NULL DEFAULT now(),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      last_login_at  timestamptz
    )`,
  sql`CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
      FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,

  sql`
    CREATE TABLE sessions (
      -- sha256 (hex) of the cookie value
      id            text PRIMARY KEY,
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf_token    text NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      last_seen_at  timestamptz NOT NULL DEFAULT now(),
      -- the absolute end, whatever the activity
      expires_at    timestamptz NOT NULL,
      user_agent    text,
      ip            text
    )`,
  sql`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`,
  sql`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
