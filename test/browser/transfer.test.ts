import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, openPage } from '../support/browser.ts';
import { createWorkspace, type TestMember, type TestWorkspace } from '../support/factories.ts';
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

async function signedIn(member: TestMember, path: string): Promise<Page> {
  return signedInPage(browser, stack.baseUrl, member, path);
}

describe('Transfer, in two real browsers', () => {
  it("moves Ana's conversation to Ben through the picker: Ben is told live, Ana's list drops it", async () => {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
    const sam = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);

    // Two handovers in progress per member at most (a handover keeps the limit it was requested under).
    const { body: current } = await admin.get('/settings/handover');
    expect((await admin.put('/settings/handover', { ...current.settings, maxConcurrentPerAgent: 2 })).status).toBe(200);

    const handoverClaimedBy = async (member: ApiClient, customer = `Customer ${randomUUID().slice(0, 6)}`) => {
      const { body } = await ai.post('/handovers', {
        conversationId: `conv-${randomUUID()}`,
        reason: 'Wants to change the delivery address',
        trigger: 'user_request',
        customer: { name: customer },
      });
      expect((await member.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
      return body.handover.id as string;
    };
    const customer = `Jordan ${randomUUID().slice(0, 6)}`;
    const handoverId = await handoverClaimedBy(ana, customer);
    await handoverClaimedBy(ben);
    // Sam is full: the picker shows him, unavailable.
    await handoverClaimedBy(sam);
    await handoverClaimedBy(sam);

    const benPage = await signedIn(workspace.ben, '/conversations');
    const anaList = await signedIn(workspace.ana, '/conversations');
    await anaList.getByRole('link', { name: new RegExp(customer) }).first().waitFor();
    const anaPage = await anaList.context().newPage();
    await openPage(anaPage, `${stack.baseUrl}/conversations/${handoverId}`);
    expect(await benPage.getByRole('link', { name: new RegExp(customer) }).count()).toBe(0);

    // The picker: everyone who may take it, with their load; Sam at capacity and Ana (who has it) cannot be picked.
    await anaPage.getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = anaPage.getByRole('dialog', { name: 'Transfer this conversation' });
    const option = (name: string) => dialog.getByRole('option', { name: new RegExp(name) });
    await option('Sam Supervisor').waitFor();
    expect(await option('Sam Supervisor').getAttribute('aria-disabled')).toBe('true');
    expect(await option('Sam Supervisor').textContent()).toMatch(/2 of 2.*At capacity/s);
    expect(await option('Ana Lopez').getAttribute('aria-disabled')).toBe('true');
    expect(await option('Ben Carter').getAttribute('aria-disabled')).toBe('false');
    expect(await option('Ben Carter').textContent()).toContain('1 of 2');
    expect(await option('Cara Diaz').count()).toBe(0);
    // Picking Sam does nothing.
    await option('Sam Supervisor').click({ force: true });
    expect(await option('Sam Supervisor').getAttribute('aria-selected')).toBe('false');

    // Keyboard: search, arrow to Ben, Enter picks him.
    const search = dialog.getByRole('combobox', { name: 'Transfer to' });
    await search.fill('ben');
    expect(await dialog.getByRole('option').count()).toBe(1);
    await search.press('ArrowDown');
    await search.press('Enter');
    expect(await option('Ben Carter').getAttribute('aria-selected')).toBe('true');

    // Ben fills up before Ana confirms: the API refuses, and the dialog says so in words.
    const benSecond = await handoverClaimedBy(ben);
    await dialog.getByRole('button', { name: 'Transfer to Ben Carter' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Ben Carter is at capacity' }).waitFor();
    await expect.poll(() => option('Ben Carter').getAttribute('aria-disabled')).toBe('true');
    expect((await ana.get(`/handovers/${handoverId}`)).body.handover.assignee.id).toBe(workspace.ana.id);

    // Ben ends one; Ana opens the picker again and transfers.
    expect((await ben.post(`/handovers/${benSecond}/end`, {})).status).toBe(200);
    // Escape closes the dialog and gives the focus back to its button.
    await search.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const transferButton = anaPage.getByRole('button', { name: 'Transfer', exact: true });
    await expect.poll(() => transferButton.evaluate((button) => button.ownerDocument.activeElement === button)).toBe(true);
    await transferButton.click();
    await expect.poll(() => option('Ben Carter').getAttribute('aria-disabled')).toBe('false');
    await option('Ben Carter').click();
    await dialog.getByRole('button', { name: 'Transfer to Ben Carter' }).click();

    // Ana's view says it is Ben's now, and she can no longer write in it.
    await anaPage.getByText('Transferred to Ben Carter').waitFor();
    await anaPage.getByText('Ben Carter is handling this conversation').waitFor();
    expect(await anaPage.getByRole('textbox', { name: /message/i }).count()).toBe(0);
    expect(await anaPage.getByRole('button', { name: 'Transfer', exact: true }).count()).toBe(0);

    // Ben, without a reload: alerted, and the conversation is under My Handover.
    await benPage.getByRole('status').filter({ hasText: `Ana Lopez transferred ${customer} to you` }).waitFor({ timeout: 15_000 });
    await benPage.getByRole('link', { name: new RegExp(customer) }).first().waitFor({ timeout: 15_000 });
    // His own claim of another handover meanwhile is no news.
    expect(await benPage.getByRole('status').filter({ hasText: 'to you' }).count()).toBe(1);
    // Ana's list, open in her other tab, drops it.
    await anaList.bringToFront();
    await expect.poll(() => anaList.getByRole('link', { name: new RegExp(customer) }).count(), { timeout: 15_000 }).toBe(0);

    const { body: detail } = await admin.get(`/handovers/${handoverId}`);
    expect(detail.handover).toMatchObject({ status: 'in_progress', assignee: { id: workspace.ben.id, name: 'Ben Carter' } });
  }, 120_000);
});
