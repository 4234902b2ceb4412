/**
 * The weekly digest through a real SMTP receiver: due on Monday from 08:00
 * India time, once per user and week (also when two workers try at once),
 * only to active users who opted in and may see reports; the figures are the
 * week's orders computed here.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDigestMailer,
  digestWeek,
  sendWeeklyDigests,
} from '../../../src/services/reports/weekly-digest.js';
import { setUserActive } from '../../../src/services/users.js';
import { useTestDatabase } from '../../support/database.js';
import { generateHistory } from '../../support/report-history.js';
import { makeUser } from '../console/console-support.js';
import { startSmtpReceiver, type SmtpReceiver } from '../email/email-support.js';

const testDb = useTestDatabase();
let smtp: SmtpReceiver;
// Monday 30 Nov 2026, 09:00 in India
const MONDAY_9 = new Date('2026-11-30T03:30:00Z');

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  await generateHistory(testDb.db, {
    seed: 'dig',
    dealers: 30,
    regions: 3,
    products: 20,
    orders: 3000,
    maxLines: 3,
    days: 400,
    today: '2026-11-29',
  });
}, 60_000);

afterAll(async () => {
  await smtp?.close();
});

const send = (now: Date) =>
  sendWeeklyDigests({
    db: testDb.db,
    mailer: createDigestMailer({ url: smtp.url }),
    from: 'Order Desk <reports@orderdesk.test>',
    publicUrl: 'https://desk.example.test',
    now,
  });

const optIn = (id: string) =>
  testDb.db.updateTable('users').set({ weekly_digest: true }).where('id', '=', id).execute();

describe('weekly digest', () => {
  it('is due from Monday 08:00 India time until Tuesday ends, for the week before', () => {
    expect(digestWeek(new Date('2026-11-30T02:29:00Z'))).toBeNull(); // Mon 07:59
    expect(digestWeek(new Date('2026-11-30T02:30:00Z'))).toEqual({
      weekStart: '2026-11-23',
      weekEnd: '2026-11-29',
    });
    expect(digestWeek(new Date('2026-12-01T18:00:00Z'))).toEqual({
      weekStart: '2026-11-23',
      weekEnd: '2026-11-29',
    }); // Tue 23:30
    expect(digestWeek(new Date('2026-12-01T18:31:00Z'))).toBeNull(); // Wed 00:01
    expect(digestWeek(new Date('2026-12-04T06:00:00Z'))).toBeNull(); // Fri
  });

  it('sends once per opted-in reporting user, with the week measured from the orders', async () => {
    const manager = await makeUser(testDb.db, 'manager', 'md@example.test');
    const finance = await makeUser(testDb.db, 'finance', 'cfo@example.test');
    const ops = await makeUser(testDb.db, 'ops', 'ops.lead@example.test');
    await makeUser(testDb.db, 'sales_manager', 'not.opted@example.test');
    for (const u of [manager, finance, ops]) await optIn(u.id);
    await setUserActive(testDb.db, finance.email, false);

    expect(await send(new Date('2026-11-30T01:00:00Z'))).toBe(0); // before 08:00
    expect(await send(MONDAY_9)).toBe(1);
    expect(smtp.received.map((m) => (m.to as { text: string }).text)).toEqual(['md@example.test']);
    const mail = smtp.received[0]!;

    const { rows } = await sql<{ v: string; n: number }>`
      SELECT sum(subtotal_minor)::text AS v, count(*)::int AS n FROM orders
       WHERE status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered')
         AND (confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '2026-11-23' AND '2026-11-29'`.execute(
      testDb.db,
    );
    const value = (Number(rows[0]!.v) / 100).toLocaleString('en-IN', { minimumFractionDigits: 2 });
    expect(mail.subject).toBe(
      `Order Desk weekly: ₹${value} in ${rows[0]!.n} orders, 23 Nov–29 Nov`,
    );
    expect(mail.text).toContain('Hello');
    expect(mail.text).toContain('https://desk.example.test/console/reports/volume');
    expect(mail.text).toMatch(/Growing most:\n- /);
    expect(mail.html).toContain('Order Desk weekly');

    // the same week again: nothing; Tuesday's catch-up: nothing either
    expect(await send(MONDAY_9)).toBe(0);
    expect(await send(new Date('2026-12-01T10:00:00Z'))).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('two workers at once send one digest', async () => {
    const admin = await makeUser(testDb.db, 'admin', 'owner@example.test');
    await optIn(admin.id);
    const [a, b] = await Promise.all([send(MONDAY_9), send(MONDAY_9)]);
    expect(a + b).toBe(1);
    expect(
      smtp.received.filter((m) => (m.to as { text: string }).text === 'owner@example.test'),
    ).toHaveLength(1);
  });
});
