/**
 * A WhatsApp voice note in the console, in Chromium over the real app and pipeline: it waits in
 * review with an audio player the browser can load (the file is served only with the console
 * session, under the console's CSP); ops type what the dealer said, and the words are read as
 * the dealer's message: an order, and a reply on WhatsApp. Screenshot in test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../src/services/ingest-message.js';
import { launchChromium, signInToConsole } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { createElectricalDealer, seedElectricalCatalog, waitFor } from '../support/pipeline.js';
import { toneWav } from '../support/voice-note.js';
import { renderSlip } from '../support/slip-images.js';
import { tesseractOcr } from '../../src/files/ocr/tesseract-ocr.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const DEALER_PHONE = '+919812349876';
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({
  db: testDb.db,
  workers: true,
  files: {
    limits: { document: 10 * 1024 * 1024, image: 10 * 1024 * 1024, audio: 16 * 1024 * 1024 },
    ocr: tesseractOcr({
      command: process.env['TESSERACT_PATH'] ?? 'tesseract',
      languages: 'eng+hin',
    }),
    minConfidence: 80,
    transcriber: null,
    cloudMedia: null,
  },
}));
let browser: Browser | undefined;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  await createElectricalDealer(testDb.db, { phones: [DEALER_PHONE], autoConfirm: true });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function statusOf(id: string) {
  const m = await testDb.db
    .selectFrom('inbound_messages')
    .select(['status', 'id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return m.status;
}

describe('a voice note in review', () => {
  it('plays in the review page, and what ops type is read as the order', async () => {
    const voice = toneWav(1.5);
    // whatsapp-web hands the voice note's bytes over at intake; the app's workers read it
    const { messageId } = await ingestMessage(
      { db: testDb.db, jobs: app.jobs },
      {
        channel: 'whatsapp',
        externalId: `wweb-${randomUUID()}`,
        sender: DEALER_PHONE,
        text: '',
        attachments: [{ kind: 'voice', source: 'whatsapp-web' }],
        files: [
          {
            kind: 'voice',
            source: 'whatsapp-web',
            declaredType: 'audio/ogg; codecs=opus',
            content: voice,
          },
        ],
      },
    );
    await waitFor(async () => (await statusOf(messageId)) === 'needs_review', {
      what: 'the voice note in review',
    });
    const file = await testDb.db
      .selectFrom('inbound_files')
      .select('id')
      .where('inbound_message_id', '=', messageId)
      .executeTakeFirstOrThrow();

    // without the console session the file is not served
    const anonymous = await fetch(`${app.url}/console/files/${file.id}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/\/console\/login/);

    const ops = await makeUser(testDb.db, 'ops', 'voice.ops@example.test');
    const page = await signInToConsole(browser!, {
      url: app.url,
      email: ops.email,
      password: PASSWORD,
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(`${app.url}/console/review`);
    await page.getByRole('link', { name: 'Message without a draft' }).first().click();
    await page.waitForURL(new RegExp(`/console/review/messages/${messageId}`));
    await page.getByText('A voice note: listen to it').first().waitFor();

    const player = page.locator('audio');
    await expect(player.count()).resolves.toBe(1);
    expect(await player.getAttribute('src')).toBe(`/console/files/${file.id}`);
    expect(await player.getAttribute('controls')).not.toBeNull();
    // the browser loads it (served with the session, allowed by the CSP): 1.5 s of audio
    const duration = await player.evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          if (audio.readyState >= 1) resolve(audio.duration);
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
          audio.addEventListener('error', () => reject(new Error('the audio did not load')));
          audio.load();
        }),
    );
    expect(duration).toBeCloseTo(1.5, 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'voice-note-review.png'), fullPage: true });

    await page.getByLabel('What the dealer says').fill('2 box Voltra MCB 16A');
    await page.getByRole('button', { name: "Read this as the dealer's message" }).click();
    await page.waitForURL(/\/console\/review\?done=transcribed/);
    await page.getByText('Voice note typed in').waitFor();

    expect(await statusOf(messageId)).toBe('done');
    const typed = await waitFor(
      async () =>
        testDb.db
          .selectFrom('inbound_messages')
          .select(['id', 'status', 'text', 'sender', 'channel'])
          .where('external_id', 'like', '%#transcript-%')
          .where('status', 'in', ['done', 'needs_review'])
          .executeTakeFirst(),
      { what: 'the typed transcript read' },
    );
    expect(typed).toMatchObject({ sender: DEALER_PHONE, channel: 'whatsapp', status: 'done' });
    const order = await testDb.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('inbound_message_id', '=', typed.id)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('confirmed');
    const lines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty'])
      .where('order_id', '=', order.id)
      .execute();
    expect(lines).toEqual([{ sku: 'ELX-MCB-16', qty: 2 }]);
  });

  it('a photographed slip in review shows the photo with every word boxed beside its text', async () => {
    const photo = await renderSlip({
      lines: ['2 box Voltra MCB 16A', '5 box Lumex LED Bulb 9W', '4 box Modix Switch 6A'],
      noise: 'light',
      rotate: -2,
      handwritten: true,
      seed: 5,
    });
    const { messageId } = await ingestMessage(
      { db: testDb.db, jobs: app.jobs },
      {
        channel: 'whatsapp',
        externalId: `wweb-${randomUUID()}`,
        sender: DEALER_PHONE,
        text: 'order',
        attachments: [{ kind: 'image', source: 'whatsapp-web' }],
        files: [
          { kind: 'image', source: 'whatsapp-web', declaredType: 'image/jpeg', content: photo },
        ],
      },
    );
    await waitFor(async () => (await statusOf(messageId)) === 'needs_review', {
      what: 'the photo in review',
      timeoutMs: 60_000,
    });
    const order = await testDb.db
      .selectFrom('orders')
      .select('id')
      .where('inbound_message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    const ops = await makeUser(testDb.db, 'ops', 'photo.ops@example.test');
    const page = await signInToConsole(browser!, {
      url: app.url,
      email: ops.email,
      password: PASSWORD,
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(`${app.url}/console/review/orders/${order.id}`);
    const boxes = page.locator('svg rect');
    await expect.poll(() => boxes.count()).toBeGreaterThan(5);
    // each box names its word and how sure the OCR was
    expect(await boxes.first().locator('title').textContent()).toMatch(/: \d+%$/);
    const image = page.locator('svg image');
    expect(await image.count()).toBe(1);
    // misread words are not learned as the dealer's words unless ops choose to
    expect(await page.getByLabel("Don't remember").isChecked()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'photo-slip-review.png'), fullPage: true });
  }, 90_000);
});
