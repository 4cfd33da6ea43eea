// Two-factor in the console: a member enrols with the QR page's key (codes computed as an authenticator app
// would, with otpauth), keeps the recovery codes, and signs in again with password and code.
import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, signInTimeoutMs, openPage } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true });
  workspace = await createWorkspace(stack.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const codeOf = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

describe('two-factor in the console', () => {
  it('enrols with the key shown beside the QR code, then signs in with password and code', async () => {
    const page = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');
    await openPage(page, `${stack.baseUrl}/account/two-factor`);
    await page.getByRole('button', { name: 'Set up two-factor' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.locator('code.secret').textContent())!.trim();

    await page.getByLabel('Code the app shows').fill(codeOf(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();

    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);

    const visitor = await (await browser.newContext()).newPage();
    await openPage(visitor, `${stack.baseUrl}/login`);
    await visitor.getByLabel('Email').fill(workspace.ana.email);
    await visitor.getByLabel('Password').fill(testPassword);
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor({ timeout: signInTimeoutMs });
    // The next period's code: the one that turned two-factor on is used up.
    await visitor.getByLabel('Code').fill(codeOf(secret, 1));
    await visitor.getByRole('button', { name: 'Verify' }).click();

    await visitor.waitForURL(/\/conversations/, { waitUntil: 'commit', timeout: signInTimeoutMs });
  });
});
