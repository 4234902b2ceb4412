/**
 * The WhatsApp Business Cloud API channel end to end on real PostgreSQL and
 * Redis, with the real workers, against a local server playing the Graph
 * API: webhook handshake and signatures, non-ASCII bodies, replayed and
 * out-of-order deliveries, status callbacks, text vs template replies,
 * retries, pacing, /health and /metrics.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSenders, PermanentSendError } from '../../../src/channels/channel-sender.js';
import { channelStateCheck } from '../../../src/channels/channel-state-check.js';
import { pgSendPacer } from '../../../src/channels/send-pacer.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/verify-signature.js';
import {
  createWhatsappCloudSender,
  type WhatsappCloudSenderConfig,
} from '../../../src/channels/whatsapp-cloud/whatsapp-cloud-sender.js';
import { whatsappCloudWebhookRouter } from '../../../src/channels/whatsapp-cloud/whatsapp-cloud.routes.js';
import type { ChannelSender } from '../../../src/channels/channel-sender.js';
import { postgresCheck, redisCheck } from '../../../src/http/health/health-checks.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import { listenOnEphemeralPort, request, TEST_API_TOKEN } from '../../support/http-app.js';
import {
  closeAfterAll,
  createElectricalDealer,
  seedElectricalCatalog,
  silentLog,
  startPipeline,
  testRedisUrl,
  waitFor,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';
import { startFakeGraph, type FakeGraph } from './fake-graph-server.js';

const APP_SECRET = 'app-secret-for-tests';
const VERIFY_TOKEN = 'verify-me-please';
const PHONE_NUMBER_ID = '106540352242922';
const DEALER_PHONE = '919876543210';

const testDb = useTestDatabase();
const track = closeAfterAll();
let graph: FakeGraph;
let pipeline: Pipeline;
let server: Server;
let baseUrl: string;
let failingUrl: string;
let failingServer: Server;
let redis: Redis;
let sender: ChannelSender;

function cloudConfig(
  overrides: Partial<WhatsappCloudSenderConfig> = {},
): WhatsappCloudSenderConfig {
  return {
    accessToken: 'EAAG-test-token',
    phoneNumberId: PHONE_NUMBER_ID,
    graphUrl: graph.url,
    apiVersion: 'v21.0',
    templateName: 'order_update',
    templateLanguage: 'hi',
    sendGapMs: 300,
    ...overrides,
  };
}

beforeAll(async () => {
  graph = await startFakeGraph();
  await seedElectricalCatalog(testDb.db);
  await createElectricalDealer(testDb.db, { phones: [`+${DEALER_PHONE}`], autoConfirm: true });
  sender = createWhatsappCloudSender(
    { db: testDb.db, config: cloudConfig(), pacer: pgSendPacer({ db: testDb.db }), log: silentLog },
    { retryBaseMs: 20 },
  );
  pipeline = track(startPipeline(testDb.db, { senders: { ...localSenders(), whatsapp: sender } }));
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const webhook = (ingest: Parameters<typeof whatsappCloudWebhookRouter>[0]['ingest']) =>
    whatsappCloudWebhookRouter({
      db: testDb.db,
      ingest,
      config: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID },
      logger: silentLog,
    });
  const deps = {
    db: testDb.db,
    config: { apiToken: TEST_API_TOKEN },
    logger: silentLog,
    ingest: (input: Parameters<typeof ingestMessage>[1]) =>
      ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input),
    health: {
      postgres: postgresCheck(testDb.db),
      redis: redisCheck(redis),
      whatsapp_cloud: channelStateCheck(testDb.db, 'whatsapp_cloud', {
        okStates: ['ok'],
        staleMs: 0,
        missing: { status: 'ok', state: 'configured', since: null },
      }),
    },
  };
  ({ server, url: baseUrl } = await listenOnEphemeralPort({
    ...deps,
    webhooks: [webhook((input) => ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input))],
  }));
  ({ server: failingServer, url: failingUrl } = await listenOnEphemeralPort({
    ...deps,
    webhooks: [webhook(() => Promise.reject(new Error('connection terminated unexpectedly')))],
  }));
});

afterAll(async () => {
  for (const s of [server, failingServer]) {
    await new Promise<void>((resolve) => {
      s?.close(() => resolve());
      s?.closeAllConnections();
    });
  }
  redis?.disconnect();
  await graph?.close();
});

function inboundPayload(
  messages: Record<string, unknown>[],
  statuses: Record<string, unknown>[] = [],
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...(messages.length > 0
                ? { contacts: [{ profile: { name: 'Verma Electricals' }, wa_id: DEALER_PHONE }] }
                : {}),
              ...(messages.length > 0 ? { messages } : {}),
              ...(statuses.length > 0 ? { statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}

function textMessage(body: string, from = DEALER_PHONE, id = `wamid.${randomUUID()}`) {
  return {
    from,
    id,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: 'text',
    text: { body },
  };
}

function post(payload: unknown, options: { signature?: string | null; url?: string } = {}) {
  const raw = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? signBody(APP_SECRET, raw) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return request(options.url ?? baseUrl, 'POST', '/webhooks/whatsapp', {
    token: null,
    body: raw,
    headers,
  });
}

async function inbound(externalId: string) {
  return testDb.db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('channel', '=', 'whatsapp')
    .where('external_id', '=', externalId)
    .execute();
}

describe('GET /webhooks/whatsapp (subscription handshake)', () => {
  it('echoes hub.challenge for the right verify token', async () => {
    const res = await request(
      baseUrl,
      'GET',
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      { token: null },
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('1158201444');
  });

  it('refuses a wrong token or mode with 403', async () => {
    for (const query of [
      'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
      `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      'hub.challenge=1',
    ]) {
      const res = await request(baseUrl, 'GET', `/webhooks/whatsapp?${query}`, { token: null });
      expect(res.status).toBe(403);
    }
  });
});

describe('POST /webhooks/whatsapp signatures', () => {
  it('refuses a missing signature with 401 and a wrong one with 403, storing nothing', async () => {
    const m = textMessage('10 box lumex led 9w');
    const payload = inboundPayload([m]);
    expect((await post(payload, { signature: null })).status).toBe(401);
    expect(
      (await post(payload, { signature: signBody('another-secret', JSON.stringify(payload)) }))
        .status,
    ).toBe(403);
    expect((await post(payload, { signature: 'sha256=abc' })).status).toBe(403);
    // signed over different bytes (re-serialised with spaces): the raw body is what counts
    const other = JSON.stringify(payload, null, 1);
    expect((await post(payload, { signature: signBody(APP_SECRET, other) })).status).toBe(403);
    expect(await inbound(m.id)).toHaveLength(0);
  });

  it('stores a correctly signed Hindi and emoji message exactly', async () => {
    const body = 'नमस्ते 🙏 10 बॉक्स lumex led 9w भेज दो 👍';
    const m = textMessage(body);
    const res = await post(inboundPayload([m]));
    expect(res.status).toBe(200);
    const [row] = await inbound(m.id);
    expect(row).toMatchObject({ text: body, sender: `+${DEALER_PHONE}` });
  });

  it('stores every readable message of a batch and acknowledges the unreadable ones', async () => {
    const good = textMessage('2 box lumex led 9w');
    const noId = { from: DEALER_PHONE, type: 'text', text: { body: 'lost id' } };
    const nulId = textMessage('3 box lumex led 9w', DEALER_PHONE, 'wamid.bad\u0000id');
    const res = await post(inboundPayload([noId, good, nulId]));
    expect(res.status).toBe(200);
    expect(await inbound(good.id)).toHaveLength(1);
    // Delivered again: still 200, still one row — never a poison 500 Meta retries forever.
    expect((await post(inboundPayload([nulId]))).status).toBe(200);
    expect(await inbound(good.id)).toHaveLength(1);
  });

  it('answers 500 when the message cannot be stored, so Meta delivers it again', async () => {
    const res = await post(inboundPayload([textMessage('5 coil wire 2.5')]), { url: failingUrl });
    expect(res.status).toBe(500);
  });
});

describe('delivery', () => {
  it('makes one message, one order and one text reply from 5 concurrent replays', async () => {
    const m = textMessage('10 box lumex led 9w');
    const payload = inboundPayload([m]);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => post(payload)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await inbound(m.id);
    expect(rows).toHaveLength(1);
    await waitForQuiet(testDb.db);
    const orders = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('inbound_message_id', '=', rows[0]!.id)
      .execute();
    expect(orders).toHaveLength(1);
    const reply = await waitFor(async () =>
      testDb.db
        .selectFrom('outbox')
        .selectAll()
        .where('inbound_message_id', '=', rows[0]!.id)
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    );
    expect(reply.external_id).toMatch(/^wamid\.OUT/);
    const sent = graph.requests.filter(
      (r) => (r.body as { to?: string }).to === DEALER_PHONE && r.body.type === 'text',
    );
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const mine = sent.find((r) => (r.body.text as { body: string }).body === reply.body);
    expect(mine?.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(mine?.headers.authorization).toBe('Bearer EAAG-test-token');
    expect(mine?.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: DEALER_PHONE,
      type: 'text',
    });
  });

  it('stores out-of-order messages each once', async () => {
    const first = textMessage('10 box lumex led 12w');
    const second = textMessage('2 box modix switch 6a');
    first.timestamp = String(Number(first.timestamp) - 60);
    expect((await post(inboundPayload([second]))).status).toBe(200);
    expect((await post(inboundPayload([first, second]))).status).toBe(200);
    expect((await post(inboundPayload([first]))).status).toBe(200);
    expect(await inbound(first.id)).toHaveLength(1);
    expect(await inbound(second.id)).toHaveLength(1);
    const [row] = await inbound(first.id);
    expect(row!.received_at.getTime()).toBe(Number(first.timestamp) * 1000);
  });

  it('applies status callbacks out of order without moving back, even before the id is known', async () => {
    const wamid = `wamid.STATUS${randomUUID()}`;
    const status = (s: string, ts: number) => ({
      id: wamid,
      status: s,
      timestamp: String(ts),
      recipient_id: DEALER_PHONE,
    });
    const now = Math.floor(Date.now() / 1000);
    // 'delivered' arrives before the notify worker wrote the id on the row
    expect((await post(inboundPayload([], [status('delivered', now + 1)]))).status).toBe(200);
    const row = await testDb.db
      .insertInto('outbox')
      .values({
        channel: 'whatsapp',
        recipient: `+${DEALER_PHONE}`,
        conversation_id: null,
        inbound_message_id: null,
        order_id: null,
        kind: 'status',
        body: 'x',
        idempotency_key: randomUUID(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: new Date(), external_id: wamid })
      .where('id', '=', row.id)
      .execute();
    const deliveryOf = async () =>
      testDb.db
        .selectFrom('outbox')
        .select(['delivery_status', 'delivery_status_at'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
    expect((await deliveryOf()).delivery_status).toBe('delivered');
    expect((await post(inboundPayload([], [status('read', now + 2)]))).status).toBe(200);
    expect((await post(inboundPayload([], [status('sent', now)]))).status).toBe(200);
    expect((await post(inboundPayload([], [status('delivered', now + 1)]))).status).toBe(200);
    const final = await deliveryOf();
    expect(final.delivery_status).toBe('read');
    expect(final.delivery_status_at?.getTime()).toBe((now + 2) * 1000);
  });
});

describe('the Graph API sender', () => {
  const send = (recipient: string, body: string, id: string = randomUUID()) =>
    sender.send({
      id,
      channel: 'whatsapp',
      recipient,
      body,
      kind: 'confirmation',
      inboundMessageId: null,
    });

  async function dealerWroteAt(phone: string, at: Date) {
    await testDb.db
      .insertInto('inbound_messages')
      .values({
        channel: 'whatsapp',
        external_id: `wamid.${randomUUID()}`,
        sender: phone,
        text: 'hello',
        received_at: at,
        status: 'done',
      })
      .execute();
  }

  it('sends free text inside the 24-hour window and the template outside it', async () => {
    await dealerWroteAt('+919800000010', new Date(Date.now() - 23 * 3600_000));
    await dealerWroteAt('+919800000011', new Date(Date.now() - 25 * 3600_000));
    const [insideId, outsideId] = [randomUUID(), randomUUID()];
    const inside = await send('+919800000010', 'Order #12 confirmed', insideId);
    const outside = await send('+919800000011', 'Order #13 confirmed\nTotal: 1380.00', outsideId);
    const req = (to: string) => graph.requests.filter((r) => r.body.to === to).at(-1)!;
    expect(req('919800000010').body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '919800000010',
      // the outbox row, so a repeated send can be told apart
      biz_opaque_callback_data: insideId,
      type: 'text',
      text: { preview_url: false, body: 'Order #12 confirmed' },
    });
    expect(req('919800000011').body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '919800000011',
      biz_opaque_callback_data: outsideId,
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'hi' },
        components: [
          {
            type: 'body',
            parameters: [{ type: 'text', text: 'Order #13 confirmed | Total: 1380.00' }],
          },
        ],
      },
    });
    expect(inside.externalId).toMatch(/^wamid\./);
    expect(outside.externalId).toMatch(/^wamid\./);
  });

  it('fails for good outside the window when no template is configured', async () => {
    const noTemplate = createWhatsappCloudSender({
      db: testDb.db,
      config: cloudConfig({ templateName: null }),
      pacer: pgSendPacer({ db: testDb.db }),
      log: silentLog,
    });
    await expect(
      noTemplate.send({
        id: randomUUID(),
        channel: 'whatsapp',
        recipient: '+919800000012',
        body: 'hi',
        kind: 'status',
        inboundMessageId: null,
      }),
    ).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('retries 429 and 500, then succeeds; a 400 about the message is permanent', async () => {
    // A Graph of its own: the pipeline's replies must not take the planned answers.
    const own = await startFakeGraph();
    try {
      const retrying = createWhatsappCloudSender(
        {
          db: testDb.db,
          config: cloudConfig({ graphUrl: own.url, sendGapMs: 0 }),
          pacer: pgSendPacer({ db: testDb.db }),
          log: silentLog,
        },
        { retryBaseMs: 20 },
      );
      const sendOwn = (body: string) =>
        retrying.send({
          id: randomUUID(),
          channel: 'whatsapp',
          recipient: '+919800000013',
          body,
          kind: 'confirmation',
          inboundMessageId: null,
        });
      await dealerWroteAt('+919800000013', new Date());
      own.plan.push(
        {
          status: 429,
          headers: { 'retry-after': '0' },
          body: { error: { message: 'rate', code: 130429 } },
        },
        { status: 500, body: { error: { message: 'unknown', code: 1 } } },
      );
      const sent = await sendOwn('third time lucky');
      expect(own.requests).toHaveLength(3);
      expect(sent.externalId).toBe('wamid.OUT000003');

      own.plan.push({
        status: 400,
        body: { error: { message: '(#100) Invalid parameter', code: 100 } },
      });
      await expect(sendOwn('bad')).rejects.toBeInstanceOf(PermanentSendError);

      own.plan.push({ status: 503 }, { status: 503 }, { status: 503 });
      const error = await sendOwn('down').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentSendError);
      expect(own.requests).toHaveLength(7);
    } finally {
      await own.close();
    }
  });

  it('paces sends to one recipient', async () => {
    await dealerWroteAt('+919800000014', new Date());
    await Promise.all(['a', 'b', 'c'].map((body) => send('+919800000014', body)));
    const times = graph.requests
      .filter((r) => r.body.to === '919800000014')
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    // 300 ms apart, less a database round trip of slack
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(240);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(240);
  });
});

describe('/health and /metrics', () => {
  it('shows the Cloud channel under checks without changing the shape', async () => {
    const res = await request(baseUrl, 'GET', '/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: expect.stringMatching(/^(ok|degraded)$/),
      checks: {
        postgres: 'ok',
        redis: 'ok',
        whatsapp_cloud: { status: expect.any(String), state: expect.any(String) },
      },
    });
  });

  it('exposes channel counters in Prometheus text, and they move when messages flow', async () => {
    const read = async () => (await request(baseUrl, 'GET', '/metrics', { token: null })).text;
    const value = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? 0 : Number(line.split(' ')[1]);
    };
    const before = await read();
    const m = textMessage('3 coil wire 1.5');
    await post(inboundPayload([m]));
    await post(inboundPayload([m]));
    await post(inboundPayload([m]), { signature: 'sha256=00' });
    const after = await read();
    expect(after).toContain('# TYPE orderdesk_messages_received_total counter');
    const received = 'orderdesk_messages_received_total{channel="whatsapp"}';
    expect(value(after, received) - value(before, received)).toBe(1);
    const dup = 'orderdesk_messages_duplicate_total{channel="whatsapp"}';
    expect(value(after, dup) - value(before, dup)).toBe(1);
    const failed = 'orderdesk_message_failures_total{channel="whatsapp",direction="in"}';
    expect(value(after, failed) - value(before, failed)).toBe(1);
    expect(
      value(after, 'orderdesk_last_message_timestamp_seconds{channel="whatsapp",direction="in"}'),
    ).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(value(after, 'orderdesk_messages_sent_total{channel="whatsapp"}')).toBeGreaterThan(0);
  });
});
