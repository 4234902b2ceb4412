/**
 * The migrated template database tests clone. Its name carries a hash of the
 * migration files (names and contents), so editing or adding a migration
 * builds a fresh template and a stale one is never used.
 *
 * Building happens under a PG advisory lock and under a temporary name,
 * renamed only when migration succeeded: concurrent runs (vitest workers, two
 * terminals) wait for one builder, and a crashed build leaves no half
 * template behind.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEST_DATABASE_URL } from './test-services.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const TEMPLATE_LOCK_KEY = 74_240_001;

/** A database on the test server that admin work (CREATE/DROP DATABASE) connects to. */
export function adminUrl(): string {
  return TEST_DATABASE_URL;
}

/**
 * Templates carry a short hash of this checkout's path: two checkouts on one machine build and
 * clean up only their own.
 */
export const CHECKOUT_TAG = createHash('sha256')
  .update(fileURLToPath(new URL('../../', import.meta.url)))
  .digest('hex')
  .slice(0, 6);

/** The admin URL pointed at another database on the same server. */
export function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    if (!file.endsWith('.ts')) continue;
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(MIGRATIONS_DIR + file))
      .update('\0');
  }
  return `orderdesk_tpl_${CHECKOUT_TAG}_${hash.digest('hex').slice(0, 12)}`;
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Makes sure the template for the current migrations exists; returns its name. */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  return withAdminClient(async (admin) => {
    const exists = async (db: string) =>
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
    if (await exists(name)) return name;
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      if (await exists(name)) return name;
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdent(building)}`);
      const db = createDatabase({ url: urlFor(building), max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS false`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
}
