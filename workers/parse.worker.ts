/**
 * The parse processor: load the message by id, read its files first when it has any
 * (src/services/files/read-inbound-files.ts), then run process-parse. `parseRunner` is the same
 * work for a payload run in-process (workers/inline-jobs.ts).
 */
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS, type ParsePayload } from '../src/queues/job-catalog.js';
import { updateInboundMessage } from '../src/repositories/inbound-message.repository.js';
import { readInboundFiles, type FileReaders } from '../src/services/files/read-inbound-files.js';
import { processParse, type ProcessParseDeps } from '../src/services/process-parse.js';
import { checkPayload, isBadInput, toUnrecoverable } from './run-job.js';

export type ParseFiles = { readers: FileReaders; log: Logger } | null;

export function parseRunner(deps: ProcessParseDeps, files: ParseFiles = null) {
  return async (payload: ParsePayload): Promise<string> => {
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

export function parseProcessor(deps: ProcessParseDeps, files: ParseFiles = null) {
  const run = parseRunner(deps, files);
  return (job: Job): Promise<string> => run(checkPayload(job, JOBS.parse.schema));
}
