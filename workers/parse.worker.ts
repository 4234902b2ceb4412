/** The parse processor: load the message by id, run process-parse. */
import type { Job } from 'bullmq';
import { JOBS } from '../src/queues/job-catalog.js';
import { updateInboundMessage } from '../src/repositories/inbound-message.repository.js';
import { processParse, type ProcessParseDeps } from '../src/services/process-parse.js';
import { checkPayload, isBadInput, toUnrecoverable } from './run-job.js';

export function parseProcessor(deps: ProcessParseDeps) {
  return async (job: Job): Promise<string> => {
    const { messageId } = checkPayload(job, JOBS.parse.schema);
    try {
      return (await processParse(deps, { messageId })).outcome;
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
