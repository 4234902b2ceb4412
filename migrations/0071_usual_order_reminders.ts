/**
 * "Time for your usual order?" (docs/portal.md): a dealer who opts in is
 * reminded once their usual ordering interval has passed. One reminder per
 * last order: the row's key is the order it follows.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`ALTER TABLE dealers ADD COLUMN usual_order_reminder boolean NOT NULL DEFAULT false`,
  sql`
    CREATE TABLE usual_order_reminders (
      dealer_code    text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      after_order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      sent_at        timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dealer_code, after_order_id)
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
