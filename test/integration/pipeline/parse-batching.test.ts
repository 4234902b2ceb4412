/**
 * Parse jobs running at once share transactions (src/db/pipeline/transaction-batcher.ts) — on
 * real PostgreSQL and Redis with the real workers. Sharing must keep each message's guarantees:
 * settled once, the credit limit of each dealer kept, one reply each, and a message whose
 * transaction fails takes no neighbour down with it.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
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

const transcript = (dealer: string, id: string, text = '1 box voltra mcb 16a') =>
  ingestMessage(
    { db: testDb.db, jobs: pipeline.jobs },
    { channel: 'transcript', externalId: id, sender: dealer, dealerCode: dealer, text },
  );

describe('messages of many dealers at once', () => {
  it('share transactions, and each dealer still gets exactly what its credit allows, each message once', async () => {
    // each order is 1 box of 16A MCBs at 1,380.00: a 50,000 limit with 45,000 outstanding leaves
    // room for 3 of each dealer's 5
    const dealers = await Promise.all(
      Array.from({ length: 10 }, () =>
        createElectricalDealer(testDb.db, {
          creditLimitMinor: 50_000_00n,
          outstandingMinor: 45_000_00n,
        }),
      ),
    );
    await Promise.all(
      dealers.flatMap((d) =>
        Array.from({ length: 5 }, (_, i) => transcript(d.code, `many-${d.code}-${i}`)),
      ),
    );
    await waitForQuiet(testDb.db, 60_000);

    const orders = await testDb.db
      .selectFrom('orders')
      .select(['dealer_code', 'status', 'total_minor', sql<string>`xmin::text`.as('xmin')])
      .where(
        'dealer_code',
        'in',
        dealers.map((d) => d.code),
      )
      .execute();
    expect(orders).toHaveLength(50);
    for (const d of dealers) {
      const own = orders.filter((o) => o.dealer_code === d.code);
      expect(own.filter((o) => o.status === 'confirmed')).toHaveLength(3);
      expect(own.filter((o) => o.status === 'held_credit')).toHaveLength(2);
      const credit = await testDb.db
        .selectFrom('dealer_credit')
        .select('open_orders_minor')
        .where('dealer_code', '=', d.code)
        .executeTakeFirstOrThrow();
      expect(credit.open_orders_minor).toBe(
        own.filter((o) => o.status === 'confirmed').reduce((s, o) => s + o.total_minor, 0n),
      );
      expect(await repliesTo(testDb.db, d.code)).toHaveLength(5);
    }
    // orders written by one transaction share its id: fewer transactions than messages
    expect(new Set(orders.map((o) => o.xmin)).size).toBeLessThan(50);
  });
});

describe('a message whose transaction fails', () => {
  it('fails alone: the messages batched with it settle once each', async () => {
    const bad = await Promise.all(
      Array.from({ length: 3 }, () => createElectricalDealer(testDb.db)),
    );
    const good = await Promise.all(
      Array.from({ length: 12 }, () => createElectricalDealer(testDb.db)),
    );
    const badCodes = bad.map((d) => `'${d.code}'`).join(', ');
    // this test's own database: any order of a bad dealer fails its statement
    await sql
      .raw(
        `CREATE FUNCTION refuse_test_dealers() RETURNS trigger LANGUAGE plpgsql AS $f$
         BEGIN
           IF NEW.dealer_code IN (${badCodes}) THEN RAISE EXCEPTION 'refused by the test'; END IF;
           RETURN NEW;
         END $f$;
         CREATE TRIGGER refuse_test_dealers BEFORE INSERT ON orders
           FOR EACH ROW EXECUTE FUNCTION refuse_test_dealers();`,
      )
      .execute(testDb.db);
    const fallbacks = pipeline.workers.parseBatches?.fallbacks ?? 0;
    try {
      // the bad ones among the good, all at once
      const senders = good.map((d) => d.code);
      senders.splice(2, 0, bad[0]!.code);
      senders.splice(7, 0, bad[1]!.code);
      senders.push(bad[2]!.code);
      const stored = await Promise.all(senders.map((code) => transcript(code, `once-${code}`)));
      const goodIds = stored.filter((_, i) => good.some((d) => d.code === senders[i]));
      await waitFor(
        async () => {
          const settled = await testDb.db
            .selectFrom('inbound_messages')
            .select('id')
            .where(
              'id',
              'in',
              goodIds.map((r) => r.messageId),
            )
            .where('status', '=', 'done')
            .execute();
          return settled.length === good.length;
        },
        { timeoutMs: 30_000, what: 'the good messages to settle' },
      );
      // a bad message shared a transaction with others at least once, and that batch was redone
      expect(pipeline.workers.parseBatches?.fallbacks ?? 0).toBeGreaterThan(fallbacks);
      for (const d of good) {
        const orders = await testDb.db
          .selectFrom('orders')
          .select('status')
          .where('dealer_code', '=', d.code)
          .execute();
        expect(orders.map((o) => o.status)).toEqual(['confirmed']);
        expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
      }
      const stuck = await testDb.db
        .selectFrom('inbound_messages')
        .select(['status', 'attempts'])
        .where(
          'dealer_code',
          'in',
          bad.map((d) => d.code),
        )
        .execute();
      // not settled; their jobs retry (the sweeper and the attempts cap take it from there)
      expect(stuck.map((m) => m.status)).toEqual(['received', 'received', 'received']);
      expect(
        await testDb.db
          .selectFrom('orders')
          .select('id')
          .where(
            'dealer_code',
            'in',
            bad.map((d) => d.code),
          )
          .execute(),
      ).toHaveLength(0);
    } finally {
      await sql
        .raw('DROP TRIGGER refuse_test_dealers ON orders; DROP FUNCTION refuse_test_dealers();')
        .execute(testDb.db);
    }
  });
});
