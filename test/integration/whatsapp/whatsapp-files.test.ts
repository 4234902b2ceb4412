/**
 * Orders that arrive as files on the WhatsApp Cloud API, end to end on real PostgreSQL and Redis
 * with the real workers, Debian's Tesseract, and the local Graph stand-in serving the media: an
 * XLSX and a PDF order sheet become the right orders; a photographed typed slip (drawn here,
 * grained, rotated) becomes a draft with the right lines; a handwritten-style slip waits for a
 * person with its text; a voice note waits for a person (and, with a speech-to-text endpoint,
 * with a machine transcript); a 30 MB file and an executable renamed .xlsx are refused with a
 * clear reply, nothing lost.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSenders } from '../../../src/channels/channel-sender.js';
import { pgSendPacer } from '../../../src/channels/send-pacer.js';
import { downloadCloudMedia } from '../../../src/channels/whatsapp-cloud/download-cloud-media.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/verify-signature.js';
import { createWhatsappCloudSender } from '../../../src/channels/whatsapp-cloud/whatsapp-cloud-sender.js';
import { whatsappCloudWebhookRouter } from '../../../src/channels/whatsapp-cloud/whatsapp-cloud.routes.js';
import { tesseractOcr } from '../../../src/files/ocr/tesseract-ocr.js';
import { openAiTranscriber } from '../../../src/files/speech/openai-transcriber.js';
import { postgresCheck } from '../../../src/http/health/health-checks.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import type { FileReaders } from '../../../src/services/files/read-inbound-files.js';
import { useTestDatabase } from '../../support/database.js';
import { listenOnEphemeralPort, request, TEST_API_TOKEN } from '../../support/http-app.js';
import {
  closeAfterAll,
  createElectricalDealer,
  seedElectricalCatalog,
  silentLog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';
import { renderSlip } from '../../support/slip-images.js';
import { toneWav } from '../../support/voice-note.js';
import { buildPdf } from '../email/email-support.js';
import { startFakeGraph, type FakeGraph } from './fake-graph-server.js';

const APP_SECRET = 'app-secret-for-files';
const PHONE_NUMBER_ID = '106540352249999';
const DEALER_PHONE = '919812340001';
const MB = 1024 * 1024;

const testDb = useTestDatabase();
const track = closeAfterAll();
let graph: FakeGraph;
let pipeline: Pipeline;
let speech: Pipeline;
let server: Server;
let baseUrl: string;
let speechServer: Server;
let speechUrl: string;
let sttServer: Server;
const spoken: string[] = [];

function readers(overrides: Partial<FileReaders> = {}): FileReaders {
  return {
    limits: { document: 10 * MB, image: 10 * MB, audio: 16 * MB },
    ocr: tesseractOcr({
      command: process.env['TESSERACT_PATH'] ?? 'tesseract',
      languages: process.env['ORDERDESK_OCR_LANGUAGES'] ?? 'eng+hin',
    }),
    minConfidence: 80,
    transcriber: null,
    cloudMedia: (mediaId, maxBytes) =>
      downloadCloudMedia(
        { accessToken: graph.accessToken, graphUrl: graph.url, apiVersion: 'v21.0' },
        mediaId,
        maxBytes,
      ),
    ...overrides,
  };
}

async function webhookServer(p: Pipeline) {
  const { server: s, url } = await listenOnEphemeralPort({
    db: testDb.db,
    config: { apiToken: TEST_API_TOKEN },
    logger: silentLog,
    ingest: (input) => ingestMessage({ db: testDb.db, jobs: p.jobs }, input),
    health: { postgres: postgresCheck(testDb.db), redis: () => Promise.resolve('ok' as const) },
    webhooks: [
      whatsappCloudWebhookRouter({
        db: testDb.db,
        ingest: (input) => ingestMessage({ db: testDb.db, jobs: p.jobs }, input),
        config: { verifyToken: 'v', appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID },
        logger: silentLog,
      }),
    ],
  });
  return { s, url };
}

beforeAll(async () => {
  graph = await startFakeGraph();
  await seedElectricalCatalog(testDb.db);
  await createElectricalDealer(testDb.db, { phones: [`+${DEALER_PHONE}`], autoConfirm: true });
  const sender = createWhatsappCloudSender({
    db: testDb.db,
    config: {
      accessToken: graph.accessToken,
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: graph.url,
      apiVersion: 'v21.0',
      templateName: null,
      templateLanguage: 'en',
      sendGapMs: 0,
    },
    pacer: pgSendPacer({ db: testDb.db }),
    log: silentLog,
  });
  const senders = { ...localSenders(), whatsapp: sender };
  pipeline = track(startPipeline(testDb.db, { senders, files: readers() }));
  ({ s: server, url: baseUrl } = await webhookServer(pipeline));

  // An OpenAI-compatible speech-to-text stand-in: answers every transcription with `spoken`.
  sttServer = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const ok = req.method === 'POST' && req.url === '/v1/audio/transcriptions';
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { text: spoken.shift() ?? '' } : { error: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => sttServer.listen(0, '127.0.0.1', resolve));
  const speechServerBase = `http://127.0.0.1:${(sttServer.address() as AddressInfo).port}/v1`;
  speech = track(
    startPipeline(testDb.db, {
      senders,
      files: readers({
        transcriber: openAiTranscriber({
          baseUrl: speechServerBase,
          apiKey: null,
          model: 'whisper-test',
        }),
      }),
    }),
  );
  ({ s: speechServer, url: speechUrl } = await webhookServer(speech));
});

afterAll(async () => {
  for (const s of [server, speechServer, sttServer]) {
    await new Promise<void>((resolve) => {
      s?.close(() => resolve());
      s?.closeAllConnections();
    });
  }
  await graph?.close();
});

type Media = 'document' | 'image' | 'audio';

/** Puts `content` on the Graph stand-in and posts a signed webhook with the message; returns its wamid. */
async function sendFile(
  type: Media,
  content: Buffer,
  part: { mime_type: string; filename?: string; caption?: string; voice?: boolean },
  options: { url?: string; fileSize?: number } = {},
): Promise<string> {
  const mediaId = `media-${randomUUID()}`;
  graph.media.set(mediaId, {
    content,
    mimeType: part.mime_type,
    ...(options.fileSize === undefined ? {} : { fileSize: options.fileSize }),
  });
  const wamid = `wamid.${randomUUID()}`;
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: PHONE_NUMBER_ID },
              messages: [
                {
                  from: DEALER_PHONE,
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type,
                  [type]: { id: mediaId, ...part },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const raw = JSON.stringify(payload);
  const res = await request(options.url ?? baseUrl, 'POST', '/webhooks/whatsapp', {
    token: null,
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(APP_SECRET, raw),
    },
  });
  expect(res.status).toBe(200);
  return wamid;
}

async function settled(wamid: string) {
  return waitFor(
    async () => {
      const m = await testDb.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('external_id', '=', wamid)
        .executeTakeFirst();
      return m && ['done', 'needs_review', 'failed'].includes(m.status) ? m : undefined;
    },
    { timeoutMs: 60_000, what: `message ${wamid} settled` },
  );
}

async function orderOf(messageId: string) {
  const order = await testDb.db
    .selectFrom('orders')
    .selectAll()
    .where('inbound_message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  const lines = await testDb.db
    .selectFrom('order_lines')
    .select(['sku', 'qty'])
    .where('order_id', '=', order.id)
    .where('free', '=', false)
    .orderBy('sku')
    .execute();
  return { order, lines: lines.map((l) => [l.sku, l.qty]) };
}

async function filesOf(messageId: string) {
  return testDb.db
    .selectFrom('inbound_files')
    .selectAll()
    .where('inbound_message_id', '=', messageId)
    .orderBy('position')
    .execute();
}

async function replyTo(messageId: string) {
  return waitFor(
    async () =>
      testDb.db
        .selectFrom('outbox')
        .select(['body', 'kind', 'status'])
        .where('inbound_message_id', '=', messageId)
        .executeTakeFirst(),
    { what: 'the reply' },
  );
}

describe('order sheets on WhatsApp', () => {
  it('an XLSX order sheet becomes the right order, downloaded through Graph with the token', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Order');
    ws.addRow(['Sharma Electricals — order']);
    ws.addRow(['Sr No', 'Item Code', 'Item Description', 'Qty', 'Rate']);
    ws.addRow([1, 'ELX-MCB-16', 'Voltra MCB 16A Single Pole', 2, 1380]);
    ws.addRow([2, 'ELX-WIR-25', 'Copperline FR Wire 2.5 sqmm 90m', 3, 2750]);
    ws.addRow(['', '', 'Total', 5, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const wamid = await sendFile('document', xlsx, {
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: 'order.xlsx',
      caption: 'PFA',
    });
    const m = await settled(wamid);
    expect(m.text.startsWith('Order sheet attached:\n')).toBe(true);
    const { order, lines } = await orderOf(m.id);
    expect(lines).toEqual([
      ['ELX-MCB-16', 2],
      ['ELX-WIR-25', 3],
    ]);
    expect(order.status).toBe('confirmed');
    const [file] = await filesOf(m.id);
    expect(file).toMatchObject({
      status: 'read',
      sniffed_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size_bytes: BigInt(xlsx.length),
    });
    expect(file!.content?.equals(xlsx)).toBe(true);
    // the lookup and the download both carried the bearer token
    const mediaCalls = graph.requests.filter((r) => r.method === 'GET');
    expect(mediaCalls.some((r) => /^\/v21\.0\/media-/.test(r.path))).toBe(true);
    expect(mediaCalls.some((r) => r.path.startsWith('/media-files/'))).toBe(true);
    expect(mediaCalls.every((r) => r.headers.authorization === `Bearer ${graph.accessToken}`)).toBe(
      true,
    );
  });

  it('a PDF order sheet with a text layer becomes the right order', async () => {
    const pdf = buildPdf([
      { x: 50, y: 700, text: 'Qty' },
      { x: 120, y: 700, text: 'Product' },
      { x: 50, y: 680, text: '4' },
      { x: 120, y: 680, text: 'Modix Switch 6A' },
      { x: 50, y: 660, text: '6' },
      { x: 120, y: 660, text: 'Lumex LED Bulb 12W' },
    ]);
    const wamid = await sendFile('document', pdf, {
      mime_type: 'application/pdf',
      filename: 'po.pdf',
    });
    const m = await settled(wamid);
    const { order, lines } = await orderOf(m.id);
    expect(lines).toEqual([
      ['ELX-LED-12', 6],
      ['ELX-SWT-06', 4],
    ]);
    expect(order.status).toBe('confirmed');
  });
});

describe('photos of order slips', () => {
  it('a photographed typed slip (grain, shading, a 3° turn) becomes a draft with the right lines', async () => {
    const photo = await renderSlip({
      lines: [
        '2 box Voltra MCB 16A',
        '5 box Lumex LED Bulb 9W',
        '3 coil Copperline FR Wire 1.5 sqmm',
      ],
      noise: 'medium',
      rotate: 3,
      seed: 11,
    });
    const wamid = await sendFile('image', photo, { mime_type: 'image/jpeg' });
    const m = await settled(wamid);
    const { lines } = await orderOf(m.id);
    expect(lines).toEqual([
      ['ELX-LED-09', 5],
      ['ELX-MCB-16', 2],
      ['ELX-WIR-15', 3],
    ]);
    const [file] = await filesOf(m.id);
    expect(file?.status).toBe('read');
    expect(file?.reading).toMatchObject({
      type: 'ocr',
      text: expect.stringMatching(/Voltra MCB 16A/),
    });
    // straight through only if the policy signs it off and the OCR was sure of every word used
    const unsure = (m.attachments as { unsure_words?: string[] }[])[0]?.unsure_words ?? [];
    expect(m.status).toBe(unsure.length > 0 ? 'needs_review' : 'done');
  });

  it('a clear photo of a typed slip, every word read with confidence, goes straight through', async () => {
    const photo = await renderSlip({
      lines: ['2 box Voltra MCB 16A', '4 box Modix Switch 6A'],
      noise: 'light',
      rotate: 1,
      seed: 3,
    });
    const wamid = await sendFile('image', photo, { mime_type: 'image/jpeg' });
    const m = await settled(wamid);
    expect((m.attachments as { unsure_words?: string[] }[])[0]?.unsure_words).toEqual([]);
    const { order, lines } = await orderOf(m.id);
    expect(lines).toEqual([
      ['ELX-MCB-16', 2],
      ['ELX-SWT-06', 4],
    ]);
    expect(order.status).toBe('confirmed');
  });

  it('a handwritten-style slip waits for a person, with the text the OCR read', async () => {
    const photo = await renderSlip({
      lines: ['2 box Voltra MCB 16A', '5 box Lumex LED Bulb 9W', '4 box Modix Switch 6A'],
      noise: 'light',
      rotate: -2,
      handwritten: true,
      seed: 5,
    });
    const wamid = await sendFile('image', photo, { mime_type: 'image/jpeg', caption: 'order' });
    const m = await settled(wamid);
    expect(m.status).toBe('needs_review');
    const [file] = await filesOf(m.id);
    const reading = file?.reading as {
      type: string;
      text: string;
      words: { confidence: number }[];
    };
    expect(reading.type).toBe('ocr');
    expect(reading.text.length).toBeGreaterThan(20);
    // the recognised text is what the parser read, beside the caption
    expect(m.text).toContain(reading.text.split('\n')[0]!);
    const { order } = await orderOf(m.id);
    expect(order.status).toBe('needs_review');
    expect(order.review_reasons).toContainEqual(
      expect.objectContaining({ code: 'low_ocr_confidence' }),
    );
    expect((await replyTo(m.id)).kind).toBe('received_checking');
  });
});

describe('voice notes', () => {
  it('without speech-to-text, a voice note waits for a person and the dealer is told', async () => {
    const voice = toneWav(1);
    const wamid = await sendFile('audio', voice, {
      mime_type: 'audio/ogg; codecs=opus',
      voice: true,
    });
    const m = await settled(wamid);
    expect(m.status).toBe('needs_review');
    expect(m.review_hold).toMatch(/voice note/);
    const [file] = await filesOf(m.id);
    expect(file).toMatchObject({ kind: 'voice', status: 'read', sniffed_type: 'audio/wav' });
    expect(file!.content?.equals(voice)).toBe(true);
    const reply = await replyTo(m.id);
    expect(reply.kind).toBe('file_for_team');
    expect(reply.body).toMatch(/voice note/);
  });

  it('with a speech-to-text endpoint, the transcript is drafted and the order still waits for review', async () => {
    spoken.push('2 box Voltra MCB 16A');
    const wamid = await sendFile(
      'audio',
      toneWav(1),
      { mime_type: 'audio/ogg; codecs=opus', voice: true },
      { url: speechUrl },
    );
    const m = await settled(wamid);
    expect(m.status).toBe('needs_review');
    expect(m.text).toBe('2 box Voltra MCB 16A');
    expect(m.review_hold).toMatch(/speech-to-text model \(whisper-test\)/);
    const { order, lines } = await orderOf(m.id);
    expect(order.status).toBe('needs_review');
    expect(lines).toEqual([['ELX-MCB-16', 2]]);
  });
});

describe('refused files', () => {
  it('a 30 MB file is refused with a clear reply before it is downloaded', async () => {
    const before = graph.requests.filter((r) => r.path.startsWith('/media-files/')).length;
    const wamid = await sendFile(
      'document',
      Buffer.from('SKU,Qty\n'),
      { mime_type: 'application/pdf', filename: 'big-order.pdf' },
      { fileSize: 30 * MB },
    );
    const m = await settled(wamid);
    expect(m.status).toBe('needs_review');
    const [file] = await filesOf(m.id);
    expect(file).toMatchObject({ status: 'refused', refusal: 'too_large', content: null });
    expect(graph.requests.filter((r) => r.path.startsWith('/media-files/')).length).toBe(before);
    const reply = await replyTo(m.id);
    expect(reply.kind).toBe('file_refused');
    expect(reply.body).toContain('30.0 MB');
    expect(reply.body).toContain('10.0 MB');
  });

  it('an executable renamed .xlsx is refused as not what it claims, and kept for the record', async () => {
    const exe = Buffer.alloc(4096);
    exe.write('MZ', 0);
    exe.writeUInt32LE(128, 60);
    exe.write('PE\0\0', 128);
    const wamid = await sendFile('document', exe, {
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: 'order.xlsx',
      caption: 'order attached',
    });
    const m = await settled(wamid);
    expect(m.status).toBe('needs_review');
    expect(m.error).toMatch(/type mismatch/);
    const [file] = await filesOf(m.id);
    expect(file).toMatchObject({
      status: 'refused',
      refusal: 'type_mismatch',
      sniffed_type: 'application/x-msdownload',
    });
    expect(file!.content?.equals(exe)).toBe(true);
    const reply = await replyTo(m.id);
    expect(reply.kind).toBe('file_refused');
    expect(reply.body).toMatch(/not the kind of file its name says/);
    expect(await orderOrNull(m.id)).toBeNull();
  });
});

async function orderOrNull(messageId: string) {
  return (
    (await testDb.db
      .selectFrom('orders')
      .select('id')
      .where('inbound_message_id', '=', messageId)
      .executeTakeFirst()) ?? null
  );
}
