/**
 * A dealer's settings without SQL, on real PostgreSQL with the demo data:
 * `cli dealer set|show` and the console dealer page (admins only) change
 * the credit policy, overdue days, language, auto-confirm and a temporary
 * limit, audited; the next order follows the new settings.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { placePortalOrder } from '../../../src/services/portal/portal-order.js';
import { runCliInProcess } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { loadTestDemoData } from '../../support/demo-data.js';
import { ConsoleClient, makeUser, useConsoleApp } from './console-support.js';

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db }));
const cli = (...args: string[]) =>
  runCliInProcess(['dealer', ...args], { DATABASE_URL: testDb.url });

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
});

/** D102 has ₹11,500 of credit left; three buckets of exterior white cost ₹22,260. */
const overLimitOrder = () =>
  placePortalOrder(testDb.db, {
    dealerCode: 'D102',
    lines: [{ sku: 'VRN-EME-WHT-20', qty: 3 }],
    requestKey: randomUUID(),
    now: new Date(),
  });

describe('dealer settings', () => {
  it('are set from the CLI, only the fields given, audited; a bad value is refused', async () => {
    const run = await cli(
      'set',
      'D104',
      '--overdue-days',
      '30',
      '--language',
      'hi',
      '--auto-confirm',
      'no',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'D104:\n  overdue days: none → 30\n  language: en → hi\n  auto-confirm: true → false\n',
    );
    const d = await testDb.db
      .selectFrom('dealers')
      .select(['overdue_days', 'language', 'auto_confirm', 'credit_policy'])
      .where('code', '=', 'D104')
      .executeTakeFirstOrThrow();
    expect(d).toEqual({
      overdue_days: 30,
      language: 'hi',
      auto_confirm: false,
      credit_policy: 'hold',
    });
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'reason'])
      .where('entity_id', '=', 'D104')
      .where('action', '=', 'settings_changed')
      .execute();
    expect(audit).toEqual([
      {
        action: 'settings_changed',
        actor: 'cli',
        reason: 'overdue days: none → 30; language: en → hi; auto-confirm: true → false',
      },
    ]);
    const again = await cli('set', 'D104', '--language', 'hi');
    expect(again.stdout).toBe('D104: nothing changed\n');

    const bad = await cli('set', 'D104', '--policy', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('dealer: --policy: must be hold or block\n');
    const shown = await cli('show', 'D104');
    expect(shown.stdout).toContain('overdue days     30');
  });

  it('a temporary limit lets an order through that the limit held', async () => {
    expect((await overLimitOrder()).status).toBe('held_credit');
    const run = await cli('set', 'D102', '--temp-limit', '200000.00', '--until', '2099-12-31');
    expect(run.code).toBe(0);
    expect((await overLimitOrder()).status).toBe('confirmed');
    await cli('set', 'D102', '--clear-temp-limit');
    expect((await overLimitOrder()).status).toBe('held_credit');
  });

  it('are set on the console dealer page by an admin (block: the next order is blocked); ops get 403', async () => {
    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const page = await admin.get('/console/dealers/D106');
    expect(page.text).toContain('Save settings');
    const saved = await admin.post('/console/dealers/D106/settings', {
      creditPolicy: 'block',
      overdueDays: '',
      language: 'en',
      active: 'yes',
      autoConfirm: 'yes',
      rollout: 'on',
      tempLimit: '',
      tempUntil: '',
    });
    expect(saved.status).toBe(303);
    expect(decodeURIComponent(saved.location!.replace(/\+/g, ' '))).toContain('what=credit policy');
    // D106: ₹55,000 available; 10 buckets of exterior white are ₹74,200
    const order = await placePortalOrder(testDb.db, {
      dealerCode: 'D106',
      lines: [{ sku: 'VRN-EME-WHT-20', qty: 10 }],
      requestKey: randomUUID(),
      now: new Date(),
    });
    expect(order.status).toBe('blocked');

    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    expect((await ops.get('/console/dealers/D106')).text).not.toContain('Save settings');
    const refused = await ops.post('/console/dealers/D106/settings', { creditPolicy: 'hold' });
    expect(refused.status).toBe(403);
  });

  it('defaults set in Settings go to dealers an import creates; existing dealers keep theirs', async () => {
    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const saved = await admin.post('/console/settings/defaults', {
      creditPolicy: 'block',
      overdueDays: '45',
    });
    expect(saved.status).toBe(303);
    const dir = await mkdtemp(join(tmpdir(), 'orderdesk-defaults-'));
    const file = join(dir, 'dealers.csv');
    await writeFile(
      file,
      'code,name,phones,emails,region,price_list,credit_limit\n' +
        'D901,New Dealer One,+919800000901,,Pune,,100000.00\n' +
        'D101,Shree Ganesh Paints & Hardware,+919000000101|+919000000102,ganeshpaints@example.net,Pune,RETAIL,250000.00\n',
    );
    const run = await runCliInProcess(['import', 'dealers', file], { DATABASE_URL: testDb.url });
    expect(run.code).toBe(0);
    const rows = await testDb.db
      .selectFrom('dealers')
      .select(['code', 'credit_policy', 'overdue_days'])
      .where('code', 'in', ['D901', 'D101'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'D101', credit_policy: 'hold', overdue_days: null },
      { code: 'D901', credit_policy: 'block', overdue_days: 45 },
    ]);
  });

  it('a user role and a discount authority are set from the CLI too, audited', async () => {
    const user = await makeUser(testDb.db, 'ops', 'cli.role@example.test');
    const env = { DATABASE_URL: testDb.url };
    const role = await runCliInProcess(
      ['user', 'role', '--email', user.email, '--role', 'sales_manager'],
      env,
    );
    expect(role).toMatchObject({ code: 0, stdout: `user ${user.email} is now sales_manager\n` });
    const authority = await runCliInProcess(
      ['user', 'authority', '--email', user.email, '--percent', '7.5'],
      env,
    );
    expect(authority.stdout).toBe(`user ${user.email} may approve discounts up to 7.5%\n`);
    const row = await testDb.db
      .selectFrom('discount_authorities')
      .select('max_discount_bp')
      .where('principal', '=', `user:${user.email}`)
      .executeTakeFirstOrThrow();
    expect(row.max_discount_bp).toBe(750);
    const events = await testDb.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['role_changed', 'discount_authority']);
    const bad = await runCliInProcess(
      ['user', 'authority', '--email', user.email, '--percent', 'lots'],
      env,
    );
    expect(bad.code).toBe(2);
  });

  it('a channel rollout is set in Settings by an admin (audited); ops may not', async () => {
    const admin = new ConsoleClient(app.url);
    await admin.login((await makeUser(testDb.db, 'admin')).email);
    const saved = await admin.post('/console/settings/channels/email', { rollout: 'pilot' });
    expect(saved.status).toBe(303);
    const row = await testDb.db
      .selectFrom('channel_settings')
      .select('rollout')
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    expect(row.rollout).toBe('pilot');
    expect((await admin.get('/console/settings')).text).toContain('Rollout of email');
    const bad = await admin.post('/console/settings/channels/fax', { rollout: 'pilot' });
    expect(bad.status).toBe(404);
    const ops = new ConsoleClient(app.url);
    await ops.login((await makeUser(testDb.db, 'ops')).email);
    expect((await ops.post('/console/settings/channels/email', { rollout: 'on' })).status).toBe(
      403,
    );
    await admin.post('/console/settings/channels/email', { rollout: 'on' });
  });
});
