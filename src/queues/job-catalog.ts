/**
 * The one catalog of jobs. Every job carries only a PostgreSQL id and its job
 * id IS that id, so enqueuing the same work twice while it waits is a no-op
 * in BullMQ, and running it twice is a no-op in PostgreSQL (each service
 * checks the row's state first).
 *
 * Finished jobs are removed at once: a later re-enqueue (by the sweeper) of
 * an id must create a new job, not collide with a kept old one.
 */
import { z } from 'zod';

const uuid = z.string().uuid();

export const parsePayloadSchema = z.object({
  messageId: uuid,
  /**
   * false: ingestion stored the message without files (they are stored with it or never), so
   * the parse job does not look for any. Absent (the sweeper, a redelivery): it looks.
   */
  files: z.literal(false).optional(),
});
export const validatePayloadSchema = z.object({ messageId: uuid });
export const notifyPayloadSchema = z.object({ outboxId: uuid });

export type ParsePayload = z.infer<typeof parsePayloadSchema>;
export type ValidatePayload = z.infer<typeof validatePayloadSchema>;
export type NotifyPayload = z.infer<typeof notifyPayloadSchema>;

export interface JobPayloads {
  parse: ParsePayload;
  validate: ValidatePayload;
  notify: NotifyPayload;
}
export type JobName = keyof JobPayloads;

export interface JobDefinition<N extends JobName> {
  /** The BullMQ queue name (one queue per stage). */
  queue: N;
  schema: z.ZodType<JobPayloads[N]>;
  /** The job id: the PG id the job works on. */
  jobId: (payload: JobPayloads[N]) => string;
  /** Tries before BullMQ gives up; the sweeper re-enqueues what PG says is unfinished. */
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  /** How many jobs one worker process runs at once. */
  concurrency: number;
}

export const JOBS: { readonly [N in JobName]: JobDefinition<N> } = {
  parse: {
    queue: 'parse',
    schema: parsePayloadSchema,
    jobId: (p) => p.messageId,
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    // A sure order is priced and settled in its parse job (process-parse): most of a job is
    // waiting on PostgreSQL, so as many as validate runs; the parser itself is short sync work.
    // The worker runs more (PARSE_CONCURRENCY, workers/index.ts): its jobs share transactions.
    concurrency: 16,
  },
  validate: {
    queue: 'validate',
    schema: validatePayloadSchema,
    jobId: (p) => p.messageId,
    attempts: 8,
    backoff: { type: 'exponential', delay: 250 },
    concurrency: 16,
  },
  notify: {
    queue: 'notify',
    schema: notifyPayloadSchema,
    jobId: (p) => p.outboxId,
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    concurrency: 16,
  },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/**
 * Default prefix of every BullMQ key. The braces are a Redis Cluster hash
 * tag: all of a queue's keys land in one slot, as BullMQ's scripts require.
 */
export const DEFAULT_QUEUE_PREFIX = '{orderdesk}';

/** What services use to hand work on; `createJobQueue` implements it over BullMQ. */
export interface JobQueue {
  /** Enqueues jobs; payloads whose job id is already waiting or running are skipped by BullMQ. */
  enqueue<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]): Promise<void>;
}
