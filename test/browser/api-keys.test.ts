import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
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

describe('Chat Agent > API keys, in a real browser', () => {
  it('lets an admin create a key that is shown once and works, then revoke it', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel(/email/i).fill(workspace.admin.email);
    await page.getByLabel(/password/i).fill(testPassword);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(/\/conversations/);

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
