/**
 * Replies a parse or validate job has just committed are sent from the same process at once,
 * not through the notify queue: one BullMQ job (about 35 Redis commands) less per message, and
 * no queue hop before the reply. At most `limit` such sends are in flight (the notify worker's
 * concurrency); beyond that, and for a send that throws (the database away), the rows go to the
 * notify queue as before.
 *
 * Nothing is lost or sent twice by going this way: the outbox row was committed before (PG
 * first), sending claims it (send-outbox.ts), so a notify job or another process finds it held;
 * a process dying mid-send leaves the row to its lease and the sweeper; and a row left for a
 * later retry is the sweeper's, as from a notify job.
 */
import type { Logger } from 'pino';
import type { JobName, JobPayloads, JobQueue } from '../src/queues/job-catalog.js';

export interface InlineReplies {
  /** `jobs` with `notify` sent here while there is room; every other job queued as usual. */
  readonly jobs: JobQueue;
  /** Waits for the sends in flight. */
  close(): Promise<void>;
}

export interface InlineRepliesDeps {
  jobs: JobQueue;
  /** Sends one outbox row (sendOutbox). */
  send: (outboxId: string) => Promise<unknown>;
  /** Sends in flight at most. */
  limit: number;
  log: Logger;
}

export function inlineReplies(deps: InlineRepliesDeps): InlineReplies {
  const inFlight = new Set<Promise<void>>();
  const sendNow = (outboxId: string) => {
    const sending = deps
      .send(outboxId)
      .then(() => undefined)
      .catch(async (error: unknown) => {
        deps.log.warn({ err: error, outboxId }, 'reply send failed; queued for notify');
        await deps.jobs.enqueue('notify', [{ outboxId }]).catch((queueError: unknown) =>
          // the sweeper finds the row pending
          deps.log.warn({ err: queueError, outboxId }, 'could not queue the reply'),
        );
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  return {
    jobs: {
      async enqueue<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]) {
        if (name !== 'notify') return deps.jobs.enqueue(name, payloads);
        const rest: JobPayloads['notify'][] = [];
        for (const payload of payloads as readonly JobPayloads['notify'][]) {
          if (inFlight.size < deps.limit) sendNow(payload.outboxId);
          else rest.push(payload);
        }
        await deps.jobs.enqueue('notify', rest);
      },
    },
    async close() {
      await Promise.all([...inFlight]);
    },
  };
}
