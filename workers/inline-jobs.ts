/**
 * Jobs run in the process that enqueues them, without a BullMQ job while there is room: about
 * 35–40 Redis commands and a queue hop less each.
 *
 * - Replies a parse or validate job has just committed are sent at once (`notify`).
 * - In the all-in-one process, a message the intake has just stored is parsed at once (`parse`).
 *
 * A payload whose job id (the PG id) already runs here is dropped, as the queue drops a job whose
 * id is waiting: a message delivered twice at once is claimed and parsed once, not twice (each
 * claim counts an attempt towards parking). The run in flight settles it, or queues it if it fails.
 *
 * At most `limit` runs of a job name are in flight; beyond that, and for a run that throws (the
 * database away), the payload goes to its BullMQ queue as before, where the worker's retries and
 * backoff take over. A run that throws `UnrecoverableError` has settled its row already (a bad
 * input marked failed) and is not queued.
 *
 * Nothing is lost or done twice by going this way: the row was committed before (PG first) and
 * each run claims it as a job would (send-outbox.ts, process-parse.ts), so a job or another
 * process finds it taken or settled; a process dying mid-run leaves the row to the sweeper
 * (and, for a reply, its lease), as it leaves a job's row after a Redis flush.
 */
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS, type JobName, type JobPayloads, type JobQueue } from '../src/queues/job-catalog.js';

export interface InlineJobs {
  /** `jobs` with the named jobs run here while there is room; every other job queued as usual. */
  readonly jobs: JobQueue;
  /** Waits for the runs in flight. */
  close(): Promise<void>;
}

export interface InlineRunner<N extends JobName> {
  /** Runs one job's payload (what the job's processor does). */
  run: (payload: JobPayloads[N]) => Promise<unknown>;
  /** Runs in flight at most. */
  limit: number;
  /**
   * Start runs handed over within this many ms together, at the end of the window (default 0:
   * each at once). Runs that start together claim their rows in one statement and hand their
   * transactions to the batcher in the same turn, so they share one (src/db/pipeline/).
   */
  gatherMs?: number;
}

export interface InlineJobsDeps {
  jobs: JobQueue;
  run: { [N in JobName]?: InlineRunner<N> };
  log: Logger;
}

export function inlineJobs(deps: InlineJobsDeps): InlineJobs {
  const inFlight = new Map<JobName, Map<string, Promise<void>>>();
  // the open gathering window of each job name: its runs start when it ends
  const windows = new Map<JobName, Promise<void>>();
  const windowOf = (name: JobName, ms: number): Promise<void> => {
    let window = windows.get(name);
    if (window === undefined) {
      window = new Promise<void>((resolve) =>
        setTimeout(() => {
          windows.delete(name);
          resolve();
        }, ms),
      );
      windows.set(name, window);
    }
    return window;
  };
  const runNow = <N extends JobName>(
    name: N,
    runner: InlineRunner<N>,
    payload: JobPayloads[N],
    jobId: string,
  ) => {
    const running = inFlight.get(name) ?? new Map<string, Promise<void>>();
    inFlight.set(name, running);
    const gatherMs = runner.gatherMs ?? 0;
    const started =
      gatherMs > 0 ? windowOf(name, gatherMs).then(() => runner.run(payload)) : runner.run(payload);
    const run = started
      .then(() => undefined)
      .catch(async (error: unknown) => {
        if (error instanceof UnrecoverableError) return;
        deps.log.warn({ err: error, job: name, payload }, 'in-process job failed; queued');
        await deps.jobs.enqueue(name, [payload]).catch((queueError: unknown) =>
          // the sweeper finds the row unfinished
          deps.log.warn({ err: queueError, job: name, payload }, 'could not queue the job'),
        );
      })
      .finally(() => running.delete(jobId));
    running.set(jobId, run);
  };
  return {
    jobs: {
      async enqueue<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]) {
        const runner = deps.run[name] as InlineRunner<N> | undefined;
        if (runner === undefined) return deps.jobs.enqueue(name, payloads);
        const rest: JobPayloads[N][] = [];
        for (const payload of payloads) {
          // a payload the schema refuses fails its caller, as the queue's enqueue does
          JOBS[name].schema.parse(payload);
          const jobId = JOBS[name].jobId(payload);
          const running = inFlight.get(name);
          if (running?.has(jobId)) continue;
          if ((running?.size ?? 0) < runner.limit) runNow(name, runner, payload, jobId);
          else rest.push(payload);
        }
        await deps.jobs.enqueue(name, rest);
      },
    },
    async close() {
      await Promise.all([...inFlight.values()].flatMap((running) => [...running.values()]));
    },
  };
}
