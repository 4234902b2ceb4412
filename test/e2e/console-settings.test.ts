/**
 * Admin without SQL, in Chromium over the real app with the demo data: an
 * admin makes an API token (shown once; it works on the API, and stops when
 * revoked), adds a sales manager with a discount authority, sets a dealer to
 * the block policy on the dealer page — and that dealer's next order over the
 * limit is blocked. Screenshots at 1366 and 800 px in test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placePortalOrder } from '../../src/services/portal/portal-order.js';
import { launchChromium, signInToConsole } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { loadTestDemoData } from '../support/demo-data.js';
import { request } from '../support/http-app.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db }));
let browser: Browser | undefined;

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('console settings', () => {
  it('makes a token and a sales manager, and a dealer set to block gets its next order blocked', async () => {
    const admin = await makeUser(testDb.db, 'admin', 'settings.admin@example.test');
    const page = await signInToConsole(browser!, {
      url: app.url,
      email: admin.email,
      password: PASSWORD,
      viewport: { width: 1366, height: 900 },
    });
    await page.getByRole('link', { name: 'Settings' }).click();

    // An API token for the ERP connector, shown once.
    await page.getByLabel('Token name').fill('tally-bridge');
    await page.getByLabel('Role', { exact: true }).last().selectOption('integration');
    await page.getByRole('button', { name: 'Make token' }).click();
    const token = (await page.locator('[data-new-token]').textContent())!.trim();
    expect(token).toMatch(/^[\w-]{43}$/);
    const works = await request(app.url, 'GET', '/api/orders', { token });
    expect(works.status).toBe(200);

    // A sales manager who may approve discounts up to 5%.
    await page.getByLabel('Email', { exact: true }).fill('meera.sales@example.test');
    await page.getByLabel('Name', { exact: true }).fill('Meera');
    await page.locator('#nu-role').selectOption('sales_manager');
    await page.getByLabel(/^Password/).fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(/done=user_added/);
    const row = page.locator('tr', { hasText: 'meera.sales@example.test' });
    await row.getByLabel('May approve discounts up to (%)').fill('5');
    await row.getByRole('button', { name: 'Save' }).last().click();
    await page.waitForURL(/done=authority/);
    const authority = await testDb.db
      .selectFrom('discount_authorities')
      .select('max_discount_bp')
      .where('principal', '=', 'user:meera.sales@example.test')
      .executeTakeFirstOrThrow();
    expect(authority.max_discount_bp).toBe(500);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'console-settings-1366.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({
      path: path.join(ARTIFACTS, 'console-settings-800.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1366, height: 900 });

    // Revoked: the token stops at once.
    await page
      .locator('tr', { hasText: 'tally-bridge' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.waitForURL(/done=revoked/);
    expect((await request(app.url, 'GET', '/api/orders', { token })).status).toBe(401);

    // D105 has no limit; D106 has ₹55,000 available: set block, then an order over it.
    await page.goto(`${app.url}/console/dealers/D106`);
    await page.getByLabel('Over the limit or overdue').selectOption('block');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/done=settings/);
    expect(await page.locator('.flash').first().textContent()).toContain('credit policy');
    const order = await placePortalOrder(testDb.db, {
      dealerCode: 'D106',
      lines: [{ sku: 'VRN-EME-WHT-20', qty: 10 }],
      requestKey: randomUUID(),
      now: new Date(),
    });
    expect(order.status).toBe('blocked');
    await page.context().close();
  }, 90_000);
});
