/**
 * Dealers helping themselves in chat, end to end on real PostgreSQL and
 * Redis through the BullMQ workers: order history (latest N, this or last
 * month), the credit limit, and a reorder shown for YES — with the exact
 * reply texts. A complaint that mentions "last time" is not a reorder.
 * Adding to the last order changes that order (new version, new total, the
 * credit difference) — or, once it is dispatched or over the credit limit,
 * makes a new order and says why.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/channels/channel-sender.js';
import { recordDispatch } from '../../../src/services/accounting/record-dispatch.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  recordingSenders,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  waitFor,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const whatsappSent: OutboundMessage[] = [];

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(
    startPipeline(testDb.db, {
      senders: recordingSenders(whatsappSent),
    }),
  );
});

/**
 * Sends a web chat message (or a WhatsApp one from `phone`), waits until it is final; returns
 * its status and the last reply.
 */
async function say(dealer: string, text: string, phone?: string) {
  const { messageId } = await ingestMessage(
    { db: testDb.db, jobs: pipeline.jobs },
    phone === undefined
      ? { channel: 'webchat', externalId: randomUUID(), sender: dealer, dealerCode: dealer, text }
      : { channel: 'whatsapp', externalId: randomUUID(), sender: phone, text },
  );
  const status = await waitFor(
    async () => {
      const m = await testDb.db
        .selectFrom('inbound_messages')
        .select('status')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      return ['done', 'needs_review', 'failed'].includes(m.status) ? m.status : undefined;
    },
    { what: `"${text}" to settle` },
  );
  await waitForQuiet(testDb.db);
  return { status, reply: (await repliesTo(testDb.db, phone ?? dealer)).at(-1) ?? '' };
}

const shortDate = (d: Date) =>
  `${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}`;

describe('order history in chat', () => {
  it('"my last 2 orders" lists the two newest, with status and total', async () => {
    const d = await createElectricalDealer(testDb.db);
    await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    const second = await placeWebchatOrder(testDb.db, pipeline, d.code, '1 box lumex led 9w');
    const third = await placeWebchatOrder(testDb.db, pipeline, d.code, '3 box modix switch 6a');
    const { status, reply } = await say(d.code, 'my last 2 orders please');
    expect(status).toBe('done');
    expect(reply).toBe(
      `Your last 2 orders:\n` +
        `- #${third.order_no} (${shortDate(third.created_at)}): confirmed, ₹1,620.00\n` +
        `- #${second.order_no} (${shortDate(second.created_at)}): confirmed, ₹650.00`,
    );
  });

  it('"pichle mahine ke orders" counts last month only, with its value', async () => {
    const d = await createElectricalDealer(testDb.db);
    const old = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    await placeWebchatOrder(testDb.db, pipeline, d.code, '1 box lumex led 9w');
    // the first order moves to the 10th of last month (India time)
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 6));
    await testDb.db
      .updateTable('orders')
      .set({ created_at: lastMonth })
      .where('id', '=', old.id)
      .execute();
    const { reply } = await say(d.code, 'pichle mahine ke orders batao');
    // written in Hinglish, answered in Hinglish
    expect(reply).toBe(
      `Pichle mahine ke orders: 1, total ₹1,080.00\n- #${old.order_no} (${shortDate(lastMonth)}): confirm, ₹1,080.00`,
    );
    const english = await say(d.code, 'orders of last month please');
    expect(english.reply).toBe(
      `Your orders last month: 1, worth ₹1,080.00\n- #${old.order_no} (${shortDate(lastMonth)}): confirmed, ₹1,080.00`,
    );
    const empty = await say(d.code, 'है क्या? इस महीने के ऑर्डर');
    expect(empty.reply).not.toContain('undefined');
  });
});

describe('the credit limit in chat', () => {
  it('"what is my credit limit?" answers with the balance and limit', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 50_000_00n,
      outstandingMinor: 12_000_00n,
    });
    const { status, reply } = await say(d.code, 'what is my credit limit?');
    expect(status).toBe('done');
    expect(reply).toBe(
      'Outstanding: ₹12,000.00\nOpen orders: ₹0.00\nCredit limit: ₹50,000.00\nAvailable: ₹38,000.00',
    );
  });
});

describe('a reorder in chat', () => {
  it('"same as last time" shows the last order priced today for YES, and YES confirms a new order', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00_000_00n });
    const last = await placeWebchatOrder(
      testDb.db,
      pipeline,
      d.code,
      '2 box modix switch 6a\n1 box lumex led 9w',
    );
    const shown = await say(d.code, 'same as last time');
    const draft = await testDb.db
      .selectFrom('orders')
      .select(['id', 'order_no', 'status'])
      .where('dealer_code', '=', d.code)
      .where('id', '!=', last.id)
      .executeTakeFirstOrThrow();
    // an auto-confirm dealer too is asked first
    expect(draft.status).toBe('awaiting_confirmation');
    expect(shown.reply).toBe(
      `Your order #${last.order_no} again, at today's prices.\n\n` +
        `Order #${draft.order_no}, please check:\n` +
        `- 2 box Modix Switch 6A @ ₹540.00 = ₹1,080.00\n` +
        `- 1 box Lumex LED Bulb 9W @ ₹650.00 = ₹650.00\n` +
        `Total: ₹1,730.00\nYou saved ₹40.00\nReply YES to confirm.`,
    );
    const yes = await say(d.code, 'YES');
    expect(yes.reply).toMatch(new RegExp(`^Order #${draft.order_no} confirmed`));
    const after = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('confirmed');
  });

  it('with no earlier order says so', async () => {
    const d = await createElectricalDealer(testDb.db);
    const { reply } = await say(d.code, 'repeat last order');
    expect(reply).toBe(
      'We have no earlier order of yours to repeat. Please send the items and quantities.',
    );
  });

  it('is not read into a complaint that mentions last time: a person reads it', async () => {
    const d = await createElectricalDealer(testDb.db);
    await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    const { status } = await say(d.code, 'same as last time it came damaged, please take it back');
    expect(status).toBe('needs_review');
    const orders = await testDb.db
      .selectFrom('orders')
      .select('id')
      .where('dealer_code', '=', d.code)
      .execute();
    expect(orders).toHaveLength(1);
  });
});

describe('adding to the last order in chat', () => {
  async function ordersOf(dealer: string) {
    return testDb.db
      .selectFrom('orders')
      .select(['id', 'order_no', 'status', 'total_minor', 'version'])
      .where('dealer_code', '=', dealer)
      .orderBy('order_no')
      .execute();
  }

  it('changes the confirmed order: one order, new version, new total, credit moved by the difference', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00_000_00n });
    const first = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    expect(first.status).toBe('confirmed');
    const { status, reply } = await say(
      d.code,
      'add 3 more box modix switch 6a and 1 box lumex led 9w to my last order',
    );
    expect(status).toBe('done');
    const orders = await ordersOf(d.code);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: first.id, status: 'confirmed', version: 2 });
    expect(reply).toBe(
      `Added to order #${first.order_no}. The order now:\n` +
        `- 5 box Modix Switch 6A @ ₹540.00 = ₹2,700.00\n` +
        `- 1 box Lumex LED Bulb 9W @ ₹650.00 = ₹650.00\n` +
        `New total: ₹3,350.00 (was ₹1,080.00)\n` +
        `You saved ₹100.00\n` +
        `Credit available: ₹96,650.00`,
    );
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('open_orders_minor')
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(3_350_00n);
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_id', '=', first.id)
      .where('action', '=', 'amended')
      .execute();
    expect(audit).toEqual([{ action: 'amended', actor: 'dealer' }]);
  });

  it('after dispatch makes a new order and says so', async () => {
    const d = await createElectricalDealer(testDb.db);
    const first = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    await recordDispatch(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        orderId: first.id,
        date: '2026-12-01',
        transporter: 'VRL',
        lrNumber: `LR-${first.order_no}`,
        vehicle: null,
        lines: [],
        actor: 'test',
      },
    );
    const { reply } = await say(d.code, 'last order mein 1 box lumex led 9w aur add karo');
    const orders = await ordersOf(d.code);
    expect(orders).toHaveLength(2);
    expect(orders[0]).toMatchObject({ id: first.id, status: 'dispatched', version: 1 });
    expect(orders[1]!.status).toBe('confirmed');
    expect(reply).toBe(
      `Order #${first.order_no} pehle hi bhej diya gaya hai, isliye ye saamaan naya order hai.\n\n` +
        `Aapka order #${orders[1]!.order_no} confirm ho gaya. Dhanyavaad!\n` +
        `- 1 box Lumex LED Bulb 9W @ ₹650.00 = ₹650.00\nTotal: ₹650.00`,
    );
    // a removal after dispatch cannot be done in chat: a person calls
    const removal = await say(d.code, `remove modix switch from order #${first.order_no}`);
    expect(removal.status).toBe('needs_review');
    expect(removal.reply).toBe(
      `Order #${first.order_no} is already dispatched, so it cannot be changed here. Our team will call you about it.`,
    );
  });

  it('over the credit limit leaves the order as it was and holds the addition as a new order', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 2_000_00n });
    const first = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    expect(first.status).toBe('confirmed');
    const { reply } = await say(d.code, 'add 2 more box modix switch 6a to my last order');
    const orders = await ordersOf(d.code);
    expect(orders).toHaveLength(2);
    expect(orders[0]).toMatchObject({
      id: first.id,
      status: 'confirmed',
      version: 1,
      total_minor: 1_080_00n,
    });
    expect(orders[1]!.status).toBe('held_credit');
    expect(reply).toMatch(
      new RegExp(
        `^Adding these to order #${first.order_no} would go past your credit limit, so order #${first.order_no} stays as it was and these items are a new order\\.`,
      ),
    );
  });

  it('removes a line and sets a quantity: re-priced, a smaller total, no credit needed', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 1_00_000_00n });
    const first = await placeWebchatOrder(
      testDb.db,
      pipeline,
      d.code,
      '5 box modix switch 6a\n2 box lumex led 9w',
    );
    const removed = await say(d.code, 'remove lumex led 9w from my last order');
    expect(removed.status).toBe('done');
    expect(removed.reply).toBe(
      `Removed from order #${first.order_no}. The order now:\n` +
        `- 5 box Modix Switch 6A @ ₹540.00 = ₹2,700.00\n` +
        `New total: ₹2,700.00 (was ₹4,000.00)\nYou saved ₹100.00\nCredit available: ₹97,300.00`,
    );
    const set = await say(d.code, 'make modix switch 3 in my last order');
    expect(set.reply).toBe(
      `Order #${first.order_no} changed. The order now:\n` +
        `- 3 box Modix Switch 6A @ ₹540.00 = ₹1,620.00\n` +
        `New total: ₹1,620.00 (was ₹2,700.00)\nYou saved ₹60.00\nCredit available: ₹98,380.00`,
    );
    const orders = await ordersOf(d.code);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'confirmed', version: 3, total_minor: 1_620_00n });
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('open_orders_minor')
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(1_620_00n);
  });

  it('works the same on WhatsApp: same as last time, YES, then an addition to that order', async () => {
    const phone = '+919800000401';
    const d = await createElectricalDealer(testDb.db, { phones: [phone] });
    const first = await say(d.code, '2 box modix switch 6a', phone);
    expect(first.reply).toMatch(/^Order #\d+ confirmed/);
    const shown = await say(d.code, 'same as last time', phone);
    expect(shown.reply).toMatch(/^Your order #\d+ again, at today's prices\./);
    const yes = await say(d.code, 'YES', phone);
    const reorder = (await ordersOf(d.code)).at(-1)!;
    expect(yes.reply).toMatch(new RegExp(`^Order #${reorder.order_no} confirmed`));
    const added = await say(d.code, 'add 1 box lumex led 9w to my last order', phone);
    expect(added.reply).toMatch(
      new RegExp(`^Added to order #${reorder.order_no}\\. The order now:`),
    );
    const orders = await ordersOf(d.code);
    expect(orders).toHaveLength(2);
    expect(orders[1]).toMatchObject({ id: reorder.id, version: 2, total_minor: 1_730_00n });
    expect(whatsappSent.filter((m) => m.recipient === phone)).toHaveLength(4);
  });

  it('with words nobody can read goes to a person and changes nothing', async () => {
    const d = await createElectricalDealer(testDb.db);
    const first = await placeWebchatOrder(testDb.db, pipeline, d.code, '2 box modix switch 6a');
    const { status } = await say(d.code, 'add 2 box zorblat frimmers to my last order');
    expect(status).toBe('needs_review');
    const orders = await ordersOf(d.code);
    expect(orders[0]).toMatchObject({ id: first.id, version: 1, total_minor: first.total_minor });
  });
});

describe('a channel in pilot for every dealer', () => {
  it('sends a web chat order to a person; a dealer set on for that channel goes straight through', async () => {
    const d = await createElectricalDealer(testDb.db);
    await testDb.db
      .insertInto('channel_settings')
      .values({ channel: 'webchat', rollout: 'pilot' })
      .execute();
    try {
      const held = await say(d.code, '2 box modix switch 6a');
      expect(held.status).toBe('needs_review');
      expect(held.reply).toMatch(/^Received your order/);
      await testDb.db
        .insertInto('dealer_channel_rollout')
        .values({ dealer_code: d.code, channel: 'webchat', rollout: 'on' })
        .execute();
      const through = await say(d.code, '3 box modix switch 6a');
      expect(through.status).toBe('done');
      expect(through.reply).toMatch(/^Order #\d+ confirmed/);
    } finally {
      await testDb.db.deleteFrom('channel_settings').where('channel', '=', 'webchat').execute();
    }
  });
});
