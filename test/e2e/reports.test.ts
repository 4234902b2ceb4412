/**
 * The reports in Chromium over the real app, on a generated two-year history:
 * a manager opens each report, changes a filter (the URL carries it), clicks
 * a chart bar and lands on the orders behind it, and downloads the CSV and
 * XLSX, whose figures match the page's. Ops may not see reports. Screenshots
 * in test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indiaDate } from '../../src/domain/india-date.js';
import { launchChromium, signInToConsole } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { generateHistory, generateMessages } from '../support/report-history.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const testDb = useTestDatabase();
const app = useConsoleApp(() => ({ db: testDb.db }));
let browser: Browser | undefined;
let page: Page;
const cspErrors: string[] = [];

beforeAll(async () => {
  await generateHistory(testDb.db, {
    seed: 'rpt',
    dealers: 60,
    regions: 5,
    products: 45,
    orders: 9000,
    maxLines: 5,
    days: 730,
    today: indiaDate(new Date()),
  });
  await generateMessages(testDb.db, 'rpt', 30);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const manager = await makeUser(testDb.db, 'manager', 'reports.manager@example.test');
  page = await signInToConsole(browser, {
    url: app.url,
    email: manager.email,
    password: PASSWORD,
    viewport: { width: 1366, height: 900 },
  });
  page.on('console', (m) => {
    if (m.type() === 'error') cspErrors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Net value of counted orders, computed here from the orders themselves. */
async function valueOf(where: string): Promise<bigint> {
  const { rows } = await sql
    .raw<{ v: string | null }>(
      `SELECT sum(o.subtotal_minor)::text AS v FROM orders o JOIN dealers d ON d.code = o.dealer_code
        WHERE o.status IN ('confirmed', 'exported', 'invoiced', 'dispatched', 'delivered') AND ${where}`,
    )
    .execute(testDb.db);
  return BigInt(rows[0]?.v ?? '0');
}

const rupees = (minor: bigint): string =>
  `₹${(Number(minor) / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('reports', () => {
  it('volume: filter by region, compare, drill down from a bar, download CSV and XLSX', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/console\/reports\/volume/);
    await expect.poll(() => page.locator('#volume-chart[data-drawn]').count()).toBe(1);

    // region × month over the last financial year, compared with the year before
    await page.getByRole('link', { name: /^Last year/ }).click();
    await page.waitForURL(/from=/);
    await page.getByLabel('Group by').selectOption('month');
    await page.getByLabel('Then by').selectOption('region');
    await page.getByLabel('Compare with').selectOption('last_year');
    await page.locator('select[name=region]').selectOption('West');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/region=West/);
    const url = new URL(page.url());
    expect(url.searchParams.get('by')).toBe('month');
    expect(url.searchParams.get('compare')).toBe('last_year');
    const from = url.searchParams.get('from')!;
    const to = url.searchParams.get('to')!;
    const want = await valueOf(
      `d.region = 'West' AND (o.confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '${from}' AND '${to}'`,
    );
    await expect.poll(() => page.locator('.stat').first().textContent()).toContain(rupees(want));
    await expect.poll(() => page.locator('#volume-chart[data-drawn]').count()).toBe(1);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'reports-volume-1366.png'),
      fullPage: true,
    });

    // the shared link opens the same view
    const again = await page.context().newPage();
    await again.goto(page.url());
    expect(await again.locator('.stat').first().textContent()).toContain(rupees(want));
    await again.close();

    // a bar of the chart opens the orders behind it
    await page.goto(`${app.url}/console/reports/volume?by=region&from=${from}&to=${to}`);
    await expect.poll(() => page.locator('#volume-chart[data-drawn]').count()).toBe(1);
    const box = (await page.locator('#volume-chart').boundingBox())!;
    // horizontal bars, largest first: the first bar is near the top-left of the plot
    let opened = false;
    for (let y = box.y + 20; y < box.y + box.height / 2 && !opened; y += 8) {
      await page.mouse.click(box.x + box.width * 0.3, y);
      opened = await page
        .waitForURL(/\/console\/reports\/orders/, { timeout: 800 })
        .then(() => true)
        .catch(() => false);
    }
    expect(opened).toBe(true);
    const drill = new URL(page.url());
    const region = drill.searchParams.get('region')!;
    const drillWant = await valueOf(
      `coalesce(d.region, '') = '${region}' AND (o.confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '${from}' AND '${to}'`,
    );
    await expect
      .poll(() => page.locator('.stat').nth(1).textContent())
      .toContain(rupees(drillWant));
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(10);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'reports-drill-down-1366.png'),
      fullPage: true,
    });

    // downloads
    await page.goto(`${app.url}/console/reports/volume?by=region&from=${from}&to=${to}`);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csvBytes = readFileSync((await csv.path())!);
    // a byte-order mark, so Excel opens the UTF-8 (₹, Devanagari names) as UTF-8
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvBytes.subarray(3).toString('utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe('Key,Region,Orders,Quantity,Value');
    const sum = lines
      .slice(1)
      .map((l) => l.split(',').at(-1)!)
      .reduce((a, v) => a + BigInt(v.replace('.', '')), 0n);
    expect(sum).toBe(
      await valueOf(
        `(o.confirmed_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '${from}' AND '${to}'`,
      ),
    );
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const sheet = book.getWorksheet('Volume')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Key',
      'Region',
      'Orders',
      'Quantity',
      'Value',
    ]);
    expect(sheet.rowCount).toBe(lines.length);
  });

  it('growing and declining dealers, credit exposure and operations', async () => {
    await page.getByRole('link', { name: 'Growing & declining' }).click();
    await page.waitForURL(/\/reports\/dealers/);
    expect(await page.locator('.method').textContent()).toContain('last 90 days');
    const growing = page.locator('section', {
      has: page.getByRole('heading', { name: 'Growing' }),
    });
    expect(await growing.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await growing.locator('svg.spark').count()).toBeGreaterThan(0);
    const lapsed = page.locator('section', {
      has: page.getByRole('heading', { name: 'Stopped ordering' }),
    });
    expect(await lapsed.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'reports-dealers-1366.png'),
      fullPage: true,
    });
    await page.getByLabel('Minimum change (%)').fill('50');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/min_change=50/);
    for (const cell of await page
      .locator('section', { has: page.getByRole('heading', { name: 'Growing' }) })
      .locator('tbody tr td:nth-child(6)')
      .allTextContents()) {
      expect(Number(cell.replace(/[^\d.]/g, ''))).toBeGreaterThanOrEqual(50);
    }

    await page.getByRole('link', { name: 'Credit exposure' }).click();
    await page.waitForURL(/\/reports\/credit/);
    const { rows } = await sql<{ v: string }>`
      SELECT (sum(c.outstanding_minor + c.open_orders_minor))::text AS v
        FROM dealer_credit c JOIN dealers d ON d.code = c.dealer_code AND d.active`.execute(
      testDb.db,
    );
    expect(await page.locator('.stat').first().textContent()).toContain(rupees(BigInt(rows[0]!.v)));
    await expect.poll(() => page.locator('#credit-chart[data-drawn]').count()).toBe(1);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'reports-credit-1366.png'),
      fullPage: true,
    });

    await page.getByRole('link', { name: 'Operations' }).click();
    await page.waitForURL(/\/reports\/operations/);
    expect(await page.locator('h1').textContent()).toBe('Operations');
    await expect.poll(() => page.locator('#operations-chart[data-drawn]').count()).toBe(1);
    const straight = await sql<{ pct: string }>`
      SELECT round(100.0 * count(*) FILTER (WHERE jsonb_array_length(review_reasons) = 0) / count(*), 1)::text AS pct
        FROM orders WHERE inbound_message_id IS NOT NULL -- all within the last 30 days
`.execute(testDb.db);
    expect(await page.locator('.stat', { hasText: 'Straight through' }).textContent()).toContain(
      `${straight.rows[0]!.pct}%`,
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, 'reports-operations-1366.png'),
      fullPage: true,
    });

    // the weekly digest, opted into from any report page, comes back to the same page
    await page.getByRole('button', { name: 'Email me every Monday' }).click();
    await page.waitForURL(/\/reports\/operations\?.*done=digest_on/);
    expect(await page.getByRole('status').textContent()).toContain('weekly digest');
    const me = await testDb.db
      .selectFrom('users')
      .select('weekly_digest')
      .where('email', '=', 'reports.manager@example.test')
      .executeTakeFirstOrThrow();
    expect(me.weekly_digest).toBe(true);
    expect(await page.getByRole('button', { name: 'Turn off' }).count()).toBe(1);
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  it('ops users see no reports', async () => {
    const ops = await makeUser(testDb.db, 'ops');
    const opsPage = await signInToConsole(browser!, {
      url: app.url,
      email: ops.email,
      password: PASSWORD,
      viewport: { width: 1000, height: 700 },
    });
    expect(await opsPage.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    const res = await opsPage.goto(`${app.url}/console/reports/volume`);
    expect(res!.status()).toBe(403);
    await opsPage.context().close();
  });
});
