import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSetupError, ensureDatabase } from '../../../src/db/ensure-database.js';
import { dropDatabase } from '../../support/database.js';
import { adminUrl, quoteIdent, withAdminClient } from '../../support/template-database.js';

const suffix = randomBytes(4).toString('hex');
const missingName = `orderdesk_t_ensure_${suffix}`;
const role = `orderdesk_t_nocreate_${suffix}`;

function urlWith(database: string, user?: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  if (user !== undefined) url.username = user;
  return url.toString();
}

async function setupError(promise: Promise<unknown>): Promise<DatabaseSetupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseSetupError);
  return error as DatabaseSetupError;
}

describe('ensureDatabase', () => {
  beforeAll(async () => {
    await withAdminClient((admin) =>
      admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOCREATEDB`),
    );
  });
  afterAll(async () => {
    await dropDatabase(missingName);
    await withAdminClient((admin) => admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`));
  });

  it('creates a missing database when the role may, and reports it existing after', async () => {
    expect(await ensureDatabase(urlWith(missingName))).toEqual({
      database: missingName,
      created: true,
    });
    expect(await ensureDatabase(urlWith(missingName))).toEqual({
      database: missingName,
      created: false,
    });
  });

  it('creates it once when called concurrently', async () => {
    const name = `${missingName}_c`;
    try {
      const results = await Promise.all([1, 2, 3].map(() => ensureDatabase(urlWith(name))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
    } finally {
      await dropDatabase(name);
    }
  });

  it('explains what to do when the role may not create databases', async () => {
    const error = await setupError(ensureDatabase(urlWith(`${missingName}_x`, role)));
    expect(error.problem).toBe('not_permitted');
    expect(error.message).toContain(`Database "${missingName}_x" does not exist`);
    expect(error.message).toContain(`role "${role}" may not create databases`);
  });

  it('says PostgreSQL is unreachable, without the password', async () => {
    const error = await setupError(
      ensureDatabase('postgres://someone:s3cret-pw@127.0.0.1:1/orderdesk'),
    );
    expect(error.problem).toBe('unreachable');
    expect(error.message).toBe(
      'Cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED). Is it running, and is DATABASE_URL right?',
    );
    expect(error.message).not.toContain('s3cret');
  });

  it('says a login was refused', async () => {
    const error = await setupError(ensureDatabase(urlWith('postgres', `no_such_role_${suffix}`)));
    expect(error.problem).toBe('authentication');
    expect(error.message).toContain(`refused the login of role "no_such_role_${suffix}"`);
  });
});
