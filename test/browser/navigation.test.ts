// Each role sees in the sidebar only the pages it can use (issue 11, defect 7: agents landed on "for admins" pages).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestMember, type TestWorkspace } from '../support/factories.ts';
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
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel(/email/i).fill(member.email);
  await page.getByLabel(/password/i).fill(testPassword);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/conversations/);
  const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
  await page.context().close();
  return links.map((text) => text.trim());
}

it('shows an agent Conversations only, a supervisor Analytics too, and an admin the Chat Agent settings as well', async () => {
  expect(await sidebarFor(workspace.ana)).toEqual(['Conversations']);
  expect(await sidebarFor(workspace.supervisor)).toEqual(['Conversations', 'Analytics']);
  expect(await sidebarFor(workspace.admin)).toEqual(['Conversations', 'Analytics', 'Chat Agent']);
}, 90_000);
