/**
 * Phone orders from the console on real PostgreSQL, Redis and the pipeline
 * workers, with the demo data of examples/: ops paste a call's transcript
 * for a dealer, it becomes an order like any other, and the page shows the
 * reply to read back. Bad input comes back with the form as typed and
 * stores nothing; roles without review get 403.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestDemoData } from '../../support/demo-data.js';
import { useTestDatabase } from '../../support/database.js';
import { waitFor } from '../../support/pipeline.js';
import { ConsoleClient, makeUser, useConsoleApp } from './console-support.js';

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db, workers: true }));

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
});

const transcripts = () =>
  testDb.db
    .selectFrom('inbound_messages')
    .select(['id', 'dealer_code', 'text', 'status'])
    .where('channel', '=', 'transcript')
    .execute();

describe('console phone orders', () => {
  it('turns a pasted transcript into an order and shows the reply to read back', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const form = await ops.get('/console/phone');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="phone-text">Transcript</label>');
    expect(form.text).toContain('href="/console/phone" aria-current="page"');

    const text = [
      'Agent: Good morning, Order Desk.',
      'Dealer: haan ji, 3 bucket interior white 20 litre bhej do',
      'Agent: 3 buckets of interior white 20L, noted.',
    ].join('\n');
    const sent = await ops.post('/console/phone', {
      dealer: 'D101 — Shree Ganesh Paints & Hardware',
      text,
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/console/phone?done=phone&dealer=D101');
    const [stored] = await transcripts();
    expect(stored).toMatchObject({ dealer_code: 'D101', text });

    const order = await waitFor(
      () =>
        testDb.db
          .selectFrom('orders')
          .select(['id', 'order_no', 'status'])
          .where('inbound_message_id', '=', stored!.id)
          .where('status', '=', 'confirmed')
          .executeTakeFirst(),
      { what: 'the phone order confirmed' },
    );
    const lines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty'])
      .where('order_id', '=', order.id)
      .execute();
    // the agent's read-back does not double the line
    expect(lines).toEqual([{ sku: 'VRN-EMI-WHT-20', qty: 3 }]);

    const page = await waitFor(
      async () => {
        const p = await ops.get(sent.location!);
        return p.text.includes('Reply to read back') ? p : undefined;
      },
      { what: 'the reply on the page' },
    );
    expect(page.text).toContain('Transcript for D101 received and being read');
    expect(page.text).toContain(`href="/console/orders/${order.id}">#${order.order_no}</a>`);
    expect(page.text).toMatch(/Order #\d+ confirmed/);

    // The order went straight through: its page shows how the policy accounted for each word.
    const detail = await ops.get(`/console/orders/${order.id}`);
    expect(detail.text).toContain('Why this went straight through');
    expect(detail.text).toMatch(/class="chip r-quantity" title="quantity"\s*>3</);
    expect(detail.text).toMatch(/class="chip r-product" title="product"\s*>interior</);
    expect(detail.text).toMatch(/class="chip r-framing" title="greeting \/ request"\s*>bhej</);
  }, 60_000);

  it('returns the form as typed with the reason, storing nothing, for bad input', async () => {
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    const before = (await transcripts()).length;

    const unknown = await ops.post('/console/phone', { dealer: 'D999', text: '5 bag putty 40kg' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No dealer with code &quot;D999&quot;');
    expect(unknown.text).toContain('5 bag putty 40kg</textarea');

    const empty = await ops.post('/console/phone', { dealer: 'D101', text: '  \n ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Paste or load the transcript.');

    const noDealer = await ops.post('/console/phone', { dealer: '', text: '5 bag putty 40kg' });
    expect(noDealer.status).toBe(400);
    expect(noDealer.text).toContain('Choose the dealer who called.');

    const huge = await ops.post('/console/phone', { dealer: 'D101', text: 'x'.repeat(20_001) });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('longer than 20,000 characters');

    expect(await transcripts()).toHaveLength(before);
  });

  it('is for ops and admins: finance gets 403 and no link', async () => {
    const finance = new ConsoleClient(app.url);
    await finance.login((await makeUser(testDb.db, 'finance')).email);
    const page = await finance.get('/console/orders');
    expect(page.text).not.toContain('href="/console/phone"');
    expect((await finance.get('/console/phone')).status).toBe(403);
    expect(
      (await finance.post('/console/phone', { dealer: 'D101', text: '1 bag putty 40kg' })).status,
    ).toBe(403);
  });
});
