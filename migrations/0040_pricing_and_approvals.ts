/**
 * Pricing rules and approvals:
 *
 * - slabs: volume tiers (per sku, brand or category; by quantity or amount).
 * - schemes: promotions with validity, audience and stacking; the rule's
 *   parameters as JSON (loaded whole, tens of rows live at a time).
 * - order_lines.free: free goods from a buy-get scheme (zero price).
 * - approvals: a price exception or a credit hold waiting for a person, and
 *   what they decided. At most one pending approval of a kind per order.
 * - discount_authorities: how deep a discount a principal may approve.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE slabs (
      id            text PRIMARY KEY CHECK (id <> ''),
      target_kind   text NOT NULL CHECK (target_kind IN ('sku', 'brand', 'category')),
      target_value  text NOT NULL CHECK (target_value <> ''),
      basis         text NOT NULL CHECK (basis IN ('qty', 'amount')),
      -- sales units, or minor units of amount
      threshold     bigint NOT NULL CHECK (threshold > 0),
      discount_bp   integer NOT NULL CHECK (discount_bp BETWEEN 1 AND 10000),
      -- only for dealers on this list; null: everyone
      price_list    text REFERENCES price_lists (name),
      valid_from    date,
      valid_to      date,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT slabs_valid_range_check
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
    )`,

  sql`
    CREATE TABLE schemes (
      id            text PRIMARY KEY CHECK (id <> ''),
      name          text NOT NULL CHECK (name <> ''),
      kind          text NOT NULL CHECK (kind IN ('buy_get', 'percent_off', 'flat_off', 'order_value')),
      -- the kind's parameters (see src/domain/pricing/types.ts SchemeRule)
      rule          jsonb NOT NULL CHECK (jsonb_typeof(rule) = 'object'),
      stacking      text NOT NULL CHECK (stacking IN ('exclusive', 'best', 'priority')),
      priority      integer NOT NULL DEFAULT 100,
      valid_from    date,
      valid_to      date,
      -- all three empty: every dealer; otherwise a dealer matching any
      regions       text[] NOT NULL DEFAULT '{}',
      price_lists   text[] NOT NULL DEFAULT '{}',
      dealers       text[] NOT NULL DEFAULT '{}',
      active        boolean NOT NULL DEFAULT true,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT schemes_valid_range_check
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
    )`,

  sql`ALTER TABLE order_lines ADD COLUMN free boolean NOT NULL DEFAULT false`,

  sql`
    CREATE TABLE approvals (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id      uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      kind          text NOT NULL CHECK (kind IN ('price', 'credit')),
      status        text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
      -- price: [{ line_no, sku, requested, allowed, discount_bp }];
      -- credit: { total, exposure_before, limit, reasons }
      data          jsonb NOT NULL DEFAULT '{}',
      requested_by  text NOT NULL,
      decided_by    text,
      note          text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      decided_at    timestamptz,
      CONSTRAINT approvals_decided_check CHECK ((status IN ('pending', 'superseded')) = (decided_at IS NULL))
    )`,
  sql`CREATE UNIQUE INDEX approvals_one_pending_idx ON approvals (order_id, kind) WHERE status = 'pending'`,
  sql`CREATE INDEX approvals_order_id_idx ON approvals (order_id, created_at)`,

  sql`
    CREATE TABLE discount_authorities (
      -- 'token:<name>', 'user:<id>', ...
      principal        text PRIMARY KEY CHECK (principal <> ''),
      max_discount_bp  integer NOT NULL CHECK (max_discount_bp BETWEEN 0 AND 10000),
      created_at       timestamptz NOT NULL DEFAULT now()
    )`,

  ...['slabs', 'schemes'].map(
    (table) =>
      sql`CREATE TRIGGER ${sql.raw(`${table}_set_updated_at`)} BEFORE UPDATE ON ${sql.table(table)}
          FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
