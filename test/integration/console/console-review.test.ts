/**
 * Review and approval flows through the console on real PostgreSQL, Redis
 * and the pipeline workers, with the demo data of examples/:
 * a correction teaches an alias that settles the dealer's next identical
 * message; reject replies to the dealer; finance releases a credit hold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestDemoData } from '../../support/demo-data.js';
import { useTestDatabase } from '../../support/database.js';
import { MAX_PARSE_ATTEMPTS } from '../../../src/services/process-parse.js';
import { TEST_API_TOKEN, request } from '../../support/http-app.js';
import { waitFor } from '../../support/pipeline.js';
import { ConsoleClient, makeUser, useConsoleApp } from './console-support.js';

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db, workers: true }));

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
});

async function send(dealer: string, text: string): Promise<string> {
  const res = await request(app.url, 'POST', '/api/webchat/messages', { json: { dealer, text } });
  expect(res.status).toBe(202);
  return (res.body as { message_id: string }).message_id;
}

async function messageStatus(id: string) {
  return testDb.db
    .selectFrom('inbound_messages')
    .select(['status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function ordersOf(messageId: string) {
  return testDb.db
    .selectFrom('orders')
    .select(['id', 'status', 'order_no'])
    .where('inbound_message_id', '=', messageId)
    .execute();
}

async function sentReplies(dealer: string): Promise<string[]> {
  const rows = await testDb.db
    .selectFrom('outbox')
    .select('body')
    .where('recipient', '=', dealer)
    .where('status', '=', 'sent')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.body);
}

describe('review through the console', () => {
  it('fixes an unreadable line, confirms the order, and learns the words for the next identical message', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const text = '2 bucket dudhiya wala 20L';
    const first = await send('D101', text);
    await waitFor(async () => (await messageStatus(first)).status === 'needs_review', {
      what: 'review',
    });

    const queue = await ops.request('GET', '/console/api/review-queue', {
      headers: { accept: 'application/json' },
    });
    const items = (JSON.parse(queue.text) as { items: { id: string; href: string }[] }).items;
    const item = items.find((i) => i.id === first || i.href.includes(first));
    expect(item).toBeDefined();
    const open = await ops.get(item!.href);
    expect(open.text).toContain(text);

    const attached = await ops.post(`/console/review/messages/${first}/attach`, { dealer: 'D101' });
    expect(attached.status).toBe(303);
    const draftPage = await ops.get(attached.location!);
    expect(draftPage.text).toContain('Dealer wrote: “2 bucket dudhiya wala 20L”');
    const orderId = /\/console\/review\/orders\/([0-9a-f-]{36})/.exec(attached.location!)![1]!;

    const approved = await ops.post(`/console/review/orders/${orderId}/approve`, {
      line_sku: 'VRN-EMI-WHT-20 — Varnika Interior Emulsion Brilliant White 20L',
      line_qty: '2',
      line_source: text,
      learn: 'dealer',
    });
    expect(approved.status).toBe(303);
    await waitFor(
      async () =>
        (
          await testDb.db
            .selectFrom('orders')
            .select('status')
            .where('id', '=', orderId)
            .executeTakeFirstOrThrow()
        ).status === 'confirmed',
      { what: 'the order confirmed' },
    );
    await waitFor(async () => (await sentReplies('D101')).some((b) => /confirmed/i.test(b)), {
      what: 'the confirmation sent',
    });
    expect((await messageStatus(first)).status).toBe('done');
    const alias = await testDb.db
      .selectFrom('learned_aliases')
      .selectAll()
      .where('dealer_code', '=', 'D101')
      .execute();
    expect(alias.map((a) => [a.alias, a.sku])).toEqual([['bucket dudhiya wala', 'VRN-EMI-WHT-20']]);

    // The same words from the same dealer now go straight through.
    const second = await send('D101', text);
    await waitFor(async () => (await messageStatus(second)).status === 'done', {
      what: 'the second message done',
    });
    const orders = await ordersOf(second);
    expect(orders.map((o) => o.status)).toEqual(['confirmed']);
    const lines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty'])
      .where('order_id', '=', orders[0]!.id)
      .execute();
    expect(lines).toEqual([{ sku: 'VRN-EMI-WHT-20', qty: 2 }]);

    // Learned for D101 only: another dealer writing the same still goes to review.
    const other = await send('D104', text);
    await waitFor(async () => (await messageStatus(other)).status === 'needs_review', {
      what: 'D104 in review',
    });
  }, 60_000);

  it('never learns a word that names many products, and forgets an alias from the dealer page', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const learn = async (text: string, sku: string) => {
      const id = await send('D103', text);
      await waitFor(async () => (await messageStatus(id)).status === 'needs_review', {
        what: 'review',
      });
      const attached = await ops.post(`/console/review/messages/${id}/attach`, { dealer: 'D103' });
      const orderId = /\/console\/review\/orders\/([0-9a-f-]{36})/.exec(attached.location!)![1]!;
      const draft = await ops.get(attached.location!);
      // The reviewer sees the words that would be remembered before approving.
      expect(draft.text).toContain(
        `the words “${text.replace(/^\d+ /, '').replace(/ \d+L$/, '')}” are remembered`,
      );
      const approved = await ops.post(`/console/review/orders/${orderId}/approve`, {
        line_sku: sku,
        line_qty: '2',
        line_source: text,
        learn: 'dealer',
      });
      expect(approved.status).toBe(303);
      return decodeURIComponent(approved.location ?? '');
    };
    const aliases = () =>
      testDb.db
        .selectFrom('learned_aliases')
        .select(['id', 'alias'])
        .where('dealer_code', '=', 'D103')
        .execute();

    // "emulsion" alone names several products: not learned, and the reviewer is told why.
    const general = await learn('2 bucket emulsion', 'VRN-EMI-WHT-20');
    expect(general).toContain('notLearned=');
    expect(await aliases()).toEqual([]);

    await learn('2 bucket doodh wala rang 20L', 'VRN-EMI-WHT-20');
    const [kept] = await aliases();
    expect(kept?.alias).toBe('bucket doodh wala rang');

    const dealerPage = await ops.get('/console/dealers/D103');
    expect(dealerPage.text).toContain(`/console/dealers/D103/aliases/${kept!.id}/forget`);
    const forgot = await ops.post(`/console/dealers/D103/aliases/${kept!.id}/forget`, {});
    expect(forgot.status).toBe(303);
    expect(await aliases()).toEqual([]);
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', '=', 'alias_forgotten')
      .execute();
    expect(audit).toEqual([{ action: 'alias_forgotten', entity_id: 'D103' }]);
    // Forgetting twice finds nothing to forget.
    expect((await ops.post(`/console/dealers/D103/aliases/${kept!.id}/forget`, {})).status).toBe(
      404,
    );
  }, 60_000);

  it('parks a message the pipeline gave up on in the queue, where it can be closed', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const id = await send('D102', '5 bucket interior white 20L');
    await waitFor(async () => (await messageStatus(id)).status !== 'received', { what: 'parsed' });
    // As if it had been picked up MAX_PARSE_ATTEMPTS times without settling, then once more.
    await testDb.db
      .updateTable('inbound_messages')
      .set({ status: 'received', attempts: MAX_PARSE_ATTEMPTS })
      .where('id', '=', id)
      .execute();
    await app.jobs.enqueue('parse', [{ messageId: id }]);
    await waitFor(async () => (await messageStatus(id)).status === 'failed', { what: 'parked' });
    const queue = await ops.request('GET', '/console/api/review-queue', {
      headers: { accept: 'application/json' },
    });
    const items = (JSON.parse(queue.text) as { items: { id: string; reason: string }[] }).items;
    const parked = items.find((i) => i.id === id);
    expect(parked?.reason).toMatch(/^parked: gave up after 10 attempts/);
    const closed = await ops.post(`/console/review/messages/${id}/dismiss`, { note: 'spam' });
    expect(closed.status).toBe(303);
    expect((await messageStatus(id)).status).toBe('done');
  }, 60_000);

  it('rejects a draft with a reply the dealer receives', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const id = await send('D103', '2 bucket doodh jaisa 20L');
    await waitFor(async () => (await messageStatus(id)).status === 'needs_review', {
      what: 'review',
    });
    const attached = await ops.post(`/console/review/messages/${id}/attach`, { dealer: 'D103' });
    const orderId = /orders\/([0-9a-f-]{36})/.exec(attached.location!)![1]!;
    const rejected = await ops.post(`/console/review/orders/${orderId}/reject`, {
      note: 'Please tell us the colour name from the shade card.',
    });
    expect(rejected.status).toBe(303);
    const row = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('rejected');
    await waitFor(async () => (await sentReplies('D103')).some((b) => b.includes('shade card')), {
      what: 'the rejection sent',
    });
    expect((await messageStatus(id)).status).toBe('done');
  }, 60_000);

  it('never drops a line silently: a blank product blocks approval, a typed name is matched for a confirm, units are shown', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const id = await send('D104', '5 enamel kala wala\n2 bucket doodh jaisa 20L');
    await waitFor(async () => (await messageStatus(id)).status === 'needs_review', {
      what: 'review',
    });
    const attached = await ops.post(`/console/review/messages/${id}/attach`, { dealer: 'D104' });
    const orderId = /orders\/([0-9a-f-]{36})/.exec(attached.location!)![1]!;
    const approve = (lines: { sku: string; qty: string; source: string }[]) =>
      ops.post(`/console/review/orders/${orderId}/approve`, {
        line_sku: lines.map((l) => l.sku),
        line_qty: lines.map((l) => l.qty),
        line_source: lines.map((l) => l.source),
        learn: 'none',
      });

    // One line left blank: refused, the form comes back as sent, nothing approved.
    const blank = await approve([
      {
        sku: 'VRN-ENM-BLK-01 — Varnika Gloss Enamel Black 1L',
        qty: '5',
        source: '5 enamel kala wala',
      },
      { sku: '', qty: '2', source: '2 bucket doodh jaisa 20L' },
    ]);
    expect(blank.status).toBe(400);
    expect(blank.text).toContain(
      'Line 2 has no product (the dealer wrote “2 bucket doodh jaisa 20L”): pick one, or remove the line.',
    );
    // the enamel line shows its unit and what 5 cartons hold
    expect(blank.text).toContain('5 carton = 60 tin');

    // A name typed, not picked: the one product it matches is filled in to confirm.
    const typed = await approve([
      {
        sku: 'VRN-ENM-BLK-01 — Varnika Gloss Enamel Black 1L',
        qty: '5',
        source: '5 enamel kala wala',
      },
      {
        sku: 'interior emulsion brilliant white 20L',
        qty: '2',
        source: '2 bucket doodh jaisa 20L',
      },
    ]);
    expect(typed.status).toBe(400);
    expect(typed.text).toContain(
      'Line 2: “interior emulsion brilliant white 20L” read as Varnika Interior Emulsion Brilliant White 20L (VRN-EMI-WHT-20); check it and approve again.',
    );
    expect(typed.text).toContain(
      'value="VRN-EMI-WHT-20 — Varnika Interior Emulsion Brilliant White 20L"',
    );
    let order = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('needs_review');

    const done = await approve([
      {
        sku: 'VRN-ENM-BLK-01 — Varnika Gloss Enamel Black 1L',
        qty: '5',
        source: '5 enamel kala wala',
      },
      {
        sku: 'VRN-EMI-WHT-20 — Varnika Interior Emulsion Brilliant White 20L',
        qty: '2',
        source: '2 bucket doodh jaisa 20L',
      },
    ]);
    expect(done.status).toBe(303);
    order = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(order.status).not.toBe('needs_review');
    const lines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty'])
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { sku: 'VRN-ENM-BLK-01', qty: 5 },
      { sku: 'VRN-EMI-WHT-20', qty: 2 },
    ]);
  }, 60_000);

  it('says on the dealer page when its price list has no prices, and on a draft when the dealer was already asked', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    expect((await ops.get('/console/dealers/D101')).text).toContain(
      'Catalog prices used: price list “RETAIL” has no prices loaded.',
    );
    expect((await ops.get('/console/dealers/D103')).text).not.toContain('Catalog prices used');

    const id = await send('D105', '2 bucket interior white');
    await waitFor(async () => (await messageStatus(id)).status === 'needs_review', {
      what: 'the clarifying question',
    });
    const [draft] = await ordersOf(id);
    const page = await ops.get(`/console/review/orders/${draft!.id}`);
    expect(page.text.replace(/\s+/g, ' ')).toContain(
      'The dealer was already asked which product they meant by “2 bucket interior white” and has not answered yet',
    );
  }, 60_000);

  it('lets finance release a credit hold (dealer told) and refuses ops with 403', async () => {
    const id = await send('D102', '3 bucket interior white 20L');
    const [order] = await waitFor(
      async () => {
        const o = await ordersOf(id);
        return o.length > 0 && o[0]!.status === 'held_credit' ? o : undefined;
      },
      { what: 'a credit hold' },
    );
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    expect(
      (await ops.post(`/console/approvals/credit/${order!.id}/approve`, { note: 'ok' })).status,
    ).toBe(403);

    const finance = new ConsoleClient(app.url);
    await finance.login((await makeUser(testDb.db, 'finance')).email);
    const page = await finance.get('/console/approvals');
    expect(page.text).toContain(`#${order!.order_no}`);
    const res = await finance.post(`/console/approvals/credit/${order!.id}`, {
      decision: 'approve',
      note: 'Payment promised on Friday',
    });
    expect(res.status).toBe(303);
    const row = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('confirmed');
    await waitFor(
      async () => (await sentReplies('D102')).filter((b) => /confirmed/i.test(b)).length > 0,
      { what: 'the dealer told' },
    );
    const detail = await finance.get(`/console/orders/${order!.id}`);
    expect(detail.text).toContain('Payment promised on Friday');
  }, 60_000);

  it('shows a sales manager the asked and allowed prices, and lets them approve within their authority', async () => {
    const id = await send('D101', '2 bucket interior white 20L @5000');
    const [order] = await waitFor(
      async () => {
        const o = await ordersOf(id);
        return o.length > 0 && o[0]!.status === 'held_price' ? o : undefined;
      },
      { what: 'a price exception' },
    );
    const manager = await makeUser(testDb.db, 'sales_manager');
    const client = new ConsoleClient(app.url);
    await client.login(manager.email);
    const page = await client.get('/console/approvals');
    expect(page.text).toContain(`#${order!.order_no}`);
    expect(page.text).toContain('Requested vs allowed');
    expect(page.text).toMatch(/asked 5,000\.00,\s*allowed 5,350\.00/);

    // Without discount authority on record the approval is refused, and nothing changes.
    const refused = await client.post(`/console/approvals/price/${order!.id}`, {
      decision: 'approve',
      note: 'matching the competitor',
    });
    expect(refused.status).toBe(403);
    await testDb.db
      .insertInto('discount_authorities')
      .values({ principal: `user:${manager.email}`, max_discount_bp: 1000 })
      .execute();
    const approved = await client.post(`/console/approvals/price/${order!.id}`, {
      decision: 'approve',
      note: 'matching the competitor',
    });
    expect(approved.status).toBe(303);
    const row = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('confirmed');
  }, 60_000);

  it('serves product search for the autocomplete', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const res = await ops.request('GET', '/console/api/products?q=interior%20white%2020', {
      headers: { accept: 'application/json' },
    });
    const results = (JSON.parse(res.text) as { results: { sku: string }[] }).results;
    expect(results.map((r) => r.sku)).toContain('VRN-EMI-WHT-20');
  });
});

void TEST_API_TOKEN;
