/**
 * The ops console in a real browser (Debian's Chromium, headless, through
 * playwright-core) over the real app, PostgreSQL, Redis and pipeline
 * workers with the demo data: sign in; review a low-confidence draft by
 * keyboard alone and see the order confirmed and the reply in the web chat;
 * finance releases a credit hold; a role without the right gets 403; a
 * cross-site form post is refused. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { loadTestDemoData } from '../support/demo-data.js';
import { useTestDatabase } from '../support/database.js';
import { TEST_API_TOKEN, request } from '../support/http-app.js';
import { waitFor } from '../support/pipeline.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db, workers: true, webchatPollMs: 300 }));

let browser: Browser | undefined;
let evil: Server | undefined;
const users: Record<'ops' | 'finance' | 'admin', string> = { ops: '', finance: '', admin: '' };

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
  users.ops = (await makeUser(testDb.db, 'ops', 'asha.ops@example.test')).email;
  users.finance = (await makeUser(testDb.db, 'finance', 'farid.finance@example.test')).email;
  users.admin = (await makeUser(testDb.db, 'admin', 'anil.admin@example.test')).email;
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${app.url}/console/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/console\/review/);
}

async function send(dealer: string, text: string): Promise<string> {
  const res = await request(app.url, 'POST', '/api/webchat/messages', { json: { dealer, text } });
  return (res.body as { message_id: string }).message_id;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });

describe('the ops console', () => {
  it('reviews a low-confidence draft by keyboard alone; the dealer sees the confirmation in the web chat', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/console/login`);
    await shot(page, 'login');
    // Keyboard only from here: the email field has focus.
    await page.keyboard.type(users.ops);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/review/);

    // A new draft appears without a reload (live polling).
    const id = await send('D101', '2 bucket dudhiya wala 20L');
    await page.locator('#queue-body a.open').first().waitFor({ timeout: 15_000 });
    await shot(page, 'review-queue');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/console/review/messages/${id}`));
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Start a draft'
      )
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/review\/orders\//);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'line_sku',
    );
    await page.keyboard.type('interior white 20');
    await expect.poll(() => page.locator('#product-options option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('VRN-EMI-WHT-20');
    await shot(page, 'review-detail');
    await page.setViewportSize({ width: 820, height: 1100 });
    await shot(page, 'review-detail-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/done=approved/);
    expect(await page.locator('.flash.ok').textContent()).toMatch(
      /approved: the order is now confirmed/,
    );
    expect(await page.locator('.flash.ok').textContent()).toContain(
      'Learned “bucket dudhiya wala”',
    );

    const chat = await context.newPage();
    await chat.goto(`${app.url}/chat`);
    await chat.getByLabel('API token', { exact: true }).fill(TEST_API_TOKEN);
    await chat.getByRole('button', { name: 'Continue' }).click();
    await chat.getByLabel('Dealer', { exact: true }).fill('D101');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect
      .poll(async () => (await chat.locator('#messages .msg.out').allTextContents()).join('\n'), {
        timeout: 20_000,
      })
      .toMatch(/confirmed/i);
    await chat.screenshot({ path: path.join(ARTIFACTS, 'console-webchat-reply.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('takes a phone transcript loaded from a .txt file and shows the reply to read back', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, users.ops);
    await page.getByRole('link', { name: 'Phone orders' }).click();
    await page.waitForURL(/\/console\/phone$/);
    await page.getByLabel('Dealer', { exact: true }).fill('D106');
    const transcript = 'Dealer: 4 bag putty 40kg please\nAgent: 4 bags of 40kg putty, noted.';
    await page.getByLabel('Or load a text file').setInputFiles({
      name: 'call-0930.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(transcript),
    });
    await expect
      .poll(() => page.getByLabel('Transcript', { exact: true }).inputValue())
      .toBe(transcript);
    await page.getByRole('button', { name: 'Send to the pipeline' }).click();
    await page.waitForURL(/done=phone/);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('details summary').first().textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('Reply to read back');
    await page.locator('details summary').first().click();
    expect(await page.locator('details .raw').first().textContent()).toMatch(/confirmed/i);
    await shot(page, 'phone-orders');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets finance approve a credit hold', async () => {
    const id = await send('D102', '3 bucket interior white 20L');
    await waitFor(
      async () => {
        const o = await testDb.db
          .selectFrom('orders')
          .select('status')
          .where('inbound_message_id', '=', id)
          .executeTakeFirst();
        return o?.status === 'held_credit';
      },
      { what: 'a credit hold' },
    );
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, users.finance);
    await page.getByRole('link', { name: /Approvals/ }).click();
    await page.waitForURL(/\/console\/approvals/);
    await shot(page, 'approvals');
    const row = page.locator('tr', { hasText: 'Patil Hardware Mart' }).first();
    await row.getByLabel(/Note for/).fill('Payment promised on Friday');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/done=credit_approve/);
    expect(await page.locator('.flash.ok').textContent()).toContain('confirmed');
    const order = await testDb.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('inbound_message_id', '=', id)
      .executeTakeFirstOrThrow();
    // Confirmed, and perhaps already sent to the demo's CSV export target.
    expect(['confirmed', 'exported']).toContain(order.status);
    await page.goto(`${app.url}/console/orders/${order.id}`);
    await shot(page, 'order-detail');
    await page.goto(`${app.url}/console/orders`);
    await shot(page, 'orders');
    await page.goto(`${app.url}/console/dealers/D101`);
    await shot(page, 'dealer');
    await context.close();
  }, 60_000);

  it('answers 403 to an approval by a user without the role', async () => {
    const id = await send('D102', '4 bucket interior white 20L');
    const order = await waitFor(
      async () => {
        const o = await testDb.db
          .selectFrom('orders')
          .select(['id', 'status'])
          .where('inbound_message_id', '=', id)
          .executeTakeFirst();
        return o?.status === 'held_credit' ? o : undefined;
      },
      { what: 'a credit hold' },
    );
    const context = await browser!.newContext();
    const page = await context.newPage();
    await signIn(page, users.ops);
    const status = await page.evaluate(async (orderId) => {
      const csrf = document.body.getAttribute('data-csrf') ?? '';
      const res = await fetch(`/console/approvals/credit/${orderId}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
        body: 'note=let+it+through',
      });
      return res.status;
    }, order.id);
    expect(status).toBe(403);
    await page.goto(`${app.url}/console/channels`);
    await shot(page, 'channels');
    await context.close();
  }, 60_000);

  it('refuses a cross-site form post (403) and changes nothing', async () => {
    const id = await send('D102', '5 bucket interior white 20L');
    const order = await waitFor(
      async () => {
        const o = await testDb.db
          .selectFrom('orders')
          .select(['id', 'status'])
          .where('inbound_message_id', '=', id)
          .executeTakeFirst();
        return o?.status === 'held_credit' ? o : undefined;
      },
      { what: 'a credit hold' },
    );
    // Another origin (same host, other port: same-site, so the Lax cookie IS sent — the CSRF checks must hold).
    evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form id="f" method="post" action="${app.url}/console/approvals/credit/${order.id}/approve">
        <input name="note" value="free goods"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil!.listen(0, '127.0.0.1', () => resolve()));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    const context = await browser!.newContext();
    const page = await context.newPage();
    await signIn(page, users.admin);
    const answered = page.waitForResponse((r) => r.url().includes('/console/approvals/credit/'));
    await page.goto(evilUrl);
    expect((await answered).status()).toBe(403);
    const row = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('held_credit');
    await context.close();
  }, 60_000);
});
