/**
 * Producers: one BullMQ Queue per stage, sharing one Redis connection.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  DEFAULT_QUEUE_PREFIX,
  JOB_NAMES,
  JOBS,
  type JobName,
  type JobPayloads,
  type JobQueue,
} from './job-catalog.js';
import { createRedisConnection } from './redis-connection.js';

export interface CreateJobQueueInput {
  /** A redis:// URL (a `/N` database index is honoured) or an open connection to share. */
  redis: string | Redis;
  /** Key prefix; keep a `{hash tag}` for Redis Cluster. Default `{orderdesk}`. */
  prefix?: string;
  /**
   * Told of connection errors (Redis down or restarting; ioredis reconnects by itself). Without
   * a listener BullMQ prints each one to the console.
   */
  onError?: (error: Error) => void;
}

export interface ClosableJobQueue extends JobQueue {
  /** The BullMQ queues, for health checks and dashboards. */
  readonly queues: { readonly [N in JobName]: Queue };
  close(): Promise<void>;
}

export function createJobQueue(input: CreateJobQueueInput): ClosableJobQueue {
  const ownConnection = typeof input.redis === 'string';
  const connection =
    typeof input.redis === 'string' ? createRedisConnection(input.redis, 'producer') : input.redis;
  const prefix = input.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = Object.fromEntries(
    JOB_NAMES.map((name) => [name, new Queue(JOBS[name].queue, { connection, prefix })]),
  ) as { [N in JobName]: Queue };
  const onError = input.onError ?? (() => undefined);
  for (const queue of Object.values(queues)) queue.on('error', onError);

  const addBulk = async <N extends JobName>(name: N, payloads: readonly JobPayloads[N][]) => {
    const def = JOBS[name];
    await queues[name].addBulk(
      payloads.map((payload) => ({
        name,
        data: payload,
        opts: {
          jobId: def.jobId(payload),
          attempts: def.attempts,
          backoff: def.backoff,
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  };
  // Jobs enqueued in the same turn of the event loop (concurrent webhook requests, jobs finishing
  // together) go to Redis in one addBulk per queue: one round trip. Each caller still returns
  // only once its jobs are in Redis, and sees the error if they are not.
  const gathering = new Map<JobName, { payloads: unknown[]; sent: Promise<void> }>();
  const gather = (name: JobName, payloads: readonly unknown[]): Promise<void> => {
    const open = gathering.get(name);
    if (open !== undefined) {
      open.payloads.push(...payloads);
      return open.sent;
    }
    const group = { payloads: [...payloads], sent: Promise.resolve() };
    group.sent = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        gathering.delete(name);
        addBulk(name, group.payloads as JobPayloads[typeof name][]).then(resolve, reject);
      });
    });
    gathering.set(name, group);
    return group.sent;
  };

  return {
    queues,
    async enqueue<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]): Promise<void> {
      if (payloads.length === 0) return;
      // a payload the schema refuses fails its own caller, not the group
      await gather(
        name,
        payloads.map((payload) => JOBS[name].schema.parse(payload)),
      );
    },
    async close() {
      await Promise.allSettled([...gathering.values()].map((group) => group.sent));
      await Promise.all(JOB_NAMES.map((name) => queues[name].close()));
      if (ownConnection) await connection.quit().catch(() => undefined);
    },
  };
}
