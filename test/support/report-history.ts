/**
 * A generated order history for the reports' tests and benchmark: dealers in
 * regions, products in brands and categories, and orders with lines over
 * `days` days up to `today`, written by a few set-based INSERTs (a million
 * orders in minutes). Deterministic for the same input: every "random"
 * choice is a hash of the row number and `seed`.
 *
 * Dealers have a shape so the trend report has something to find: every
 * 7th dealer grows (orders lean to recent days), every 7th+1 declines, every
 * 11th stopped ordering 150 days ago.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export interface HistoryInput {
  seed: string;
  dealers: number;
  /** At most 9. */
  regions: number;
  products: number;
  orders: number;
  /** Up to this many lines per order (at least 1; average about half). */
  maxLines: number;
  days: number;
  /** YYYY-MM-DD (India), the last day with orders. */
  today: string;
  /** Orders only, numbered after this many already made with the same seed (the benchmark's batches). */
  continueAfter?: number;
}

export interface History {
  dealerCodes: string[];
  skus: string[];
}

// Made-up names, so screenshots read like a trade network rather than row numbers.
const NAME_FIRST = [
  'Shree',
  'Balaji',
  'Ganesh',
  'Laxmi',
  'Sai',
  'Krishna',
  'Om',
  'Mahavir',
  'Anand',
  'Navjivan',
];
const NAME_SECOND = [
  'Traders',
  'Agencies',
  'Distributors',
  'Enterprises',
  'Stores',
  'Marketing',
  'Sales',
];
const TOWNS = [
  'Pune',
  'Nagpur',
  'Indore',
  'Jaipur',
  'Surat',
  'Lucknow',
  'Nashik',
  'Raipur',
  'Bhopal',
  'Kota',
  'Rajkot',
];
const REGIONS = [
  'West',
  'North',
  'Central',
  'South',
  'East',
  'North-East',
  'Gujarat',
  'Rajasthan',
  'Vidarbha',
];
const BRANDS = ['Apex', 'Nova', 'Sunrise', 'Zenith', 'Orbit', 'Vega', 'Kiran', 'Tara', 'Meru'];
const LINES = ['Classic', 'Plus', 'Gold', 'Lite', 'Pro', 'Max', 'Eco', 'Ultra'];
const CATEGORIES = ['Home care', 'Personal care', 'Hardware', 'Electricals', 'Stationery'];

function sqlArray(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}

/** A hash in [0, 1) of some SQL text, as SQL. */
function u(expr: string, salt: string): string {
  return `((abs(hashtext((${expr})::text || '${salt}')) % 1000003) / 1000003.0)`;
}

export async function generateHistory(db: Kysely<DB>, input: HistoryInput): Promise<History> {
  const s = input.seed.replace(/[^A-Za-z0-9]/g, '');
  const { dealers, products, orders } = input;
  const first = (input.continueAfter ?? 0) + 1;
  const last = first + orders - 1;
  if (input.continueAfter === undefined) await masters(db, s, input);
  await insertOrders(db, s, input, first, last);
  return {
    dealerCodes: Array.from(
      { length: dealers },
      (_, k) => `${s}D${String(k + 1).padStart(5, '0')}`,
    ),
    skus: Array.from({ length: products }, (_, k) => `${s}P${String(k + 1).padStart(5, '0')}`),
  };
}

async function masters(db: Kysely<DB>, s: string, input: HistoryInput): Promise<void> {
  const { dealers, regions, products } = input;
  await sql
    .raw(
      `INSERT INTO dealers (code, name, region, credit_limit_minor)
       SELECT '${s}D' || lpad(k::text, 5, '0'),
              (${sqlArray(NAME_FIRST)})[1 + k % ${NAME_FIRST.length}] || ' ' || (${sqlArray(NAME_SECOND)})[1 + (k / ${NAME_FIRST.length}) % ${NAME_SECOND.length}]
                || ', ' || (${sqlArray(TOWNS)})[1 + (k * 7) % ${TOWNS.length}] || CASE WHEN k > ${NAME_FIRST.length * NAME_SECOND.length} THEN ' ' || k ELSE '' END,
              CASE WHEN k % 17 = 0 THEN NULL ELSE (${sqlArray(REGIONS)})[1 + k % ${regions}] END,
              CASE WHEN k % 5 = 0 THEN NULL ELSE (50000 + (k * 7919) % 450000) * 100 END
         FROM generate_series(1, ${dealers}) k`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO ledger_entries (dealer_code, kind, amount_minor, reference, due_date, occurred_at)
       SELECT code, 'invoice', ((abs(hashtext(code || a)) % 150000) * 100 + 100)::bigint, 'INV-' || code || '-' || a,
              (now() - a * interval '1 day')::date + 30, now() - a * interval '1 day'
         FROM dealers CROSS JOIN unnest(ARRAY[8, 37, 70, 125]) a
        WHERE code LIKE '${s}D%' AND abs(hashtext(code || a || 'open')) % 3 > 0`,
    )
    .execute(db);
  // Outstanding as the ledger has it; open orders as if the last few days were not yet invoiced.
  await sql
    .raw(
      `INSERT INTO dealer_credit (dealer_code, outstanding_minor, open_orders_minor)
       SELECT d.code, coalesce((SELECT sum(amount_minor) FROM ledger_entries l WHERE l.dealer_code = d.code), 0),
              ((abs(hashtext(d.code || 'open')) % 120000) * 100)::bigint
         FROM dealers d WHERE d.code LIKE '${s}D%'`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO products (sku, name, unit, list_price_minor, brand, category)
       SELECT '${s}P' || lpad(k::text, 5, '0'),
              (${sqlArray(BRANDS)})[1 + k % ${BRANDS.length}] || ' ' || (${sqlArray(LINES)})[1 + k % ${LINES.length}] || ' ' || k,
              'case', 5000 + (k * 104729) % 500000,
              CASE WHEN k % 13 = 0 THEN NULL ELSE (${sqlArray(BRANDS)})[1 + k % ${BRANDS.length}] END,
              (${sqlArray(CATEGORIES)})[1 + k % ${CATEGORIES.length}]
         FROM generate_series(1, ${products}) k`,
    )
    .execute(db);
}

async function insertOrders(
  db: Kysely<DB>,
  s: string,
  input: HistoryInput,
  first: number,
  last: number,
): Promise<void> {
  const { dealers, products, maxLines, days, today } = input;
  // Per order i: dealer, day offset (0 = today) by the dealer's shape, channel, status, lines.
  const dealer = `(1 + floor(${u('i', 'd')} * ${dealers})::int)`;
  const offsetOf = (k: string): string => `CASE
      WHEN ${k} % 11 = 0 THEN 150 + floor(${u('i', 'o')} * ${Math.max(days - 150, 1)})::int
      WHEN ${k} % 7 = 0 THEN floor(${days} * sqrt(${u('i', 'o')}))::int
      WHEN ${k} % 7 = 1 THEN floor(${days} * (1 - sqrt(${u('i', 'o')})))::int
      ELSE floor(${days} * ${u('i', 'o')})::int END`;
  const lineCount = `(1 + floor(${u('i', 'n')} * ${maxLines})::int)`;
  const sku = `(1 + floor(${u("i::text || '.' || j", 'p')} * ${products})::int)`;
  const qty = `(1 + floor(${u("i::text || '.' || j", 'q')} * 20)::int)`;
  const price = `(5000 + (${sku} * 104729) % 500000)`;
  await sql
    .raw(
      `INSERT INTO orders (id, dealer_code, channel, status, subtotal_minor, total_minor, confirmed_at, created_at, updated_at)
       SELECT md5('${s}' || i)::uuid, '${s}D' || lpad(k::text, 5, '0'),
              (ARRAY['whatsapp', 'whatsapp', 'whatsapp', 'email', 'transcript', 'webchat'])[1 + floor(${u('i', 'c')} * 6)::int],
              status, subtotal, subtotal, CASE WHEN counted THEN at + interval '10 minutes' END, at, at
         FROM (
           SELECT i, k, st.status, st.status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered') AS counted,
                  (('${today}'::date - off)::timestamp + floor(${u('i', 't')} * 85000) * interval '1 second')
                    AT TIME ZONE 'Asia/Kolkata' AS at,
                  (SELECT sum(${qty} * ${price}) FROM generate_series(1, ${lineCount}) j)::bigint AS subtotal
             FROM (SELECT i, ${dealer} AS k FROM generate_series(${first}, ${last}) i) o
             CROSS JOIN LATERAL (SELECT ${offsetOf('k')} AS off) d
             -- a hold lasts days, not years: older "held" orders were cancelled
             CROSS JOIN LATERAL (SELECT CASE WHEN pick = 'held_credit' AND off > 10 THEN 'cancelled' ELSE pick END AS status
                  FROM (SELECT (ARRAY['confirmed', 'exported', 'invoiced', 'invoiced', 'dispatched', 'delivered',
                  'delivered', 'delivered', 'delivered', 'delivered', 'cancelled', 'held_credit'])
                  [1 + floor(${u('i', 's')} * 12)::int] AS pick) p) st
         ) x`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO order_lines (order_id, line_no, sku, qty, list_price_minor, unit_price_minor, line_total_minor)
       SELECT md5('${s}' || i)::uuid, j, '${s}P' || lpad(${sku}::text, 5, '0'), ${qty}, ${price}, ${price}, ${qty} * ${price}
         FROM generate_series(${first}, ${last}) i CROSS JOIN LATERAL generate_series(1, ${lineCount}) j`,
    )
    .execute(db);
}

/**
 * The messages behind the last `days` days of a generated history, for the operations report:
 * one inbound message per order (40 s before it), a first reply 2–21 s later, every fourth draft
 * with a review reason, and a person's review of those (every other one corrected).
 */
export async function generateMessages(db: Kysely<DB>, seed: string, days: number): Promise<void> {
  const s = seed.replace(/[^A-Za-z0-9]/g, '');
  const recent = `dealer_code LIKE '${s}D%' AND created_at > now() - interval '${days} days'`;
  await sql
    .raw(
      `INSERT INTO inbound_messages (id, channel, external_id, sender, dealer_code, text, received_at, status)
       SELECT md5('msg' || id)::uuid, channel, 'gen-' || id, '+9190000' || right(dealer_code, 5), dealer_code,
              'order', created_at - interval '40 seconds', 'done'
         FROM orders WHERE ${recent}`,
    )
    .execute(db);
  await sql
    .raw(
      `UPDATE orders SET inbound_message_id = md5('msg' || id)::uuid,
              review_reasons = CASE WHEN abs(hashtext(id::text)) % 4 = 0
                THEN '[{"code": "review_policy", "message": "generated"}]'::jsonb ELSE '[]'::jsonb END
        WHERE ${recent}`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO outbox (channel, recipient, inbound_message_id, kind, body, idempotency_key, status, sent_at)
       SELECT channel, sender, id, 'reply', 'Thank you, your order is confirmed.', 'gen-reply-' || id, 'sent',
              received_at + (2 + abs(hashtext(id::text)) % 20) * interval '1 second'
         FROM inbound_messages WHERE external_id LIKE 'gen-%' AND dealer_code LIKE '${s}D%'`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO audit_events (entity_type, entity_id, action, actor, reason, data, at)
       SELECT 'order', id::text, 'reviewed', 'user:ops@example.test', 'approved in review',
              CASE WHEN abs(hashtext(id::text || 'fix')) % 2 = 0
                THEN '{"before": [{"sku": "A", "qty": 1}], "after": [{"sku": "A", "qty": 2}]}'::jsonb
                ELSE '{"before": [{"sku": "A", "qty": 1}], "after": [{"sku": "A", "qty": 1}]}'::jsonb END,
              created_at + interval '5 minutes'
         FROM orders WHERE ${recent} AND jsonb_array_length(review_reasons) > 0`,
    )
    .execute(db);
}
