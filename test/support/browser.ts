import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { testPassword, type TestMember } from './factories.ts';

/** Debian's Chromium (installed by .ci/run); a test tool's own browser download cannot work on these machines. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long a sign-in through the form may take to reach the next page. Well under a second on a quiet machine;
 * on a CI machine busy with the chaos run and other browsers it has taken over 30 s (scrypt, then the first render).
 */
export const signInTimeoutMs = 60_000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A page signed in as `member` at `path`, live. The session comes from the API (signing in through the form is
 * the other browser tests' part), and the page waits until its stream is connected, so nothing is missed.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  member: TestMember,
  path: string,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: member.email, password: testPassword }),
  });
  expect(response.status).toBe(200);
  const context = await browser.newContext(contextOptions);
  await context.addCookies(
    response.headers.getSetCookie().map((line) => {
      const pair = line.split(';')[0] ?? '';
      const separator = pair.indexOf('=');
      return { name: pair.slice(0, separator), value: pair.slice(separator + 1), url: baseUrl };
    }),
  );
  const page = await context.newPage();
  await openPage(page, `${baseUrl}${path}`);
  await page.getByText('Live', { exact: true }).waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Loads a console page and waits until SvelteKit has hydrated it (the root layout marks `<html>` then). Filled
 * before that, a form's fields can be reset by hydration or sent without its script: a loaded fresh-clone run
 * once waited 30 s for the key an API-keys form never created.
 */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
}
