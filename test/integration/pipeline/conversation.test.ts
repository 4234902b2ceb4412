/**
 * The dealer's side of the pipeline end to end on real PostgreSQL and Redis:
 * ingest → parse → validate → notify, through BullMQ workers, checking the
 * order's state and the reply text in the outbox.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/channels/channel-sender.js';
import type { Channel } from '../../../src/db/schema.js';
import { approveDraft } from '../../../src/services/approve-draft.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import { runCliInProcess } from '../../support/cli.js';
import { createRep } from '../../support/factories.js';
import {
  closeAfterAll,
  recordingSenders,
  createElectricalDealer,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  waitFor,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const whatsappSent: OutboundMessage[] = [];
let pipeline: Pipeline;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(
    startPipeline(testDb.db, {
      senders: recordingSenders(whatsappSent),
    }),
  );
});

async function send(dealer: string, text: string, channel: Channel = 'webchat') {
  const { messageId } = await ingestMessage(
    { db: testDb.db, jobs: pipeline.jobs },
    { channel, externalId: randomUUID(), sender: dealer, dealerCode: dealer, text },
  );
  await waitFor(
    async () => {
      const m = await testDb.db
        .selectFrom('inbound_messages')
        .select('status')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      return ['done', 'needs_review', 'failed'].includes(m.status);
    },
    { what: `message "${text}" to settle` },
  );
  await waitForQuiet(testDb.db);
  return messageId;
}

async function ordersOf(dealer: string) {
  return testDb.db
    .selectFrom('orders')
    .selectAll()
    .where('dealer_code', '=', dealer)
    .orderBy('order_no')
    .execute();
}

async function lastReply(dealer: string): Promise<string> {
  const all = await repliesTo(testDb.db, dealer);
  return all.at(-1) ?? '';
}

describe('a web chat order', () => {
  it('is priced from the dealer price list, confirmed, and answered with lines, total and credit left', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 50_000_00n,
      outstandingMinor: 10_000_00n,
    });
    const messageId = await send(
      d.code,
      '2 box voltra mcb 16a\n3 coil copperline wire 2.5 sqmm\n1 box lumex led 9w',
    );

    const [order] = await ordersOf(d.code);
    expect(order?.status).toBe('confirmed');
    expect(order?.inbound_message_id).toBe(messageId);
    // 2 × 1380.00 (price list) + 3 × 2750.00 (price list) + 1 × 650.00 (list price fallback)
    expect(order?.total_minor).toBe(11_660_00n);
    const lines = await testDb.db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', order!.id)
      .orderBy('line_no')
      .execute();
    expect(lines.map((l) => [l.sku, l.qty, l.unit_price_minor])).toEqual([
      ['ELX-MCB-16', 2, 1380_00n],
      ['ELX-WIR-25', 3, 2750_00n],
      ['ELX-LED-09', 1, 650_00n],
    ]);
    expect(lines[0]?.price_explanation).toEqual([
      {
        step: 'price_list',
        source_id: 'ELEC-RETAIL',
        price_list: 'ELEC-RETAIL',
        effective_from: null,
        unit_price: '1380.00',
      },
    ]);
    expect(lines[2]?.price_explanation).toEqual([
      {
        step: 'list_price',
        source_id: 'ELX-LED-09',
        because: 'not_on_price_list',
        price_list: 'ELEC-RETAIL',
        unit_price: '650.00',
      },
    ]);

    const reply = await lastReply(d.code);
    expect(reply).toContain(`Order #${order!.order_no} confirmed`);
    expect(reply).toContain('2 box Voltra MCB 16A Single Pole @ ₹1,380.00 = ₹2,760.00');
    expect(reply).toContain('Total: ₹11,660.00');
    // 50,000 − 10,000 outstanding − 11,660 this order
    expect(reply).toContain('Credit available after this order: ₹28,340.00');

    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(11_660_00n);
    const outbox = await testDb.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', d.code)
      .execute();
    expect(outbox.every((r) => r.status === 'sent' && r.external_id !== null)).toBe(true);
    const audit = await testDb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', order!.id)
      .execute();
    expect(audit.map((a) => [a.action, a.data['to']])).toEqual([['created', 'confirmed']]);
    const message = await testDb.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message.status).toBe('done');
  });

  it('answers in Hindi for a Hindi-speaking dealer', async () => {
    const d = await createElectricalDealer(testDb.db, { language: 'hi' });
    await send(d.code, '4 box modix switch 6a');
    const reply = await lastReply(d.code);
    expect(reply).toContain('कन्फ़र्म');
    expect(reply).toContain('₹2,160.00');
  });
});

describe('a transcript order', () => {
  it('answers in Hindi when a dealer on the default English writes in Devanagari, and back', async () => {
    const d = await createElectricalDealer(testDb.db);
    await send(d.code, 'वोल्ट्रा एमसीबी 16a 2 box');
    expect(await lastReply(d.code)).toMatch(/^आपका ऑर्डर \(#\d+\) मिल गया।/);
    await send(d.code, 'balance');
    expect(await lastReply(d.code)).toMatch(/^Outstanding: /);
  });

  it('is confirmed for the dealer the call-taker filed it under', async () => {
    const d = await createElectricalDealer(testDb.db);
    await send(
      d.code,
      'Caller: namaste, 10 box lumex led 9w bhej do\nAgent: theek hai',
      'transcript',
    );
    const [order] = await ordersOf(d.code);
    expect(order?.status).toBe('confirmed');
    expect(order?.channel).toBe('transcript');
    expect(order?.total_minor).toBe(6_500_00n);
    expect(await lastReply(d.code)).toContain('Total: ₹6,500.00');
    expect(await lastReply(d.code)).not.toContain('Credit available'); // no limit
  });
});

describe('self-service questions', () => {
  it('"status" lists the latest orders with their states', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 3_000_00n });
    await send(d.code, '1 box voltra mcb 16a'); // 1,380 → confirmed
    await send(d.code, '2 coil copperline wire 2.5 sqmm'); // 5,500 → held
    await send(d.code, 'where is my order?');
    const [first, second] = await ordersOf(d.code);
    const reply = await lastReply(d.code);
    expect(reply).toMatch(/^Your latest orders:/);
    expect(reply).toContain(`#${second!.order_no}`);
    expect(reply).toContain('on credit hold, ₹5,500.00');
    expect(reply).toContain(`#${first!.order_no}`);
    expect(reply).toContain('confirmed, ₹1,380.00');
    expect(reply.indexOf(`#${second!.order_no}`)).toBeLessThan(
      reply.indexOf(`#${first!.order_no}`),
    );
  });

  it('"balance" gives outstanding, open orders, limit and available', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 1_00_000_00n,
      outstandingMinor: 42_000_00n,
      openOrdersMinor: 8_000_50n,
    });
    await send(d.code, 'balance');
    expect(await lastReply(d.code)).toBe(
      'Outstanding: ₹42,000.00\nOpen orders: ₹8,000.50\nCredit limit: ₹1,00,000.00\nAvailable: ₹49,999.50',
    );
  });
});

describe('an inactive dealer', () => {
  it('is answered politely and sent to a person; nothing is priced or ordered', async () => {
    const d = await createElectricalDealer(testDb.db);
    await testDb.db
      .updateTable('dealers')
      .set({ active: false })
      .where('code', '=', d.code)
      .execute();
    const id = await send(d.code, '2 box voltra mcb 16a');
    expect(await lastReply(d.code)).toBe(
      'Thank you for your message. Our team will look at it and get back to you personally.',
    );
    const m = await testDb.db
      .selectFrom('inbound_messages')
      .select(['status', 'error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'needs_review', error: `dealer ${d.code} is inactive` });
    expect(await ordersOf(d.code)).toEqual([]);
  });
});

describe('rollout', () => {
  it('sends every order of a pilot dealer to a person, and answers a dealer off on a channel', async () => {
    const d = await createElectricalDealer(testDb.db);
    const cli = (...argv: string[]) =>
      runCliInProcess(['rollout', ...argv], { DATABASE_URL: testDb.url });
    expect(await cli('set', d.code, 'pilot')).toMatchObject({
      code: 0,
      stdout: `${d.code}: pilot\n`,
    });
    const id = await send(d.code, '2 box voltra mcb 16a');
    const [order] = await ordersOf(d.code);
    expect(order).toMatchObject({ status: 'needs_review' });
    expect(order!.status_reason).toMatch(/^Pilot dealer: every order is checked by our team/);
    expect(await lastReply(d.code)).toBe(
      `Received your order (#${order!.order_no}). We are checking a few details and will confirm shortly.`,
    );
    const m = await testDb.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('needs_review');

    // On for the dealer, off in the web chat only.
    expect((await cli('set', d.code, 'on')).code).toBe(0);
    expect((await cli('set', d.code, 'off', '--channel', 'webchat')).code).toBe(0);
    expect((await cli('list')).stdout).toContain(`${d.code}\toff\twebchat\n`);
    await send(d.code, '1 box voltra mcb 32a');
    expect(await lastReply(d.code)).toBe(
      'Thank you for your message. Our team will look at it and get back to you personally.',
    );
    expect(await ordersOf(d.code)).toHaveLength(1);

    expect((await cli('clear', d.code, '--channel', 'webchat')).code).toBe(0);
    await send(d.code, '1 box voltra mcb 32a');
    expect((await ordersOf(d.code)).at(-1)?.status).toBe('confirmed');
    expect((await cli('set', 'NO-SUCH', 'on')).code).toBe(2);
  });
});

describe('cancel', () => {
  it('asks first, then cancels the latest order on YES and releases its exposure', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 20_000_00n });
    await send(d.code, '2 box voltra mcb 16a');
    const [order] = await ordersOf(d.code);
    expect(order?.status).toBe('confirmed');

    await send(d.code, 'cancel my order');
    expect(await lastReply(d.code)).toBe(
      `Cancel order #${order!.order_no} (₹2,760.00, confirmed)? Reply YES to cancel or NO to keep it.`,
    );
    expect((await ordersOf(d.code))[0]?.status).toBe('confirmed');

    await send(d.code, 'YES');
    expect(await lastReply(d.code)).toBe(`Order #${order!.order_no} is cancelled.`);
    expect((await ordersOf(d.code))[0]?.status).toBe('cancelled');
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(0n);
  });

  it('keeps the order on NO', async () => {
    const d = await createElectricalDealer(testDb.db);
    await send(d.code, '1 box modix switch 6a');
    await send(d.code, 'cancel');
    await send(d.code, 'no');
    expect(await lastReply(d.code)).toMatch(/^Okay, order #\d+ stays as it is\.$/);
    expect((await ordersOf(d.code))[0]?.status).toBe('confirmed');
  });
});

describe('an ambiguous product', () => {
  it('gets a numbered question; "2" picks the choice and the order goes through', async () => {
    const d = await createElectricalDealer(testDb.db);
    const first = await send(d.code, '5 coil copperline wire');
    expect(await lastReply(d.code)).toBe(
      'Which one did you mean for "5 coil copperline wire"?\n1) Copperline FR Wire 1.5 sqmm 90m\n2) Copperline FR Wire 2.5 sqmm 90m\nReply with the number.',
    );
    const [waiting] = await ordersOf(d.code);
    expect(waiting?.status).toBe('needs_review');
    // The draft holds the parser's guess meanwhile (the plainest candidate); the answer replaces it.
    const guessed = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty'])
      .where('order_id', '=', waiting!.id)
      .execute();
    expect(guessed.map((l) => [l.sku, Number(l.qty)])).toEqual([['ELX-WIR-15', 5]]);

    await send(d.code, '2');
    const [order] = await ordersOf(d.code);
    expect(order?.id).toBe(waiting?.id);
    expect(order?.status).toBe('confirmed');
    expect(order?.total_minor).toBe(13_750_00n); // 5 × 2,750.00
    expect(await lastReply(d.code)).toContain('5 coil Copperline FR Wire 2.5 sqmm 90m @ ₹2,750.00');
    const settled = await testDb.db
      .selectFrom('order_lines')
      .select('sku')
      .where('order_id', '=', order!.id)
      .execute();
    expect(settled.map((l) => l.sku)).toEqual(['ELX-WIR-25']);
    const source = await testDb.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(source.status).toBe('done');
  });
});

describe('a late answer to a question our team settled', () => {
  it('says the draft was already handled, with its order and state', async () => {
    const d = await createElectricalDealer(testDb.db);
    await send(d.code, '5 coil copperline wire');
    const [draft] = await ordersOf(d.code);
    expect(draft?.status).toBe('needs_review');
    await approveDraft(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        orderId: draft!.id,
        lines: [{ sku: 'ELX-WIR-15', qty: 5, sourceText: '5 coil copperline wire' }],
        actor: 'user:ops@example.test',
        learn: 'none',
      },
    );
    await waitForQuiet(testDb.db);
    await send(d.code, '2');
    expect(await lastReply(d.code)).toBe(
      `Thank you. Our team has already handled this: order #${draft!.order_no} is confirmed. Ask "status" any time to see where it is.`,
    );
    const orders = await ordersOf(d.code);
    expect(orders.map((o) => [o.id, o.status])).toEqual([[draft!.id, 'confirmed']]);
  });
});

describe('a rep ordering for two dealers', () => {
  it('gets one reply gathering both orders, each part naming whose order it is', async () => {
    const phone = `+9198${String(Date.now()).slice(-8)}`;
    const a = await createElectricalDealer(testDb.db, { name: 'Saraswati Electricals Kanpur' });
    const b = await createElectricalDealer(testDb.db, { name: 'Durga Lighting House Unnao' });
    await createRep(testDb.db, { name: 'Vikas', phones: [phone], dealers: [a.code, b.code] });
    await ingestMessage(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        channel: 'whatsapp',
        externalId: randomUUID(),
        sender: phone,
        text: 'Saraswati Electricals: 2 box voltra mcb 16a\nDurga Lighting House: 1 box voltra mcb 32a',
      },
    );
    const replies = await waitFor(async () => {
      await waitForQuiet(testDb.db);
      const sent = whatsappSent.filter((m) => m.recipient === phone);
      return sent.length >= 1 ? sent : undefined;
    });
    expect(replies).toHaveLength(1);
    const [heading, first, second, ...rest] = replies[0]!.body.split('\n\n');
    expect(heading).toBe('Your message made 2 orders:');
    expect(first).toMatch(
      new RegExp(`^For Saraswati Electricals Kanpur \\(${a.code}\\):\nOrder #\\d+ confirmed`),
    );
    expect(second).toMatch(
      new RegExp(`^For Durga Lighting House Unnao \\(${b.code}\\):\nOrder #\\d+ confirmed`),
    );
    expect(rest).toEqual([]);
    const outbox = await testDb.db
      .selectFrom('outbox')
      .select('kind')
      .where('recipient', '=', phone)
      .execute();
    expect(outbox).toEqual([{ kind: 'combined' }]);
  });
});

describe('over the credit limit', () => {
  it('holds the order and says why, with what is available', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 10_000_00n,
      outstandingMinor: 7_000_00n,
    });
    await send(d.code, '3 coil copperline wire 2.5 sqmm');
    const [order] = await ordersOf(d.code);
    expect(order?.status).toBe('held_credit');
    expect(await lastReply(d.code)).toBe(
      `Order #${order!.order_no} (₹8,250.00) is received and on hold because it is above your available credit.\nAvailable credit: ₹3,000.00\nOur accounts team will contact you; a payment releases it.`,
    );
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(0n);
  });

  it('blocks it instead under a block policy', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 1_000_00n,
      creditPolicy: 'block',
    });
    await send(d.code, '1 box voltra mcb 32a');
    expect((await ordersOf(d.code))[0]?.status).toBe('blocked');
    expect(await lastReply(d.code)).toMatch(/^Sorry, order #\d+ \(₹1,620\.00\) cannot be accepted/);
  });
});

describe('a dealer without auto-confirm', () => {
  it('waits for YES, then confirms', async () => {
    const d = await createElectricalDealer(testDb.db, {
      autoConfirm: false,
      creditLimitMinor: 10_000_00n,
    });
    await send(d.code, '1 box lumex led 12w');
    const [order] = await ordersOf(d.code);
    expect(order?.status).toBe('awaiting_confirmation');
    expect(await lastReply(d.code)).toContain('Reply YES to confirm.');
    const credit0 = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit0.open_orders_minor).toBe(0n);

    await send(d.code, 'haan');
    expect((await ordersOf(d.code))[0]?.status).toBe('confirmed');
    expect(await lastReply(d.code)).toContain(`Order #${order!.order_no} confirmed`);
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(820_00n);
  });
});

describe('an unknown sender on WhatsApp', () => {
  it('gets a polite reply and the message waits in review', async () => {
    const { messageId } = await ingestMessage(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        channel: 'whatsapp',
        externalId: randomUUID(),
        sender: '+919811111111',
        text: '10 box lumex led 9w',
      },
    );
    await waitForQuiet(testDb.db);
    const m = await testDb.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('needs_review');
    expect(m.error).toMatch(/not on file/);
    expect(await lastReply('+919811111111')).toMatch(/could not find your number/);
    const toThem = whatsappSent.filter((m) => m.recipient === '+919811111111');
    expect(toThem).toHaveLength(1);
    expect(toThem[0]).toMatchObject({
      channel: 'whatsapp',
      recipient: '+919811111111',
      kind: 'unknown_sender',
    });
    const [order] = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('inbound_message_id', '=', messageId)
      .execute();
    expect(order).toMatchObject({ status: 'needs_review', dealer_code: null });
  });
});
