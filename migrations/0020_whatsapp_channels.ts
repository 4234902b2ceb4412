/**
 * WhatsApp channels' bookkeeping:
 *
 * - channel_states: one row per long-lived channel adapter (whatsapp-web,
 *   whatsapp-cloud): its state, since when, a heartbeat, and the QR to scan.
 *   The process owning the adapter writes it; /health and the console read
 *   it from any process.
 * - outbox.delivery_*: what the provider said after accepting a reply
 *   (sent → delivered → read, or failed). Callbacks arrive out of order, so
 *   a status only ever moves up the ranking (failed is final).
 * - whatsapp_delivery_statuses: the best status seen per provider message id.
 *   A callback may arrive before the notify worker has written the id on the
 *   outbox row; the trigger applies it when the id is written.
 * - send_slots: the next free send time per pacing key (a recipient, a
 *   sending number), shared by every worker process.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE channel_states (
      channel       text PRIMARY KEY CHECK (channel <> ''),
      state         text NOT NULL CHECK (state <> ''),
      since         timestamptz NOT NULL DEFAULT now(),
      detail        text,
      -- a data: URL PNG while the state is qr_needed
      qr_data_url   text,
      heartbeat_at  timestamptz NOT NULL DEFAULT now()
    )`,

  sql`
    ALTER TABLE outbox
      ADD COLUMN delivery_status text CHECK (delivery_status IN ('sent', 'delivered', 'read', 'failed')),
      ADD COLUMN delivery_status_at timestamptz,
      ADD COLUMN delivery_error text`,
  sql`CREATE INDEX outbox_channel_external_id_idx ON outbox (channel, external_id) WHERE external_id IS NOT NULL`,

  sql`
    CREATE FUNCTION delivery_status_rank(status text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                         WHEN 'failed' THEN 4 ELSE 0 END
    $$`,

  sql`
    CREATE TABLE whatsapp_delivery_statuses (
      external_id  text PRIMARY KEY CHECK (external_id <> ''),
      status       text NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
      status_at    timestamptz NOT NULL,
      error        text,
      updated_at   timestamptz NOT NULL DEFAULT now()
    )`,
  sql`
    CREATE FUNCTION outbox_apply_delivery_status() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      seen whatsapp_delivery_statuses%ROWTYPE;
    BEGIN
      IF NEW.channel = 'whatsapp' AND NEW.external_id IS NOT NULL
         AND NEW.external_id IS DISTINCT FROM OLD.external_id THEN
        SELECT * INTO seen FROM whatsapp_delivery_statuses WHERE external_id = NEW.external_id;
        IF FOUND AND delivery_status_rank(seen.status) > delivery_status_rank(NEW.delivery_status) THEN
          NEW.delivery_status := seen.status;
          NEW.delivery_status_at := seen.status_at;
          NEW.delivery_error := seen.error;
        END IF;
      END IF;
      RETURN NEW;
    END
    $$`,
  sql`
    CREATE TRIGGER outbox_apply_delivery_status BEFORE UPDATE OF external_id ON outbox
      FOR EACH ROW EXECUTE FUNCTION outbox_apply_delivery_status()`,

  sql`
    CREATE TABLE send_slots (
      key      text PRIMARY KEY CHECK (key <> ''),
      next_at  timestamptz NOT NULL
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
