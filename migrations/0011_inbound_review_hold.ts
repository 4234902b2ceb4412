/**
 * inbound_messages.review_hold: why the channel says a person must look at
 * this message before anything it asks for is confirmed (an email failing
 * DMARC, a mail too large or malformed to read, an order sheet that could not
 * be read). null: the channel has no doubt. The parse stage never lets a held
 * message auto-confirm or answer a pending question.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inbound_messages
      ADD COLUMN review_hold text CHECK (review_hold <> '')`.execute(db);
}
