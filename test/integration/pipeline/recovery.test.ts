/**
 * Losing a worker process or Redis loses no work: a worker SIGKILLed in the
 * middle of 500 messages, then restarted, and everything Redis held for the
 * pipeline lost mid-run, both end with every message final, one order per order message
 * and one reply per cause.
 */
import type { ChildProcess } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../src/db/schema.js';
import { createJobQueue } from '../../../src/queues/create-job-queue.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { createDatabase } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { useTestDatabase } from '../../support/database.js';
import { startScratchPostgres, type ScratchPostgres } from '../../support/scratch-postgres.js';
import { spawnWorker } from '../../support/spawn-worker.js';
import {
  closeAfterAll,
  createElectricalDealer,
  deleteQueueKeys,
  newQueuePrefix,
  seedElectricalCatalog,
  startPipeline,
  testRedisUrl,
  waitFor,
  waitForQuiet,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const TEXTS = [
  '2 box voltra mcb 16a',
  '1 coil copperline wire 1.5 sqmm',
  'status',
  '3 box lumex led 9w',
  'balance',
];

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
});

async function counts(db: Kysely<DB>, dealers: string[]) {
  const { rows } = await sql<{ status: string; n: bigint }>`
    SELECT status, count(*) AS n FROM inbound_messages WHERE sender = any(${dealers}::text[]) GROUP BY status`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function expectSettledExactlyOnce(db: Kysely<DB>, dealers: string[], total: number) {
  expect(await counts(db, dealers)).toEqual({ done: total });
  const { rows: dupOrders } = await sql`
    SELECT inbound_message_id FROM orders WHERE dealer_code = any(${dealers}::text[])
    GROUP BY inbound_message_id HAVING count(*) > 1`.execute(db);
  expect(dupOrders).toEqual([]);
  const orderMessages = Math.round((total * 3) / 5);
  const { rows: orders } = await sql<{ n: bigint }>`
    SELECT count(*) AS n FROM orders WHERE dealer_code = any(${dealers}::text[])`.execute(db);
  expect(Number(orders[0]?.n)).toBe(orderMessages);
  const { rows: replies } = await sql<{ n: bigint; pending: bigint }>`
    SELECT count(*) AS n, count(*) FILTER (WHERE status <> 'sent') AS pending
    FROM outbox WHERE recipient = any(${dealers}::text[])`.execute(db);
  expect(Number(replies[0]?.n)).toBe(total);
  expect(Number(replies[0]?.pending)).toBe(0);
}

describe('a worker process killed with SIGKILL mid-run', () => {
  const prefix = newQueuePrefix();
  const redisUrl = testRedisUrl();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await deleteQueueKeys(redisUrl, prefix);
  });

  it('leaves every one of 500 messages final after a restart, with no duplicate orders', async () => {
    const dealers = await Promise.all(
      Array.from({ length: 10 }, () => createElectricalDealer(testDb.db)),
    );
    const codes = dealers.map((d) => d.code);
    const jobs = createJobQueue({ redis: redisUrl, prefix });
    const env = { DATABASE_URL: testDb.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
    try {
      children.push(await spawnWorker(env));
      await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          ingestMessage(
            { db: testDb.db, jobs },
            {
              channel: 'webchat',
              externalId: `kill-${i}`,
              sender: codes[i % 10]!,
              dealerCode: codes[i % 10]!,
              text: TEXTS[i % 5]!,
            },
          ),
        ),
      );
      await waitFor(async () => ((await counts(testDb.db, codes))['done'] ?? 0) >= 100, {
        timeoutMs: 60_000,
        intervalMs: 10,
        what: '100 messages done',
      });
      children[0]!.kill('SIGKILL');
      const before = await counts(testDb.db, codes);
      expect(before['done'] ?? 0).toBeLessThan(500);

      children.push(await spawnWorker(env));
      await waitForQuiet(testDb.db, 120_000);
      await expectSettledExactlyOnce(testDb.db, codes, 500);
    } finally {
      await jobs.close();
    }
  }, 180_000);
});

describe('Redis flushed mid-run', () => {
  const redisUrl = testRedisUrl();

  it('the sweeper re-enqueues what PostgreSQL says is unfinished and the work completes', async () => {
    const dealers = await Promise.all(
      Array.from({ length: 5 }, () => createElectricalDealer(testDb.db)),
    );
    const codes = dealers.map((d) => d.code);
    const pipeline = track(
      startPipeline(testDb.db, {
        redisUrl,
        sweepIntervalMs: 200,
        sweepGraceMs: 0,
        concurrency: { parse: 1, validate: 2, notify: 2 },
      }),
    );
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ingestMessage(
          { db: testDb.db, jobs: pipeline.jobs },
          {
            channel: 'webchat',
            externalId: `flush-${i}`,
            sender: codes[i % 5]!,
            dealerCode: codes[i % 5]!,
            text: TEXTS[i % 5]!,
          },
        ),
      ),
    );
    await waitFor(async () => ((await counts(testDb.db, codes))['done'] ?? 0) >= 20, {
      intervalMs: 10,
      what: '20 done',
    });
    // Everything Redis held for this pipeline is lost at once: every key under its prefix (the
    // test never flushes a database others may share).
    await deleteQueueKeys(redisUrl, pipeline.prefix);
    expect((await counts(testDb.db, codes))['done'] ?? 0).toBeLessThan(200);
    await waitForQuiet(testDb.db, 60_000);
    await expectSettledExactlyOnce(testDb.db, codes, 200);
  }, 120_000);
});

describe('PostgreSQL restarted under load', () => {
  const prefix = newQueuePrefix();
  const redisUrl = testRedisUrl();
  let cluster: ScratchPostgres | undefined;
  let db: Kysely<DB> | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.destroy();
    await cluster?.stop();
    await deleteQueueKeys(redisUrl, prefix);
  });

  it('keeps the worker process alive through three fast restarts, and every message settles once', async () => {
    cluster = await startScratchPostgres();
    await cluster.createDatabase('orderdesk');
    const url = cluster.url('orderdesk');
    db = createDatabase({ url, max: 5 });
    await migrateToLatest(db);
    await seedElectricalCatalog(db);
    const dealers = await Promise.all(Array.from({ length: 5 }, () => createElectricalDealer(db!)));
    const codes = dealers.map((d) => d.code);
    const jobs = createJobQueue({ redis: redisUrl, prefix });
    const worker = await spawnWorker({
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
    });
    children.push(worker);
    // The test's own writes may meet a restart too: each is tried again until it lands.
    const ingest = async (i: number) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await ingestMessage(
            { db: db!, jobs },
            {
              channel: 'webchat',
              externalId: `pg-restart-${i}`,
              sender: codes[i % 5]!,
              dealerCode: codes[i % 5]!,
              text: TEXTS[i % 5]!,
            },
          );
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    try {
      for (let round = 0; round < 3; round++) {
        await Promise.all(Array.from({ length: 60 }, (_, k) => ingest(round * 60 + k)));
        await cluster.restart();
        expect(worker.exitCode, `the worker died at restart ${round + 1}`).toBeNull();
      }
      await waitFor(
        async () => {
          try {
            return ((await counts(db!, codes))['done'] ?? 0) === 180;
          } catch {
            return false;
          }
        },
        { timeoutMs: 120_000, intervalMs: 200, what: 'all 180 messages done' },
      );
      expect(worker.exitCode).toBeNull();
      await expectSettledExactlyOnce(db, codes, 180);
    } finally {
      await jobs.close();
    }
  }, 240_000);
});
