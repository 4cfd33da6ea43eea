import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
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

/** Signed in through the API: the sign-in form is take-over-and-end's part, not these tests'. */
function signedInAdmin(): Promise<Page> {
  return signedInPage(browser, stack.baseUrl, workspace.admin, '/conversations');
}

describe('Chat Agent > API keys, in a real browser', () => {
  it('lets an admin create a key that is shown once and works, then revoke it', async () => {
    const page = await signedInAdmin();

    await page.goto(`${stack.baseUrl}/chat-agent/api-keys`);
    await page.getByLabel('Name').fill('Browser bot');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel(/New API key/);
    await secret.waitFor();
    const key = await secret.inputValue();
    expect(key).toMatch(/^hk_/);

    const bot = ApiClient.forApiKey(stack.baseUrl, key);
    expect((await bot.get('/conversations/none')).status).toBe(404);

    await page.reload();
    // Shown once: after a reload the secret is gone for good.
    expect(await page.getByLabel(/New API key/).count()).toBe(0);
    await page.locator('summary', { hasText: 'Revoke' }).first().click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(async () => (await bot.get('/conversations/none')).status, { timeout: 10_000 }).toBe(401);
  });
});

// Beside the API keys: the same admin pages, and this file's stack already serves the console.
describe('Chat Agent > Webhook, in a real browser', () => {
  it('keeps the secret when the URL is saved again, and rotates it after a confirm step that says until when the old one works', async () => {
    const page = await signedInAdmin();
    await page.goto(`${stack.baseUrl}/chat-agent/webhook`);
    await page.getByLabel('Webhook URL').fill('http://127.0.0.1:9/a-typo');
    await page.getByRole('button', { name: 'Save and start sending' }).click();
    const shown = page.getByLabel('New webhook signing secret');
    const first = await shown.inputValue();
    expect(first).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();

    await page.getByLabel('Webhook URL').fill('http://127.0.0.1:9/fixed');
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByText('signed with the same secret as before').waitFor();
    expect(await shown.count()).toBe(0);

    await page.locator('summary', { hasText: 'Rotate secret' }).click();
    await page.getByText(/keeps working for 24 hours, until/).waitFor();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = await shown.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(first);
    const stored = await stack.db
      .selectFrom('webhook_endpoints')
      .select(['url', 'secret', 'previous_secret'])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ url: 'http://127.0.0.1:9/fixed', secret: rotated, previous_secret: first });
    await page.getByText(/The secret before the current one also signs deliveries until/).waitFor();
  });
});
