/**
 * Start-up of anything that uses the database (`npm start`, `cli migrate`,
 * `cli import`): make sure the database exists, open the pool, migrate.
 */
import type { Kysely } from 'kysely';
import { createDatabase, type CreateDatabaseInput } from './database.js';
import { DatabaseSetupError, describeConnectionError, ensureDatabase } from './ensure-database.js';
import { migrateToLatest, MigrationError } from './migrate.js';
import type { DB } from './schema.js';

export interface OpenDatabaseInput extends CreateDatabaseInput {
  /** Apply pending migrations before returning. Default true. */
  migrate?: boolean;
}

export interface OpenDatabaseResult {
  db: Kysely<DB>;
  /** The database did not exist and was created. */
  created: boolean;
  /** Migrations applied by this call. */
  applied: string[];
}

/**
 * Ensures the database exists (creating it if the role may), opens a pool and
 * migrates. Throws DatabaseSetupError or MigrationError, whose messages are
 * meant for an operator; the pool is closed again on failure.
 */
export async function openDatabase(input: OpenDatabaseInput): Promise<OpenDatabaseResult> {
  const { created } = await ensureDatabase(input.url);
  const db = createDatabase(input);
  try {
    const applied = input.migrate === false ? [] : await migrateToLatest(db);
    return { db, created, applied };
  } catch (error) {
    await db.destroy();
    if (error instanceof MigrationError) {
      const cause = describeConnectionError(input.url, error.cause);
      if (cause instanceof DatabaseSetupError) throw cause;
    }
    throw describeConnectionError(input.url, error);
  }
}

/**
 * The operator-facing message for a start-up failure (database missing or
 * unreachable, login refused, a migration failed), or null for anything else
 * (a bug: log it with its stack).
 */
export function describeStartupError(error: unknown): string | null {
  if (error instanceof DatabaseSetupError || error instanceof MigrationError) return error.message;
  return null;
}
