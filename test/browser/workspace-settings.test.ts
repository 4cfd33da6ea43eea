import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, openPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
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

async function storedWorkspace() {
  return stack.db.selectFrom('workspaces').select(['name', 'time_zone']).where('id', '=', workspace.id).executeTakeFirstOrThrow();
}

describe('Chat Agent > Workspace, in a real browser', () => {
  it("lets an admin set the name and the time zone (the browser's own offered), shows a bad zone's error beside it, and keeps what was saved", async () => {
    // The admin's browser is in São Paulo: the page offers that zone.
    const page = await signedInPage(browser, stack.baseUrl, workspace.admin, '/conversations', { timezoneId: 'America/Sao_Paulo' });
    await openPage(page, `${stack.baseUrl}/chat-agent/workspace`);
    const zone = page.getByLabel('Time zone');
    const name = page.getByLabel('Workspace name');
    expect(await zone.inputValue()).toBe('UTC');
    // The zones it suggests as one types: UTC first, then every IANA zone.
    const offered = await page.locator('datalist#workspace-time-zones option').evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    expect(offered[0]).toBe('UTC');
    expect(offered).toEqual(expect.arrayContaining(['Europe/Paris', 'America/Sao_Paulo', 'Asia/Tokyo']));

    // A zone that does not exist: refused beside the field, nothing saved.
    const before = await storedWorkspace();
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a time zone by its IANA name, like Europe/Paris or America/New_York').waitFor();
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await zone.inputValue()).toBe('Mars/Olympus_Mons');
    expect(await storedWorkspace()).toEqual(before);

    await page.getByRole('button', { name: 'Use America/Sao_Paulo' }).click();
    expect(await zone.inputValue()).toBe('America/Sao_Paulo');
    await name.fill('  Acme Support ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Analytics count days in America/Sao_Paulo from now on.').waitFor();
    expect(await storedWorkspace()).toEqual({ name: 'Acme Support', time_zone: 'America/Sao_Paulo' });

    // Typed in any case, saved and shown under the zone's own name.
    await zone.fill('europe/paris');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Analytics count days in Europe/Paris from now on.').waitFor();

    await page.reload();
    expect(await zone.inputValue()).toBe('Europe/Paris');
    expect(await name.inputValue()).toBe('Acme Support');
    expect(await storedWorkspace()).toEqual({ name: 'Acme Support', time_zone: 'Europe/Paris' });
    await page.context().close();
  });

  it('shows agents and the supervisor the name and zone, without the form', async () => {
    await stack.db.updateTable('workspaces').set({ name: 'Acme Help', time_zone: 'Asia/Tokyo' }).where('id', '=', workspace.id).execute();
    for (const member of [workspace.ana, workspace.supervisor]) {
      const page = await signedInPage(browser, stack.baseUrl, member, '/conversations');
      await openPage(page, `${stack.baseUrl}/chat-agent/workspace`);
      await page.getByText('Admins change them here.').waitFor();
      expect(await page.getByRole('region', { name: 'Workspace' }).innerText()).toMatch(/Acme Help[\s\S]*Asia\/Tokyo/);
      expect(await page.getByLabel('Time zone').count(), member.name).toBe(0);
      expect(await page.getByRole('button', { name: 'Save' }).count(), member.name).toBe(0);
      await page.context().close();
    }
  });
});
