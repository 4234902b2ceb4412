/**
 * Files that arrive with a message (WhatsApp documents, photos, voice notes),
 * one row each, kept with the message: deleted with it (ON DELETE CASCADE),
 * and their bytes removed after the retention period (`content` null,
 * `purged_at` set; the row, its size and hash stay for the record).
 *
 * `status`: pending (not downloaded or not read yet) → read (what it says is
 * in `reading`), refused (too large, not the type it claims, a type we do not
 * take: the dealer was told) or unreadable (taken, but nothing could be read
 * from it: a person looks). `reading` holds order-sheet lines, OCR words with
 * their confidence and boxes, or a transcript.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE inbound_files (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      inbound_message_id uuid NOT NULL REFERENCES inbound_messages (id) ON DELETE CASCADE,
      position           integer NOT NULL CHECK (position >= 0),
      kind               text NOT NULL CHECK (kind IN ('document', 'image', 'voice', 'audio', 'video', 'other')),
      source             text NOT NULL CHECK (source IN ('whatsapp-cloud', 'whatsapp-web')),
      media_id           text,
      filename           text,
      declared_type      text,
      sniffed_type       text,
      size_bytes         bigint CHECK (size_bytes >= 0),
      sha256             text,
      content            bytea,
      status             text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'read', 'refused', 'unreadable')),
      refusal            text CHECK (refusal IN ('too_large', 'type_mismatch', 'unsupported_type', 'unavailable')),
      detail             text,
      reading            jsonb,
      attempts           integer NOT NULL DEFAULT 0,
      purged_at          timestamptz,
      created_at         timestamptz NOT NULL DEFAULT now(),
      updated_at         timestamptz NOT NULL DEFAULT now(),
      UNIQUE (inbound_message_id, position),
      CHECK ((status = 'refused') = (refusal IS NOT NULL))
    )`,
  // the retention sweep looks only at rows that still hold bytes
  sql`CREATE INDEX inbound_files_created_at_with_content_idx ON inbound_files (created_at)
        WHERE content IS NOT NULL`,
  sql`CREATE TRIGGER inbound_files_set_updated_at BEFORE UPDATE ON inbound_files
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
  // set once the message's files are read and their text composed into the message
  sql`ALTER TABLE inbound_messages ADD COLUMN files_read_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
