/**
 * inbound_messages.channel_account: which of the distributor's own accounts on a channel a
 * message came in on — for WhatsApp Cloud, the business phone number id (`metadata.
 * phone_number_id` of the webhook). A reply goes back from the number the dealer wrote to:
 * WhatsApp keeps one chat (and one 24-hour window) per business number and dealer, and each
 * number has its own send rate (80 a second by default). Null: the channel has one account,
 * or the message came before this column.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE inbound_messages ADD COLUMN channel_account text`.execute(db);
}
