/**
 * The queue's own ceiling for `npm run bench`: N chains through three BullMQ
 * queues on the same Redis, each worker adding the next hop, with the job
 * catalog's concurrency and job options (src/queues/job-catalog.ts). Every
 * chain's first job is added up front (addBulk), so the workers never wait
 * for work; the jobs do nothing else, so chains/s is what BullMQ and Redis
 * alone allow: the ceiling the pipeline is compared with.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { JOBS, JOB_NAMES } from '../../../src/queues/job-catalog.js';
import { createRedisConnection } from '../../../src/queues/redis-connection.js';

export interface ChainResult {
  chains: number;
  ms: number;
  chainsPerS: number;
}

export async function measureBareChain(redisUrl: string, chains: number): Promise<ChainResult> {
  const prefix = `{bench-chain-${randomBytes(3).toString('hex')}}`;
  const producer = createRedisConnection(redisUrl, 'producer');
  const consumer = createRedisConnection(redisUrl, 'worker');
  const queues = JOB_NAMES.map(
    (name) => new Queue(`chain-${name}`, { connection: producer, prefix }),
  );
  const opts = (hop: number, id: string) => {
    const def = JOBS[JOB_NAMES[hop]!];
    return {
      jobId: id,
      attempts: def.attempts,
      backoff: def.backoff,
      removeOnComplete: true,
      removeOnFail: true,
    };
  };
  const add = (hop: number, id: string) => queues[hop]!.add('hop', { id }, opts(hop, id));
  let done = 0;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const workers = JOB_NAMES.map(
    (name, hop) =>
      new Worker(
        `chain-${name}`,
        async (job: Job<{ id: string }>) => {
          if (hop < JOB_NAMES.length - 1) {
            await add(hop + 1, job.data.id);
            return;
          }
          done += 1;
          if (done === chains) finish();
        },
        { connection: consumer, prefix, concurrency: JOBS[name].concurrency },
      ),
  );
  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    const t0 = performance.now();
    for (let from = 0; from < chains; from += 1_000) {
      const ids = Array.from({ length: Math.min(1_000, chains - from) }, (_, i) => `c${from + i}`);
      await queues[0]!.addBulk(ids.map((id) => ({ name: 'hop', data: { id }, opts: opts(0, id) })));
    }
    await allDone;
    const ms = performance.now() - t0;
    return { chains, ms, chainsPerS: (chains / ms) * 1_000 };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    for (const queue of queues) await queue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all(queues.map((q) => q.close()));
    producer.disconnect();
    consumer.disconnect();
  }
}
