/**
 * Brings a database's schema to the latest migration. Kysely's migrator takes
 * a PG advisory lock and runs the pending migrations in one transaction, so
 * many processes may call this at start-up and only one does the work.
 */
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations/index.js';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  /** The migration that failed, if one did (else the migrator itself failed). */
  readonly migration: string | null;

  constructor(migration: string | null, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      migration === null
        ? `Migrating the database failed: ${detail}`
        : `Migration ${migration} failed (nothing was applied): ${detail}`,
      { cause },
    );
    this.migration = migration;
  }
}

/** Names of every migration, in the order they apply. */
export function listMigrationNames(): string[] {
  return Object.keys(migrations).sort();
}

function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
  });
}

/**
 * Applies every pending migration and returns the names applied (empty when
 * already up to date). Throws a MigrationError naming the failed migration.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await createMigrator(
    db as unknown as Kysely<unknown>,
  ).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName ?? null, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations not yet applied. */
export async function listPendingMigrations<T>(db: Kysely<T>): Promise<string[]> {
  const infos = await createMigrator(db as unknown as Kysely<unknown>).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
