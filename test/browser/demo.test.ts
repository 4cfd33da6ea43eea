// The one-minute demo, in two browsers: a customer on /demo chatting with the reference AI bot
// (examples/ai-bot, mounted as `npm start` mounts it) and Ana in the console.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoBot, type DemoBot } from '../../runtime/demo-bot.ts';
import { launchBrowser, signInTimeoutMs, openPage } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let demoBot: DemoBot;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({
    withConsole: true,
    mounts: async (baseUrl) => {
      demoBot = createDemoBot({ apiUrl: baseUrl });
      return [demoBot.mount];
    },
  });
  workspace = await createWorkspace(stack.db);
  expect(await demoBot.provision(stack.db, workspace.id)).toEqual({ webhookElsewhere: null });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  demoBot?.stop();
  await stack?.stop();
});

async function openCustomer(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.baseUrl}/demo`);
  await page.getByRole('log').getByText(/assistant/i).first().waitFor();
  return page;
}

async function say(customer: Page, text: string): Promise<void> {
  await customer.getByLabel('Your message').fill(text);
  await customer.getByRole('button', { name: 'Send' }).click();
  await customer.getByRole('log').getByText(text).waitFor();
}

/** The bot's latest line in the chat, once there are `count` of them. */
async function assistantSaid(customer: Page, count: number): Promise<string> {
  const lines = customer.locator('.bubble.ai');
  await expect.poll(() => lines.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return lines.nth(count - 1).innerText();
}

async function customerName(customer: Page): Promise<string> {
  const who = await customer.locator('.who').innerText();
  return /you are (.+)$/.exec(who)?.[1] ?? '';
}

describe('the customer and the agent, side by side', () => {
  it('hands over on request, lets Ana take over and talk, ends, takes a rating, and the bot answers again', async () => {
    const ana = await (await browser.newContext()).newPage();
    await openPage(ana, `${stack.baseUrl}/login`);
    await ana.getByLabel(/email/i).fill(workspace.ana.email);
    await ana.getByLabel(/password/i).fill(testPassword);
    await ana.getByRole('button', { name: /sign in/i }).click();
    await ana.waitForURL(/\/conversations/, { waitUntil: 'commit', timeout: signInTimeoutMs });

    const customer = await openCustomer();
    const name = await customerName(customer);
    expect(name).not.toBe('');
    await say(customer, 'How long does shipping take?');
    expect(await assistantSaid(customer, 2)).toMatch(/business day/i);

    await say(customer, 'Can I talk to a real person please?');
    await customer.getByText(/next in line|in the queue/i).waitFor({ timeout: 15_000 });
    await expect.poll(() => customer.locator('.who').innerText(), { timeout: 15_000 }).toMatch(/waiting for a person/i);

    // Ana's list shows it live; she opens it and takes it over.
    const row = ana.getByRole('link', { name: new RegExp(name) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await ana.getByText('How long does shipping take?').first().waitFor();
    await ana.getByRole('button', { name: /take over/i }).click();

    await customer.getByText('Ana Lopez joined the chat.').waitFor({ timeout: 15_000 });
    await expect.poll(() => customer.locator('.who').innerText(), { timeout: 15_000 }).toMatch(/chatting with Ana Lopez/);

    const composer = ana.getByRole('textbox', { name: /message/i }).first();
    await composer.fill('Hi, Ana here. How can I help?');
    await composer.press('Enter');
    const fromAna = customer.locator('.bubble.agent', { hasText: 'Hi, Ana here. How can I help?' });
    await fromAna.waitFor({ timeout: 15_000 });
    expect(await fromAna.innerText()).toContain('Ana Lopez');

    const aiLinesBefore = await customer.locator('.bubble.ai').count();
    await say(customer, 'My parcel arrived damaged');
    await ana.getByText('My parcel arrived damaged').first().waitFor({ timeout: 15_000 });
    // The AI stays silent while Ana has the conversation.
    expect(await customer.locator('.bubble.ai').count()).toBe(aiLinesBefore);

    await ana.locator('summary', { hasText: 'End Handover' }).click();
    await ana.getByRole('button', { name: 'End Handover' }).click();
    await customer.getByText(/Ana Lopez ended the chat/).waitFor({ timeout: 15_000 });

    await customer.getByText('How did we do?').waitFor();
    await customer.getByRole('radio', { name: '5 of 5' }).click();
    await customer.getByPlaceholder(/anything to add/i).fill('Quick and kind');
    await customer.getByRole('button', { name: 'Send rating' }).click();
    await customer.getByText('Thanks for your feedback!').waitFor();

    await say(customer, 'What are your opening hours?');
    expect(await assistantSaid(customer, aiLinesBefore + 1)).toMatch(/hours|open/i);

    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const analytics = await eventually(async () => {
      const { body } = await admin.get('/analytics/handover');
      return body.csat.count === 1 ? body : undefined;
    }, 'the rating to count in analytics');
    expect(analytics.csat.mean).toBe(5);
    const { body: list } = await admin.get('/handovers?view=all');
    const handover = list.handovers.find((row: { customer: { name?: string } }) => row.customer.name === name);
    expect(handover).toMatchObject({ status: 'completed', trigger: 'user_request', rating: { score: 5, comment: 'Quick and kind' } });
  }, 120_000);

  it('lets the customer stop waiting, and the bot answers again', async () => {
    const customer = await openCustomer();
    const name = await customerName(customer);
    await say(customer, 'I want to speak to an agent');
    const stop = customer.getByRole('button', { name: 'Stop waiting' });
    await stop.waitFor({ timeout: 15_000 });
    await stop.click();
    await customer.getByText(/left the queue/i).waitFor({ timeout: 15_000 });
    await expect.poll(() => customer.locator('.who').innerText(), { timeout: 15_000 }).toMatch(/assistant/i);

    const before = await customer.locator('.bubble.ai').count();
    await say(customer, 'How do returns work?');
    expect(await assistantSaid(customer, before + 1)).toMatch(/return/i);

    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const handover = await eventually(async () => {
      const { body } = await admin.get('/handovers?view=all');
      const row = body.handovers.find((candidate: { customer: { name?: string } }) => candidate.customer.name === name);
      return row?.outcome ? row : undefined;
    }, 'the handover to end');
    expect(handover).toMatchObject({ outcome: 'customer_left' });
  }, 90_000);
});
