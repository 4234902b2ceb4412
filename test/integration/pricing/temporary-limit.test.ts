/**
 * Temporary credit limits through the API on real PostgreSQL + Redis with
 * the real workers: finance sets one → an order over the dealer's own limit
 * but under the temporary one confirms; once it has expired the same order
 * is held for credit. Only finance or admin may set or clear it; every change
 * is audited; GET /api/dealers/:code/credit keeps its shape.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../../src/repositories/api-token.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { useTestApp } from '../../support/http-app.js';
import {
  closeAfterAll,
  createElectricalDealer,
  seedElectricalCatalog,
  startPipeline,
  placeWebchatOrder,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db }));
const track = closeAfterAll();
let pipeline: Pipeline;

const tokens = { finance: 'fin-token-0123456789', manager: 'mgr-token-0123456789' };

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  await testDb.db
    .insertInto('api_tokens')
    .values([
      { name: 'meena', token_hash: hashApiToken(tokens.finance), role: 'finance' },
      { name: 'asha', token_hash: hashApiToken(tokens.manager), role: 'sales_manager' },
    ])
    .execute();
  pipeline = track(startPipeline(testDb.db, { sweepGraceMs: 0 }));
});

const send = (dealer: string, text: string) => placeWebchatOrder(testDb.db, pipeline, dealer, text);

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

describe('POST/DELETE /api/dealers/:code/credit/temporary-limit', () => {
  it('an order over the own limit but under the temporary one confirms; expired → held', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_000_00n });
    const expiresAt = inADay();
    const set = await app.request('POST', `/api/dealers/${d.code}/credit/temporary-limit`, {
      token: tokens.finance,
      json: { limit: '75000.00', expires_at: expiresAt, note: 'festival stock' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      dealer: d.code,
      temporary_limit: '75000.00',
      expires_at: new Date(expiresAt).toISOString(),
    });

    const credit = await app.request('GET', `/api/dealers/${d.code}/credit`);
    expect(Object.keys(credit.body as object).sort()).toEqual(
      ['available', 'exposure', 'limit', 'open_orders', 'outstanding'].sort(),
    );
    expect(credit.body).toMatchObject({ limit: '75000.00' });

    // MCB 16A is 1380.00 a box on ELEC-RETAIL: 2 boxes are well past 1000.00
    const order = await send(d.code, '2 box Voltra MCB 16A Single Pole');
    expect(order.status).toBe('confirmed');

    const audit = await testDb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'dealer')
      .where('entity_id', '=', d.code)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'temp_limit_set',
      actor: 'token:meena',
      reason: 'festival stock',
    });

    // The API refuses a past expiry; age the limit in the database instead.
    await sql`UPDATE dealer_credit SET temp_limit_expires_at = now() - interval '1 minute'
              WHERE dealer_code = ${d.code}`.execute(testDb.db);
    const later = await send(d.code, '2 box Voltra MCB 16A Single Pole');
    expect(later.status).toBe('held_credit');
  });

  it('only finance or admin may set or clear it; DELETE clears it; bad input is refused', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_000_00n });
    const path = `/api/dealers/${d.code}/credit/temporary-limit`;
    const body = { limit: '5000.00', expires_at: inADay() };
    expect((await app.request('POST', path, { token: tokens.manager, json: body })).status).toBe(
      403,
    );
    expect((await app.request('DELETE', path, { token: tokens.manager })).status).toBe(403);
    for (const bad of [
      { limit: '5,000', expires_at: body.expires_at },
      { limit: '5000.00', expires_at: 'tomorrow' },
      { limit: '5000.00', expires_at: new Date(Date.now() - 60_000).toISOString() },
      { limit: 5000, expires_at: body.expires_at },
      // not an increase over the own limit of 1000.00
      { limit: '1000.00', expires_at: body.expires_at },
      { limit: '0.00', expires_at: body.expires_at },
      { limit: '-5000.00', expires_at: body.expires_at },
      // a standing change belongs in the dealer file
      { limit: '5000.00', expires_at: new Date(Date.now() + 400 * 86_400_000).toISOString() },
    ]) {
      const res = await app.request('POST', path, { token: tokens.finance, json: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const refused = await app.request('POST', path, {
      token: tokens.finance,
      json: { limit: '900.00', expires_at: body.expires_at },
    });
    expect(refused.body).toMatchObject({ error: { message: expect.stringContaining('1000.00') } });
    const unlimited = await createElectricalDealer(testDb.db, { creditLimitMinor: null });
    const noLimit = await app.request(
      'POST',
      `/api/dealers/${unlimited.code}/credit/temporary-limit`,
      { token: tokens.finance, json: body },
    );
    expect(noLimit.status).toBe(400);
    const missing = await app.request('POST', '/api/dealers/NO-SUCH/credit/temporary-limit', {
      token: tokens.finance,
      json: body,
    });
    expect(missing.status).toBe(404);

    // the env token is admin
    expect((await app.request('POST', path, { json: body })).status).toBe(200);
    const cleared = await app.request('DELETE', path, { token: tokens.finance });
    expect(cleared.body).toEqual({ dealer: d.code, temporary_limit: null, expires_at: null });
    const row = await testDb.db
      .selectFrom('dealer_credit')
      .select(['temp_limit_minor', 'temp_limit_expires_at'])
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ temp_limit_minor: null, temp_limit_expires_at: null });
    const credit = await app.request('GET', `/api/dealers/${d.code}/credit`);
    expect(credit.body).toMatchObject({ limit: '1000.00' });
    const actions = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_type', '=', 'dealer')
      .where('entity_id', '=', d.code)
      .orderBy('at')
      .execute();
    expect(actions).toEqual([
      { action: 'temp_limit_set', actor: 'env-token' },
      { action: 'temp_limit_cleared', actor: 'token:meena' },
    ]);
  });
});
