/**
 * Several WhatsApp Cloud business numbers on one app, and the outbox claim that reads and books
 * what a Cloud send needs in its own statement, on real PostgreSQL against a local Graph:
 *
 * - the webhook takes messages to any configured number (and skips other numbers), storing the
 *   number each came in on;
 * - a reply goes from the number the dealer last wrote to; someone who never wrote (or wrote to a
 *   number no longer configured) gets the default, the first;
 * - the claim's slots keep each number's pace (and the recipient's), a number's queue does not
 *   hold another number back, and a queue longer than the pacer's wait leaves the row for later
 *   without a send.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgSendPacer } from '../../../src/channels/send-pacer.js';
import { postgresCheck } from '../../../src/http/health/health-checks.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/verify-signature.js';
import {
  createWhatsappCloudSender,
  type WhatsappCloudSenderConfig,
  type WhatsappCloudSenderOptions,
} from '../../../src/channels/whatsapp-cloud/whatsapp-cloud-sender.js';
import { whatsappCloudWebhookRouter } from '../../../src/channels/whatsapp-cloud/whatsapp-cloud.routes.js';
import type { JobQueue } from '../../../src/queues/job-catalog.js';
import {
  claimOutboxMessageFor,
  insertOutboxMessage,
} from '../../../src/repositories/outbox.repository.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { sendOutbox } from '../../../src/services/send-outbox.js';
import { useTestDatabase } from '../../support/database.js';
import { listenOnEphemeralPort, request } from '../../support/http-app.js';
import { silentLog } from '../../support/pipeline.js';
import { startFakeGraph, type FakeGraph } from './fake-graph-server.js';

const APP_SECRET = 'numbers-app-secret';
const NUMBER_A = '100000000000001';
const NUMBER_B = '100000000000002';
const NOT_OURS = '100000000000009';

const testDb = useTestDatabase();
let graph: FakeGraph;
let server: Server;
let baseUrl: string;
/** Parse jobs are not run here: only what the webhook stores and the outbox sends is looked at. */
const noJobs: JobQueue = { enqueue: () => Promise.resolve() };

beforeAll(async () => {
  graph = await startFakeGraph();
  ({ server, url: baseUrl } = await listenOnEphemeralPort({
    db: testDb.db,
    config: { apiToken: 'unused-token-0123456789' },
    logger: silentLog,
    ingest: (input) => ingestMessage({ db: testDb.db, jobs: noJobs }, input),
    // not asked here
    health: { postgres: postgresCheck(testDb.db), redis: postgresCheck(testDb.db) },
    webhooks: [
      whatsappCloudWebhookRouter({
        db: testDb.db,
        ingest: (input) => ingestMessage({ db: testDb.db, jobs: noJobs }, input),
        config: {
          verifyToken: 'v',
          appSecret: APP_SECRET,
          phoneNumberId: NUMBER_A,
          phoneNumberIds: [NUMBER_A, NUMBER_B],
        },
        logger: silentLog,
      }),
    ],
  }));
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
  await graph?.close();
});

function senderFor(
  overrides: Partial<WhatsappCloudSenderConfig> = {},
  options: WhatsappCloudSenderOptions = {},
  maxWaitMs?: number,
) {
  return createWhatsappCloudSender(
    {
      db: testDb.db,
      config: {
        accessToken: 'EAAG-test-token',
        phoneNumberId: NUMBER_A,
        phoneNumberIds: [NUMBER_A, NUMBER_B],
        graphUrl: graph.url,
        apiVersion: 'v21.0',
        templateName: 'order_update',
        templateLanguage: 'en',
        sendGapMs: 0,
        ...overrides,
      },
      pacer: pgSendPacer({ db: testDb.db, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) }),
      log: silentLog,
    },
    options,
  );
}

/** A dealer's message to `number`, through the signed webhook. */
async function dealerWrites(from: string, number: string): Promise<number> {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: number },
              messages: [
                {
                  from,
                  id: `wamid.${randomUUID()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'hello' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const res = await request(baseUrl, 'POST', '/webhooks/whatsapp', {
    token: null,
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(APP_SECRET, raw),
    },
  });
  return res.status;
}

async function reply(recipient: string, body = 'Order confirmed'): Promise<string> {
  const id = await insertOutboxMessage(testDb.db, {
    channel: 'whatsapp',
    recipient,
    conversationId: null,
    inboundMessageId: null,
    orderId: null,
    kind: 'confirmation',
    body,
    idempotencyKey: `test:${randomUUID()}`,
  });
  return id!;
}

const requestsTo = (digits: string) => graph.requests.filter((r) => r.body.to === digits);

describe('several WhatsApp Cloud business numbers', () => {
  it('stores the number each message came in on and skips numbers that are not ours', async () => {
    expect(await dealerWrites('919700000001', NUMBER_B)).toBe(200);
    expect(await dealerWrites('919700000002', NOT_OURS)).toBe(200);
    const rows = await testDb.db
      .selectFrom('inbound_messages')
      .select(['sender', 'channel_account'])
      .where('sender', 'in', ['+919700000001', '+919700000002'])
      .execute();
    expect(rows).toEqual([{ sender: '+919700000001', channel_account: NUMBER_B }]);
  });

  it('replies from the number the dealer last wrote to, else from the first', async () => {
    const sender = senderFor();
    await dealerWrites('919700000011', NUMBER_A);
    await dealerWrites('919700000011', NUMBER_B); // the latest: B
    await dealerWrites('919700000012', NUMBER_A);
    const deps = { db: testDb.db, senders: { whatsapp: sender } };
    for (const to of ['+919700000011', '+919700000012', '+919700000013']) {
      expect((await sendOutbox(deps, { outboxId: await reply(to) })).outcome).toBe('sent');
    }
    expect(requestsTo('919700000011').map((r) => [r.path, r.body.type])).toEqual([
      [`/v21.0/${NUMBER_B}/messages`, 'text'],
    ]);
    expect(requestsTo('919700000012').map((r) => [r.path, r.body.type])).toEqual([
      [`/v21.0/${NUMBER_A}/messages`, 'text'],
    ]);
    // never wrote: the default number, and a template (outside any window)
    expect(requestsTo('919700000013').map((r) => [r.path, r.body.type])).toEqual([
      [`/v21.0/${NUMBER_A}/messages`, 'template'],
    ]);
    // A sender without a claim (called directly) reads the same itself.
    await sender.send({
      id: randomUUID(),
      channel: 'whatsapp',
      recipient: '+919700000011',
      body: 'direct',
      kind: 'status',
      inboundMessageId: null,
    });
    expect(requestsTo('919700000011').at(-1)?.path).toBe(`/v21.0/${NUMBER_B}/messages`);
  });

  it('reads the window and number and books both slots in the claim, only for a claimed row', async () => {
    await dealerWrites('919700000021', NUMBER_B);
    const id = await reply('+919700000021');
    const plan = {
      accounts: [NUMBER_A, NUMBER_B],
      accountKeyPrefix: `test-number:${randomUUID()}:`,
      accountGapMs: 100,
      recipientKeyPrefix: `test-to:${randomUUID()}:`,
      recipientGapMs: 1_000,
      maxWaitMs: 5_000,
    };
    const got = await claimOutboxMessageFor(testDb.db, id, 60_000, 'whatsapp', plan);
    expect(got?.row.id).toBe(id);
    expect(got?.row.attempts).toBe(1);
    expect(got?.claimed?.account).toBe(NUMBER_B);
    expect(Date.now() - got!.claimed!.lastInboundAt!.getTime()).toBeLessThan(60_000);
    expect(got?.claimed?.slotAt).toBeInstanceOf(Date);
    const slots = await testDb.db
      .selectFrom('send_slots')
      .select('key')
      .where('key', 'in', [
        `${plan.accountKeyPrefix}${NUMBER_B}`,
        `${plan.recipientKeyPrefix}919700000021`,
      ])
      .execute();
    expect(slots).toHaveLength(2);
    // held by the lease: nothing claimed, nothing booked
    expect(await claimOutboxMessageFor(testDb.db, id, 60_000, 'whatsapp', plan)).toBeUndefined();
    const next = await claimOutboxMessageFor(
      testDb.db,
      await reply('+919700000021'),
      60_000,
      'whatsapp',
      plan,
    );
    // the recipient's slot is the later one: a second after the first
    expect(
      next!.claimed!.slotAt!.getTime() - got!.claimed!.slotAt!.getTime(),
    ).toBeGreaterThanOrEqual(990);
    // a row on another channel is claimed without the plan's reads and slots
    const mail = await insertOutboxMessage(testDb.db, {
      channel: 'email',
      recipient: 'dealer@example.com',
      conversationId: null,
      inboundMessageId: null,
      orderId: null,
      kind: 'confirmation',
      body: 'x',
      idempotencyKey: `test:${randomUUID()}`,
    });
    const other = await claimOutboxMessageFor(testDb.db, mail!, 60_000, 'whatsapp', plan);
    expect(other?.row.id).toBe(mail);
    expect(other?.claimed).toBeNull();
  });

  it("keeps each number's pace through the claim; one number's queue does not hold back another", async () => {
    // 4 sends a second per number: 250 ms apart on one number
    const sender = senderFor({}, { numberRatePerSecond: 4 });
    const deps = { db: testDb.db, senders: { whatsapp: sender } };
    const onA = ['919700000031', '919700000032', '919700000033', '919700000034'];
    const onB = '919700000035';
    for (const to of onA) await dealerWrites(to, NUMBER_A);
    await dealerWrites(onB, NUMBER_B);
    const rows = await Promise.all([...onA, onB].map((to) => reply(`+${to}`)));
    const t0 = Date.now();
    const outcomes = await Promise.all(rows.map((outboxId) => sendOutbox(deps, { outboxId })));
    expect(outcomes.map((o) => o.outcome)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const times = onA.map((to) => requestsTo(to)[0]!.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i += 1) {
      // less a little slack: a send may leave its slot late (a busy machine), the next on time
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(180);
    }
    // B's one send went at once, not after A's four
    expect(requestsTo(onB)[0]!.at - t0).toBeLessThan(times[3]! - t0);
    expect(requestsTo(onB)[0]!.path).toBe(`/v21.0/${NUMBER_B}/messages`);
  });

  it('leaves a reply for later, unsent, when its number is queued past the longest wait', async () => {
    // 2 a second and at most 600 ms of queue: the third concurrent send cannot have a slot
    const sender = senderFor({}, { numberRatePerSecond: 2 }, 600);
    const deps = { db: testDb.db, senders: { whatsapp: sender } };
    const recipients = ['919700000041', '919700000042', '919700000043'];
    for (const to of recipients) await dealerWrites(to, NUMBER_B);
    const before = graph.requests.length;
    const rows = await Promise.all(recipients.map((to) => reply(`+${to}`)));
    const outcomes = await Promise.all(rows.map((outboxId) => sendOutbox(deps, { outboxId })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['retry_later', 'sent', 'sent']);
    expect(graph.requests.length - before).toBe(2);
    const left = await testDb.db
      .selectFrom('outbox')
      .select(['status', 'last_error', 'next_attempt_at'])
      .where('id', 'in', rows)
      .where('status', '=', 'pending')
      .execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.last_error).toMatch(/send pacing/);
    expect(left[0]!.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
  });
});
