/**
 * The sweeper: re-enqueues what PostgreSQL says is unfinished — messages
 * still `received` (parse) or `parsed` (validate), and outbox rows pending
 * and due (notify). Job ids are the PG ids, so work already queued is not
 * queued twice; work Redis lost (flush, failover, a crash between commit and
 * enqueue) is queued again. Run it on an interval in every worker process.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { listInboundIdsByStatus } from '../repositories/inbound-message.repository.js';
import { listDueOutboxIds } from '../repositories/outbox.repository.js';

export interface SweepUnfinishedDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
}

export interface SweepUnfinishedInput {
  /** Leave rows younger than this to the job enqueued with them. Default 5 s. */
  graceMs?: number;
  /** At most this many of each kind per sweep. Default 1000. */
  limit?: number;
}

export interface SweepUnfinishedResult {
  parse: number;
  validate: number;
  notify: number;
}

export async function sweepUnfinished(
  deps: SweepUnfinishedDeps,
  input: SweepUnfinishedInput = {},
): Promise<SweepUnfinishedResult> {
  const before = new Date(Date.now() - (input.graceMs ?? 5_000));
  const limit = input.limit ?? 1000;
  const [received, parsed, due] = await Promise.all([
    listInboundIdsByStatus(deps.db, { status: 'received', updatedBefore: before, limit }),
    listInboundIdsByStatus(deps.db, { status: 'parsed', updatedBefore: before, limit }),
    listDueOutboxIds(deps.db, { dueBefore: before, limit }),
  ]);
  await deps.jobs.enqueue(
    'parse',
    received.map((messageId) => ({ messageId })),
  );
  await deps.jobs.enqueue(
    'validate',
    parsed.map((messageId) => ({ messageId })),
  );
  await deps.jobs.enqueue(
    'notify',
    due.map((outboxId) => ({ outboxId })),
  );
  return { parse: received.length, validate: parsed.length, notify: due.length };
}
