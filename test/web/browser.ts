import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The browser the page's tests drive: Debian's Chromium (`apt-get install chromium`), or the one
 * CHROMIUM_PATH names. CI installs it (.ci/run); elsewhere the tests skip, saying why, when it is missing.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const why = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`The worklist page's browser tests need a browser in CI: ${why}`);
  return why;
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI and the development containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export const VIEWPORT = { width: 1280, height: 800 } as const;

/** A new page of its own (own sessionStorage, so its own sign-in), whose script errors fail the test that reads them. */
export async function newPage(browser: Browser, viewport: { width: number; height: number } = VIEWPORT): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A CSP violation is reported on the console: the page must run under its policy as it is.
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  return { page, errors };
}

/** Signs in with the local form and waits for the list. */
export async function signIn(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /claims$/ }).waitFor();
  await page.locator('table.worklist[data-loaded="true"]').waitFor();
}
