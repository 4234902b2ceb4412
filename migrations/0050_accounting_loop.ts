/**
 * The accounting loop (docs/accounting.md): orders go on past "confirmed"
 * (exported, invoiced, dispatched, delivered) and carry a version; ledger
 * entries may name the order they invoice; dispatches and deliveries come
 * back from the ERP; confirmed orders go out to export targets through an
 * outbox written in the confirmation's transaction. API tokens gain the
 * `manager` and `integration` roles.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`ALTER TABLE orders DROP CONSTRAINT orders_status_check`,
  sql`
    ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN (
      'needs_review', 'awaiting_confirmation', 'confirmed', 'held_credit', 'held_price', 'blocked',
      'cancelled', 'rejected', 'exported', 'invoiced', 'dispatched', 'delivered'))`,
  // Bumped when a confirmed order's content changes; export idempotency keys are id:version.
  sql`ALTER TABLE orders ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`,
  sql`ALTER TABLE orders ADD COLUMN exported_at timestamptz`,
  sql`ALTER TABLE orders ADD COLUMN dispatched_at timestamptz`,
  sql`ALTER TABLE orders ADD COLUMN delivered_at timestamptz`,

  sql`ALTER TABLE ledger_entries ADD COLUMN order_id uuid REFERENCES orders (id)`,
  sql`CREATE INDEX ledger_entries_order_id_idx ON ledger_entries (order_id) WHERE order_id IS NOT NULL`,

  sql`ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check`,
  sql`
    ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
      CHECK (role IN ('admin', 'ops', 'finance', 'sales_manager', 'manager', 'integration'))`,

  // One row per shipment; a partial dispatch lists its lines ([] = the whole order).
  sql`
    CREATE TABLE dispatches (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id       uuid NOT NULL REFERENCES orders (id),
      dispatched_on  date NOT NULL,
      transporter    text,
      lr_number      text,
      vehicle        text,
      lines          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(lines) = 'array'),
      created_by     text NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now()
    )`,
  // The same LR number for the same order is the same dispatch (a replayed import or call).
  sql`CREATE UNIQUE INDEX dispatches_order_lr_idx ON dispatches (order_id, lr_number) WHERE lr_number IS NOT NULL`,
  sql`CREATE INDEX dispatches_order_id_idx ON dispatches (order_id, dispatched_on)`,

  sql`
    CREATE TABLE deliveries (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id       uuid NOT NULL REFERENCES orders (id),
      delivered_on   date NOT NULL,
      received_by    text,
      -- [{sku, qty}] short on arrival
      shortages      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(shortages) = 'array'),
      created_by     text NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT deliveries_order_id_key UNIQUE (order_id)
    )`,

  sql`
    CREATE TABLE export_targets (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name        text NOT NULL UNIQUE CHECK (name <> ''),
      kind        text NOT NULL CHECK (kind IN ('webhook', 'csv', 'xlsx', 'tally')),
      -- webhook: {url, secret | secret_env}; files: {folder}; tally: {folder, mapping}
      config      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE TRIGGER export_targets_set_updated_at BEFORE UPDATE ON export_targets
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,

  // The export outbox: one row per target and order version, written with the confirmation.
  sql`
    CREATE TABLE export_deliveries (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      target_id        uuid NOT NULL REFERENCES export_targets (id) ON DELETE CASCADE,
      order_id         uuid NOT NULL REFERENCES orders (id),
      order_version    integer NOT NULL,
      status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts         integer NOT NULL DEFAULT 0,
      next_attempt_at  timestamptz NOT NULL DEFAULT now(),
      last_error       text,
      response_status  integer,
      -- where a file export wrote it
      location         text,
      delivered_at     timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT export_deliveries_once_key UNIQUE (target_id, order_id, order_version)
    )`,
  sql`CREATE INDEX export_deliveries_due_idx ON export_deliveries (next_attempt_at) WHERE status = 'pending'`,
  sql`CREATE INDEX export_deliveries_order_id_idx ON export_deliveries (order_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
