/**
 * The console's ERP export page on real PostgreSQL with orders confirmed by
 * the real pipeline and a local webhook receiver: a delivery the ERP kept
 * refusing shows as given up with its error; finance sends it again (ops
 * may not), resends one order or a date range, and each order's history
 * records who did it. A resent order reaches the ERP with the same
 * Idempotency-Key, so a careful ERP counts it as a repeat.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indiaDate } from '../../../src/domain/india-date.js';
import { orderNumber } from '../../../src/domain/order-number.js';
import { upsertExportTarget } from '../../../src/repositories/export.repository.js';
import { deliverDueExports } from '../../../src/services/export/deliver-exports.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  seedElectricalCatalog,
  startPipeline,
  type Pipeline,
} from '../../support/pipeline.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';
import { ConsoleClient, makeUser, useConsoleApp } from './console-support.js';

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db }));
const track = closeAfterAll();
const SECRET = 'console-export-secret';
let pipeline: Pipeline;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  // No export poller: the test delivers by hand, to see each state.
  pipeline = track(startPipeline(testDb.db, { exportIntervalMs: 0 }));
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function pointTargetAt(failShare: number): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver(SECRET, { failShare });
  receivers.push(receiver);
  await upsertExportTarget(testDb.db, {
    name: 'erp',
    kind: 'webhook',
    config: { url: receiver.url, secret: SECRET },
  });
  return receiver;
}

const deliveries = () =>
  testDb.db
    .selectFrom('export_deliveries')
    .select(['id', 'order_id', 'status', 'attempts'])
    .orderBy('created_at')
    .execute();

describe('the ERP export page', () => {
  it('shows what was given up, and finance sends it again; ops may only look', async () => {
    await pointTargetAt(1);
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    expect(order.status).toBe('confirmed');
    const number = orderNumber(order.order_no, order.created_at);
    await deliverDueExports({ db: testDb.db }, { maxAttempts: 1 });
    const [dead] = await deliveries();
    expect(dead).toMatchObject({ order_id: order.id, status: 'dead', attempts: 1 });

    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const seen = await ops.get('/console/exports');
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('href="/console/exports" aria-current="page"');
    expect(seen.text).toContain(`>${number}</a>`);
    expect(seen.text).toContain('HTTP 500');
    expect(seen.text).not.toContain('Try again');
    expect(seen.text).not.toContain('Send again</button>');
    const refused = await ops.post(`/console/exports/deliveries/${dead!.id}/retry`);
    expect(refused.status).toBe(403);

    const finance = new ConsoleClient(app.url);
    const financeUser = await makeUser(testDb.db, 'finance');
    await finance.login(financeUser.email);
    const page = await finance.get('/console/exports');
    expect(page.text).toContain(`aria-label="Try ${number} again"`);
    const retried = await finance.post(`/console/exports/deliveries/${dead!.id}/retry`);
    expect(retried.status).toBe(303);
    expect(retried.location).toBe(
      `/console/exports?done=retried&order=%23${order.order_no}&target=erp`,
    );
    expect((await finance.get(retried.location!)).text).toContain(
      `#${order.order_no} is queued for erp again.`,
    );
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 0 });

    const erp = await pointTargetAt(0);
    await deliverDueExports({ db: testDb.db });
    expect(erp.processed.size).toBe(1);
    const status = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('exported');

    const history = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'reason'])
      .where('entity_id', '=', order.id)
      .where('action', '=', 'export_requeued')
      .execute();
    expect(history).toEqual([
      {
        action: 'export_requeued',
        actor: `user:${financeUser.email}`,
        reason: 'sent to erp again by hand after it was given up',
      },
    ]);
  });

  it('resends one order or a date range; the ERP sees the same Idempotency-Key', async () => {
    const erp = await pointTargetAt(0);
    const dealer = await createElectricalDealer(testDb.db);
    const a = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const b = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 32a');
    await deliverDueExports({ db: testDb.db });
    expect(erp.processed.size).toBe(2);

    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const one = await admin.post('/console/exports/resend', {
      order: orderNumber(a.order_no, a.created_at),
    });
    expect(one.status).toBe(303);
    expect(one.location).toBe('/console/exports?done=resent&orders=1&deliveries=1');
    await deliverDueExports({ db: testDb.db });
    expect(erp.processed.size).toBe(2);
    expect(erp.repeats).toBe(1);

    const today = indiaDate(new Date());
    const range = await admin.post('/console/exports/resend', { from: today, to: today });
    expect(range.status).toBe(303);
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM orders
      WHERE status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')`.execute(
      testDb.db,
    );
    expect(range.location).toBe(
      `/console/exports?done=resent&orders=${Number(rows[0]!.n)}&deliveries=${Number(rows[0]!.n)}`,
    );
    await deliverDueExports({ db: testDb.db });
    expect(erp.repeats).toBe(1 + Number(rows[0]!.n) - 1);
    expect(erp.processed.has(`${b.id}:${b.version}`)).toBe(true);
  });

  it('downloads the confirmed orders of a range as CSV or Excel, for any signed-in role', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const today = indiaDate(new Date());
    const csv = await ops.get(`/console/exports/orders.csv?from=${today}&to=${today}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="orders-${today}-to-${today}.csv"`,
    );
    const [header, ...rows] = csv.text.trim().split('\r\n');
    expect(header).toMatch(/^order_number,order_id,version,date,dealer_code,/);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => /^SO-\d{4}-\d{6},/.test(r))).toBe(true);
    const xlsx = await fetch(`${app.url}/console/exports/orders.xlsx?from=${today}&to=${today}`, {
      headers: { cookie: [...ops.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const bad = await ops.get('/console/exports/orders.csv?from=2026-12-05&to=2026-12-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('the range ends before it starts');
  });

  it("downloads a dealer's statement as CSV from the dealer page", async () => {
    const dealer = await createElectricalDealer(testDb.db, { outstandingMinor: 1500_00n });
    const finance = new ConsoleClient(app.url);
    await finance.login((await makeUser(testDb.db, 'finance')).email);
    const page = await finance.get(`/console/dealers/${dealer.code}`);
    expect(page.text).toContain(`href="/console/dealers/${dealer.code}/statement.csv"`);
    const csv = await finance.get(`/console/dealers/${dealer.code}/statement.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="statement-${dealer.code}.csv"`,
    );
    const [header, opening] = csv.text.split('\r\n');
    expect(header).toBe('date,entry,reference,debit,credit,balance');
    expect(opening).toMatch(/^\d{4}-\d{2}-\d{2},Adjustment,.*,1500\.00,,1500\.00$/);
    expect((await finance.get('/console/dealers/NOPE/statement.csv')).status).toBe(404);
  });

  it('says what is wrong with a resend, and changes nothing', async () => {
    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const before = await deliveries();
    const empty = await admin.post('/console/exports/resend', { order: '', from: '', to: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Give one order number, or both days of a range.');
    const missing = await admin.post('/console/exports/resend', { order: 'SO-2026-999999' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('order SO-2026-999999 does not exist');
    expect(missing.text).toContain('value="SO-2026-999999"');
    const dealer = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00n });
    const held = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const conflict = await admin.post('/console/exports/resend', { order: held.id });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('is held credit; only confirmed orders go to the ERP');
    const backwards = await admin.post('/console/exports/resend', {
      from: '2026-12-05',
      to: '2026-12-01',
    });
    expect(backwards.status).toBe(400);
    expect(await deliveries()).toEqual(before);
  });
});
