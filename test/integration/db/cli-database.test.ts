/**
 * The migrate and import commands as an operator runs them: a real process,
 * `tsx src/cli/main.ts`, configured through DATABASE_URL only.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase } from '../../support/database.js';
import { quoteIdent, urlFor, withAdminClient } from '../../support/template-database.js';

const suffix = randomBytes(4).toString('hex');
const database = `orderdesk_t_cli_${suffix}`;
const role = `orderdesk_t_cli_nocreate_${suffix}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], databaseUrl: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    execFile(
      'node_modules/.bin/tsx',
      ['src/cli/main.ts', ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('cli migrate / import (spawned)', () => {
  beforeAll(async () => {
    await withAdminClient((admin) =>
      admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOCREATEDB`),
    );
  });
  afterAll(async () => {
    await dropDatabase(database);
    await withAdminClient((admin) => admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`));
  });

  it('migrate creates a missing database, migrates it, and exits 0', async () => {
    const run = await cli(['migrate'], urlFor(database));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^created database "${database}"\\napplied \\d+ migrations: 0001_`),
    );
    const again = await cli(['migrate'], urlFor(database));
    expect(again.stdout).toBe('database schema is up to date; nothing to apply\n');
  });

  it('import loads a catalog into the migrated database', async () => {
    const run = await cli(
      ['import', 'catalog', 'test/fixtures/import/catalog.csv'],
      urlFor(database),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('catalog: 5 rows');
  });

  it('gives a clear message and no stack trace when the role may not create the database', async () => {
    const url = new URL(urlFor(`${database}_denied`));
    url.username = role;
    const run = await cli(['migrate'], url.toString());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`migrate: Database "${database}_denied" does not exist`);
    expect(run.stderr).toContain('may not create databases');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('lists configuration problems instead of connecting', async () => {
    const run = await cli(['migrate'], 'mysql://nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: must be a PostgreSQL URL');
  });
});
