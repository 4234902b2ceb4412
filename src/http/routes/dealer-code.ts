import type { Kysely } from 'kysely';
import { z } from 'zod';
import { sharedAutocommit } from '../../db/pipeline/shared-autocommit.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import { dealerExists } from '../../repositories/read-models/dealer-directory.read-model.js';

/** A dealer code as the API takes it: trimmed, non-empty. */
export const dealerCodeSchema = z
  .string({ error: 'must be a dealer code (a string)' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is too long for a dealer code');

/**
 * Throws NOT_FOUND unless the dealer is on file. The read shares its round trip (and its prepared
 * statement) with the intake's other single statements (src/db/pipeline/shared-autocommit.ts).
 */
export async function requireDealer(db: Kysely<DB>, code: string): Promise<void> {
  if (!(await dealerExists(sharedAutocommit(db), code))) {
    throw new AppError('NOT_FOUND', `no dealer with code "${code}"`);
  }
}
