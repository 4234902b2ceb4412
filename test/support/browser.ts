/**
 * Debian's Chromium, headless, through playwright-core (never a downloaded
 * browser), with the flags a container without a GPU or a sandbox needs.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new browser context at `viewport`, signed in to the console as `email` (test users share
 * one password: console-support's PASSWORD), on the page the console lands on.
 */
export async function signInToConsole(
  browser: Browser,
  input: {
    url: string;
    email: string;
    password: string;
    viewport: { width: number; height: number };
  },
): Promise<Page> {
  const context = await browser.newContext({ viewport: input.viewport });
  const page = await context.newPage();
  await page.goto(`${input.url}/console/login`);
  await page.getByLabel('Email').fill(input.email);
  await page.getByLabel('Password').fill(input.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/console\//);
  return page;
}
