/**
 * Console access on real PostgreSQL: sign-in and sign-out, session id
 * rotation, idle and absolute timeouts, the login rate limit, CSRF refusal,
 * role checks on the server, and the security headers.
 */
import { describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../../src/services/sessions.js';
import { setUserPassword } from '../../../src/services/users.js';
import { runCliInProcess } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { createElectricalDealer, seedElectricalCatalog } from '../../support/pipeline.js';
import { ConsoleClient, PASSWORD, makeUser, useConsoleApp } from './console-support.js';

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({
  db: testDb.db,
  console: { loginLimit: { max: 3, windowMs: 60_000 } },
}));

describe('console sign-in', () => {
  it('signs in with the right password: HttpOnly SameSite cookie, session row keyed by its hash', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    const page = await client.get('/console/login');
    expect(page.status).toBe(200);
    const res = await client.login(user.email);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/console/review');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('od_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/console/);
    const token = client.cookies.get('od_session')!;
    const row = await testDb.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', hashSessionToken(token))
      .executeTakeFirst();
    expect(row?.user_id).toBe(user.id);
    const review = await client.get('/console/review');
    expect(review.status).toBe(200);
    expect(review.text).toContain('Review queue');
  });

  it('refuses a wrong password with 401 and no session', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    const res = await client.login(user.email, 'not the password at all');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Email or password is wrong');
    expect(client.cookies.has('od_session')).toBe(false);
  });

  it('rotates the session id at login: the cookie held before no longer works', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    await client.login(user.email);
    const before = client.cookies.get('od_session')!;
    await client.login(user.email);
    const after = client.cookies.get('od_session')!;
    expect(after).not.toBe(before);
    const old = await testDb.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', hashSessionToken(before))
      .executeTakeFirst();
    expect(old).toBeUndefined();
    const stale = new ConsoleClient(app.url);
    stale.cookies.set('od_session', before);
    const res = await stale.get('/console/review');
    expect(res.status).toBe(303);
    expect(res.location).toContain('/console/login');
  });

  it('signs out: the session row is gone and the cookie stops working', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    await client.login(user.email);
    const token = client.cookies.get('od_session')!;
    const out = await client.post('/console/logout');
    expect(out.status).toBe(303);
    const replay = new ConsoleClient(app.url);
    replay.cookies.set('od_session', token);
    expect((await replay.get('/console/orders')).status).toBe(303);
  });

  it('ends every session of a user whose password is reset', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const laptop = new ConsoleClient(app.url);
    const phone = new ConsoleClient(app.url);
    await laptop.login(user.email);
    await phone.login(user.email);
    expect((await laptop.get('/console/orders')).status).toBe(200);
    await setUserPassword(testDb.db, { email: user.email, password: 'a new long passphrase 2' });
    expect((await laptop.get('/console/orders')).status).toBe(303);
    expect((await phone.get('/console/orders')).status).toBe(303);
    const rows = await testDb.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('`cli user deactivate` ends every session and refuses sign-in; `activate` allows it again', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const laptop = new ConsoleClient(app.url);
    await laptop.login(user.email);
    expect((await laptop.get('/console/orders')).status).toBe(200);
    const env = { DATABASE_URL: testDb.url };
    const off = await runCliInProcess(['user', 'deactivate', '--email', user.email], env);
    expect(off).toMatchObject({ code: 0, stderr: '' });
    expect(off.stdout).toContain(`deactivated user ${user.email}`);
    expect((await laptop.get('/console/orders')).status).toBe(303);
    expect((await new ConsoleClient(app.url).login(user.email)).status).toBe(401);

    const on = await runCliInProcess(['user', 'activate', '--email', user.email], env);
    expect(on.code).toBe(0);
    expect((await new ConsoleClient(app.url).login(user.email)).status).toBe(303);
    const unknown = await runCliInProcess(
      ['user', 'deactivate', '--email', 'nobody@example.test'],
      env,
    );
    expect(unknown).toMatchObject({
      code: 2,
      stderr: 'user: no user with email nobody@example.test\n',
    });
  });

  it('ends a session idle longer than the idle timeout', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    await client.login(user.email);
    const id = hashSessionToken(client.cookies.get('od_session')!);
    await testDb.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('id', '=', id)
      .execute();
    const res = await client.get('/console/review');
    expect(res.status).toBe(303);
    expect(res.location).toContain('expired=1');
  });

  it('ends a session past its absolute timeout even while in use', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    await client.login(user.email);
    const id = hashSessionToken(client.cookies.get('od_session')!);
    await testDb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await client.get('/console/review')).status).toBe(303);
  });

  it('rate-limits wrong passwords: 429 after the limit, even with the right password', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const client = new ConsoleClient(app.url);
    for (let i = 0; i < 3; i++)
      expect((await client.login(user.email, `wrong-${i}-password`)).status).toBe(401);
    const limited = await client.login(user.email, 'wrong-again-password');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many sign-in attempts');
    expect((await client.login(user.email, PASSWORD)).status).toBe(429);
  });

  it('refuses a login post without the login form token (403)', async () => {
    const user = await makeUser(testDb.db, 'ops');
    const res = await fetch(`${app.url}/console/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });
});

describe('console request checks', () => {
  it('refuses a cross-site POST without the CSRF token (403) and changes nothing', async () => {
    const dealer = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00n });
    const order = await testDb.db
      .insertInto('orders')
      .values({
        dealer_code: dealer.code,
        channel: 'webchat',
        status: 'held_credit',
        total_minor: 500_00n,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await makeUser(testDb.db, 'finance');
    const client = new ConsoleClient(app.url);
    await client.login(user.email);
    const crossSite = await client.request(
      'POST',
      `/console/approvals/credit/${order.id}/approve`,
      {
        form: { note: 'ok' },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      },
    );
    expect(crossSite.status).toBe(403);
    const noToken = await client.request('POST', `/console/approvals/credit/${order.id}/approve`, {
      form: { note: 'ok' },
      headers: { origin: app.url },
    });
    expect(noToken.status).toBe(403);
    const wrongToken = await client.post(`/console/approvals/credit/${order.id}/approve`, {
      note: 'ok',
      _csrf: 'x'.repeat(43),
    });
    expect(wrongToken.status).toBe(403);
    const row = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('held_credit');
  });

  it('checks the role on the server: ops gets 403 for a credit approval, sales_manager too', async () => {
    await seedElectricalCatalog(testDb.db).catch(() => undefined);
    const dealer = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00n });
    const order = await testDb.db
      .insertInto('orders')
      .values({
        dealer_code: dealer.code,
        channel: 'webchat',
        status: 'held_credit',
        total_minor: 500_00n,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const role of ['ops', 'sales_manager'] as const) {
      const client = new ConsoleClient(app.url);
      await client.login((await makeUser(testDb.db, role)).email);
      const res = await client.post(`/console/approvals/credit/${order.id}/approve`, {
        note: 'please',
      });
      expect(res.status).toBe(403);
    }
    const finance = new ConsoleClient(app.url);
    await finance.login((await makeUser(testDb.db, 'finance')).email);
    const review = await finance.post(`/console/review/orders/${order.id}/reject`, { note: 'no' });
    expect(review.status).toBe(403);
  });

  it('answers 401 to the console JSON API without a session, and keeps the queue dashboard for admins', async () => {
    const res = await fetch(`${app.url}/console/api/review-queue`);
    expect(res.status).toBe(401);
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    expect((await ops.get('/console/queues/')).status).toBe(403);
    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const board = await admin.get('/console/queues/');
    expect(board.status).toBe(200);
    expect(board.text).toContain('Order Desk queues');
  });

  it('sends a strict Content-Security-Policy: scripts from this origin only', async () => {
    const client = new ConsoleClient(app.url);
    await client.login((await makeUser(testDb.db, 'ops')).email);
    const res = await client.get('/console/review');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
