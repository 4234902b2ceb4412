/**
 * "I'm on this": an ops user claims a review-queue item so the others skip
 * it. One claim per item (`order:<id>` or `message:<id>`); a claim is shown
 * to everyone and ends when the item leaves the queue or its holder lets go.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE review_claims (
      item_key   text PRIMARY KEY,
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      claimed_at timestamptz NOT NULL DEFAULT now()
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
