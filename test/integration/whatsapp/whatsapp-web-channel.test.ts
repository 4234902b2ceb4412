/**
 * The whatsapp-web adapter against a stand-in Client (WhatsApp cannot be
 * reached from a test), on real PostgreSQL and Redis: QR state, inbound
 * messages stored once, what is ignored, attachments, reconnect with
 * backoff, paced and retried sends, acks as delivery status.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWhatsappWebChannel,
  toChatId,
  type WhatsappWebChannel,
} from '../../../src/channels/whatsapp-web/whatsapp-web-channel.js';
import { pgSendPacer } from '../../../src/channels/send-pacer.js';
import { findChannelState } from '../../../src/repositories/channel-state.repository.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  silentLog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';
import { message, StandInClient } from './wweb-stand-in.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const clients: StandInClient[] = [];
const clientCreatedAt: number[] = [];
const printed: string[] = [];
let channel: WhatsappWebChannel;

const current = () => clients[clients.length - 1]!;

beforeAll(() => {
  pipeline = track(startPipeline(testDb.db, { startWorkers: false }));
  channel = createWhatsappWebChannel(
    {
      db: testDb.db,
      ingest: (input) => ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input),
      createClient: () => {
        const client = new StandInClient();
        clients.push(client);
        clientCreatedAt.push(Date.now());
        return client;
      },
      pacer: pgSendPacer({ db: testDb.db }),
      log: silentLog,
      printQr: (qr) => printed.push(qr),
    },
    {
      sendGapMs: 300,
      sendRetryMs: 10,
      reconnectInitialMs: 40,
      reconnectMaxMs: 1_000,
      ingestRetryMs: 10,
    },
  );
  channel.start();
});

afterAll(async () => {
  await channel.stop();
});

async function storedMessages(externalId?: string) {
  let q = testDb.db.selectFrom('inbound_messages').selectAll().where('channel', '=', 'whatsapp');
  if (externalId !== undefined) q = q.where('external_id', '=', externalId);
  return q.execute();
}

describe('connecting', () => {
  it('shows the QR in the terminal and as a PNG data URL, and records qr_needed', async () => {
    current().emit('qr', '2@Zm9vYmFy,c2Vzc2lvbg==,a2V5,MTIz');
    await waitFor(async () => channel.state().state === 'qr_needed', { what: 'qr_needed' });
    expect(printed).toEqual(['2@Zm9vYmFy,c2Vzc2lvbg==,a2V5,MTIz']);
    expect(channel.qrDataUrl()).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
    const row = await waitFor(async () => {
      const r = await findChannelState(testDb.db, 'whatsapp_web');
      return r?.state === 'qr_needed' ? r : undefined;
    });
    expect(row.qr_data_url).toBe(channel.qrDataUrl());
  });

  it('is connected after ready, and the QR is gone', async () => {
    current().emit('authenticated');
    current().emit('ready');
    await waitFor(
      async () => (await findChannelState(testDb.db, 'whatsapp_web'))?.state === 'connected',
    );
    expect(channel.state().state).toBe('connected');
    expect(channel.qrDataUrl()).toBeNull();
    expect((await findChannelState(testDb.db, 'whatsapp_web'))?.qr_data_url).toBeNull();
  });
});

describe('inbound messages', () => {
  it('stores a text message once, with the sender as E.164, however often it is replayed', async () => {
    const m = message({ from: '919876543210@c.us', body: '10 box lumex led 9w\n5 coil wire 2.5' });
    for (let i = 0; i < 3; i += 1) current().emit('message', m);
    const rows = await waitFor(async () => {
      const r = await storedMessages(m.id._serialized);
      return r.length > 0 ? r : undefined;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedMessages(m.id._serialized)).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sender: '+919876543210',
      text: '10 box lumex led 9w\n5 coil wire 2.5',
      status: 'received',
    });
  });

  it('ignores its own messages, status updates, broadcasts and groups', async () => {
    const before = (await storedMessages()).length;
    const ignored = [
      message({ from: '919876543210@c.us', fromMe: true, to: '919876543210@c.us', body: 'own' }),
      message({ from: 'status@broadcast', author: '919876543210@c.us', body: 'status' }),
      message({ from: '1234567890@broadcast', broadcast: true, body: 'list' }),
      message({ from: '120363041234567890@g.us', author: '919876543210@c.us', body: 'group' }),
      message({ from: '919876543210@c.us', type: 'e2e_notification' }),
      message({ from: '919876543210@c.us', type: 'reaction', body: '👍' }),
    ];
    for (const m of ignored) current().emit('message', m);
    const marker = message({ from: '919800000001@c.us', body: 'marker' });
    current().emit('message', marker);
    await waitFor(async () => (await storedMessages(marker.id._serialized)).length === 1);
    expect((await storedMessages()).length).toBe(before + 1);
  });

  it('keeps a CSV order sheet, an image and a voice note as files with their bytes', async () => {
    const csv = 'code,qty\nELX-LED-09,10\n';
    const doc = message({
      from: '919876543210@c.us',
      type: 'document',
      body: 'order sheet attached',
      media: {
        mimetype: 'text/csv',
        data: Buffer.from(csv).toString('base64'),
        filename: 'order.csv',
        filesize: csv.length,
      },
    });
    const image = message({
      from: '919876543210@c.us',
      type: 'image',
      body: 'photo of the list',
      media: {
        mimetype: 'image/jpeg',
        data: Buffer.alloc(3000).toString('base64'),
        filesize: 3000,
      },
    });
    const voice = message({
      from: '919876543210@c.us',
      type: 'ptt',
      media: { mimetype: 'audio/ogg; codecs=opus', data: Buffer.alloc(900).toString('base64') },
    });
    for (const m of [doc, image, voice]) current().emit('message', m);
    const get = async (id: string) =>
      waitFor(async () => (await storedMessages(id))[0], { what: id });
    const files = async (messageId: string) =>
      testDb.db
        .selectFrom('inbound_files')
        .selectAll()
        .where('inbound_message_id', '=', messageId)
        .execute();
    const d = await get(doc.id._serialized);
    expect(d.attachments).toEqual([
      {
        kind: 'document',
        source: 'whatsapp-web',
        filename: 'order.csv',
        content_type: 'text/csv',
        size: csv.length,
      },
    ]);
    expect(await files(d.id)).toEqual([
      expect.objectContaining({
        kind: 'document',
        source: 'whatsapp-web',
        filename: 'order.csv',
        declared_type: 'text/csv',
        size_bytes: BigInt(csv.length),
        content: Buffer.from(csv),
        status: 'pending',
      }),
    ]);
    const i = await get(image.id._serialized);
    expect(i.attachments).toEqual([
      {
        kind: 'image',
        source: 'whatsapp-web',
        filename: null,
        content_type: 'image/jpeg',
        size: 3000,
      },
    ]);
    expect(await files(i.id)).toEqual([
      expect.objectContaining({ kind: 'image', content: Buffer.alloc(3000) }),
    ]);
    const v = await get(voice.id._serialized);
    expect(v.attachments).toEqual([
      expect.objectContaining({ kind: 'voice', content_type: 'audio/ogg; codecs=opus', size: 900 }),
    ]);
    expect(await files(v.id)).toEqual([
      expect.objectContaining({ kind: 'voice', declared_type: 'audio/ogg; codecs=opus' }),
    ]);
    expect(v.text).toBe('');
  });

  it('asks the contact for the number when WhatsApp gives a @lid id', async () => {
    const m = message({ from: '204479726403598@lid', contactNumber: '919811112222', body: 'hi' });
    current().emit('message', m);
    const row = await waitFor(async () => (await storedMessages(m.id._serialized))[0]);
    expect(row.sender).toBe('+919811112222');
  });
});

describe('sending', () => {
  it('sends through sendMessage, paced per recipient, and retries a failed call', async () => {
    const client = current();
    client.failNextSends = 1;
    const recipient = `+9199${Math.floor(Math.random() * 1e8)}`;
    const started = Date.now();
    const results = await Promise.all(
      ['first', 'second', 'third'].map((body) =>
        channel.sender.send({
          id: randomUUID(),
          channel: 'whatsapp',
          recipient,
          body,
          kind: 'confirmation',
          inboundMessageId: null,
        }),
      ),
    );
    const mine = client.sent.filter((s) => s.chatId === toChatId(recipient));
    expect(mine).toHaveLength(3);
    expect(mine.map((s) => s.chatId)).toEqual(Array(3).fill(`${recipient.slice(1)}@c.us`));
    const times = mine.map((s) => s.at).sort((a, b) => a - b);
    // Slots are booked 300 ms apart; a send may trail its slot by a database round trip.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(240);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(240);
    // three sends and one retry: four slots
    expect(times[2]! - started).toBeGreaterThanOrEqual(880);
    expect(new Set(results.map((r) => r.externalId)).size).toBe(3);
  });

  it('records acks from the phone as the outbox row delivery status, never moving back', async () => {
    const sent = await channel.sender.send({
      id: randomUUID(),
      channel: 'whatsapp',
      recipient: '+919800000002',
      body: 'ack me',
      kind: 'status',
      inboundMessageId: null,
    });
    const row = await testDb.db
      .insertInto('outbox')
      .values({
        channel: 'whatsapp',
        recipient: '+919800000002',
        conversation_id: null,
        inbound_message_id: null,
        order_id: null,
        kind: 'status',
        body: 'ack me',
        idempotency_key: randomUUID(),
        status: 'sent',
        sent_at: new Date(),
        external_id: sent.externalId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ackMessage = { ...message({ from: 'x@c.us', fromMe: true, to: '919800000002@c.us' }) };
    ackMessage.id = { ...ackMessage.id, fromMe: true, _serialized: sent.externalId };
    current().emit('message_ack', ackMessage, 3);
    current().emit('message_ack', ackMessage, 2);
    const status = async () =>
      (
        await testDb.db
          .selectFrom('outbox')
          .select('delivery_status')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow()
      ).delivery_status;
    await waitFor(async () => (await status()) === 'read');
    await new Promise((r) => setTimeout(r, 100));
    expect(await status()).toBe('read');
  });
});

describe('a disconnect', () => {
  it('reconnects with a fresh client after a doubling backoff; sends wait until connected', async () => {
    const first = current();
    const countBefore = clients.length;
    const firstDisconnect = Date.now();
    first.emit('disconnected', 'NAVIGATION');
    expect(channel.state().state).toBe('disconnected');
    await expect(
      channel.sender.send({
        id: randomUUID(),
        channel: 'whatsapp',
        recipient: '+919800000003',
        body: 'while down',
        kind: 'status',
        inboundMessageId: null,
      }),
    ).rejects.toThrow(/not connected/);
    await waitFor(async () => clients.length === countBefore + 1, { what: 'a new client' });
    expect(first.destroyed).toBe(1);
    const second = current();
    expect(second.initialized).toBe(1);
    expect(clientCreatedAt[countBefore]! - firstDisconnect).toBeGreaterThanOrEqual(38);

    // The new client drops too before it is ready: the next delay doubles.
    const secondDisconnect = Date.now();
    second.emit('disconnected', 'CONFLICT');
    await waitFor(async () => clients.length === countBefore + 2, { what: 'a third client' });
    expect(clientCreatedAt[countBefore + 1]! - secondDisconnect).toBeGreaterThanOrEqual(78);
    expect(second.destroyed).toBe(1);

    // Events from a replaced client are ignored.
    second.emit('ready');
    expect(channel.state().state).not.toBe('connected');
    current().emit('ready');
    expect(channel.state().state).toBe('connected');
    await waitFor(
      async () => (await findChannelState(testDb.db, 'whatsapp_web'))?.state === 'connected',
    );
  });
});
