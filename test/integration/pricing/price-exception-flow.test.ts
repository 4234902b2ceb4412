/**
 * The price-exception flow end to end on real PostgreSQL + Redis with the
 * real workers: a web chat order asking "@95" is held as held_price with a
 * notice; a sales manager approves (through the API, authority checked) →
 * re-priced at the asked price, credit re-checked, confirmed, the dealer
 * told; a rejection → standard price, the dealer asked to say YES. Finance
 * approving a credit hold confirms past the limit with the approval on
 * record; rejecting rejects the order. The network exposure endpoint adds up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../../src/repositories/api-token.repository.js';
import { setDiscountAuthority } from '../../../src/repositories/approval.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { useTestApp } from '../../support/http-app.js';
import {
  closeAfterAll,
  placeWebchatOrder,
  createElectricalDealer,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  waitFor,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db }));
const track = closeAfterAll();
let pipeline: Pipeline;

const tokens = {
  manager: 'mgr-token-0123456789',
  junior: 'jr-token-0123456789',
  finance: 'fin-token-0123456789',
};

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  await testDb.db
    .insertInto('api_tokens')
    .values([
      { name: 'asha', token_hash: hashApiToken(tokens.manager), role: 'sales_manager' },
      { name: 'ravi', token_hash: hashApiToken(tokens.junior), role: 'sales_manager' },
      { name: 'meena', token_hash: hashApiToken(tokens.finance), role: 'finance' },
    ])
    .execute();
  await setDiscountAuthority(testDb.db, 'token:asha', 1_000); // 10%
  await setDiscountAuthority(testDb.db, 'token:ravi', 100); // 1%
  pipeline = track(startPipeline(testDb.db, { sweepGraceMs: 0 }));
});

const send = (dealer: string, text: string) => placeWebchatOrder(testDb.db, pipeline, dealer, text);

const orderById = (id: string) =>
  testDb.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Decides through the API; the test app queues nothing, so the sweeper sends the reply. */
async function decide(kind: string, id: string, decision: string, token: string, note = 'ok') {
  const res = await app.request('POST', `/api/approvals/${kind}/${id}/${decision}`, {
    token,
    json: { note },
  });
  await pipeline.workers.sweep();
  await waitForQuiet(testDb.db);
  return res;
}
const lastReply = async (dealer: string) => (await repliesTo(testDb.db, dealer)).at(-1) ?? '';

describe('a dealer asking "@95"-style prices', () => {
  it('is held as held_price and told, then approved: re-priced, confirmed, replied, audited', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 100_000_00n });
    // MCB 16A is 1380.00 on ELEC-RETAIL; 1300 is a 5.8% discount
    const order = await send(d.code, '2 box Voltra MCB 16A Single Pole @1300');
    expect(order.status).toBe('held_price');
    expect(await lastReply(d.code)).toContain('you asked ₹1,300.00, our price ₹1,380.00');
    const credit0 = await testDb.db
      .selectFrom('dealer_credit')
      .select('open_orders_minor')
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit0.open_orders_minor).toBe(0n);

    // 1% authority is not enough
    const refused = await decide('price', order.id, 'approve', tokens.junior);
    expect(refused.status).toBe(403);
    expect((await orderById(order.id)).status).toBe('held_price');

    const res = await decide(
      'price',
      order.id,
      'approve',
      tokens.manager,
      'loyal dealer, matched competitor',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ order_id: order.id, status: 'confirmed' });
    const after = await orderById(order.id);
    expect(after.total_minor).toBe(2_600_00n);
    const line = await testDb.db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ unit_price_minor: 1_300_00n, requested_price_minor: 1_300_00n });
    expect(line.price_explanation.map((s) => (s as { step: string }).step)).toEqual([
      'price_list',
      'exception',
    ]);
    const reply = await lastReply(d.code);
    expect(reply).toContain('your price for order');
    expect(reply).toContain('confirmed');
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('open_orders_minor')
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(2_600_00n);
    const actions = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_id', '=', order.id)
      .orderBy('id')
      .execute();
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'price_exception_requested', actor: 'worker:validate' },
        { action: 'price_approved', actor: 'token:asha' },
        { action: 'status_changed', actor: 'token:asha' },
      ]),
    );
    // deciding twice is a conflict
    expect((await decide('price', order.id, 'approve', tokens.manager)).status).toBe(409);
  });

  it('rejected: standard price, the dealer asked to say YES, and YES confirms at that price', async () => {
    const d = await createElectricalDealer(testDb.db);
    const order = await send(d.code, '3 coil Copperline FR Wire 1.5 sqmm 90m rate 1500');
    expect(order.status).toBe('held_price');
    const res = await decide('price', order.id, 'reject', tokens.manager, 'below our floor');
    expect(res.body).toMatchObject({ status: 'awaiting_confirmation' });
    const reply = await lastReply(d.code);
    expect(reply).toContain('could not approve the price');
    expect(reply).toContain('below our floor');
    expect(reply).toContain('Reply YES');
    expect((await orderById(order.id)).total_minor).toBe(3n * 1_799_50n);
    await send(d.code, 'YES').catch(() => undefined);
    await waitFor(async () => (await orderById(order.id)).status === 'confirmed', {
      what: 'YES to confirm',
    });
    expect((await orderById(order.id)).total_minor).toBe(3n * 1_799_50n);
  });

  it('an asked price at or above the allowed price needs no approval', async () => {
    const d = await createElectricalDealer(testDb.db);
    const order = await send(d.code, '2 box Voltra MCB 16A Single Pole @1400');
    expect(order.status).toBe('confirmed');
    expect(order.total_minor).toBe(2_760_00n);
  });
});

describe('finance and credit holds', () => {
  it('approve: confirmed past the limit with the approval on record; reject: rejected and told', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_000_00n });
    const held = await send(d.code, '2 box Voltra MCB 16A Single Pole');
    expect(held.status).toBe('held_credit');
    expect((await decide('credit', held.id, 'approve', tokens.manager)).status).toBe(403);
    const res = await decide(
      'credit',
      held.id,
      'approve',
      tokens.finance,
      'payment promised Friday',
    );
    expect(res.body).toMatchObject({ status: 'confirmed' });
    expect(await lastReply(d.code)).toContain('released by our accounts team');
    const approval = await testDb.db
      .selectFrom('approvals')
      .selectAll()
      .where('order_id', '=', held.id)
      .executeTakeFirstOrThrow();
    expect(approval).toMatchObject({
      kind: 'credit',
      status: 'approved',
      decided_by: 'token:meena',
    });

    const second = await send(d.code, '1 box Voltra MCB 16A Single Pole');
    expect(second.status).toBe('held_credit');
    expect(
      (await decide('credit', second.id, 'reject', tokens.finance, 'over limit')).body,
    ).toMatchObject({ status: 'rejected' });
    expect(await lastReply(d.code)).toContain('cannot be released on credit');
  });

  it('GET /api/credit/exposure lists dealers and totals as money strings', async () => {
    const res = await app.request('GET', '/api/credit/exposure');
    expect(res.status).toBe(200);
    const body = res.body as {
      dealers: { exposure: string }[];
      totals: { exposure: string; dealers: number };
    };
    expect(body.totals.dealers).toBe(body.dealers.length);
    const sum = body.dealers.reduce((a, d) => a + BigInt(d.exposure.replace('.', '')), 0n);
    expect(body.totals.exposure.replace('.', '')).toBe(sum.toString());
    expect(body.totals.exposure).toMatch(/^\d+\.\d{2}$/);
  });
});
