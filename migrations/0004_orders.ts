/**
 * Orders and their lines. Each line stores how its price was reached, so any
 * price can be explained to a dealer or an auditor.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE orders (
      id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- short number for people: "order 1042"
      order_no            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      dealer_code         text REFERENCES dealers (code),
      -- the rep who placed it for the dealer, if any
      rep_code            text REFERENCES reps (code),
      inbound_message_id  uuid REFERENCES inbound_messages (id),
      -- one message may hold several drafts (a rep ordering for three shops)
      draft_no            integer NOT NULL DEFAULT 1 CHECK (draft_no >= 1),
      channel             text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'transcript', 'webchat')),
      status              text NOT NULL CHECK (status IN (
                            'needs_review', 'awaiting_confirmation', 'confirmed', 'held_credit',
                            'held_price', 'blocked', 'cancelled', 'rejected', 'exported',
                            'dispatched', 'delivered')),
      -- why it is held, blocked, rejected or cancelled
      status_reason       text,
      subtotal_minor      bigint NOT NULL DEFAULT 0 CHECK (subtotal_minor >= 0),
      discount_minor      bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
      tax_minor           bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      total_minor         bigint NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
      -- order-level pricing steps (order-value discounts, ...)
      price_explanation   jsonb NOT NULL DEFAULT '[]',
      -- [{ code, message, ... }] from the parser or the rules
      review_reasons      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(review_reasons) = 'array'),
      confirmed_at        timestamptz,
      -- set when the ERP invoices it: from then on it counts in the ledger,
      -- not in dealer_credit.open_orders_minor
      invoiced_at         timestamptz,
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now(),
      -- redelivered or re-run parse jobs find the draft already there
      CONSTRAINT orders_inbound_message_id_draft_no_key UNIQUE (inbound_message_id, draft_no),
      CONSTRAINT orders_dealer_code_check
        CHECK (dealer_code IS NOT NULL OR status IN ('needs_review', 'rejected', 'cancelled'))
    )`,
  sql`CREATE INDEX orders_dealer_code_created_at_idx ON orders (dealer_code, created_at DESC)`,
  sql`CREATE INDEX orders_status_created_at_idx ON orders (status, created_at)`,
  // confirmed and not invoiced: what open_orders_minor is recomputed from
  sql`
    CREATE INDEX orders_open_exposure_idx ON orders (dealer_code)
      WHERE invoiced_at IS NULL AND status IN ('confirmed', 'exported', 'dispatched', 'delivered')`,

  // Price columns are null until the line is priced (a draft in review may
  // not be), and set together.
  sql`
    CREATE TABLE order_lines (
      order_id               uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      line_no                integer NOT NULL CHECK (line_no >= 1),
      sku                    text NOT NULL REFERENCES products (sku),
      -- in the product's sales unit
      qty                    integer NOT NULL CHECK (qty > 0),
      list_price_minor       bigint CHECK (list_price_minor >= 0),
      unit_price_minor       bigint CHECK (unit_price_minor >= 0),
      -- a price the dealer asked for ("@95"), pending approval
      requested_price_minor  bigint CHECK (requested_price_minor >= 0),
      discount_minor         bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
      tax_rate_bp            integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
      tax_minor              bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      line_total_minor       bigint CHECK (line_total_minor >= 0),
      -- [{ step: 'list_price' | 'slab' | 'scheme' | 'exception', source_id, ... }]
      price_explanation      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(price_explanation) = 'array'),
      -- the text of the message this line was read from
      source_text            text,
      PRIMARY KEY (order_id, line_no),
      CONSTRAINT order_lines_priced_check
        CHECK ((unit_price_minor IS NULL) = (line_total_minor IS NULL))
    )`,
  sql`CREATE INDEX order_lines_sku_idx ON order_lines (sku)`,

  sql`CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON orders
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
