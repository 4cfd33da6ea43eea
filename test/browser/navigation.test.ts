// Each role sees in the sidebar only the pages it can use (issue 11, defect 7: agents landed on "for admins" pages),
// and the keyboard gets around: a skip link, shortcuts and their help (issue 11).
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestMember, type TestWorkspace } from '../support/factories.ts';
import { pendingHandover } from '../support/scenarios.ts';
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

async function sidebarFor(member: TestMember): Promise<string[]> {
  const page = await signedInPage(browser, stack.baseUrl, member, '/conversations');
  const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
  await page.context().close();
  return links.map((text) => text.trim());
}

it('shows an agent Conversations, Notifications and Account only, a supervisor Analytics too, and an admin the Chat Agent settings as well', async () => {
  expect(await sidebarFor(workspace.ana)).toEqual(['Conversations', 'Notifications', 'Account']);
  expect(await sidebarFor(workspace.supervisor)).toEqual(['Conversations', 'Analytics', 'Notifications', 'Account']);
  expect(await sidebarFor(workspace.admin)).toEqual(['Conversations', 'Analytics', 'Chat Agent', 'Notifications', 'Account']);
}, 90_000);

/** What has focus, as the test reads it: its id, or its text. */
// Run in the page through an element, so the test needs no DOM types of its own.
const focused = (page: Page) =>
  page.locator('html').evaluate((root) => root.ownerDocument.activeElement?.id || root.ownerDocument.activeElement?.textContent?.trim() || '');
const blur = (page: Page) => page.locator('html').evaluate((root) => (root.ownerDocument.activeElement as { blur?: () => void } | null)?.blur?.());

it('gets around by keyboard: skip link, shortcut help, next waiting, take over, reply and End Handover', async () => {
  const oldest = await pendingHandover(stack.db, stack.baseUrl, workspace);
  await pendingHandover(stack.db, stack.baseUrl, workspace);
  const page = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');

  // The skip link is the first Tab stop, and takes the focus to the page's main content.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('main');

  // `?` shows the shortcuts in a dialog, Escape closes it; opened from the sidebar, focus comes back to the button.
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.keyboard.press('?');
  await help.waitFor();
  expect(await help.getByText('Open the next waiting conversation', { exact: false }).isVisible()).toBe(true);
  // The accessibility test sees the pages with their dialogs closed: this one is looked at open.
  const axe = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).options({ resultTypes: ['violations'] }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await help.waitFor();
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  expect(await focused(page)).toBe('Keyboard shortcuts ?');

  // `n` opens the conversation waiting longest; `t` takes it over with the page's own button.
  await blur(page);
  await page.keyboard.press('n');
  await page.waitForURL(new RegExp(oldest.handoverId));
  await page.getByRole('heading', { name: oldest.customerName }).waitFor();
  await page.keyboard.press('t');
  await page.locator('.title-row').getByText('In progress').waitFor();

  // `r` focuses the message box; the shortcuts' letters typed there are text, and do nothing else.
  const messageBox = page.locator('#chat-message');
  await messageBox.waitFor();
  await blur(page);
  await page.keyboard.press('r');
  expect(await focused(page)).toBe('chat-message');
  await page.keyboard.type('then get the rest? ok');
  expect(await messageBox.inputValue()).toBe('then get the rest? ok');
  expect(page.url()).toContain(oldest.handoverId);
  expect(await help.isVisible()).toBe(false);
  expect(await page.getByRole('heading', { name: 'End this handover?' }).isVisible()).toBe(false);

  // `e` opens the End Handover form, in the first of its fields, and ends nothing by itself.
  await blur(page);
  await page.keyboard.press('e');
  await page.getByRole('heading', { name: 'End this handover?' }).waitFor();
  expect(await page.locator('html').evaluate((root) => (root.ownerDocument.activeElement as { value?: string } | null)?.value)).toBe('resolved');
  expect(await page.locator('.title-row').getByText('In progress').isVisible()).toBe(true);
  // Escape closes the panel and gives focus back to its button.
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'End this handover?' }).waitFor({ state: 'hidden' });
  expect(await focused(page)).toBe('End Handover');
  await page.context().close();
}, 90_000);
