/**
 * The review queue for a team, in Chromium over the real app and pipeline
 * with the demo data: two ops users see each other's claims; a filter and
 * search narrow the list; waiting items turn amber and red; spam is
 * rejected in bulk with one reply; the CSV download has the rows shown and
 * opens in a spreadsheet library (exceljs reads it). Screenshots at 1366
 * and 800 px in test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachDealer } from '../../src/services/attach-dealer.js';
import { launchChromium, signInToConsole } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { loadTestDemoData } from '../support/demo-data.js';
import { request } from '../support/http-app.js';
import { waitFor } from '../support/pipeline.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({
  db: testDb.db,
  workers: true,
  console: { reviewSla: { warn: 15, late: 60 } },
}));
let browser: Browser | undefined;

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function send(dealer: string, text: string): Promise<string> {
  const res = await request(app.url, 'POST', '/api/webchat/messages', { json: { dealer, text } });
  return (res.body as { message_id: string }).message_id;
}

const signIn = (email: string, width: number): Promise<Page> =>
  signInToConsole(browser!, {
    url: app.url,
    email,
    password: PASSWORD,
    viewport: { width, height: 900 },
  });

describe('the review queue for a team', () => {
  it('shares claims, filters, colours by age, rejects in bulk and downloads a CSV', async () => {
    const ids = [
      await send('D101', '2 bucket dudhiya wala 20L'),
      await send('D105', '3 peti kuch bhi bhej do jo sasta ho'),
      await send('D106', 'CONGRATULATIONS you won a lottery, click here'),
      await send('D106', 'FREE RECHARGE offer click the link now'),
    ];
    await waitFor(
      async () => {
        const rows = await testDb.db
          .selectFrom('inbound_messages')
          .select('status')
          .where('id', 'in', ids)
          .execute();
        return rows.length === 4 && rows.every((r) => r.status === 'needs_review');
      },
      { what: 'four items in review' },
    );
    // the first waits since 70 minutes: red
    await testDb.db
      .updateTable('inbound_messages')
      .set({ received_at: new Date(Date.now() - 70 * 60_000) })
      .where('id', '=', ids[0]!)
      .execute();

    const asha = await makeUser(testDb.db, 'ops', 'asha.team@example.test');
    const ravi = await makeUser(testDb.db, 'ops', 'ravi.team@example.test');
    const pageA = await signIn(asha.email, 1366);
    const pageR = await signIn(ravi.email, 800);

    // Asha takes the first item; Ravi sees it taken (live, without a reload).
    await pageA
      .locator('#queue-body tr')
      .first()
      .getByRole('button', { name: "I'm on this" })
      .click();
    await pageA.waitForURL(/\/console\/review/);
    expect(await pageA.locator('#queue-body tr').first().textContent()).toContain(
      'You are on this',
    );
    await expect
      .poll(() => pageR.locator('#queue-body tr').first().textContent(), { timeout: 10_000 })
      .toContain(`${asha.name} is on this`);
    expect(await pageA.locator('#queue-body tr').first().locator('td.sla-late').count()).toBe(1);
    await pageA.screenshot({
      path: path.join(ARTIFACTS, 'console-queue-1366.png'),
      fullPage: true,
    });
    await pageR.screenshot({ path: path.join(ARTIFACTS, 'console-queue-800.png'), fullPage: true });

    // Search narrows to the two spam messages.
    await pageR.getByLabel('Search').fill('click');
    await pageR.getByRole('button', { name: 'Filter' }).click();
    await pageR.waitForURL(/q=click/);
    expect(await pageR.locator('#queue-body tr').count()).toBe(2);

    // CSV of what the filter shows, read back by a spreadsheet library.
    const [download] = await Promise.all([
      pageR.waitForEvent('download'),
      pageR.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csvPath = (await download.path())!;
    expect(readFileSync(csvPath, 'utf8').split('\r\n')[0]).toBe(
      'kind,draft,dealer,dealer_name,channel,sender,received_at,waiting_min,reason,claimed_by,message',
    );
    const book = new ExcelJS.Workbook();
    const sheet = await book.csv.readFile(csvPath);
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(2).getCell(3).value)).toBe('D106');

    // Both selected, rejected with one reply.
    for (const box of await pageR.locator('#queue-body input[name=key]').all()) await box.check();
    await pageR.getByLabel(/Reply to the selected/).fill('This number is not on our dealer list.');
    await pageR.getByRole('button', { name: 'Reject selected' }).click();
    await pageR.waitForURL(/done=bulk_rejected/);
    expect(await pageR.locator('.flash').first().textContent()).toContain('2 rejected');
    const left = await testDb.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', 'in', ids.slice(2))
      .execute();
    expect(left.map((m) => m.status)).toEqual(['done', 'done']);
    await pageA.context().close();
    await pageR.context().close();
  }, 90_000);

  it("in the editor shows each line's unit and what it holds, and a blank product blocks approval", async () => {
    const id = await send('D104', '5 enamel kala wala\n2 bucket doodh jaisa 20L');
    await waitFor(
      async () =>
        (
          await testDb.db
            .selectFrom('inbound_messages')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status === 'needs_review',
      { what: 'review' },
    );
    const { orderIds } = await attachDealer(
      { db: testDb.db },
      { messageId: id, dealerCode: 'D104', linkSender: false, actor: 'test' },
    );
    const ops = await makeUser(testDb.db, 'ops', 'editor.ops@example.test');
    const page = await signIn(ops.email, 1366);
    await page.goto(`${app.url}/console/review/orders/${orderIds[0]}`);
    await page
      .getByLabel('Product for line 1')
      .fill('VRN-ENM-BLK-01 — Varnika Gloss Enamel Black 1L');
    await page.getByLabel('Quantity for line 1').fill('5');
    await page.getByLabel('Product for line 2').fill('');
    await page.getByLabel('Quantity for line 2').fill('2');
    await page.getByRole('button', { name: /Approve and send/ }).click();
    const alert = page.getByRole('alert').first();
    expect(await alert.textContent()).toContain('Line 2 has no product');
    // the form came back as sent, with the enamel line's unit and what 5 cartons hold
    expect(await page.getByLabel('Quantity for line 2').inputValue()).toBe('2');
    expect(await page.locator('[data-unit-hint]').first().textContent()).toContain(
      '5 carton = 60 tin',
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, 'console-editor-blank-line.png'),
      fullPage: true,
    });
    const order = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderIds[0]!)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('needs_review');
    await page.context().close();
  }, 60_000);
});
