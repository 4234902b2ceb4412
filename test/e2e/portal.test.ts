/**
 * The dealer portal in a real browser (Debian's Chromium, headless, through
 * playwright-core) at phone size (360×740) and desktop, over the real app,
 * PostgreSQL, Redis and pipeline workers with the demo data: a dealer asks
 * for the link in chat and signs in with it; orders with a slab nudge and
 * reorders; sees a held order; reads and downloads the statement; a link
 * used twice or expired is refused; another dealer's orders and devices
 * cannot be reached by changing ids. Screenshots go to test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { issuePortalLink } from '../../src/services/portal/portal-access.js';
import { portalLinkUrl } from '../../src/services/portal/send-portal-link.js';
import { startWorkers } from '../../workers/index.js';
import { loadTestDemoData } from '../support/demo-data.js';
import { useTestDatabase } from '../support/database.js';
import { TEST_REDIS_URL, useTestApp } from '../support/http-app.js';
import { waitFor } from '../support/pipeline.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

const testDb = useTestDatabase();
const app = useTestApp(() => ({ db: testDb.db, webchatPollMs: 300 }));

let workers: { close(): Promise<void> } | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await loadTestDemoData(testDb.db, testDb.url);
  workers = startWorkers({
    db: testDb.db,
    redisUrl: TEST_REDIS_URL,
    prefix: app.prefix,
    jobs: app.jobs,
    log: pino({ level: 'silent' }),
    sweepIntervalMs: 0,
    exportIntervalMs: 0,
    publicUrl: app.url,
  });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await workers?.close();
});

/** Phone shots show the screen as the dealer sees it (the tab bar stays at the bottom). */
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join(ARTIFACTS, `portal-${name}.png`),
    fullPage: (page.viewportSize()?.width ?? 0) > 600,
  });

/** A link as ops (or the CLI) would issue it; `ageMs` back-dates it. */
async function linkFor(dealer: string, ageMs = 0): Promise<string> {
  const issued = await issuePortalLink(testDb.db, {
    dealerCode: dealer,
    requestedBy: 'test',
    now: new Date(Date.now() - ageMs),
  });
  if (!issued.ok) throw new Error('link refused');
  return portalLinkUrl(app.url, issued.token);
}

async function signIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/portal$/);
  return page;
}

describe('the dealer portal on a phone', () => {
  it('signs in from the link asked for in chat, orders with a slab nudge, reorders, and shows the statement', async () => {
    // The dealer asks in the web chat; the link comes back on the same conversation.
    await app.request('POST', '/api/webchat/messages', {
      json: { dealer: 'D101', text: 'portal link please' },
    });
    const url = await waitFor(
      async () => {
        const res = await app.request('GET', '/api/webchat/messages?dealer=D101');
        const messages = (res.body as { messages: { direction: string; text: string }[] }).messages;
        const reply = messages.find((m) => m.direction === 'out' && m.text.includes('/portal/'));
        return reply ? /https?:\/\/\S+\/portal\/login\?t=[\w-]+/.exec(reply.text)?.[0] : undefined;
      },
      { what: 'the portal link in the web chat', timeoutMs: 20_000 },
    );

    const context = await browser!.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await shot(page, 'sign-in-phone');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/portal$/);
    await expect.poll(() => page.locator('.top .who').textContent()).toContain('Shree Ganesh');
    expect(await page.locator('section.credit').textContent()).toContain('Credit available');
    await shot(page, 'home-phone');

    // New order: search, pick, 8 buckets (2 short of the 10-bucket interior emulsion slab).
    await page.getByRole('link', { name: 'New order' }).first().click();
    await page.getByLabel('Search products').fill('interior white 10');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Interior Emulsion Brilliant White 10L/ }).click();
    await page.getByLabel('Quantity of Varnika Interior Emulsion Brilliant White 10L').fill('8');
    await page.getByRole('button', { name: 'Review and price' }).click();
    const nudge = page.locator('.nudge').first();
    expect(await nudge.textContent()).toMatch(
      /Add 2 more bucket of Interior Emulsion to get 3% off/,
    );
    await shot(page, 'order-nudge-phone');

    // Take the nudge: 10 buckets, priced again with the slab.
    await page.getByLabel('Quantity of Varnika Interior Emulsion Brilliant White 10L').fill('10');
    await page.getByRole('button', { name: 'Review and price' }).click();
    expect(await page.locator('.nudge').count()).toBe(0);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/portal\/orders\/\d+\?placed=1/);
    expect(await page.locator('.badge').first().textContent()).toBe('Confirmed');
    expect(await page.locator('table.lines').textContent()).toContain('10 bucket');
    await shot(page, 'order-placed-phone');
    const firstNo = /orders\/(\d+)/.exec(page.url())![1]!;
    const [orderFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download order (CSV)' }).click(),
    ]);
    const orderCsv = readFileSync((await orderFile.path())!, 'utf8').split('\r\n');
    expect(orderCsv[0]).toBe('order,date,sku,product,qty,unit,unit_price,amount');
    expect(orderCsv[1]).toMatch(
      new RegExp(
        `^#${firstNo},\\d{4}-\\d\\d-\\d\\d,VRN-EMI-WHT-10,Varnika Interior Emulsion Brilliant White 10L,10,bucket,`,
      ),
    );

    // Order again: the same lines, priced, one tap to place.
    await page.getByRole('link', { name: 'Order again' }).click();
    expect(await page.locator('.preview').textContent()).toContain(
      'Interior Emulsion Brilliant White 10L',
    );
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/portal\/orders\/\d+\?placed=1/);
    const secondNo = /orders\/(\d+)/.exec(page.url())![1]!;
    expect(secondNo).not.toBe(firstNo);
    const orders = await testDb.db
      .selectFrom('orders')
      .select(['order_no', 'status'])
      .where('order_no', 'in', [BigInt(firstNo), BigInt(secondNo)])
      .execute();
    expect(orders.map((o) => o.status)).toEqual(['confirmed', 'confirmed']);

    // Account: unpaid bills, statement, CSV download.
    await page.getByRole('link', { name: 'Account' }).click();
    expect(await page.locator('#stmt-h').textContent()).toBe('Statement');
    expect(await page.locator('.devices').textContent()).toContain('(this one)');
    await shot(page, 'account-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download statement (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('date,entry,reference,debit,credit,balance');

    // Usual-order reminders: the dealer opts in here.
    await page.getByRole('button', { name: 'Turn reminders on' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Order reminders are on.');
    const dealer = await testDb.db
      .selectFrom('dealers')
      .select('usual_order_reminder')
      .where('code', '=', 'D101')
      .executeTakeFirstOrThrow();
    expect(dealer.usual_order_reminder).toBe(true);

    // Installable: the manifest and service worker are served from the portal.
    const manifest = await app.request('GET', '/portal/manifest.webmanifest', { token: null });
    expect((manifest.body as { start_url: string }).start_url).toBe('/portal');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('the dealer portal on a desktop', () => {
  it('shows an order over the credit limit as held, with what happens next', async () => {
    const context = await browser!.newContext({ viewport: DESKTOP });
    const page = await signIn(context, await linkFor('D102'));
    await page.goto(`${app.url}/portal/order`);
    await page.getByLabel('Search products').fill('exterior white 20');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Exterior Emulsion White 20L/ }).click();
    await page.getByLabel(/Quantity of .*Exterior Emulsion White 20L/).fill('3');
    await page.getByRole('button', { name: 'Review and price' }).click();
    expect(await page.locator('.preview .warn').textContent()).toMatch(/over your credit/);
    await shot(page, 'order-over-limit-desktop');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/portal\/orders\/\d+/);
    expect(await page.locator('.badge').first().textContent()).toBe('On credit hold');
    expect(await page.locator('.note').textContent()).toMatch(/finance team will release it/);

    await page.getByRole('link', { name: 'Home' }).click();
    const attention = page.locator('section[aria-labelledby="attention"]');
    expect(await attention.textContent()).toContain('On credit hold');
    await shot(page, 'home-desktop');
    await context.close();
  }, 60_000);

  it('switches to Hindi and back, staying on the page the switch was tapped on', async () => {
    const context = await browser!.newContext({ viewport: DESKTOP });
    const page = await signIn(context, await linkFor('D107'));
    await page.getByRole('link', { name: 'हिंदी' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hi');
    expect(page.url()).toMatch(/\/portal$/);
    expect(await page.locator('nav.tabs').textContent()).toContain('नया ऑर्डर');
    expect(await page.locator('section.credit').textContent()).toContain('उपलब्ध क्रेडिट');
    await page.setViewportSize(PHONE);
    await shot(page, 'home-hindi-phone');

    // Back to English from the account page: the switch returns there.
    await page.getByRole('link', { name: 'खाता' }).click();
    await page.waitForURL(/\/portal\/account$/);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toMatch(/\/portal\/account$/);
    expect(await page.locator('h1').textContent()).toBe('Account');
    await context.close();
  }, 60_000);
});

describe('portal sign-in and isolation', () => {
  it('refuses a link used twice and an expired link', async () => {
    const url = await linkFor('D104');
    const first = await browser!.newContext({ viewport: PHONE });
    await signIn(first, url);
    await first.close();

    const second = await browser!.newContext({ viewport: PHONE });
    const page = await second.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('already used');
    await shot(page, 'link-used-phone');

    await page.goto(await linkFor('D104', 16 * 60 * 1000));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('expired');
    await second.close();
  }, 60_000);

  it("never shows another dealer's order or device, whatever id is typed", async () => {
    const other = await browser!.newContext({ viewport: DESKTOP });
    const otherPage = await signIn(other, await linkFor('D103'));
    await otherPage.goto(`${app.url}/portal/order?from=0`);
    const theirOrder = await testDb.db
      .insertInto('orders')
      .values({
        dealer_code: 'D103',
        channel: 'webchat',
        status: 'confirmed',
        total_minor: 100_00n,
      })
      .returning(['order_no'])
      .executeTakeFirstOrThrow();
    const theirDevice = await testDb.db
      .selectFrom('portal_sessions')
      .select('id')
      .where('dealer_code', '=', 'D103')
      .executeTakeFirstOrThrow();

    const context = await browser!.newContext({ viewport: PHONE });
    const page = await signIn(context, await linkFor('D106'));
    const no = theirOrder.order_no.toString();
    const detail = await page.goto(`${app.url}/portal/orders/${no}`);
    expect(detail?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain(
      `No order #${no} on your account`,
    );
    const reorder = await page.goto(`${app.url}/portal/order?from=${no}`);
    expect(reorder?.status()).toBe(404);

    // A forged revoke of D103's device from D106's session: refused, D103 stays signed in.
    await page.goto(`${app.url}/portal/account`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const revoke = await page.request.post(`${app.url}/portal/devices/${theirDevice.id}/revoke`, {
      form: { _csrf: csrf },
      headers: { origin: app.url },
    });
    expect(revoke.status()).toBe(404);
    const stillIn = await otherPage.goto(`${app.url}/portal`);
    expect(stillIn?.status()).toBe(200);

    // A post without the page's CSRF token, or from another site, is refused.
    const noToken = await page.request.post(`${app.url}/portal/logout`, {
      form: {},
      headers: { origin: app.url },
    });
    expect(noToken.status()).toBe(403);
    const crossSite = await page.request.post(`${app.url}/portal/logout`, {
      form: { _csrf: csrf },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status()).toBe(403);
    await context.close();
    await other.close();
  }, 60_000);
});
