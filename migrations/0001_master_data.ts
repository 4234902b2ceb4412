/**
 * Master data: dealers and who may order for them, reps, the catalog, price
 * lists and prices, aliases learned from reviews.
 *
 * Codes (dealer code, rep code, sku, price list name) are the natural keys the
 * ERP knows and are used as primary keys, so imports upsert on them directly.
 * Money is bigint minor units (paise, cents).
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now();
      RETURN NEW;
    END
    $$`,

  sql`
    CREATE TABLE price_lists (
      name        text PRIMARY KEY CHECK (name <> ''),
      region      text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`,

  sql`
    CREATE TABLE dealers (
      code                text PRIMARY KEY CHECK (code <> ''),
      name                text NOT NULL CHECK (name <> ''),
      region              text,
      price_list          text REFERENCES price_lists (name),
      -- null: no credit limit
      credit_limit_minor  bigint CHECK (credit_limit_minor >= 0),
      -- what happens to an order past the limit or under the overdue rule
      credit_policy       text NOT NULL DEFAULT 'hold' CHECK (credit_policy IN ('hold', 'block')),
      -- false: the dealer must reply YES before an order is confirmed
      auto_confirm        boolean NOT NULL DEFAULT true,
      language            text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
      -- hold/block when an invoice is more than this many days past due; null: no rule
      overdue_days        integer CHECK (overdue_days >= 0),
      active              boolean NOT NULL DEFAULT true,
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX dealers_price_list_idx ON dealers (price_list)`,

  // A number or address identifies at most one dealer: that is what makes
  // sender lookup unambiguous.
  sql`
    CREATE TABLE dealer_phones (
      phone        text PRIMARY KEY CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX dealer_phones_dealer_code_idx ON dealer_phones (dealer_code)`,

  sql`
    CREATE TABLE dealer_emails (
      email        text PRIMARY KEY CHECK (email <> '' AND email = lower(email)),
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX dealer_emails_dealer_code_idx ON dealer_emails (dealer_code)`,

  sql`
    CREATE TABLE reps (
      code        text PRIMARY KEY CHECK (code <> ''),
      name        text NOT NULL CHECK (name <> ''),
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`,

  sql`
    CREATE TABLE rep_phones (
      phone       text PRIMARY KEY CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
      rep_code    text NOT NULL REFERENCES reps (code) ON DELETE CASCADE,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX rep_phones_rep_code_idx ON rep_phones (rep_code)`,

  sql`
    CREATE TABLE rep_emails (
      email       text PRIMARY KEY CHECK (email <> '' AND email = lower(email)),
      rep_code    text NOT NULL REFERENCES reps (code) ON DELETE CASCADE,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX rep_emails_rep_code_idx ON rep_emails (rep_code)`,

  sql`
    CREATE TABLE rep_dealers (
      rep_code     text NOT NULL REFERENCES reps (code) ON DELETE CASCADE,
      dealer_code  text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (rep_code, dealer_code)
    )`,
  sql`CREATE INDEX rep_dealers_dealer_code_idx ON rep_dealers (dealer_code)`,

  sql`
    CREATE TABLE products (
      sku               text PRIMARY KEY CHECK (sku <> ''),
      name              text NOT NULL CHECK (name <> ''),
      -- the sales unit an order line is counted in (case, box, bag, ...)
      unit              text NOT NULL CHECK (unit <> ''),
      -- pieces inside one sales unit
      pack_size         integer NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
      piece_unit        text,
      -- list price of one sales unit, the last fallback of pricing
      list_price_minor  bigint NOT NULL CHECK (list_price_minor >= 0),
      aliases           text[] NOT NULL DEFAULT '{}',
      brand             text,
      category          text,
      -- GST-style tax rate in basis points: 1800 = 18%
      tax_rate_bp       integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
      active            boolean NOT NULL DEFAULT true,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now()
    )`,
  sql`CREATE INDEX products_active_idx ON products (sku) WHERE active`,

  // Effective dates are inclusive calendar days; null on either side means
  // unbounded. (price_list, sku, effective_from) identifies a price, with a
  // null effective_from counted as one value so an undated price upserts.
  sql`
    CREATE TABLE prices (
      price_list      text NOT NULL REFERENCES price_lists (name) ON DELETE CASCADE,
      sku             text NOT NULL REFERENCES products (sku),
      price_minor     bigint NOT NULL CHECK (price_minor >= 0),
      effective_from  date,
      effective_to    date,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT prices_effective_range_check
        CHECK (effective_from IS NULL OR effective_to IS NULL OR effective_to >= effective_from),
      CONSTRAINT prices_price_list_sku_effective_from_key
        UNIQUE NULLS NOT DISTINCT (price_list, sku, effective_from)
    )`,
  sql`CREATE INDEX prices_sku_idx ON prices (sku)`,

  // An alias a reviewer taught the matcher: for one dealer, or for everyone
  // when dealer_code is null.
  sql`
    CREATE TABLE learned_aliases (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      dealer_code  text REFERENCES dealers (code) ON DELETE CASCADE,
      alias        text NOT NULL CHECK (alias <> ''),
      sku          text NOT NULL REFERENCES products (sku),
      created_by   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT learned_aliases_dealer_code_alias_key UNIQUE NULLS NOT DISTINCT (dealer_code, alias)
    )`,
  sql`CREATE INDEX learned_aliases_sku_idx ON learned_aliases (sku)`,

  ...['price_lists', 'dealers', 'reps', 'products', 'prices'].map(
    (table) =>
      sql`CREATE TRIGGER ${sql.raw(`${table}_set_updated_at`)} BEFORE UPDATE ON ${sql.table(table)}
          FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
