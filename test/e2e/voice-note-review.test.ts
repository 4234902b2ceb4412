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
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const DEALER_PHONE = '+919812349876';
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({
  db: testDb.db,
  workers: true,
  files: {
    limits: { document: 10 * 1024 * 1024, image: 10 * 1024 * 1024, audio: 16 * 1024 * 1024 },
    ocr: null,
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
});
