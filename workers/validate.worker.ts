/** The validate processor: price and settle a parsed message's drafts. */
import type { Job } from 'bullmq';
import { JOBS } from '../src/queues/job-catalog.js';
import { updateInboundMessage } from '../src/repositories/inbound-message.repository.js';
import { validateOrder, type ValidateOrderDeps } from '../src/services/validate-order.js';
import { checkPayload, isBadInput, toUnrecoverable } from './run-job.js';

export function validateProcessor(deps: ValidateOrderDeps) {
  return async (job: Job): Promise<string> => {
    const { messageId } = checkPayload(job, JOBS.validate.schema);
    try {
      return (await validateOrder(deps, { messageId })).outcome;
    } catch (error) {
      if (!isBadInput(error)) throw error;
      await updateInboundMessage(deps.db, messageId, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      throw toUnrecoverable(error);
    }
  };
}
