/**
 * The parse processor: load the message by id, read its files first when it has any
 * (src/services/files/read-inbound-files.ts), then run process-parse.
 */
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS } from '../src/queues/job-catalog.js';
import { updateInboundMessage } from '../src/repositories/inbound-message.repository.js';
import { readInboundFiles, type FileReaders } from '../src/services/files/read-inbound-files.js';
import { processParse, type ProcessParseDeps } from '../src/services/process-parse.js';
import { checkPayload, isBadInput, toUnrecoverable } from './run-job.js';

export function parseProcessor(
  deps: ProcessParseDeps,
  files: { readers: FileReaders; log: Logger } | null = null,
) {
  return async (job: Job): Promise<string> => {
    const payload = checkPayload(job, JOBS.parse.schema);
    const { messageId } = payload;
    try {
      // A failed download throws here and the job retries; the files already read stay read.
      // Ingestion says when a message came without files: no look-up then.
      if (files !== null && payload.files !== false) {
        await readInboundFiles({ db: deps.db, ...files }, messageId);
      }
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
