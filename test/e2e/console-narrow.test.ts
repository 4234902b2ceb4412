/**
 * The console at 800 px in Chromium: finance sees a credit hold's whole
 * decision form (the Reject button used to be cut off), may approve without
 * a note, and must give one to reject. Screenshot: console-approvals-800.png.
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

describe('the console at 800 px', () => {
  it('shows the whole credit-hold decision; approve needs no note, reject does', async () => {
    // D102 has ₹11,500 of credit left: 3 buckets of exterior white are held.
    const held = await Promise.all(
      [1, 2].map(() =>
        placePortalOrder(testDb.db, {
          dealerCode: 'D102',
          lines: [{ sku: 'VRN-EME-WHT-20', qty: 3 }],
          requestKey: randomUUID(),
          now: new Date(),
        }),
      ),
    );
    expect(held.map((o) => o.status)).toEqual(['held_credit', 'held_credit']);
    const finance = await makeUser(testDb.db, 'finance', 'narrow.finance@example.test');
    const page = await signInToConsole(browser!, {
      url: app.url,
      email: finance.email,
      password: PASSWORD,
      viewport: { width: 800, height: 900 },
    });
    await page.goto(`${app.url}/console/approvals`);
    const reject = page.getByRole('button', { name: 'Reject' }).first();
    const box = await reject.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(800);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'console-approvals-800.png'),
      fullPage: true,
    });

    // Reject without a note: refused, nothing changes.
    await reject.click();
    expect(await page.locator('body').innerText()).toContain('write a note to reject');
    // Approve without a note: done.
    await page.goto(`${app.url}/console/approvals`);
    await page.getByRole('button', { name: 'Approve' }).first().click();
    await page.waitForURL(/done=credit_approve/);
    const statuses = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where(
        'id',
        'in',
        held.map((o) => o.orderId),
      )
      .orderBy('order_no')
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['confirmed', 'held_credit']);
    await page.context().close();
  }, 60_000);
});
