/**
 * What every processor does around its service call: check the payload
 * (bad → UnrecoverableError, no retry), and translate the service's errors
 * (AppError NOT_FOUND / INVALID_INPUT → UnrecoverableError; anything else is
 * transient and rethrown for BullMQ's backoff).
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { z } from 'zod';
import { isAppError } from '../src/domain/app-error.js';

export function checkPayload<T>(job: Job, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(
      `bad ${job.name} payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** True for a fault retrying cannot fix. */
export function isBadInput(error: unknown): boolean {
  return isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT');
}

export function toUnrecoverable(error: unknown): UnrecoverableError {
  return new UnrecoverableError(error instanceof Error ? error.message : String(error));
}
