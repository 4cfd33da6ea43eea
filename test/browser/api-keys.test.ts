import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, openPage } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { Inbox, linkToken } from '../support/inbox.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let browser: Browser;
const inbox = new Inbox();

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true, emailSender: inbox });
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

    await openPage(page, `${stack.baseUrl}/chat-agent/api-keys`);
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
    await openPage(page, `${stack.baseUrl}/chat-agent/webhook`);
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
      .select(['url', 'secret', 'previous_secrets'])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ url: 'http://127.0.0.1:9/fixed', secret: rotated, previous_secrets: [{ secret: first, expiresAt: expect.any(String) }] });
    await page.getByText(/The secrets replaced in the last 24 hours also sign deliveries, the last of them until/).waitFor();
  });
});

// The same stack: the admin's Team page, and the pages a signed-out person opens from an email.
describe('Accounts by one-time links, in a real browser', () => {
  it('lets an admin invite by email, and the invitee join by choosing a password, signed in at once', async () => {
    const page = await signedInAdmin();
    const email = `dana-${Date.now()}@example.com`;
    await openPage(page, `${stack.baseUrl}/chat-agent/team`);
    await page.getByLabel('Name').fill('Dana Park');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${email}`).waitFor();
    await page.getByRole('region', { name: 'Pending invitations' }).getByText(email).waitFor();

    const token = linkToken(await inbox.nth(email), 'invite');
    const invitee = await (await browser.newContext()).newPage();
    await openPage(invitee, `${stack.baseUrl}/invite/${token}`);
    await invitee.getByRole('heading', { name: /^Join Test / }).waitFor();
    await invitee.getByLabel('Choose a password').fill('qwerty123456');
    await invitee.getByLabel('Type it again').fill('qwerty123456');
    await invitee.getByRole('button', { name: 'Join and sign in' }).click();
    await invitee.getByText(/one of the most common passwords/).waitFor();
    await invitee.getByLabel('Choose a password').fill('violet kettle across the harbour');
    await invitee.getByLabel('Type it again').fill('violet kettle across the harbour');
    await invitee.getByRole('button', { name: 'Join and sign in' }).click();

    await invitee.waitForURL(`${stack.baseUrl}/conversations`);
    await invitee.getByRole('link', { name: 'Account' }).click();
    await invitee.getByText(email).first().waitFor();
  });

  it('resets a forgotten password from the sign-in page through the emailed link', async () => {
    const page = await (await browser.newContext()).newPage();
    await openPage(page, `${stack.baseUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // Both pages have an Email field: filled before the navigation ended, it was the sign-in page's, and the reset
    // form went out empty (a fresh-clone run on a loaded machine waited 30 s for the confirmation).
    await page.waitForURL(`${stack.baseUrl}/forgot-password`);
    await page.getByRole('button', { name: 'Email me a link' }).waitFor();
    await page.getByLabel('Email').fill(workspace.cara.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(/a link to choose a new password is on its way/).waitFor();

    const token = linkToken(await inbox.nth(workspace.cara.email), 'reset-password');
    await openPage(page, `${stack.baseUrl}/reset-password/${token}`);
    await page.getByLabel('New password').fill('copper lantern under snow');
    await page.getByLabel('Type it again').fill('copper lantern under snow');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(workspace.cara.email);
    await page.getByLabel('Password', { exact: true }).fill('copper lantern under snow');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.baseUrl}/conversations`);
    expect((await new ApiClient(stack.baseUrl).post('/auth/login', { email: workspace.cara.email, password: testPassword })).status).toBe(401);
  });
});
