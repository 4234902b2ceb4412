/**
 * The console behind a TLS-terminating proxy (a local https proxy forwarding plain http with
 * X-Forwarded-* headers), in Debian's Chromium: with TRUST_PROXY set, signing in works, the
 * session cookie is Secure and HSTS is sent; without it, the Origin check sees http where the
 * browser wrote https and the sign-in is refused — the failure TRUST_PROXY exists for.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy.js';
import { PASSWORD, makeUser, useConsoleApp } from '../integration/console/console-support.js';

const testDb = useTestDatabase();
const trusting = useConsoleApp(() => ({
  db: testDb.db,
  trustProxy: ['loopback'],
  console: { secureCookies: 'auto' },
}));
const untrusting = useConsoleApp(() => ({ db: testDb.db, console: { secureCookies: 'auto' } }));

let browser: Browser | undefined;
const proxies: TlsProxy[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const p of proxies) await p.close();
});

async function signInThrough(proxy: TlsProxy, email: string) {
  const context = await browser!.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const landing = await page.goto(`${proxy.url}/console/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  return { page, context, landing };
}

describe('the console behind a TLS-terminating proxy', () => {
  it('signs in with TRUST_PROXY: a Secure session cookie and HSTS', async () => {
    const proxy = await startTlsProxy(trusting.url);
    proxies.push(proxy);
    const email = (await makeUser(testDb.db, 'ops', 'tina.tls@example.test')).email;
    const { page, context, landing } = await signInThrough(proxy, email);
    expect(page.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/console\/review/);
    expect(landing?.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
    const session = (await context.cookies()).find((c) => c.httpOnly && c.secure);
    expect(session).toBeDefined();
    await context.close();
  }, 60_000);

  it('is refused without it: the app cannot tell the browser used https', async () => {
    const proxy = await startTlsProxy(untrusting.url);
    proxies.push(proxy);
    const email = (await makeUser(testDb.db, 'ops', 'uma.untrusted@example.test')).email;
    const { page, context } = await signInThrough(proxy, email);
    expect(page.url()).toMatch(/\/console\/login/);
    expect(await page.content()).toContain('The sign-in form expired');
    await context.close();
  }, 60_000);
});
