/**
 * Idempotency, the credit lock under concurrency, and bad input — on real
 * PostgreSQL and Redis with the real workers.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { MAX_STORED_TEXT_BYTES } from '../../../src/domain/inbound-text.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
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

const deps = () => ({ db: testDb.db, jobs: pipeline.jobs });
const webchat = (dealer: string, text: string) =>
  ingestMessage(deps(), {
    channel: 'webchat',
    externalId: randomUUID(),
    sender: dealer,
    dealerCode: dealer,
    text,
  });

describe('the same inbound delivered 5 times at once', () => {
  it('stores one message, drafts one order and sends one reply', async () => {
    const d = await createElectricalDealer(testDb.db);
    const externalId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        ingestMessage(deps(), {
          channel: 'webchat',
          externalId,
          sender: d.code,
          dealerCode: d.code,
          text: '3 box modix switch 6a',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    await waitForQuiet(testDb.db);

    const messages = await testDb.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('external_id', '=', externalId)
      .execute();
    expect(messages).toHaveLength(1);
    const orders = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .execute();
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('confirmed');
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
  });

  it('re-running the parse and validate jobs of a settled message changes nothing', async () => {
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await webchat(d.code, '1 box lumex led 12w');
    await waitForQuiet(testDb.db);
    await pipeline.jobs.enqueue('parse', [{ messageId }]);
    await pipeline.jobs.enqueue('validate', [{ messageId }]);
    await new Promise((r) => setTimeout(r, 300));
    await waitForQuiet(testDb.db);
    expect(
      await testDb.db.selectFrom('orders').select('id').where('dealer_code', '=', d.code).execute(),
    ).toHaveLength(1);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
  });
});

describe('a sure order', () => {
  it('is settled by its parse job, each reply sent once; a message left parsed still goes through validate', async () => {
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await webchat(d.code, '2 box voltra mcb 16a');
    await waitForQuiet(testDb.db);
    const message = await testDb.db
      .selectFrom('inbound_messages')
      .select(['status', 'attempts'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message).toEqual({ status: 'done', attempts: 1 });
    const replies = await testDb.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('inbound_message_id', '=', messageId)
      .execute();
    expect(replies).toEqual([{ status: 'sent', attempts: 1 }]);

    // A message parsed by an older release (or left `parsed` by a crash): the validate job.
    const parsed = await testDb.db
      .insertInto('inbound_messages')
      .values({
        channel: 'webchat',
        external_id: randomUUID(),
        sender: d.code,
        dealer_code: d.code,
        text: '1 box voltra mcb 32a',
        received_at: new Date(),
        status: 'parsed',
        parse_result: JSON.stringify({
          orders: [{ dealer: d.code, lines: [{ sku: 'ELX-MCB-32', qty: 1, source: '1 box' }] }],
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await pipeline.jobs.enqueue('validate', [{ messageId: parsed.id }]);
    await waitForQuiet(testDb.db);
    const orders = await testDb.db
      .selectFrom('orders')
      .select(['inbound_message_id', 'status'])
      .where('dealer_code', '=', d.code)
      .orderBy('created_at')
      .execute();
    expect(orders).toEqual([
      { inbound_message_id: messageId, status: 'confirmed' },
      { inbound_message_id: parsed.id, status: 'confirmed' },
    ]);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(2);
  });
});

describe('50 orders at once for one dealer', () => {
  it('never takes exposure past the limit; every order ends confirmed or held', async () => {
    // each order is 1 box of 16A MCBs at 1,380.00; 20,000 outstanding of a 50,000 limit leaves room for 21
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 50_000_00n,
      outstandingMinor: 20_000_00n,
    });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ingestMessage(deps(), {
          channel: 'transcript',
          externalId: `burst-${d.code}-${i}`,
          sender: d.code,
          dealerCode: d.code,
          text: '1 box voltra mcb 16a',
        }),
      ),
    );
    await waitForQuiet(testDb.db, 60_000);

    const orders = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .execute();
    expect(orders).toHaveLength(50);
    const confirmed = orders.filter((o) => o.status === 'confirmed');
    const held = orders.filter((o) => o.status === 'held_credit');
    expect(confirmed.length + held.length).toBe(50);
    expect(confirmed).toHaveLength(21);
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    const confirmedTotal = confirmed.reduce((s, o) => s + o.total_minor, 0n);
    expect(credit.open_orders_minor).toBe(confirmedTotal);
    expect(credit.outstanding_minor + credit.open_orders_minor).toBeLessThanOrEqual(50_000_00n);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(50);
  });
});

describe('bad input', () => {
  async function ingestAndSettle(input: Parameters<typeof ingestMessage>[1]) {
    const { messageId } = await ingestMessage(deps(), input);
    await waitForQuiet(testDb.db);
    return testDb.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
  }

  it('empty text is stored, failed with a reason, and answered', async () => {
    const d = await createElectricalDealer(testDb.db);
    const m = await ingestAndSettle({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: d.code,
      dealerCode: d.code,
      text: '  \n ',
    });
    expect(m).toMatchObject({
      status: 'failed',
      error: 'the message has no text',
      text_flags: ['empty'],
    });
    expect(await repliesTo(testDb.db, d.code)).toEqual([
      'Your message was empty. Please send your order as a short text message.',
    ]);
  });

  it('1 MB of text is stored up to the cap, flagged, sent to review and answered', async () => {
    const d = await createElectricalDealer(testDb.db);
    const text = '2 box voltra mcb 16a\n'.repeat(50_000); // ~1 MB
    const m = await ingestAndSettle({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: d.code,
      dealerCode: d.code,
      text,
    });
    expect(m.status).toBe('needs_review');
    expect(m.text_flags).toEqual(['truncated']);
    expect(m.original_bytes).toBe(Buffer.byteLength(text));
    expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(MAX_STORED_TEXT_BYTES);
    expect(m.error).toMatch(/only the first 65536 were kept/);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
  });

  it('binary garbage is stored, failed as unreadable, and answered', async () => {
    const d = await createElectricalDealer(testDb.db);
    const bytes = Uint8Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256);
    const m = await ingestAndSettle({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: d.code,
      dealerCode: d.code,
      text: bytes,
    });
    expect(m.status).toBe('failed');
    expect(m.text_flags).toEqual(
      expect.arrayContaining(['binary', 'invalid_utf8', 'nul_replaced']),
    );
    expect(m.error).toMatch(/binary/);
    expect(await repliesTo(testDb.db, d.code)).toEqual([
      'We could not read your message. Please send your order as a short text message.',
    ]);
  });

  it('invalid UTF-8 in an order is replaced, flagged, and the order still goes through', async () => {
    const d = await createElectricalDealer(testDb.db);
    const bytes = Buffer.concat([
      Buffer.from('2 box voltra mcb 16a '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]);
    const m = await ingestAndSettle({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: d.code,
      dealerCode: d.code,
      text: bytes,
    });
    expect(m.text_flags).toEqual(['invalid_utf8']);
    expect(m.text).toContain('\uFFFD');
    expect(m.status).toBe('done');
    const [order] = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('inbound_message_id', '=', m.id)
      .execute();
    expect(order?.status).toBe('confirmed');
  });

  it('an unknown dealer code on a transcript is stored and flagged for review', async () => {
    const m = await ingestAndSettle({
      channel: 'transcript',
      externalId: randomUUID(),
      sender: 'NOPE-999',
      dealerCode: 'NOPE-999',
      text: '10 box lumex led 9w',
    });
    expect(m).toMatchObject({
      status: 'needs_review',
      dealer_code: null,
      error: 'dealer code NOPE-999 is not on file',
    });
    expect(await repliesTo(testDb.db, 'NOPE-999')).toEqual([
      'Dealer code NOPE-999 is not on our list. The message is kept for our team to check.',
    ]);
  });

  it('a job for a message that does not exist fails without crashing the worker', async () => {
    await pipeline.jobs.enqueue('parse', [{ messageId: randomUUID() }]);
    const d = await createElectricalDealer(testDb.db);
    const m = await ingestAndSettle({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: d.code,
      dealerCode: d.code,
      text: 'status',
    });
    expect(m.status).toBe('done');
    const stuck = await sql<{
      n: bigint;
    }>`SELECT count(*) AS n FROM inbound_messages WHERE status IN ('received', 'parsed')`.execute(
      testDb.db,
    );
    expect(stuck.rows[0]?.n).toBe(0n);
  });
});
