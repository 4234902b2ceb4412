/**
 * Auth and the one error mapper: every failure is JSON
 * `{"error": {"code", "message"}}` with the matching status, and an internal
 * fault never leaks its message or stack.
 */
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/repositories/api-token.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer } from '../../support/factories.js';
import { useTestApp } from '../../support/http-app.js';

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db, bodyLimit: '64kb' }));
const failing = useTestApp(() => ({
  db: testDb.db,
  ingest: () => Promise.reject(new Error('secret detail: connection to 10.0.0.5 refused')),
}));
const closed = useTestApp(() => ({ db: testDb.db, apiToken: null }));

const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;

describe('bearer auth on /api', () => {
  it('answers 401 UNAUTHORIZED as JSON without an Authorization header', async () => {
    const res = await app.request('GET', '/api/orders', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(errorOf(res.body).code).toBe('UNAUTHORIZED');
    expect(Object.keys(res.body as object)).toEqual(['error']);
    expect(Object.keys(errorOf(res.body))).toEqual(['code', 'message']);
  });

  it('answers 401 for a wrong token and for a scheme other than Bearer', async () => {
    const wrong = await app.request('GET', '/api/orders', { token: 'nope' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body).code).toBe('UNAUTHORIZED');
    const basic = await app.request('GET', '/api/orders', {
      token: null,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
  });

  it('checks the token before reading the body', async () => {
    const res = await app.request('POST', '/api/webchat/messages', {
      token: null,
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });

  it('accepts a token from api_tokens and records its use', async () => {
    const token = await createApiToken(testDb.db, { name: 'ops-laptop', token: 'db-token-1' });
    const res = await app.request('GET', '/api/orders', { token: 'db-token-1' });
    expect(res.status).toBe(200);
    const row = await testDb.db
      .selectFrom('api_tokens')
      .select(['token_hash', 'last_used_at'])
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain('db-token-1');
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    await expect
      .poll(async () =>
        testDb.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', token.id)
          .executeTakeFirstOrThrow(),
      )
      .toMatchObject({ last_used_at: expect.any(Date) });
  });

  it('refuses revoked and expired tokens', async () => {
    const revoked = await createApiToken(testDb.db, { name: 'revoked', token: 'db-token-revoked' });
    await testDb.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', revoked.id)
      .execute();
    await createApiToken(testDb.db, {
      name: 'expired',
      token: 'db-token-expired',
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const token of ['db-token-revoked', 'db-token-expired']) {
      const res = await app.request('GET', '/api/orders', { token });
      expect(res.status).toBe(401);
    }
  });

  it('with no ORDERDESK_API_TOKEN, accepts only database tokens', async () => {
    await createApiToken(testDb.db, { name: 'only-one', token: 'db-token-closed' });
    expect((await closed.request('GET', '/api/orders')).status).toBe(401);
    expect((await closed.request('GET', '/api/orders', { token: 'db-token-closed' })).status).toBe(
      200,
    );
  });
});

describe('bad requests', () => {
  it('answers 400 INVALID_INPUT for a body that is not JSON', async () => {
    const res = await app.request('POST', '/api/webchat/messages', {
      body: '{"dealer": "D1", "text": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'INVALID_INPUT', message: 'request body is not valid JSON' },
    });
  });

  it('answers 400 naming the missing fields', async () => {
    const res = await app.request('POST', '/api/webchat/messages', { json: { dealer: 'D1' } });
    expect(res.status).toBe(400);
    expect(errorOf(res.body).code).toBe('INVALID_INPUT');
    expect(errorOf(res.body).message).toContain('text');
    const none = await app.request('POST', '/api/transcripts', { json: {} });
    expect(none.status).toBe(400);
    expect(errorOf(none.body).message).toMatch(/dealer.*text/s);
  });

  it('answers 400 for a wrongly typed field and for a body that is not JSON at all', async () => {
    const typed = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: 'D1', text: 42 },
    });
    expect(typed.status).toBe(400);
    const plain = await app.request('POST', '/api/webchat/messages', {
      body: 'dealer=D1&text=hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(plain.status).toBe(400);
    expect(errorOf(plain.body).message).toContain('application/json');
  });

  it('answers 413 INVALID_INPUT for a body over the limit', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await app.request('POST', '/api/webchat/messages', {
      json: { dealer: dealer.code, text: 'x'.repeat(100_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: 'request body is too large (at most 64 kB); send a smaller message or file',
      },
    });
  });

  it('answers 400 INVALID_INPUT for a transcript in an unsupported type', async () => {
    const res = await app.request('POST', '/api/transcripts', {
      body: '<xml/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res.body).code).toBe('INVALID_INPUT');
  });

  it('answers 404 NOT_FOUND as JSON for an unknown route, with or without auth', async () => {
    const api = await app.request('GET', '/api/nothing-here');
    expect(api.status).toBe(404);
    expect(errorOf(api.body).code).toBe('NOT_FOUND');
    const other = await app.request('GET', '/nothing-here', { token: null });
    expect(other.status).toBe(404);
    expect(errorOf(other.body).code).toBe('NOT_FOUND');
  });
});

describe('internal faults', () => {
  it('answer 500 INTERNAL with a generic message, no detail and no stack', async () => {
    const dealer = await createDealer(testDb.db);
    const res = await failing.request('POST', '/api/webchat/messages', {
      json: { dealer: dealer.code, text: 'hello' },
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(res.text).not.toContain('secret');
    expect(res.text).not.toContain('at ');
  });
});
