// The chat keeps up with a burst of customer messages (issue 11, defect 1): pinned to the newest while the agent
// is at the bottom, and "N new messages" when they have scrolled up to read. And the customer's typing shows below it.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { claimedHandover } from '../support/scenarios.ts';
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

/** Whether the text's bubble is inside the transcript's visible area. */
function inView(page: Page, text: string): Promise<boolean> {
  return page.locator('.transcript').evaluate((scroller, wanted) => {
    const bubble = [...scroller.querySelectorAll('li')].find((item) => item.textContent?.includes(wanted));
    if (!bubble) return false;
    const box = bubble.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
  }, text);
}

it('follows a burst of customer messages at the bottom, and counts them when the agent has scrolled up', async () => {
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const conversationId = `conv-${randomUUID()}`;
  const transcript = Array.from({ length: 30 }, (_, index) => ({ role: index % 2 ? 'ai' : 'customer', body: `Earlier line ${index + 1}` }));
  const { body } = await ai.post('/handovers', { conversationId, reason: 'A long story', trigger: 'user_request', customer: { name: 'Jo' }, transcript });
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  expect((await ana.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
  const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${body.handover.id}`);
  await page.locator('.transcript').getByText('Earlier line 30').waitFor();

  const burst = async (prefix: string, count: number) => {
    for (let index = 1; index <= count; index++) {
      await ai.post(`/conversations/${conversationId}/messages`, { body: `${prefix} ${index}`, clientMessageId: `${prefix}-${index}` });
    }
    await page.locator('.transcript').getByText(`${prefix} ${count}`).waitFor({ timeout: 15_000 });
  };

  await burst('Burst', 5);
  await expect.poll(() => inView(page, 'Burst 5'), { timeout: 5000 }).toBe(true);

  // Scrolled up to read: the view stays, and says what arrived below.
  await page.locator('.transcript').evaluate((scroller) => scroller.scrollTo({ top: 0 }));
  await burst('Later', 3);
  expect(await inView(page, 'Earlier line 1')).toBe(true);
  const jump = page.getByRole('button', { name: /3 new messages/ });
  await jump.waitFor({ timeout: 5000 });
  await jump.click();
  await expect.poll(() => inView(page, 'Later 3'), { timeout: 5000 }).toBe(true);
  await eventually(async () => ((await jump.count()) === 0 ? true : undefined), 'the marker to go once read');
}, 90_000);

it('shows the assignee what is unread and who waits for their reply, live, and in the tab title', async () => {
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  const { handoverId, conversationId, customerName } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
  const list = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');
  const row = list.getByRole('row', { name: new RegExp(customerName) });
  await row.waitFor();

  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  await ai.post(`/conversations/${conversationId}/messages`, { body: 'Is my parcel lost?', clientMessageId: 'c-1' });
  await ai.post(`/conversations/${conversationId}/messages`, { body: 'It was due Monday', clientMessageId: 'c-2' });
  await expect.poll(() => row.locator('.unread').textContent(), { timeout: 15_000 }).toBe('2 unread');
  await row.getByText('Customer: It was due Monday').waitFor();
  await row.getByText(/Customer waiting .* for your reply/).waitFor();
  await expect.poll(() => list.title()).toMatch(/^\(\d+\) Conversations/);

  // Reading the conversation clears the count; the list is current again when its tab is back in view.
  const conversation = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${handoverId}`);
  await conversation.getByText('It was due Monday').first().waitFor();
  await eventually(async () => {
    const answer = await ana.get('/handovers?view=mine&sort=attention');
    return answer.body.handovers.find((handover: { id: string }) => handover.id === handoverId)?.unreadCount === 0 ? true : undefined;
  }, 'the read marker to reach the API');
  await list.bringToFront();
  await list.reload();
  await row.waitFor();
  expect(await row.locator('.unread').count()).toBe(0);
  await list.context().close();
  await conversation.context().close();
}, 60_000);

it("shows the customer's typing at the bottom of the transcript until they stop, or until it expires", async () => {
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const conversationId = `conv-${randomUUID()}`;
  const { body } = await ai.post('/handovers', { conversationId, reason: 'Typing', trigger: 'user_request', customer: { name: 'Kim' } });
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  expect((await ana.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
  const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${body.handover.id}`);
  // Live, and subscribed: a note added now reaches the page by the stream (typing has no replay to catch up with).
  await page.getByText('Live', { exact: true }).waitFor();
  expect((await ana.post(`/handovers/${body.handover.id}/notes`, { body: 'Listening now' })).status).toBe(201);
  await page.getByText('Listening now').waitFor({ timeout: 10_000 });

  const typing = page.locator('.typing-indicator');
  const report = async (isTyping: boolean) =>
    expect((await ai.post(`/conversations/${conversationId}/typing`, { typing: isTyping })).status).toBe(202);
  await report(true);
  await typing.getByText('Kim is typing…').waitFor({ timeout: 5000 });
  expect(await typing.getAttribute('aria-live')).toBe('polite');
  // The page reloads its data on other events (a note here): the indicator stays.
  expect((await ana.post(`/handovers/${body.handover.id}/notes`, { body: 'Still typing?' })).status).toBe(201);
  await page.getByText('Still typing?').waitFor({ timeout: 5000 });
  expect(await typing.getByText('Kim is typing…').count()).toBe(1);
  await report(false);
  await typing.getByText('Kim is typing…').waitFor({ state: 'detached', timeout: 5000 });

  // A lost "stopped": the indicator goes by itself, 6 s after the last report.
  await report(true);
  await typing.getByText('Kim is typing…').waitFor({ timeout: 5000 });
  const shownAt = Date.now();
  await typing.getByText('Kim is typing…').waitFor({ state: 'detached', timeout: 10_000 });
  expect(Date.now() - shownAt).toBeGreaterThan(4000);
}, 60_000);
