/**
 * Summary tables for the reports (docs/reports.md), so a report over two
 * years reads thousands of rollup rows instead of millions of order lines.
 *
 * An order counts from the day it was confirmed (India time) while its
 * status is confirmed or later. A trigger on `orders` appends that day to
 * `report_dirty_days` in the same transaction as the change; the refresher
 * (src/services/reports/refresh-rollups.ts) takes the days it can see,
 * rebuilds those days exactly and moves each month by the difference. Rows
 * are appended, never upserted: a change committed while a refresh runs
 * leaves its own row behind for the next refresh, so nothing is missed.
 */
import { sql, type Kysely } from 'kysely';

const COUNTED = `('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')`;

/** `report_<name>_days` and `report_<name>_months`: the same columns by India day and by month. */
function rollupTables(name: string, columns: string, keys: string) {
  return (['day', 'month'] as const).map((period) =>
    sql.raw(`
      CREATE TABLE report_${name}_${period}s (
        ${period} date NOT NULL,
        ${columns},
        PRIMARY KEY (${period}, ${keys})
      )`),
  );
}

const statements = [
  sql`
    CREATE FUNCTION report_day(confirmed_at timestamptz, created_at timestamptz) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN (timezone('Asia/Kolkata', coalesce(confirmed_at, created_at)))::date`,
  sql`CREATE TABLE report_dirty_days (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, day date NOT NULL)`,
  sql.raw(`
    CREATE FUNCTION report_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_day date;
      new_day date;
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.status IN ${COUNTED} THEN
        old_day := report_day(OLD.confirmed_at, OLD.created_at);
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.status IN ${COUNTED} THEN
        new_day := report_day(NEW.confirmed_at, NEW.created_at);
      END IF;
      IF TG_OP = 'UPDATE' AND old_day IS NOT DISTINCT FROM new_day
         AND OLD.status = NEW.status AND OLD.subtotal_minor = NEW.subtotal_minor
         AND OLD.version = NEW.version AND OLD.dealer_code IS NOT DISTINCT FROM NEW.dealer_code
         AND OLD.channel = NEW.channel THEN
        RETURN NULL;
      END IF;
      IF old_day IS NOT NULL THEN INSERT INTO report_dirty_days (day) VALUES (old_day); END IF;
      IF new_day IS NOT NULL AND new_day IS DISTINCT FROM old_day THEN
        INSERT INTO report_dirty_days (day) VALUES (new_day);
      END IF;
      RETURN NULL;
    END $$`),
  sql`
    CREATE TRIGGER orders_report_dirty
      AFTER INSERT OR DELETE OR UPDATE OF status, subtotal_minor, confirmed_at, version, dealer_code, channel
      ON orders FOR EACH ROW EXECUTE FUNCTION report_mark_dirty()`,
  sql.raw(
    `CREATE INDEX orders_report_day_idx ON orders (report_day(confirmed_at, created_at))
       WHERE status IN ${COUNTED}`,
  ),
  // region (and brand, category) as they were when the day was last rebuilt; '' for none
  ...rollupTables(
    'dealer',
    `dealer_code text NOT NULL, region text NOT NULL, channel text NOT NULL,
      orders integer NOT NULL, lines integer NOT NULL, quantity numeric NOT NULL, value_minor bigint NOT NULL`,
    'dealer_code, region, channel',
  ),
  ...rollupTables(
    'product',
    `sku text NOT NULL, region text NOT NULL,
      orders integer NOT NULL, quantity numeric NOT NULL, value_minor bigint NOT NULL`,
    'sku, region',
  ),
  // the whole network by region and channel, and by brand/category and region: what most
  // reports ask, in a few thousand rows
  ...rollupTables(
    'network',
    `region text NOT NULL, channel text NOT NULL,
      orders integer NOT NULL, lines integer NOT NULL, quantity numeric NOT NULL, value_minor bigint NOT NULL`,
    'region, channel',
  ),
  ...rollupTables(
    'brand',
    `brand text NOT NULL, category text NOT NULL, region text NOT NULL,
      orders integer NOT NULL, quantity numeric NOT NULL, value_minor bigint NOT NULL`,
    'brand, category, region',
  ),
  // a dealer's days, for the trend figures of the dealers a refresh touched
  sql`CREATE INDEX report_dealer_days_dealer_idx ON report_dealer_days (dealer_code, day)`,
  // Each dealer's trend figures as of one India day (src/services/reports/dealer-trends.ts):
  // rebuilt for every dealer once a day, and for the dealers whose days changed on each refresh.
  sql`
    CREATE TABLE report_dealer_trends (
      dealer_code     text PRIMARY KEY,
      as_of           date NOT NULL,
      current_minor   bigint NOT NULL,
      prior_minor     bigint NOT NULL,
      last_year_minor bigint NOT NULL,
      order_days      integer NOT NULL,
      first_day       date,
      last_day        date
    )`,
  // Orders already confirmed when this migration runs are rolled up by the first refresh.
  sql.raw(`
    INSERT INTO report_dirty_days (day)
      SELECT DISTINCT report_day(confirmed_at, created_at) FROM orders WHERE status IN ${COUNTED}`),
  // The operations report reads these by time.
  sql`CREATE INDEX IF NOT EXISTS inbound_messages_received_at_idx ON inbound_messages (received_at)`,
  sql`CREATE INDEX IF NOT EXISTS orders_created_at_idx ON orders (created_at)`,
  sql`CREATE INDEX IF NOT EXISTS outbox_inbound_message_id_idx ON outbox (inbound_message_id)
        WHERE inbound_message_id IS NOT NULL`,
  sql`CREATE INDEX IF NOT EXISTS audit_events_order_reviewed_idx ON audit_events (at)
        WHERE entity_type = 'order' AND action = 'reviewed'`,
  // Management: reads orders, dealers and reports, decides nothing.
  sql`ALTER TABLE users DROP CONSTRAINT users_role_check`,
  sql`ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('ops', 'sales_manager', 'finance', 'manager', 'admin'))`,
  // The weekly digest (docs/reports.md): opt-in per console user, once per user and week.
  sql`ALTER TABLE users ADD COLUMN weekly_digest boolean NOT NULL DEFAULT false`,
  sql`
    CREATE TABLE report_digests (
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      week_start date NOT NULL,
      sent_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, week_start)
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
