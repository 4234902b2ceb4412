/**
 * "Time for your usual order?" on real PostgreSQL: a dealer who opted in and
 * orders weekly is reminded once when the week and a bit has passed, on
 * their WhatsApp number; never twice for the same last order, never outside
 * Indian working hours, never without the opt-in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/channels/channel-sender.js';
import { sendUsualOrderReminders } from '../../../src/services/self-service/usual-order-reminders.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  recordingSenders,
  repliesTo,
  waitFor,
  seedElectricalCatalog,
  startPipeline,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const whatsappSent: OutboundMessage[] = [];
const DAY = 24 * 60 * 60 * 1000;
/** 11:30 in India. */
const NOW = new Date(Date.UTC(2026, 11, 7, 6, 0));

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(
    startPipeline(testDb.db, {
      senders: recordingSenders(whatsappSent),
    }),
  );
});

/** A dealer with four orders a week apart, the last `daysAgo` before NOW. */
async function weeklyDealer(phone: string, optIn: boolean, daysAgo: number) {
  const d = await createElectricalDealer(testDb.db, { phones: [phone] });
  await testDb.db
    .updateTable('dealers')
    .set({ usual_order_reminder: optIn })
    .where('code', '=', d.code)
    .execute();
  const orders = [];
  for (const weeksBefore of [3, 2, 1, 0]) {
    const o = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    await testDb.db
      .updateTable('orders')
      .set({ created_at: new Date(NOW.getTime() - (daysAgo + weeksBefore * 7) * DAY) })
      .where('id', '=', o.id)
      .execute();
    orders.push(o);
  }
  return { dealer: d, last: orders.at(-1)! };
}

describe('usual-order reminders', () => {
  it('go once, to an opted-in dealer whose week and a bit has passed', async () => {
    const due = await weeklyDealer('+919800000301', true, 9);
    const early = await weeklyDealer('+919800000302', true, 5);
    const notOptedIn = await weeklyDealer('+919800000303', false, 9);

    expect(await sendUsualOrderReminders({ db: testDb.db, jobs: pipeline.jobs }, NOW)).toBe(1);
    expect(await repliesTo(testDb.db, '+919800000301')).toEqual([
      `It has been 9 days since your last order (#${due.last.order_no}). Reply "same as last time" to order it again, or send your list.`,
    ]);
    expect(await repliesTo(testDb.db, '+919800000302')).toEqual([]);
    expect(await repliesTo(testDb.db, '+919800000303')).toEqual([]);
    expect(early.dealer.code).not.toBe(notOptedIn.dealer.code);
    await waitFor(
      async () => Promise.resolve(whatsappSent.some((m) => m.recipient === '+919800000301')),
      {
        what: 'the reminder to go out on WhatsApp',
      },
    );

    // the next run, an hour later: nothing new for the same last order
    expect(
      await sendUsualOrderReminders({ db: testDb.db }, new Date(NOW.getTime() + 3_600_000)),
    ).toBe(0);
  });

  it('wait for Indian working hours', async () => {
    await weeklyDealer('+919800000304', true, 9);
    const night = new Date(Date.UTC(2026, 11, 6, 20, 0)); // 01:30 in India
    expect(await sendUsualOrderReminders({ db: testDb.db }, night)).toBe(0);
  });
});
