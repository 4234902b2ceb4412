/**
 * The dealer portal's sign-in and ordering on real PostgreSQL and Redis:
 * links are single-use, expire, and are limited per dealer; sessions are
 * per device and revocable only by their own dealer; "portal link" in chat
 * is answered with a working link on the same conversation; a portal order
 * goes through the settle path (priced, credit-checked, confirmed or held)
 * and a double tap places it once.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import {
  PORTAL_LINKS_PER_HOUR,
  issuePortalLink,
  listPortalDevices,
  redeemPortalLink,
  resumePortalSession,
  revokePortalDevice,
} from '../../../src/services/portal/portal-access.js';
import { placePortalOrder, previewPortalOrder } from '../../../src/services/portal/portal-order.js';
import { sendPortalLink } from '../../../src/services/portal/send-portal-link.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  repliesTo,
  seedElectricalCatalog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const PUBLIC_URL = 'https://orders.example.test';

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(startPipeline(testDb.db, { publicUrl: PUBLIC_URL }));
});

async function link(dealerCode: string, now = new Date()): Promise<string> {
  const issued = await issuePortalLink(testDb.db, { dealerCode, requestedBy: 'test', now });
  if (!issued.ok) throw new Error('link refused');
  return issued.token;
}

async function signIn(dealerCode: string) {
  const redeemed = await redeemPortalLink(testDb.db, {
    token: await link(dealerCode),
    userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile',
    now: new Date(),
  });
  if (!redeemed.ok) throw new Error(`sign-in refused: ${redeemed.reason}`);
  return redeemed.sessionToken;
}

describe('portal sign-in links', () => {
  it('work once: the second use is refused, and the session resumes until revoked', async () => {
    const d = await createElectricalDealer(testDb.db);
    const token = await link(d.code);
    const first = await redeemPortalLink(testDb.db, { token, userAgent: null, now: new Date() });
    expect(first).toMatchObject({ ok: true, dealerCode: d.code });
    const second = await redeemPortalLink(testDb.db, { token, userAgent: null, now: new Date() });
    expect(second).toEqual({ ok: false, reason: 'used' });

    const session = first.ok ? first.sessionToken : '';
    expect((await resumePortalSession(testDb.db, session))?.dealer_code).toBe(d.code);
    const devices = await listPortalDevices(testDb.db, d.code);
    expect(devices).toHaveLength(1);
    await revokePortalDevice(testDb.db, {
      dealerCode: d.code,
      deviceId: devices[0]!.id,
      actor: 'test',
      now: new Date(),
    });
    expect(await resumePortalSession(testDb.db, session)).toBeUndefined();
  });

  it('expire after 15 minutes, and an unknown token is refused without saying whose it is', async () => {
    const d = await createElectricalDealer(testDb.db);
    const token = await link(d.code, new Date(Date.now() - 16 * 60 * 1000));
    expect(await redeemPortalLink(testDb.db, { token, userAgent: null, now: new Date() })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(
      await redeemPortalLink(testDb.db, {
        token: 'x'.repeat(43),
        userAgent: null,
        now: new Date(),
      }),
    ).toEqual({ ok: false, reason: 'unknown' });
  });

  it(`are limited to ${PORTAL_LINKS_PER_HOUR} per dealer per hour, also when asked at once`, async () => {
    const d = await createElectricalDealer(testDb.db);
    const results = await Promise.all(
      Array.from({ length: PORTAL_LINKS_PER_HOUR + 3 }, () =>
        testDb.db
          .transaction()
          .execute((trx) =>
            issuePortalLink(trx, { dealerCode: d.code, requestedBy: 'test', now: new Date() }),
          ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(PORTAL_LINKS_PER_HOUR);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('do not sign in a dealer who was made inactive', async () => {
    const d = await createElectricalDealer(testDb.db);
    const token = await link(d.code);
    await testDb.db
      .updateTable('dealers')
      .set({ active: false })
      .where('code', '=', d.code)
      .execute();
    expect(await redeemPortalLink(testDb.db, { token, userAgent: null, now: new Date() })).toEqual({
      ok: false,
      reason: 'inactive',
    });
  });

  it("never revoke another dealer's device (a tampered id changes nothing)", async () => {
    const a = await createElectricalDealer(testDb.db);
    const b = await createElectricalDealer(testDb.db);
    const bSession = await signIn(b.code);
    const bDevice = (await listPortalDevices(testDb.db, b.code))[0]!;
    const done = await revokePortalDevice(testDb.db, {
      dealerCode: a.code,
      deviceId: bDevice.id,
      actor: 'test',
      now: new Date(),
    });
    expect(done).toBe(false);
    expect((await resumePortalSession(testDb.db, bSession))?.dealer_code).toBe(b.code);
  });

  it("are sent by ops to the dealer's WhatsApp number, else email, and refused with no contact", async () => {
    const phone = await createElectricalDealer(testDb.db, { phones: ['+919812300001'] });
    const mail = await createElectricalDealer(testDb.db, { emails: ['buyer@portal.example.test'] });
    const none = await createElectricalDealer(testDb.db);
    const send = (dealerCode: string) =>
      testDb.db.transaction().execute((trx) =>
        sendPortalLink(trx, {
          dealerCode,
          requestedBy: 'user:ops@example.test',
          publicUrl: PUBLIC_URL,
          now: new Date(),
        }),
      );
    expect(await send(phone.code)).toMatchObject({
      sent: true,
      channel: 'whatsapp',
      recipient: '+919812300001',
    });
    expect(await send(mail.code)).toMatchObject({
      sent: true,
      channel: 'email',
      recipient: 'buyer@portal.example.test',
    });
    expect(await send(none.code)).toEqual({ sent: false, reason: 'no_contact' });
    const [body] = await repliesTo(testDb.db, '+919812300001');
    expect(body).toMatch(
      /^Your order portal: https:\/\/orders\.example\.test\/portal\/login\?t=[\w-]{43}\nTap it to see your orders, account and reorder in one place\. The link works once, within 15 minutes\. Didn't ask for it\? Just ignore this message\.$/,
    );
  });
});

describe('"portal link" in chat', () => {
  it('is answered on the same conversation with a link that signs the dealer in', async () => {
    const d = await createElectricalDealer(testDb.db);
    const { messageId } = await ingestMessage(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        channel: 'webchat',
        externalId: randomUUID(),
        sender: d.code,
        dealerCode: d.code,
        text: 'please send my portal link',
      },
    );
    await waitFor(
      async () =>
        (
          await testDb.db
            .selectFrom('inbound_messages')
            .select('status')
            .where('id', '=', messageId)
            .executeTakeFirstOrThrow()
        ).status === 'done',
      { what: 'the portal link request to be answered' },
    );
    const reply = (await repliesTo(testDb.db, d.code)).at(-1) ?? '';
    const url = /https:\/\/orders\.example\.test\/portal\/login\?t=([\w-]+)/.exec(reply);
    expect(url).not.toBeNull();
    const redeemed = await redeemPortalLink(testDb.db, {
      token: url![1]!,
      userAgent: null,
      now: new Date(),
    });
    expect(redeemed).toMatchObject({ ok: true, dealerCode: d.code });
  });

  it('in Devanagari is answered in Hindi', async () => {
    const d = await createElectricalDealer(testDb.db);
    await ingestMessage(
      { db: testDb.db, jobs: pipeline.jobs },
      {
        channel: 'webchat',
        externalId: randomUUID(),
        sender: d.code,
        dealerCode: d.code,
        text: 'मुझे पोर्टल का लिंक भेजिए',
      },
    );
    await waitFor(async () => (await repliesTo(testDb.db, d.code)).length > 0, {
      what: 'the Hindi reply',
    });
    const reply = (await repliesTo(testDb.db, d.code)).at(-1) ?? '';
    expect(reply).toMatch(/^आपका ऑर्डर पोर्टल: https:\/\/orders\.example\.test\/portal\/login\?t=/);
  });
});

describe('a portal order', () => {
  it('is priced from the dealer price list, confirmed as the dealer said YES, and placed once on a double tap', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 100_000_00n });
    const lines = [{ sku: 'ELX-SWT-06', qty: 3 }];
    const preview = await previewPortalOrder(testDb.db, {
      dealerCode: d.code,
      lines,
      now: new Date(),
    });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.lines[0]).toMatchObject({
      name: 'Modix Switch 6A',
      qty: 3,
      unitPriceMinor: 540_00n,
    });

    const key = randomUUID();
    const [a, b] = await Promise.all([
      placePortalOrder(testDb.db, { dealerCode: d.code, lines, requestKey: key, now: new Date() }),
      placePortalOrder(testDb.db, { dealerCode: d.code, lines, requestKey: key, now: new Date() }),
    ]);
    expect(a.orderId).toBe(b.orderId);
    expect(a.status).toBe('confirmed');
    const orders = await testDb.db
      .selectFrom('orders')
      .select(['status', 'total_minor', 'channel'])
      .where('dealer_code', '=', d.code)
      .execute();
    expect(orders).toEqual([
      { status: 'confirmed', total_minor: preview.totalMinor, channel: 'webchat' },
    ]);
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('open_orders_minor')
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(preview.totalMinor);
    const audit = await testDb.db
      .selectFrom('audit_events')
      .select(['actor'])
      .where('entity_id', '=', a.orderId)
      .execute();
    expect(audit.map((e) => e.actor)).toContain('dealer:portal');
    // the dealer's web chat (the portal's conversation) got the confirmation
    expect((await repliesTo(testDb.db, d.code)).at(-1)).toMatch(/confirmed/i);
  });

  it('over the credit limit is held for finance, and the preview said so', async () => {
    const d = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 1_000_00n,
      outstandingMinor: 500_00n,
    });
    const lines = [{ sku: 'ELX-SWT-06', qty: 2 }];
    const preview = await previewPortalOrder(testDb.db, {
      dealerCode: d.code,
      lines,
      now: new Date(),
    });
    expect(preview.ok && preview.overLimit).toBe(true);
    const placed = await placePortalOrder(testDb.db, {
      dealerCode: d.code,
      lines,
      requestKey: randomUUID(),
      now: new Date(),
    });
    expect(placed.status).toBe('held_credit');
    const approval = await testDb.db
      .selectFrom('approvals')
      .select(['kind', 'status'])
      .where('order_id', '=', placed.orderId)
      .executeTakeFirstOrThrow();
    expect(approval).toEqual({ kind: 'credit', status: 'pending' });
  });
});
