/**
 * The accounting loop over HTTP on real PostgreSQL and Redis, with orders
 * confirmed or held by the real pipeline: invoices, payments, credit notes,
 * dispatches and deliveries (docs/accounting.md), their roles, their
 * idempotency, what they do to credit, and what the dealer hears.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenRole } from '../../../src/db/schema.js';
import { orderNumber } from '../../../src/domain/order-number.js';
import { createApiToken } from '../../../src/repositories/api-token.repository.js';
import { findDealerCredit } from '../../../src/repositories/credit.repository.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import { useTestApp } from '../../support/http-app.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  waitFor,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(startPipeline(testDb.db));
});
// Replies the API writes (a release, a dispatch) go to the pipeline's workers.
const app = useTestApp(() => ({ db: testDb.db, jobs: pipeline.jobs }));

async function tokenFor(role: ApiTokenRole): Promise<string> {
  const token = `t-${role}-${randomUUID()}`;
  await createApiToken(testDb.db, { name: `${role}-${randomUUID()}`, token, role });
  return token;
}

const money = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;

async function credit(dealer: string) {
  const c = (await findDealerCredit(testDb.db, dealer))!;
  return { outstanding: c.outstanding_minor, openOrders: c.open_orders_minor };
}

async function status(orderId: string) {
  const row = await testDb.db
    .selectFrom('orders')
    .select(['status', 'order_no', 'created_at', 'total_minor'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  return row;
}

/** A dealer's chat message through the pipeline; the last reply it got. */
async function ask(dealer: string, text: string): Promise<string> {
  const { messageId } = await ingestMessage(
    { db: testDb.db, jobs: pipeline.jobs },
    { channel: 'webchat', externalId: randomUUID(), sender: dealer, dealerCode: dealer, text },
  );
  await waitFor(async () => {
    const m = await testDb.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    return m.status === 'done' || m.status === 'needs_review';
  });
  await waitForQuiet(testDb.db);
  return (await repliesTo(testDb.db, dealer)).at(-1) ?? '';
}

describe('roles', () => {
  it.each(['ops', 'sales_manager', 'manager'] as const)(
    'refuses a %s token with 403 FORBIDDEN and records nothing',
    async (role) => {
      const dealer = await createElectricalDealer(testDb.db);
      const res = await app.request('POST', '/api/payments', {
        token: await tokenFor(role),
        json: { dealer: dealer.code, amount: '100.00', date: '2026-12-01', reference: 'R-1' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: {
          code: 'FORBIDDEN',
          message: `this call needs a token with the role finance, integration or admin; this token's role is ${role}`,
        },
      });
      expect((await credit(dealer.code)).outstanding).toBe(0n);
    },
  );

  it.each(['finance', 'integration', 'admin'] as const)('accepts a %s token', async (role) => {
    const dealer = await createElectricalDealer(testDb.db, { outstandingMinor: 500_00n });
    const res = await app.request('POST', '/api/payments', {
      token: await tokenFor(role),
      json: { dealer: dealer.code, amount: '100.00', date: '2026-12-01', reference: 'R-1' },
    });
    expect(res.status).toBe(201);
    expect((await credit(dealer.code)).outstanding).toBe(400_00n);
  });

  it('answers 401 without a token', async () => {
    const res = await app.request('POST', '/api/invoices', { token: null, json: {} });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/invoices', () => {
  it('enters the invoice in the ledger and moves the order out of open orders in one step', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '3 box voltra mcb 16a');
    expect(order.status).toBe('confirmed');
    const before = await credit(dealer.code);
    expect(before).toEqual({ outstanding: 0n, openOrders: order.total_minor });

    const body = {
      invoice_no: `INV-${randomUUID().slice(0, 8)}`,
      order_id: order.id,
      date: '2026-12-02',
      due_date: '2027-01-01',
      amount: money(order.total_minor),
    };
    const res = await app.request('POST', '/api/invoices', { json: body });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body as object)).toEqual(['id']);
    expect((await status(order.id)).status).toBe('invoiced');
    // Exposure (outstanding + open orders) is unchanged: the order is counted once.
    expect(await credit(dealer.code)).toEqual({
      outstanding: order.total_minor,
      openOrders: 0n,
    });

    const again = await app.request('POST', '/api/invoices', { json: body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(await credit(dealer.code)).toEqual({ outstanding: order.total_minor, openOrders: 0n });
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM ledger_entries WHERE reference = ${body.invoice_no}`.execute(
      testDb.db,
    );
    expect(Number(rows[0]!.n)).toBe(1);

    const doc = await app.request('GET', `/api/orders/${order.id}`);
    expect((doc.body as { events: { kind: string }[] }).events.map((e) => e.kind)).toContain(
      'invoiced',
    );
    // each line's price in words, with the list's name
    const pricing = (doc.body as { pricing: { sku: string; explanation: string[] }[] }).pricing;
    expect(pricing.length).toBeGreaterThan(0);
    expect(pricing[0]!.explanation[0]).toMatch(/^(ELEC-RETAIL list|Catalog price) ₹[\d,]+\.\d\d/);
  });

  it('takes the order number instead of the id, and an invoice for less than the order', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    const res = await app.request('POST', '/api/invoices', {
      json: {
        invoice_no: 'INV-PART-1',
        order_id: orderNumber(order.order_no, order.created_at),
        date: '2026-12-02',
        amount: '1000.00',
      },
    });
    expect(res.status).toBe(201);
    expect(await credit(dealer.code)).toEqual({ outstanding: 1000_00n, openOrders: 0n });
  });

  it('bills, by its lines, the oldest order waiting for an invoice when no order is named', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const older = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    const newer = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    const body = {
      invoice_no: 'TALLY/881',
      dealer: dealer.code,
      lines: [{ sku: 'ELX-MCB-16', qty: 2 }],
      date: '2026-12-02',
      amount: money(older.total_minor),
    };
    const res = await app.request('POST', '/api/invoices', { json: body });
    expect(res.status).toBe(201);
    expect((await status(older.id)).status).toBe('invoiced');
    expect((await status(newer.id)).status).toBe('confirmed');
    const again = await app.request('POST', '/api/invoices', { json: body });
    expect(again).toMatchObject({ status: 200, body: res.body });
    expect((await status(newer.id)).status).toBe('confirmed');

    const none = await app.request('POST', '/api/invoices', {
      json: { ...body, invoice_no: 'TALLY/882', lines: [{ sku: 'ELX-MCB-16', qty: 3 }] },
    });
    expect(none.status).toBe(404);
    expect((none.body as { error: { message: string } }).error.message).toBe(
      `no order of ${dealer.code} waiting for an invoice has exactly these lines`,
    );
    const neither = await app.request('POST', '/api/invoices', {
      json: { invoice_no: 'X', date: '2026-12-02', amount: '1.00' },
    });
    expect(neither.status).toBe(400);
    expect((neither.body as { error: { message: string } }).error.message).toBe(
      'order_id: is required, unless dealer and the lines billed are given',
    );
  });

  it('refuses an invoice number already used for another order with 409 and changes nothing', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const a = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const b = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 32a');
    const invoice = { invoice_no: 'INV-DUP', date: '2026-12-02', amount: '10.00' };
    expect(
      (await app.request('POST', '/api/invoices', { json: { ...invoice, order_id: a.id } })).status,
    ).toBe(201);
    const res = await app.request('POST', '/api/invoices', {
      json: { ...invoice, order_id: b.id },
    });
    expect(res.status).toBe(409);
    expect((await status(b.id)).status).toBe('confirmed');
  });

  it('refuses an order that is not confirmed (409), an unknown order (404) and bad values (400)', async () => {
    const dealer = await createElectricalDealer(testDb.db, { creditLimitMinor: 100_00n });
    const review = await placeWebchatOrder(
      testDb.db,
      pipeline,
      dealer.code,
      '1 box voltra mcb 16a',
    );
    expect(review.status).toBe('held_credit');
    const base = { invoice_no: 'INV-X', date: '2026-12-02', amount: '10.00' };
    const conflict = await app.request('POST', '/api/invoices', {
      json: { ...base, order_id: review.id },
    });
    expect(conflict.status).toBe(409);
    expect((conflict.body as { error: { message: string } }).error.message).toMatch(
      /is held_credit; only a confirmed order can be invoiced/,
    );
    const missing = await app.request('POST', '/api/invoices', {
      json: { ...base, order_id: 'SO-2026-999999' },
    });
    expect(missing.status).toBe(404);
    const bad = await app.request('POST', '/api/invoices', {
      json: { ...base, order_id: review.id, amount: 12.5, date: '2026-02-30' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toBe(
      'amount: must be a string (write amounts like "1234.50", never a number)',
    );
    const badDate = await app.request('POST', '/api/invoices', {
      json: { ...base, order_id: review.id, amount: '12.345', date: '2026-02-30' },
    });
    expect((badDate.body as { error: { message: string } }).error.message).toBe(
      'date: is not a date; write it as YYYY-MM-DD; amount: has more than 2 decimal places',
    );
    expect((await credit(dealer.code)).outstanding).toBe(0n);
  });
});

describe('POST /api/payments', () => {
  it('releases held orders that now fit, oldest first, and tells the dealer', async () => {
    // Limit 6,000; 5,000 outstanding: a 2-box order (2,760) is held on credit.
    const dealer = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 6000_00n,
      outstandingMinor: 5000_00n,
    });
    const first = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    const second = await placeWebchatOrder(
      testDb.db,
      pipeline,
      dealer.code,
      '2 box voltra mcb 16a',
    );
    expect([first.status, second.status]).toEqual(['held_credit', 'held_credit']);

    // 3,000 paid: room for one order of 2,760, not two; the older goes first.
    const payment = {
      dealer: dealer.code,
      amount: '3000.00',
      date: '2026-12-03',
      reference: 'UTR-9',
    };
    const res = await app.request('POST', '/api/payments', { json: payment });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), released_order_ids: [first.id] });
    expect((await status(first.id)).status).toBe('confirmed');
    expect((await status(second.id)).status).toBe('held_credit');
    expect(await credit(dealer.code)).toEqual({
      outstanding: 2000_00n,
      openOrders: first.total_minor,
    });
    const replies = await repliesTo(testDb.db, dealer.code);
    expect(replies.at(-1)).toMatch(
      new RegExp(`^Thank you, your payment is received; order #${first.order_no} is released\\.`),
    );
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('entity_id', '=', first.id)
      .where('action', '=', 'credit_released_by_payment')
      .execute();
    expect(audit).toEqual([{ action: 'credit_released_by_payment', reason: 'payment UTR-9' }]);

    // The same payment again: nothing doubled, the same answer.
    const again = await app.request('POST', '/api/payments', { json: payment });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect((await credit(dealer.code)).outstanding).toBe(2000_00n);

    // A credit note makes room for the second.
    const note = await app.request('POST', '/api/credit-notes', {
      json: { dealer: dealer.code, amount: '3000.00', date: '2026-12-04', reference: 'CN-4' },
    });
    expect(note.status).toBe(201);
    expect((note.body as { released_order_ids: string[] }).released_order_ids).toEqual([second.id]);
    expect((await repliesTo(testDb.db, dealer.code)).at(-1)).toMatch(
      /^A credit note is entered in your account; order #\d+ is released\./,
    );
  });

  it('answers 404 for an unknown dealer and 400 for a zero amount', async () => {
    const missing = await app.request('POST', '/api/payments', {
      json: { dealer: 'NO-SUCH', amount: '1.00', date: '2026-12-01', reference: 'R' },
    });
    expect(missing.status).toBe(404);
    const zero = await app.request('POST', '/api/payments', {
      json: { dealer: 'NO-SUCH', amount: '0.00', date: '2026-12-01', reference: 'R' },
    });
    expect(zero.status).toBe(400);
    expect((zero.body as { error: { message: string } }).error.message).toBe(
      'amount: must be more than 0',
    );
  });
});

describe('a status question naming the order by day', () => {
  it('answers about the orders of that day only', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const older = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const newer = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 32a');
    // The older order was placed yesterday (India time).
    await sql`UPDATE orders SET created_at = now() - interval '1 day' WHERE id = ${older.id}`.execute(
      testDb.db,
    );
    const answer = await ask(dealer.code, 'kal wala order kahan hai');
    expect(answer).toContain(`#${older.order_no}`);
    expect(answer).not.toContain(`#${newer.order_no}`);
    const plain = await ask(dealer.code, 'mera order kahan hai');
    expect(plain).toContain(`#${newer.order_no}`);
    expect(plain).toContain(`#${older.order_no}`);
  });
});

describe('GET /api/exports/orders.csv', () => {
  it('gives finance the confirmed orders of a range, and refuses ops', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '3 box voltra mcb 16a');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
    const path = `/api/exports/orders.csv?from=${day}&to=${day}`;
    const refused = await app.request('GET', path, { token: await tokenFor('ops') });
    expect(refused.status).toBe(403);
    const res = await app.request('GET', path, { token: await tokenFor('finance') });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`,${order.id},1,${day},${dealer.code},`);
    const bad = await app.request('GET', '/api/exports/orders.csv?from=yesterday&to=2026-12-01');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: { code: 'INVALID_INPUT', message: 'from and to must be days written YYYY-MM-DD' },
    });
  });
});

describe('the dealer asking for the balance or a statement', () => {
  it('lists unpaid invoices with due dates, and the entries when asked for a statement', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    await app.request('POST', '/api/invoices', {
      json: {
        invoice_no: 'GST/77',
        order_id: order.id,
        date: '2026-11-20',
        due_date: '2026-11-30',
        amount: '2760.00',
      },
    });
    await app.request('POST', '/api/payments', {
      json: { dealer: dealer.code, amount: '760.00', date: '2026-11-25', reference: 'UPI-1' },
    });

    const balance = await ask(dealer.code, 'balance?');
    expect(balance).toMatch(/^Outstanding: ₹2,000\.00\nOpen orders: ₹0\.00\n/);
    expect(balance).toMatch(
      /\nUnpaid invoices:\n- GST\/77: ₹2,000\.00, due 30 Nov \(\d+ days overdue\)$/,
    );

    const statement = await ask(dealer.code, 'khata bhej do');
    expect(statement).toContain('Your latest 2 entries:');
    expect(statement).toContain('20 Nov Invoice GST/77: +₹2,760.00, balance ₹2,760.00');
    expect(statement).toContain('25 Nov Payment UPI-1: −₹760.00, balance ₹2,000.00');
  });
});

describe('POST /api/dispatches and /api/deliveries', () => {
  it('marks the order dispatched, tells the dealer, and answers "where is my order" with the facts', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '4 box voltra mcb 16a');
    const body = {
      order_id: order.id,
      date: '2026-12-05',
      transporter: 'Shree Roadlines',
      lr_number: 'LR-88123',
    };
    const res = await app.request('POST', '/api/dispatches', { json: body });
    expect(res.status).toBe(201);
    expect((await status(order.id)).status).toBe('dispatched');
    const told = (await repliesTo(testDb.db, dealer.code)).at(-1);
    expect(told).toBe(
      `Order #${order.order_no} is dispatched on 5 Dec by Shree Roadlines, LR no. LR-88123.`,
    );
    const again = await app.request('POST', '/api/dispatches', { json: body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect((await repliesTo(testDb.db, dealer.code)).at(-1)).toBe(told);

    const answer = await ask(dealer.code, `where is my order #${order.order_no}`);
    expect(answer).toContain(`#${order.order_no}`);
    expect(answer).toContain('Shree Roadlines');
    expect(answer).toContain('LR-88123');
    const hinglish = await ask(dealer.code, 'mera order kahan hai');
    expect(hinglish).toContain('LR-88123');

    const delivered = await app.request('POST', '/api/deliveries', {
      json: {
        order_id: order.id,
        date: '2026-12-07',
        received_by: 'shop counter',
        shortages: [{ sku: 'ELX-MCB-16', qty: 1 }],
      },
    });
    expect(delivered.status).toBe(201);
    expect((await status(order.id)).status).toBe('delivered');
    const doc = await app.request('GET', `/api/orders/${order.id}`);
    expect((doc.body as { delivery: unknown }).delivery).toEqual({
      date: '2026-12-07',
      received_by: 'shop counter',
      shortages: [{ sku: 'ELX-MCB-16', qty: 1 }],
    });
    const twice = await app.request('POST', '/api/deliveries', {
      json: { order_id: order.id, date: '2026-12-07' },
    });
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(delivered.body);
  });

  it('records a partial dispatch and refuses lines that are not on the order', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '4 box voltra mcb 16a');
    const wrong = await app.request('POST', '/api/dispatches', {
      json: {
        order_id: order.id,
        date: '2026-12-05',
        lr_number: 'LR-1',
        lines: [{ sku: 'ELX-LED-09', qty: 1 }],
      },
    });
    expect(wrong.status).toBe(400);
    expect((await status(order.id)).status).toBe('confirmed');
    const part = await app.request('POST', '/api/dispatches', {
      json: {
        order_id: order.id,
        date: '2026-12-05',
        lr_number: 'LR-2',
        lines: [{ sku: 'ELX-MCB-16', qty: 2 }],
      },
    });
    expect(part.status).toBe(201);
    expect((await repliesTo(testDb.db, dealer.code)).at(-1)).toMatch(
      /^Part of order #\d+ is dispatched/,
    );
  });

  it('refuses to dispatch an order held on credit (409)', async () => {
    const dealer = await createElectricalDealer(testDb.db, { creditLimitMinor: 100_00n });
    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    expect(order.status).toBe('held_credit');
    const res = await app.request('POST', '/api/dispatches', {
      json: { order_id: order.id, date: '2026-12-05', lr_number: 'LR-3' },
    });
    expect(res.status).toBe(409);
  });
});
