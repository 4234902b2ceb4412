/**
 * GET /api/reports/* over HTTP on a generated two-year history: the shapes
 * docs/http-api.md fixes, roles, clear errors, and figures checked against
 * SQL written here (trend windows, lapsed dealers, ageing, held orders,
 * reply times).
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { indiaDate } from '../../../src/domain/india-date.js';
import { addDays } from '../../../src/domain/report-periods.js';
import { createApiToken } from '../../../src/repositories/api-token.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { useTestApp } from '../../support/http-app.js';
import { generateHistory, type History } from '../../support/report-history.js';

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db }));
const TODAY = indiaDate(new Date());
let history: History;

beforeAll(async () => {
  history = await generateHistory(testDb.db, {
    seed: 'api',
    dealers: 50,
    regions: 4,
    products: 30,
    orders: 7000,
    maxLines: 4,
    days: 730,
    today: TODAY,
  });
  await createApiToken(testDb.db, { name: 'bi', token: 'reports-manager-token', role: 'manager' });
  await createApiToken(testDb.db, { name: 'ops', token: 'reports-ops-token', role: 'ops' });
}, 60_000);

type Json = Record<string, unknown>;
const get = async (path: string, token = 'reports-manager-token') =>
  app.request('GET', path, { token });

/** Net value of counted orders confirmed in [from, to] (India days), per dealer. */
async function valueByDealer(from: string, to: string): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ dealer_code: string; v: string }>`
    SELECT dealer_code, sum(subtotal_minor)::text AS v FROM orders
     WHERE status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')
       AND (confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN ${from}::date AND ${to}::date
     GROUP BY 1`.execute(testDb.db);
  return new Map(rows.map((r) => [r.dealer_code, BigInt(r.v)]));
}

const minor = (money: unknown): bigint => BigInt(String(money).replace('.', ''));

describe('GET /api/reports', () => {
  it('volume: the contract shape, money as strings, figures equal to the orders', async () => {
    const res = await get(`/api/reports/volume?by=dealer&from=2025-06-01&to=${TODAY}`);
    expect(res.status).toBe(200);
    const rows = (res.body as { rows: Json[] }).rows;
    const want = await valueByDealer('2025-06-01', TODAY);
    expect(rows).toHaveLength(want.size);
    for (const row of rows) {
      expect(row).toMatchObject({
        key: expect.any(String),
        orders: expect.any(Number),
        quantity: expect.any(Number),
      });
      expect(row.value).toMatch(/^\d+\.\d{2}$/);
      expect(minor(row.value)).toBe(want.get(row.key as string));
    }
    for (const by of ['product', 'region', 'channel', 'month']) {
      const r = await get(`/api/reports/volume?by=${by}&from=2025-06-01&to=${TODAY}`);
      expect(r.status, by).toBe(200);
      const total = (r.body as { rows: Json[] }).rows.reduce((a, x) => a + minor(x.value), 0n);
      expect(total, by).toBe([...want.values()].reduce((a, v) => a + v, 0n));
    }
  });

  it('answers bad queries with INVALID_INPUT and other roles with FORBIDDEN', async () => {
    const bad = await get('/api/reports/volume?by=colour');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: Json }).error.code).toBe('INVALID_INPUT');
    const backwards = await get('/api/reports/volume?by=dealer&from=2026-05-01&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect((backwards.body as { error: { message: string } }).error.message).toMatch(/before/);
    const date = await get('/api/reports/operations?from=2026-02-30');
    expect(date.status).toBe(400);
    const ops = await get('/api/reports/volume', 'reports-ops-token');
    expect(ops.status).toBe(403);
    expect((ops.body as { error: Json }).error.code).toBe('FORBIDDEN');
    expect((await get('/api/reports/credit', 'reports-ops-token')).status).toBe(403);
  });

  it('dealer-trends: the method, and each change from the 90-day windows', async () => {
    const res = await get('/api/reports/dealer-trends?min_base=1000');
    expect(res.status).toBe(200);
    const body = res.body as { method: string; growing: Json[]; declining: Json[]; lapsed: Json[] };
    expect(body.method).toMatch(/90 days/);
    expect(body.growing.length).toBeGreaterThan(0);
    expect(body.declining.length).toBeGreaterThan(0);
    expect(body.lapsed.length).toBeGreaterThan(0);
    const current = await valueByDealer(addDays(TODAY, -89), TODAY);
    const prior = await valueByDealer(addDays(TODAY, -179), addDays(TODAY, -90));
    for (const t of [...body.growing, ...body.declining]) {
      const now = current.get(t.dealer as string) ?? 0n;
      const before = prior.get(t.dealer as string)!;
      expect(before).toBeGreaterThanOrEqual(1000_00n);
      expect(t.change_pct).toBeCloseTo((Number(now - before) / Number(before)) * 100, 0);
      expect(t.sparkline).toHaveLength(12);
    }
    expect(body.growing.every((t) => (t.change_pct as number) >= 10)).toBe(true);
    expect(body.declining.every((t) => (t.change_pct as number) <= -10)).toBe(true);

    // lapsed: last order older than twice the average gap between order days of the last 365
    const { rows } = await sql<{ dealer_code: string; n: number; first: string; last: string }>`
      SELECT dealer_code, count(DISTINCT d)::int AS n, min(d)::text AS first, max(d)::text AS last
        FROM (SELECT dealer_code, (confirmed_at AT TIME ZONE 'Asia/Kolkata')::date AS d FROM orders
               WHERE status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')) x
       WHERE d > ${addDays(TODAY, -365)}::date GROUP BY 1`.execute(testDb.db);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    const expectedLapsed = rows
      .filter(
        (r) => r.n >= 3 && days(r.last, TODAY) > 2 * Math.max(days(r.first, r.last) / (r.n - 1), 1),
      )
      .map((r) => r.dealer_code)
      .sort();
    expect(body.lapsed.map((t) => t.dealer).sort()).toEqual(expectedLapsed.slice(0, 25));
    // every 11th generated dealer stopped 150 days ago
    expect(body.lapsed.map((t) => t.dealer)).toContain(history.dealerCodes[10]);

    // the figures follow a change at once: the top grower's last 90 days are cancelled
    const top = body.growing[0]!.dealer as string;
    await sql`UPDATE orders SET status = 'cancelled'
               WHERE dealer_code = ${top} AND (confirmed_at AT TIME ZONE 'Asia/Kolkata')::date >= ${addDays(TODAY, -89)}::date`.execute(
      testDb.db,
    );
    const after = (await get('/api/reports/dealer-trends?min_base=1000')).body as typeof body;
    expect(after.growing.map((t) => t.dealer)).not.toContain(top);
    expect(after.declining.find((t) => t.dealer === top)).toMatchObject({
      change_pct: -100,
      current_value: '0.00',
    });
  });

  it('credit: ageing of unpaid invoices oldest-paid-first, limits, held orders', async () => {
    const dealer = history.dealerCodes[3]!;
    const ago = (d: number) => new Date(Date.now() - d * 86_400_000);
    await testDb.db.deleteFrom('ledger_entries').where('dealer_code', '=', dealer).execute();
    await testDb.db
      .insertInto('ledger_entries')
      .values([
        {
          dealer_code: dealer,
          kind: 'invoice',
          amount_minor: 300_00n,
          reference: 'INV-A',
          occurred_at: ago(100),
        },
        {
          dealer_code: dealer,
          kind: 'invoice',
          amount_minor: 200_00n,
          reference: 'INV-B',
          occurred_at: ago(45),
        },
        {
          dealer_code: dealer,
          kind: 'invoice',
          amount_minor: 100_00n,
          reference: 'INV-C',
          occurred_at: ago(10),
        },
        {
          dealer_code: dealer,
          kind: 'payment',
          amount_minor: -250_00n,
          reference: 'UTR-1',
          occurred_at: ago(5),
        },
      ])
      .execute();
    await sql`UPDATE orders SET status = 'held_credit' WHERE id IN (
                SELECT id FROM orders WHERE status = 'confirmed' ORDER BY id LIMIT 3)`.execute(
      testDb.db,
    );

    const res = await get('/api/reports/credit');
    expect(res.status).toBe(200);
    const body = res.body as { totals: Json; dealers: Json[]; held: Json; regions: Json[] };
    const row = body.dealers.find((d) => d.dealer === dealer)!;
    expect(row.ageing).toEqual({
      '0-30': '100.00',
      '31-60': '200.00',
      '61-90': '0.00',
      '90+': '50.00',
    });

    const { rows } = await sql<{ exposure: string; over: number }>`
      SELECT sum(c.outstanding_minor + c.open_orders_minor)::text AS exposure,
             (count(*) FILTER (WHERE d.credit_limit_minor IS NOT NULL
                AND c.outstanding_minor + c.open_orders_minor > d.credit_limit_minor))::int AS over
        FROM dealers d JOIN dealer_credit c ON c.dealer_code = d.code WHERE d.active`.execute(
      testDb.db,
    );
    expect(minor(body.totals.exposure)).toBe(BigInt(rows[0]!.exposure));
    expect(body.totals.over_limit).toBe(rows[0]!.over);
    const regionSum = body.regions.reduce((a, g) => a + minor(g.exposure), 0n);
    expect(regionSum).toBe(BigInt(rows[0]!.exposure));

    const held = await sql<{ n: number; v: string }>`
      SELECT count(*)::int AS n, sum(total_minor)::text AS v FROM orders WHERE status IN ('held_credit', 'held_price')`.execute(
      testDb.db,
    );
    expect(body.held.count).toBe(held.rows[0]!.n);
    expect(minor(body.held.value)).toBe(BigInt(held.rows[0]!.v));
  });

  it('operations: messages per channel, time to the first reply, the review queue', async () => {
    const base = Date.now() - 2 * 86_400_000;
    const seconds = [2, 4, 6, 8, 100];
    for (const [i, s] of seconds.entries()) {
      const [m] = await sql<{ id: string }>`
        INSERT INTO inbound_messages (channel, external_id, sender, text, received_at)
        VALUES ('whatsapp', ${`ops-${i}`}, '+910000000000', 'hello', ${new Date(base + i * 1000)})
        RETURNING id`
        .execute(testDb.db)
        .then((r) => r.rows);
      await sql`
        INSERT INTO outbox (channel, recipient, inbound_message_id, kind, body, idempotency_key, status, sent_at)
        VALUES ('whatsapp', '+910000000000', ${m!.id}, 'reply', 'ok', ${`ops-reply-${i}`}, 'sent',
                ${new Date(base + i * 1000 + s * 1000)}),
               ('whatsapp', '+910000000000', ${m!.id}, 'reply', 'later', ${`ops-reply-late-${i}`}, 'sent',
                ${new Date(base + i * 1000 + 3_600_000)})`.execute(testDb.db);
    }
    const res = await get(`/api/reports/operations?from=${addDays(TODAY, -7)}&to=${TODAY}`);
    expect(res.status).toBe(200);
    const body = res.body as {
      messages_by_channel: Json[];
      reply_latency: Json;
      review_queue: Json;
    };
    expect(body.messages_by_channel).toEqual([{ channel: 'whatsapp', messages: 5 }]);
    expect(body.reply_latency).toEqual({ replies: 5, p50_seconds: 6, p95_seconds: 81.6 });
    expect(body.review_queue).toMatchObject({ waiting: 0, median_minutes: null });
  });
});
