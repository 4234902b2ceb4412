/**
 * The web chat page in a real browser (Debian's Chromium, headless, through
 * playwright-core): enter the token, pick a dealer, send an order, and see
 * the bot's reply appear, with the whole pipeline running (real PostgreSQL,
 * Redis, BullMQ workers) behind the real app. Screenshots at desktop and
 * phone width go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { loadTestDemoData } from '../support/demo-data.js';
import { startWorkers } from '../../workers/index.js';
import { useTestDatabase } from '../support/database.js';
import { TEST_API_TOKEN, TEST_REDIS_URL, useTestApp } from '../support/http-app.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db, webchatPollMs: 300 }));

let workers: { close(): Promise<void> } | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  await loadTestDemoData(testDb.db, testDb.url);
  workers = startWorkers({
    db: testDb.db,
    redisUrl: TEST_REDIS_URL,
    prefix: app.prefix,
    jobs: app.jobs,
    log: logger,
    sweepIntervalMs: 0,
  });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await workers?.close();
});

describe('the web chat page', () => {
  it('takes the token, a dealer and an order, and shows the bot reply', async () => {
    const context = await browser!.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}/chat`);

    await page.getByLabel('API token', { exact: true }).fill(TEST_API_TOKEN);
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByLabel('Dealer', { exact: true }).fill('D101');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-dealer.png') });
    await page.getByRole('button', { name: 'Start chat' }).click();
    await expect.poll(() => page.locator('#subtitle').textContent()).toContain('D101');

    await page.getByLabel('Message', { exact: true }).fill('2 bucket interior white 20L');
    await page.getByLabel('Message', { exact: true }).press('Enter');

    const reply = page.locator('#messages .msg.out').first();
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.textContent()).toMatch(/confirmed/i);
    expect(await reply.textContent()).toContain('Interior Emulsion Brilliant White 20L');
    const mine = page.locator('#messages .msg.in:not(.pending)');
    expect(await mine.first().textContent()).toContain('2 bucket interior white 20L');
    // the credit line refreshes after the reply
    await expect.poll(() => page.locator('#credit').textContent()).toContain('Credit available');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-desktop.png') });

    await page.setViewportSize({ width: 390, height: 760 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-phone.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('asks for the token again when the one entered is refused', async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 760 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/chat`);
    await page.getByLabel('API token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#token-error').textContent()).toContain('not accepted');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-token.png') });
    await context.close();
  }, 30_000);
});
