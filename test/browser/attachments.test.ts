// Attachments in the console (issue 11): a customer's image shows inline in the chat, and a file the agent attaches
// reaches the AI service's webhook with a path it can download.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { tinyPdf, tinyPng } from '../support/files.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { claimedHandover } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let browser: Browser;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true });
  workspace = await createWorkspace(stack.db);
  await receiver.start();
  await (await ApiClient.signIn(stack.baseUrl, workspace.admin)).put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver.stop();
  await stack?.stop();
});

it("shows the customer's image inline as it arrives, and sends the agent's file to the AI service", async () => {
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const anaApi = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  const { handoverId, conversationId, customerName } = await claimedHandover(stack.db, stack.baseUrl, workspace, anaApi);
  const page = await signedInPage(browser, stack.baseUrl, workspace.ana, `/conversations/${handoverId}`);

  const { attachment: photo } = (await ai.upload('/attachments?name=cracked-screen.png', tinyPng, 'image/png')).body;
  await ai.post(`/conversations/${conversationId}/messages`, { body: 'It arrived like this', clientMessageId: 'c-photo', attachmentIds: [photo.id] });
  const image = page.getByRole('img', { name: `Image from ${customerName}: cracked-screen.png` });
  await image.waitFor({ timeout: 15_000 });
  // Drawn from the API with the agent's session: a real image, not a broken one.
  const drawnWidth = () =>
    image.evaluate((element) => {
      const drawn = element as unknown as { complete: boolean; naturalWidth: number };
      return drawn.complete ? drawn.naturalWidth : 0;
    });
  await expect.poll(drawnWidth, { timeout: 5000 }).toBe(1);
  expect(await page.getByRole('link', { name: /cracked-screen\.png/ }).getAttribute('href')).toBe(photo.path);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: tinyPdf });
  const pending = page.getByRole('list', { name: 'Files to send' }).getByRole('listitem');
  await pending.getByText(`${tinyPdf.length} B`).waitFor();
  await page.getByRole('textbox', { name: `Message to ${customerName}` }).fill('Here is your return label');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const event = await eventually(
    async () => receiver.uniqueEvents.find((candidate) => candidate.type === 'handover.message' && candidate.data.message.sender === 'agent'),
    "the agent's message at the AI service",
  );
  expect(event.data.message).toMatchObject({ body: 'Here is your return label', attachments: [{ name: 'return-label.pdf', contentType: 'application/pdf', size: tinyPdf.length }] });
  const downloaded = await ai.download(event.data.message.attachments[0].path);
  expect(downloaded.bytes).toEqual(tinyPdf);
  // In the transcript, the file is a download chip with its name and size; nothing is left to send.
  const chip = page.locator('.transcript').getByRole('link', { name: /return-label\.pdf/ });
  await chip.waitFor({ timeout: 15_000 });
  expect(await chip.getAttribute('download')).toBe('return-label.pdf');
  await expect.poll(() => pending.count()).toBe(0);
}, 90_000);
