/**
 * A fresh, migrated database per test file: `CREATE DATABASE ... TEMPLATE`
 * from the template globalSetup built (or builds it here when run without
 * that setup), dropped when the file ends. Real PostgreSQL, no mocks.
 *
 *     const testDb = useTestDatabase();
 *     it('...', async () => { await createDealer(testDb.db, { creditLimitMinor: 5000_00n }); });
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import {
  ensureTemplateDatabase,
  quoteIdent,
  urlFor,
  withAdminClient,
} from './template-database.js';

export interface TestDatabase {
  /** The database name. */
  name: string;
  /** A connection URL to it, e.g. for DATABASE_URL of a child process. */
  url: string;
  db: Kysely<DB>;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

function provided(key: 'orderdeskTemplate' | 'orderdeskRunPrefix'): string | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

/** Creates an empty database (no schema) on the test server; for migration tests. */
export async function createEmptyDatabase(): Promise<Omit<TestDatabase, 'db'>> {
  return cloneDatabase(null);
}

/** Creates a fresh migrated database cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = provided('orderdeskTemplate') ?? (await ensureTemplateDatabase());
  const created = await cloneDatabase(template);
  const db = createDatabase({ url: created.url, max: 5, applicationName: 'orderdesk-test' });
  return {
    ...created,
    db,
    destroy: async () => {
      await db.destroy();
      await created.destroy();
    },
  };
}

async function cloneDatabase(template: string | null): Promise<Omit<TestDatabase, 'db'>> {
  const prefix = provided('orderdeskRunPrefix') ?? 'orderdesk_t_local_';
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withAdminClient((admin) =>
    admin.query(
      `CREATE DATABASE ${quoteIdent(name)}${template === null ? '' : ` TEMPLATE ${quoteIdent(template)}`}`,
    ),
  );
  return {
    name,
    url: urlFor(name),
    destroy: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

/**
 * Registers beforeAll/afterAll for a fresh database shared by the file's
 * tests. Read `.db` / `.url` inside tests or hooks, not at import time.
 */
export function useTestDatabase(): {
  readonly db: Kysely<DB>;
  readonly url: string;
  readonly name: string;
} {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.destroy();
  });
  const get = (): TestDatabase => {
    if (current === undefined) throw new Error('useTestDatabase(): read it inside a test or hook');
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get url() {
      return get().url;
    },
    get name() {
      return get().name;
    },
  };
}
