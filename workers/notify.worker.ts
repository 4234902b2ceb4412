/** The notify processor: send one outbox row. A row left for later is re-enqueued by the sweeper. */
import type { Job } from 'bullmq';
import { JOBS } from '../src/queues/job-catalog.js';
import { sendOutbox, type SendOutboxDeps } from '../src/services/send-outbox.js';
import { checkPayload, isBadInput, toUnrecoverable } from './run-job.js';

export function notifyProcessor(deps: SendOutboxDeps, options: { leaseMs?: number } = {}) {
  return async (job: Job): Promise<string> => {
    const { outboxId } = checkPayload(job, JOBS.notify.schema);
    try {
      return (await sendOutbox(deps, { outboxId, ...options })).outcome;
    } catch (error) {
      if (isBadInput(error)) throw toUnrecoverable(error);
      throw error;
    }
  };
}
