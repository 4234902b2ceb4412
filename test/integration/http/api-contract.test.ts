/**
 * Every endpoint of docs/http-api.md against a real listening app, real
 * PostgreSQL and real Redis: the exact shape of each answer.
 */
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src/db/schema.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createProduct } from '../../support/factories.js';
import { TEST_REDIS_URL, useTestApp } from '../../support/http-app.js';

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function insertOrder(input: {
  dealer: string;
  status: OrderStatus;
  createdAt: string;
  lines: { sku: string; qty: number; unitMinor: bigint | null }[];
  channel?: 'webchat' | 'transcript' | 'whatsapp' | 'email';
}): Promise<string> {
  const total = input.lines.reduce((sum, l) => sum + (l.unitMinor ?? 0n) * BigInt(l.qty), 0n);
  const order = await testDb.db
    .insertInto('orders')
    .values({
      dealer_code: input.dealer,
      channel: input.channel ?? 'webchat',
      status: input.status,
      subtotal_minor: total,
      total_minor: total,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await testDb.db
    .insertInto('order_lines')
    .values(
      input.lines.map((l, i) => ({
        order_id: order.id,
        line_no: i + 1,
        sku: l.sku,
        qty: l.qty,
        list_price_minor: l.unitMinor,
        unit_price_minor: l.unitMinor,
        line_total_minor: l.unitMinor === null ? null : l.unitMinor * BigInt(l.qty),
      })),
    )
    .execute();
  return order.id;
}

describe('GET /health', () => {
  it('answers 200 ok with postgres and redis checks, without auth', async () => {
    const res = await app.request('GET', '/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });
});

describe('POST /api/webchat/messages', () => {
  it('answers 202 {message_id} and stores the message as channel webchat from the dealer', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: dealer.code, text: '2 bucket interior white 20L' },
    });
    expect(res.status).toBe(202);
    expect(Object.keys(res.body as object)).toEqual(['message_id']);
    const { message_id } = res.body as { message_id: string };
    expect(message_id).toMatch(UUID);
    const row = await testDb.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', message_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'webchat',
      sender: dealer.code,
      dealer_code: dealer.code,
      text: '2 bucket interior white 20L',
      status: 'received',
    });
  });

  it('queues a parse job whose id is the message id', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: dealer.code, text: 'balance' },
    });
    const { message_id } = res.body as { message_id: string };
    const queue = new Queue('parse', { connection: { url: TEST_REDIS_URL }, prefix: app.prefix });
    try {
      const job = await queue.getJob(message_id);
      // stored without files: the parse job need not look for any
      expect(job?.data).toEqual({ messageId: message_id, files: false });
    } finally {
      await queue.close();
    }
  });

  it('gives each post its own message, even with the same text', async () => {
    const dealer = await createDealer(testDb.db);
    const post = () =>
      app.request('POST', '/api/webchat/messages', { json: { dealer: dealer.code, text: 'hi' } });
    const [a, b] = await Promise.all([post(), post()]);
    expect((a.body as { message_id: string }).message_id).not.toBe(
      (b.body as { message_id: string }).message_id,
    );
  });

  it('answers 404 NOT_FOUND for an unknown dealer and stores nothing', async () => {
    const before = await testDb.db
      .selectFrom('inbound_messages')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: 'NO-SUCH', text: 'hello' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no dealer with code "NO-SUCH"' },
    });
    const after = await testDb.db
      .selectFrom('inbound_messages')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('GET /api/webchat/messages', () => {
  it("lists the dealer's messages and the delivered replies, oldest first", async () => {
    const dealer = await createDealer(testDb.db);
    const other = await createDealer(testDb.db);
    const inbound = async (sender: string, text: string, at: string) =>
      testDb.db
        .insertInto('inbound_messages')
        .values({
          channel: 'webchat',
          external_id: `${sender}-${at}`,
          sender,
          text,
          received_at: at,
        })
        .execute();
    const reply = async (recipient: string, body: string, at: string, sent: boolean) =>
      testDb.db
        .insertInto('outbox')
        .values({
          channel: 'webchat',
          recipient,
          kind: 'ack',
          body,
          idempotency_key: `${recipient}-${at}-${body}`,
          status: sent ? 'sent' : 'pending',
          created_at: at,
          sent_at: sent ? at : null,
        })
        .execute();
    await inbound(dealer.code, 'first order', '2025-11-03T09:00:00.000Z');
    await reply(dealer.code, 'Order confirmed', '2025-11-03T09:00:02.000Z', true);
    await inbound(dealer.code, 'balance', '2025-11-03T09:05:00.000Z');
    await reply(dealer.code, 'not delivered yet', '2025-11-03T09:05:01.000Z', false);
    await inbound(other.code, 'someone else', '2025-11-03T09:01:00.000Z');
    await testDb.db
      .insertInto('inbound_messages')
      .values({
        channel: 'transcript',
        external_id: `t-${dealer.code}`,
        sender: dealer.code,
        text: 'phone call',
        received_at: '2025-11-03T09:02:00.000Z',
      })
      .execute();

    const res = await app.request('GET', `/api/webchat/messages?dealer=${dealer.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      messages: [
        { direction: 'in', text: 'first order', at: '2025-11-03T09:00:00.000Z' },
        { direction: 'out', text: 'Order confirmed', at: '2025-11-03T09:00:02.000Z' },
        { direction: 'in', text: 'balance', at: '2025-11-03T09:05:00.000Z' },
      ],
    });
  });

  it('answers an empty list for a dealer with no chat yet', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('GET', `/api/webchat/messages?dealer=${dealer.code}`);
    expect(res.body).toEqual({ messages: [] });
  });

  it('shows a message just posted, with an ISO-8601 time', async () => {
    const dealer = await createDealer(testDb.db);
    await app.request('POST', '/api/webchat/messages', {
      json: { dealer: dealer.code, text: 'status' },
    });
    const res = await app.request('GET', `/api/webchat/messages?dealer=${dealer.code}`);
    const { messages } = res.body as {
      messages: { direction: string; text: string; at: string }[];
    };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'in', text: 'status' });
    expect(messages[0]?.at).toMatch(ISO);
  });

  it('answers 400 without a dealer and 404 for an unknown one', async () => {
    const missing = await app.request('GET', '/api/webchat/messages');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const unknown = await app.request('GET', '/api/webchat/messages?dealer=NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('POST /api/transcripts', () => {
  const stored = (id: string) =>
    testDb.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('takes JSON {dealer, text} → 202 {message_id}, channel transcript', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('POST', '/api/transcripts', {
      json: { dealer: dealer.code, text: 'Caller wants 10 bags putty 40kg' },
    });
    expect(res.status).toBe(202);
    expect(Object.keys(res.body as object)).toEqual(['message_id']);
    const row = await stored((res.body as { message_id: string }).message_id);
    expect(row).toMatchObject({
      channel: 'transcript',
      sender: dealer.code,
      dealer_code: dealer.code,
      text: 'Caller wants 10 bags putty 40kg',
    });
  });

  it('takes a text/plain body with ?dealer=', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('POST', `/api/transcripts?dealer=${dealer.code}`, {
      body: 'Agent: order?\nDealer: 4 tin red oxide primer 4 ltr',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(202);
    const row = await stored((res.body as { message_id: string }).message_id);
    expect(row.text).toBe('Agent: order?\nDealer: 4 tin red oxide primer 4 ltr');
    expect(row.channel).toBe('transcript');
  });

  it('takes a multipart upload of a text file and records the file', async () => {
    const dealer = await createDealer(testDb.db);
    const form = new FormData();
    form.set('dealer', dealer.code);
    form.set(
      'file',
      new Blob(['\uFEFFcall 11:02\n2 bucket wall primer 20L\n'], { type: 'text/plain' }),
      'call.txt',
    );
    const res = await app.request('POST', '/api/transcripts', { body: form });
    expect(res.status).toBe(202);
    const row = await stored((res.body as { message_id: string }).message_id);
    expect(row.text).toBe('call 11:02\n2 bucket wall primer 20L\n');
    expect(row.attachments).toEqual([
      { filename: 'call.txt', content_type: 'text/plain', size: 39 },
    ]);
  });

  it('stores a file that is not UTF-8 with the bad bytes flagged, not refused', async () => {
    const dealer = await createDealer(testDb.db);
    const form = new FormData();
    form.set('dealer', dealer.code);
    form.set('file', new Blob([Uint8Array.from([0x32, 0x20, 0x62, 0xff, 0x67, 0x73])]), 'bad.txt');
    const res = await app.request('POST', '/api/transcripts', { body: form });
    expect(res.status).toBe(202);
    const row = await stored((res.body as { message_id: string }).message_id);
    expect(row.text).toBe('2 b\uFFFDgs');
    expect(row.text_flags).toContain('invalid_utf8');
  });

  it('refuses an unknown dealer code with 404 and a clear reason, storing nothing', async () => {
    const res = await app.request('POST', '/api/transcripts', {
      json: { dealer: 'D-UNKNOWN', text: '5 box brushes' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no dealer with code "D-UNKNOWN"' },
    });
  });

  it('answers 400 for a form without a dealer or a file', async () => {
    const noDealer = new FormData();
    noDealer.set('file', new Blob(['x']), 'a.txt');
    const a = await app.request('POST', '/api/transcripts', { body: noDealer });
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });

    const dealer = await createDealer(testDb.db);
    const noFile = new FormData();
    noFile.set('dealer', dealer.code);
    const b = await app.request('POST', '/api/transcripts', { body: noFile });
    expect(b.status).toBe(400);
    expect(b.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('GET /api/messages/:id', () => {
  it('answers {id, channel, status, order_ids} with the orders drafted from it', async () => {
    const dealer = await createDealer(testDb.db);
    const posted = await app.request('POST', '/api/transcripts', {
      json: { dealer: dealer.code, text: 'order' },
    });
    const id = (posted.body as { message_id: string }).message_id;
    const res = await app.request('GET', `/api/messages/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, channel: 'transcript', status: 'received', order_ids: [] });

    const product = await createProduct(testDb.db);
    const orderIds: string[] = [];
    for (const draft of [1, 2]) {
      const order = await testDb.db
        .insertInto('orders')
        .values({
          dealer_code: dealer.code,
          inbound_message_id: id,
          draft_no: draft,
          channel: 'transcript',
          status: 'confirmed',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orderIds.push(order.id);
      await testDb.db
        .insertInto('order_lines')
        .values({ order_id: order.id, line_no: 1, sku: product.sku, qty: 1 })
        .execute();
    }
    await testDb.db
      .updateTable('inbound_messages')
      .set({ status: 'done' })
      .where('id', '=', id)
      .execute();
    const after = await app.request('GET', `/api/messages/${id}`);
    expect(after.body).toEqual({ id, channel: 'transcript', status: 'done', order_ids: orderIds });
  });

  it('answers 404 for an unknown id and for something that is not an id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await app.request('GET', `/api/messages/${id}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'NOT_FOUND', message: `no message with id "${id}"` },
      });
    }
  });
});

describe('GET /api/orders', () => {
  it('lists orders newest first with lines, money as strings with two decimals', async () => {
    const dealer = await createDealer(testDb.db);
    const paint = await createProduct(testDb.db, { listPriceMinor: 5350_00n });
    const brush = await createProduct(testDb.db, { listPriceMinor: 45_50n });
    const older = await insertOrder({
      dealer: dealer.code,
      status: 'confirmed',
      createdAt: '2025-11-03T09:00:00.000Z',
      lines: [
        { sku: paint.sku, qty: 2, unitMinor: 5350_00n },
        { sku: brush.sku, qty: 3, unitMinor: 45_50n },
      ],
    });
    const newer = await insertOrder({
      dealer: dealer.code,
      status: 'needs_review',
      createdAt: '2025-11-04T10:30:00.000Z',
      channel: 'transcript',
      lines: [{ sku: brush.sku, qty: 1, unitMinor: null }],
    });

    const res = await app.request('GET', `/api/orders?dealer=${dealer.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      orders: [
        {
          id: newer,
          dealer: dealer.code,
          status: 'needs_review',
          channel: 'transcript',
          created_at: '2025-11-04T10:30:00.000Z',
          total: '0.00',
          lines: [{ sku: brush.sku, qty: 1, unit_price: null, line_total: null }],
        },
        {
          id: older,
          dealer: dealer.code,
          status: 'confirmed',
          channel: 'webchat',
          created_at: '2025-11-03T09:00:00.000Z',
          total: '10836.50',
          lines: [
            { sku: paint.sku, qty: 2, unit_price: '5350.00', line_total: '10700.00' },
            { sku: brush.sku, qty: 3, unit_price: '45.50', line_total: '136.50' },
          ],
        },
      ],
    });
  });

  it('filters by status', async () => {
    const dealer = await createDealer(testDb.db);
    const product = await createProduct(testDb.db);
    const held = await insertOrder({
      dealer: dealer.code,
      status: 'held_credit',
      createdAt: '2025-11-05T08:00:00.000Z',
      lines: [{ sku: product.sku, qty: 1, unitMinor: 5n }],
    });
    await insertOrder({
      dealer: dealer.code,
      status: 'confirmed',
      createdAt: '2025-11-05T09:00:00.000Z',
      lines: [{ sku: product.sku, qty: 1, unitMinor: 5n }],
    });
    const res = await app.request('GET', `/api/orders?dealer=${dealer.code}&status=held_credit`);
    const { orders } = res.body as { orders: { id: string; total: string }[] };
    expect(orders.map((o) => o.id)).toEqual([held]);
    expect(orders[0]?.total).toBe('0.05');
  });

  it('answers 400 for an unknown status and 404 for an unknown dealer', async () => {
    const bad = await app.request('GET', '/api/orders?status=shipped');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((bad.body as { error: { message: string } }).error.message).toContain('status');
    const unknown = await app.request('GET', '/api/orders?dealer=NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('GET /api/dealers/:code/credit', () => {
  it('answers limit, outstanding, open_orders, exposure and available as money strings', async () => {
    const dealer = await createDealer(testDb.db, {
      creditLimitMinor: 50_000_00n,
      outstandingMinor: 12_000_50n,
      openOrdersMinor: 3_000_00n,
    });
    const res = await app.request('GET', `/api/dealers/${dealer.code}/credit`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      limit: '50000.00',
      outstanding: '12000.50',
      open_orders: '3000.00',
      exposure: '15000.50',
      available: '34999.50',
    });
  });

  it('answers null limit and available for a dealer without a limit', async () => {
    const dealer = await createDealer(testDb.db, { outstandingMinor: 99n });
    const res = await app.request('GET', `/api/dealers/${dealer.code}/credit`);
    expect(res.body).toEqual({
      limit: null,
      outstanding: '0.99',
      open_orders: '0.00',
      exposure: '0.99',
      available: null,
    });
  });

  it('uses a temporary limit while it lasts, and shows a negative available when over', async () => {
    const dealer = await createDealer(testDb.db, {
      creditLimitMinor: 1_000_00n,
      outstandingMinor: 1_500_00n,
    });
    const over = await app.request('GET', `/api/dealers/${dealer.code}/credit`);
    expect(over.body).toMatchObject({ limit: '1000.00', available: '-500.00' });
    await testDb.db
      .updateTable('dealer_credit')
      .set({ temp_limit_minor: 2_000_00n, temp_limit_expires_at: new Date(Date.now() + 3_600_000) })
      .where('dealer_code', '=', dealer.code)
      .execute();
    const raised = await app.request('GET', `/api/dealers/${dealer.code}/credit`);
    expect(raised.body).toMatchObject({ limit: '2000.00', available: '500.00' });
  });

  it('answers 404 for an unknown dealer', async () => {
    const res = await app.request('GET', '/api/dealers/NOPE/credit');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no dealer with code "NOPE"' },
    });
  });
});

describe('the web chat page', () => {
  it('is served at /chat with its script and styles, no auth needed', async () => {
    const page = await app.request('GET', '/chat', { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('<label for="dealer-input">Dealer</label>');
    const script = await app.request('GET', '/chat/chat.js', { token: null });
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.text).toContain('/api/webchat/messages');
    const css = await app.request('GET', '/chat/chat.css', { token: null });
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('finds dealers for the picker by code or name', async () => {
    await createDealer(testDb.db, { code: 'PICK-1', name: 'Sharma Paints' });
    const res = await app.request('GET', '/api/dealers?q=sharma');
    expect(res.body).toEqual({ dealers: [{ code: 'PICK-1', name: 'Sharma Paints' }] });
  });
});

describe('input no route can use', () => {
  it.each([
    ['GET', '/api/dealers/D%00/credit'],
    ['GET', '/api/orders?dealer=%00'],
    ['GET', '/api/messages/%00'],
    ['GET', '/api/webchat/messages?dealer=D1%00'],
    ['GET', '/api/orders?dealer=%E0%A4'],
    ['GET', '/console/orders/%00'],
    ['GET', '/console/dealers/x%00y'],
  ])('%s %s answers 400 INVALID_INPUT', async (method, path) => {
    const res = await app.request(method as 'GET', path);
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it('a NUL inside a JSON field answers 400, never 500', async () => {
    const res = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: 'D\u0000X', text: 'hello' },
    });
    expect(res.status).toBe(400);
  });

  it('an approval list for an order that does not exist is 404', async () => {
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await app.request('GET', `/api/approvals/orders/${id}`);
      expect(res.status).toBe(404);
    }
  });
});
