/**
 * The queue dashboard (bull-board) inside the console, in Chromium: it loads
 * under the console's Content-Security-Policy, survives a reload, shows the
 * pipeline's queues with their jobs, and links back to the console.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db }));
let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the queue dashboard', () => {
  it('loads under the CSP, survives a reload and lists the queues', async () => {
    const admin = await makeUser(testDb.db, 'admin', 'queues.admin@example.test');
    await app.jobs.enqueue('parse', [{ messageId: '00000000-0000-4000-8000-000000000001' }]);
    const context = await browser!.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // bull-board links a web font from Google; our CSP keeps the page to our own origin.
      if (m.type() === 'error' && !m.text().includes('fonts.googleapis.com'))
        problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/review/);
    await page.goto(`${app.url}/console/queues`);
    await page.reload();
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
      .toContain('validate');
    await page.getByText('parse', { exact: true }).first().click();
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 15_000 })
      .not.toContain('Loading');
    // the job we queued is there (the dashboard used to show "0 Jobs")
    expect(await page.locator('main').innerText()).toContain(
      '00000000-0000-4000-8000-000000000001',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-queues.png') });
    expect(problems).toEqual([]);
    // The link back to the console sits in the board's menu (top right).
    await page.locator('header button').last().click();
    await page.getByText('← Back to the console').click();
    await page.waitForURL(/\/console\/review/);
    await context.close();
  }, 60_000);
});
