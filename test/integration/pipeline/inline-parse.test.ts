/**
 * Messages an intake in the worker's process stores are parsed there, without a BullMQ job
 * (workers/inline-jobs.ts) — on real PostgreSQL and Redis: settled and answered once, the
 * rest queued past the limit, a failed run retried by the queue, a job for the same message
 * at the same moment harmless.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../../src/db/transaction.js';
import type { ReadCacheVersions } from '../../../src/repositories/read-cache-version.repository.js';
import { ParserInputsCache } from '../../../src/services/parser-inputs.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import type { JobQueue } from '../../../src/queues/job-catalog.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  testRedisUrl,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const redis = new Redis(testRedisUrl());
afterAll(() => redis.quit());

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
});

/** Parse jobs ever added to the pipeline's queue (BullMQ counts every add in `<queue>:id`). */
const parseJobsAdded = async (pipeline: Pipeline) =>
  Number((await redis.get(`${pipeline.prefix}:parse:id`)) ?? 0);

const webchat = (jobs: JobQueue, dealer: string, text: string) =>
  ingestMessage(
    { db: testDb.db, jobs },
    { channel: 'webchat', externalId: randomUUID(), sender: dealer, dealerCode: dealer, text },
  );

async function settled(messageId: string) {
  return testDb.db
    .selectFrom('inbound_messages')
    .select(['status', 'attempts'])
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
}

async function ordersOf(dealer: string) {
  return testDb.db
    .selectFrom('orders')
    .select('status')
    .where('dealer_code', '=', dealer)
    .execute();
}

describe('a message stored by an intake in the worker process', () => {
  it('is parsed, settled and answered there, without a parse job', async () => {
    const pipeline = track(startPipeline(testDb.db));
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await webchat(pipeline.workers.jobs, d.code, '2 box voltra mcb 16a');
    await waitForQuiet(testDb.db);
    expect(await settled(messageId)).toEqual({ status: 'done', attempts: 1 });
    expect(await ordersOf(d.code)).toEqual([{ status: 'confirmed' }]);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
    expect(await parseJobsAdded(pipeline)).toBe(0);
  });

  it('goes to the parse queue past the parse concurrency, each settled once', async () => {
    const pipeline = track(startPipeline(testDb.db, { concurrency: { parse: 1 } }));
    const dealers = await Promise.all([1, 2, 3].map(() => createElectricalDealer(testDb.db)));
    const stored = await Promise.all(
      dealers.map((d) => webchat(pipeline.workers.jobs, d.code, '1 box lumex led 12w')),
    );
    await waitForQuiet(testDb.db);
    expect(await parseJobsAdded(pipeline)).toBe(2);
    for (const [i, d] of dealers.entries()) {
      expect(await settled(stored[i]!.messageId)).toEqual({ status: 'done', attempts: 1 });
      expect(await ordersOf(d.code)).toEqual([{ status: 'confirmed' }]);
      expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
    }
  });

  it('is queued when its run fails, and the parse job settles it', async () => {
    // The first snapshot read fails as a dropped connection would; the queue's retry runs.
    let failures = 1;
    class FailingOnce extends ParserInputsCache {
      override snapshot(db: Executor, known?: ReadCacheVersions) {
        if (failures-- > 0) return Promise.reject(new Error('connection terminated'));
        return super.snapshot(db, known);
      }
    }
    const pipeline = track(startPipeline(testDb.db, { parserInputs: new FailingOnce() }));
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await webchat(pipeline.workers.jobs, d.code, '3 box modix switch 6a');
    await waitForQuiet(testDb.db);
    expect(await parseJobsAdded(pipeline)).toBe(1);
    expect(await settled(messageId)).toEqual({ status: 'done', attempts: 2 });
    expect(await ordersOf(d.code)).toEqual([{ status: 'confirmed' }]);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
  });

  it('settles once when a parse job for it runs at the same moment (a sweep)', async () => {
    const pipeline = track(startPipeline(testDb.db));
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await webchat(pipeline.workers.jobs, d.code, '2 box voltra mcb 32a');
    await pipeline.jobs.enqueue('parse', [{ messageId }]);
    await waitForQuiet(testDb.db);
    expect((await settled(messageId)).status).toBe('done');
    expect(await ordersOf(d.code)).toEqual([{ status: 'confirmed' }]);
    expect(await repliesTo(testDb.db, d.code)).toHaveLength(1);
  });
});
