import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, signInTimeoutMs, openPage } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { ratedHandover, requestHandover } from '../support/customer-history.ts';
import { claimedHandover, pendingHandover } from '../support/scenarios.ts';
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

describe('the console, in a real browser', () => {
  it('lets an agent see a new handover arrive, take it over, talk with the customer and end it', async () => {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const page = await (await browser.newContext()).newPage();

    await openPage(page, `${stack.baseUrl}/conversations`);
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByLabel(/email/i).fill(workspace.ana.email);
    await page.getByLabel(/password/i).fill(testPassword);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(/\/conversations/, { waitUntil: 'commit', timeout: signInTimeoutMs });

    // A handover requested after the page loaded shows up without a reload.
    const conversationId = `conv-${randomUUID()}`;
    const customerName = `Jordan ${randomUUID().slice(0, 6)}`;
    const { body } = await ai.post('/handovers', {
      conversationId,
      reason: 'Wants a refund for a damaged order',
      trigger: 'user_request',
      customer: { name: customerName },
      transcript: [{ role: 'customer', body: 'My screen arrived cracked' }],
    });
    const row = page.getByRole('link', { name: new RegExp(customerName) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.waitForURL(new RegExp(body.handover.id));
    // In the transcript, and in the Session Summary's "what the customer asked the AI".
    await expect.poll(() => page.getByText('My screen arrived cracked').count()).toBe(2);

    await page.getByRole('button', { name: /take over/i }).click();
    const composer = page.getByRole('textbox', { name: /message/i }).first();
    await composer.waitFor();
    await composer.fill('Hi, Ana here. I have started your refund.');
    await composer.press('Enter');

    const agentMessage = await eventually(async () => {
      const { body: transcript } = await ai.get(`/conversations/${conversationId}/messages`);
      return transcript.messages.find((message: { sender: string }) => message.sender === 'agent');
    }, 'the agent message to reach the transcript');
    expect(agentMessage).toMatchObject({ body: 'Hi, Ana here. I have started your refund.', author: { name: 'Ana Lopez' } });

    // The customer's answer appears live in the agent's view.
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Thank you, how long will it take?', clientMessageId: 'c-2' });
    await page.getByText('Thank you, how long will it take?').first().waitFor({ timeout: 15_000 });

    // End Handover opens a small form (outcome, note) before it ends anything.
    await page.locator('summary', { hasText: 'End Handover' }).click();
    await page.locator('#end-note').fill('Refund started, 5 working days');
    await page.getByRole('button', { name: 'End Handover' }).click();
    const ended = await eventually(async () => {
      const { body: conversation } = await ai.get(`/conversations/${conversationId}`);
      return conversation.aiPaused === false ? conversation : undefined;
    }, 'the AI to resume');
    expect(ended.activeHandover).toBeNull();
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const { body: detail } = await admin.get(`/handovers/${body.handover.id}`);
    expect(detail.handover).toMatchObject({ status: 'completed', aiResumed: true, assignee: { id: workspace.ana.id } });
    // The End note shows on the page: on the timeline and in the Session Summary.
    await expect.poll(() => page.getByText('Refund started, 5 working days').count(), { timeout: 15_000 }).toBe(2);
  }, 90_000);

  it('does not keep an unattended tab signed in by the reloads the live stream causes', async () => {
    const own = await createWorkspace(stack.db);
    const lastSeen = async () => (await stack.db.selectFrom('sessions').select('last_seen_at').where('member_id', '=', own.ana.id).executeTakeFirstOrThrow()).last_seen_at;
    const page = await signedInPage(browser, stack.baseUrl, own.ana, '/conversations');
    await page.getByTitle('Updates appear as they happen').waitFor();
    const longAgo = new Date(Date.now() - 11 * 3600_000);
    await stack.db.updateTable('sessions').set({ last_seen_at: longAgo }).where('member_id', '=', own.ana.id).execute();

    // A handover arrives: the list reloads by itself, and that is no use of the console.
    const customerName = `Quinn ${randomUUID().slice(0, 6)}`;
    await ApiClient.forApiKey(stack.baseUrl, own.apiKey).post('/handovers', {
      conversationId: `conv-${randomUUID()}`, reason: 'Unattended tab', trigger: 'user_request', customer: { name: customerName },
    });
    await page.getByRole('link', { name: new RegExp(customerName) }).first().waitFor({ timeout: 15_000 });
    expect(await lastSeen()).toEqual(longAgo);

    // The member reloading the page is.
    await page.reload();
    await expect.poll(async () => (await lastSeen()).getTime()).toBeGreaterThan(longAgo.getTime());
  });

  it('searches the list by a word of a message, and shows the matching row with the word highlighted', async () => {
    const word = `marmalade${randomUUID().slice(0, 6)}`;
    const { handoverId, customerName } = await pendingHandover(stack.db, stack.baseUrl, workspace, {
      transcript: [{ role: 'customer', body: `The jar of ${word} broke in the box` }],
    });
    const page = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');
    await page.getByRole('searchbox', { name: 'Search handovers' }).fill(word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(new RegExp(`q=${word}`));
    const rows = page.getByRole('link', { name: new RegExp(customerName) });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.getAttribute('href')).toContain(handoverId);
    // The snippet under the row, the word in a <mark> (text, not HTML from the server).
    await expect.poll(() => page.locator('tr.match').textContent()).toContain(`The jar of ${word} broke in the box`);
    expect(await page.locator('tr.match mark').textContent()).toBe(word);
    // Nothing else matched, and a search that finds nothing says so.
    expect(await page.locator('tbody tr:not(.match):not(.section)').count()).toBe(1);
    await page.goto(`${stack.baseUrl}/conversations?q=nothing${word}`);
    await expect.poll(() => page.getByRole('heading', { name: `No handovers match “nothing${word}”` }).count()).toBe(1);
  });

  it("narrows a search to one agent's handovers, and keeps the search when the tab changes", async () => {
    const word = `quince${randomUUID().slice(0, 6)}`;
    const transcript = [{ role: 'customer', body: `Where is my ${word} jam?` }];
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const anas = await pendingHandover(stack.db, stack.baseUrl, workspace, { transcript });
    expect((await ana.post(`/handovers/${anas.handoverId}/claim`)).status).toBe(200);
    const waiting = await pendingHandover(stack.db, stack.baseUrl, workspace, { transcript });

    const page = await signedInPage(browser, stack.baseUrl, workspace.admin, '/conversations?view=all');
    await page.getByRole('searchbox', { name: 'Search handovers' }).fill(word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(new RegExp(`q=${word}`));
    await expect.poll(() => page.locator('tr.match').count()).toBe(2);

    // The agent filter: Ana's handover only, in the URL.
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Ana Lopez' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(new RegExp(`assigneeId=${workspace.ana.id}`));
    await expect.poll(() => page.locator('tr.match').count()).toBe(1);
    expect(await page.getByRole('link', { name: new RegExp(anas.customerName) }).count()).toBe(1);
    expect(await page.getByRole('link', { name: new RegExp(waiting.customerName) }).count()).toBe(0);

    // Another tab keeps the search (the agent filter belongs to the All tab).
    await page.getByRole('link', { name: 'My Handover' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === word && !url.searchParams.has('view'));
    expect(await page.getByRole('searchbox', { name: 'Search handovers' }).inputValue()).toBe(word);
    await page.context().close();
  }, 60_000);

  it('says the customer left, the same way on the badge, the summary and the list', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId, customerName } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${handoverId}`);
    await page.getByText('In progress', { exact: true }).first().waitFor();

    const left = await ApiClient.forApiKey(stack.baseUrl, workspace.apiKey).post(`/handovers/${handoverId}/leave`);
    expect(left.status).toBe(200);
    // Live: the badge says what happened, and nothing on the page still calls it in progress.
    await page.locator('.badge', { hasText: 'Customer left' }).first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('In progress', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Completed', { exact: true }).count()).toBe(0);
    await page.getByText('With an agent').first().waitFor();

    await page.goto(`${stack.baseUrl}/conversations?view=mine&status=completed`);
    const row = page.getByRole('row', { name: new RegExp(customerName) });
    await expect.poll(() => row.locator('.badge').textContent()).toContain('Customer left');
    await page.context().close();
  }, 60_000);

  it('inserts a canned reply with / and the keyboard, filled for this customer and agent, for the agent to send', async () => {
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    for (const reply of [
      { title: 'Refund delays', text: 'Sorry for the wait, {{customer.name}}.' },
      { title: 'Refund policy', text: 'Hi {{customer.name}}, {{agent.name}} here. Refunds take 5 working days.' },
      { title: 'Greeting', text: 'Hello!' },
    ]) {
      expect((await admin.post('/canned-replies', reply)).status).toBe(201);
    }
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const conversationId = `conv-${randomUUID()}`;
    const customerName = `Robin ${randomUUID().slice(0, 6)}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Refund', trigger: 'user_request', customer: { name: customerName } });
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
    const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${body.handover.id}`);

    const composer = page.getByRole('textbox', { name: /message/i });
    await composer.pressSequentially('/ref');
    const listbox = page.getByRole('listbox', { name: 'Canned replies' });
    await listbox.waitFor();
    // Filtered as typed: the two refund replies, by title, and the first one active.
    expect(await listbox.getByRole('option').allTextContents()).toEqual([
      expect.stringContaining('Refund delays'),
      expect.stringContaining('Refund policy'),
    ]);
    const active = () => composer.evaluate((box) => box.ownerDocument.getElementById(box.getAttribute('aria-activedescendant') ?? '')?.textContent ?? '');
    expect(await active()).toContain('Refund delays');
    expect(await page.getByRole('combobox').getAttribute('aria-expanded')).toBe('true');

    await composer.press('ArrowDown');
    expect(await active()).toContain('Refund policy');
    await composer.press('Enter');
    await expect.poll(() => listbox.count()).toBe(0);
    const filled = `Hi ${customerName}, Ana Lopez here. Refunds take 5 working days.`;
    expect(await composer.inputValue()).toBe(filled);

    // The agent may still edit the text; Escape closes a menu without inserting anything.
    await composer.pressSequentially(' /gre');
    await listbox.waitFor();
    await composer.press('Escape');
    await expect.poll(() => listbox.count()).toBe(0);
    for (let index = 0; index < ' /gre'.length; index++) await composer.press('Backspace');
    await composer.press('Enter');

    const sent = await eventually(async () => {
      const { body: transcript } = await ai.get(`/conversations/${conversationId}/messages`);
      return transcript.messages.find((message: { sender: string }) => message.sender === 'agent');
    }, 'the canned reply to reach the customer');
    expect(sent.body).toBe(filled);
  }, 90_000);

  it("shows beside the conversation what the AI agent said about the customer and the customer's earlier handover", async () => {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const email = `kim-${randomUUID().slice(0, 8)}@example.com`;
    const earlier = await ratedHandover(stack.db, ai, ana, { customer: { name: 'Kim', email } }, { outcome: 'resolved', note: 'Sent a new charger', score: 5 });
    const lastOrder = `Order 1042: ${'a very long description of the order, '.repeat(6)}the end`;
    const metadata = { plan_tier: 'gold', account: { region: 'EU' }, bio: '<b>bold</b> words', last_order: lastOrder };
    // The same customer, back in another conversation with the email in capitals.
    const current = await requestHandover(ai, { customer: { name: 'Kim', email: email.toUpperCase() }, metadata });
    const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${current.id}`);
    const panel = page.getByRole('region', { name: 'Customer', exact: true });

    // The attributes as a readable list, by name: keys in words, nested ones by path, markup shown as the text it is.
    expect(await panel.getByRole('term').allTextContents()).toEqual(['Account › Region', 'Bio', 'Last order', 'Plan tier']);
    expect(await panel.getByRole('definition').last().textContent()).toContain('gold');
    await panel.getByText('<b>bold</b> words').waitFor();
    expect(await panel.locator('b').count()).toBe(0);
    // A long value is cut, with the whole of it a click away.
    expect(await panel.getByText(lastOrder).count()).toBe(0);
    await panel.getByRole('button', { name: 'Show all of Last order' }).click();
    await panel.getByText(lastOrder).waitFor();

    // The earlier handover: its outcome, rating and end note, linking to it.
    await panel.getByRole('heading', { name: 'Earlier handovers (1)' }).waitFor();
    const link = panel.getByRole('link', { name: /Resolved/ });
    expect(await link.getAttribute('href')).toBe(`/conversations/${earlier.id}`);
    await panel.getByRole('img', { name: '5 out of 5' }).waitFor();
    await panel.getByText('Sent a new charger').waitFor();
    // Found by email only: said so, since the AI service's email is the customer's word.
    await panel.getByText('Same email, another conversation').waitFor();
    await panel.getByText(/Found by the email your AI agent passed on/).waitFor();
    await link.click();
    await page.waitForURL(new RegExp(earlier.id));
    await panel.getByText('This customer has not been handed over before.').waitFor();
    await page.context().close();
  }, 90_000);
});
