/**
 * vitest globalSetup: builds the migrated template database once per run,
 * before any test file starts, so concurrent files never race to build it.
 * Each file then clones it (test/support/database.ts). At the end, drops the
 * databases this run's files left behind (a crashed worker skips its afterAll).
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
  CHECKOUT_TAG,
  ensureTemplateDatabase,
  quoteIdent,
  withAdminClient,
} from './template-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated template database to clone. */
    orderdeskTemplate: string;
    /** Prefix of the databases this run creates, for cleanup. */
    orderdeskRunPrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await ensureTemplateDatabase();
  const prefix = `orderdesk_t_${randomBytes(4).toString('hex')}_`;
  project.provide('orderdeskTemplate', template);
  project.provide('orderdeskRunPrefix', prefix);
  await dropStaleTemplates(template);

  return async () => {
    await withAdminClient(async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
    });
  };
}

/**
 * This checkout's templates of older migration sets; another checkout's templates are never
 * touched, and one still being cloned elsewhere is kept.
 */
async function dropStaleTemplates(current: string): Promise<void> {
  await withAdminClient(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database
       WHERE starts_with(datname, $2) AND datname NOT LIKE '%\\_building' AND datname <> $1`,
      [current, `orderdesk_tpl_${CHECKOUT_TAG}_`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch(() => {});
    }
  });
}
