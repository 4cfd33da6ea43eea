// axe over every console page, at desktop and phone width (issue 11, defect 10: text below WCAG AA contrast),
// with a full-page screenshot of each saved under test-results/screenshots/ to be looked at (defect 11: the
// Agent performance table cut off on a phone). Each page must also work under its Content-Security-Policy
// (issue 12): the browser reports no violation.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newApiKey } from '../../api/auth/secrets.ts';
import { insertApiKey, revokeApiKey } from '../../db/api-keys.ts';
import { insertInvitation } from '../../db/invitations.ts';
import { createDemoBot, type DemoBot } from '../../runtime/demo-bot.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { tinyPdf, tinyPng } from '../support/files.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

const screenshots = path.resolve('test-results/screenshots');
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

let stack: TestStack;
let workspace: TestWorkspace;
let demoBot: DemoBot;
let browser: Browser;
/** One page per member, reused from page to page. */
let visitor: Page;
let admin: Page;
let supervisor: Page;
let ana: Page;
const handovers = { pending: '', inProgress: '', completed: '' };
/** The token of a pending invitation's link, for the page it opens (and the team page lists it). */
const invitationToken = `invitation-${randomUUID()}`;

beforeAll(async () => {
  stack = await startTestStack({
    withConsole: true,
    mounts: async (baseUrl) => {
      demoBot = createDemoBot({ apiUrl: baseUrl });
      return [demoBot.mount];
    },
  });
  workspace = await createWorkspace(stack.db);
  await demoBot.provision(stack.db, workspace.id);
  await mkdir(screenshots, { recursive: true });

  // One handover in each state, with messages, so the list, the detail and the analytics have something to show.
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const anaApi = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  const start = async (name: string, reason: string) => {
    const { body } = await ai.post('/handovers', {
      conversationId: `conv-${randomUUID()}`,
      reason,
      trigger: 'user_request',
      customer: { name },
      transcript: [
        { role: 'customer', body: 'My screen arrived cracked' },
        { role: 'ai', body: 'Sorry to hear that. Let me get someone from the team.' },
      ],
    });
    return body.handover.id as string;
  };
  handovers.pending = await start('Jordan Pending', 'Wants a refund for a damaged order');
  handovers.inProgress = await start('Riley Progress', 'Asks about an invoice');
  handovers.completed = await start('Casey Completed', 'Cannot sign in');
  for (const id of [handovers.inProgress, handovers.completed]) {
    await anaApi.post(`/handovers/${id}/claim`);
    await anaApi.post(`/handovers/${id}/messages`, { body: 'Hi, Ana here. Looking into it now.', clientMessageId: `a-${id}` });
    await anaApi.post(`/handovers/${id}/notes`, { body: 'Checked the order history.' });
  }
  // Files both ways in the one in progress: a customer's image inline, the agent's PDF as a download chip.
  const { conversationId: inProgressConversation } = (await anaApi.get(`/handovers/${handovers.inProgress}`)).body.handover;
  const photo = (await ai.upload('/attachments?name=cracked-screen.png', tinyPng, 'image/png')).body.attachment;
  await ai.post(`/conversations/${inProgressConversation}/messages`, { body: 'Here is a photo', clientMessageId: 'photo', attachmentIds: [photo.id] });
  const label = (await anaApi.upload(`/handovers/${handovers.inProgress}/attachments?name=return-label.pdf`, tinyPdf, 'application/pdf')).body.attachment;
  await anaApi.post(`/handovers/${handovers.inProgress}/messages`, { body: '', clientMessageId: 'label', attachmentIds: [label.id] });
  await eventually(async () => ((await anaApi.get(`/handovers/${handovers.completed}`)).body.handover.firstResponseAt ? true : undefined), 'the first response');
  await anaApi.post(`/handovers/${handovers.completed}/end`, { outcome: 'resolved', note: 'Password reset sent' });
  await eventually(async () => ((await anaApi.get(`/handovers/${handovers.completed}`)).body.handover.status === 'completed' ? true : undefined), 'the end');
  await ai.post(`/handovers/${handovers.completed}/rating`, { score: 5 });
  // A revoked key, shown greyed out among the live ones.
  const revoked = newApiKey();
  const { id: revokedId } = await insertApiKey(stack.db, { workspaceId: workspace.id, name: 'Old bot', prefix: revoked.prefix, keyHash: hashToken(revoked.key), createdBy: null });
  await revokeApiKey(stack.db, workspace.id, revokedId);
  await insertInvitation(stack.db, {
    workspaceId: workspace.id,
    email: `dana-${randomUUID().slice(0, 8)}@example.com`,
    name: 'Dana Park',
    role: 'agent',
    tokenHash: hashToken(invitationToken),
    invitedBy: workspace.admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  browser = await launchBrowser();
  visitor = await (await browser.newContext({ viewport: widths.desktop })).newPage();
  [admin, supervisor, ana] = await Promise.all([
    signedInPage(browser, stack.baseUrl, workspace.admin, '/conversations'),
    signedInPage(browser, stack.baseUrl, workspace.supervisor, '/conversations'),
    signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations'),
  ]);
  for (const page of [visitor, admin, supervisor, ana]) {
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }
});
/** What the browser refused under a page's Content-Security-Policy, as it reports it on the console. */
const cspViolations: string[] = [];
afterAll(async () => {
  await browser?.close();
  demoBot?.stop();
  await stack?.stop();
});

interface Visit {
  name: string;
  page: () => Page;
  path: () => string;
  /** Shown once the page is ready to look at. */
  ready?: (page: Page) => Promise<void>;
}

const live = (page: Page) => page.getByText('Live', { exact: true }).waitFor({ timeout: 20_000 });
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const visits: Visit[] = [
  { name: 'login', page: () => visitor, path: () => '/login' },
  { name: 'forgot-password', page: () => visitor, path: () => '/forgot-password' },
  { name: 'reset-password', page: () => visitor, path: () => `/reset-password/${randomUUID()}` },
  { name: 'invite', page: () => visitor, path: () => `/invite/${invitationToken}` },
  { name: 'invite-gone', page: () => visitor, path: () => `/invite/${randomUUID()}` },
  { name: 'not-found', page: () => visitor, path: () => '/no-such-page' },
  { name: 'demo', page: () => visitor, path: () => '/demo', ready: (page) => page.getByRole('log').getByText(/assistant/i).first().waitFor() },
  { name: 'conversations-mine-agent', page: () => ana, path: () => '/conversations', ready: live },
  { name: 'conversations-all', page: () => admin, path: () => '/conversations?view=all', ready: live },
  { name: 'conversations-all-completed', page: () => admin, path: () => '/conversations?view=all&status=completed,missed', ready: live },
  { name: 'conversations-search', page: () => admin, path: () => '/conversations?view=all&q=refund', ready: live },
  { name: 'conversation-pending', page: () => admin, path: () => `/conversations/${handovers.pending}`, ready: live },
  { name: 'conversation-in-progress-assignee', page: () => ana, path: () => `/conversations/${handovers.inProgress}`, ready: live },
  { name: 'conversation-completed', page: () => admin, path: () => `/conversations/${handovers.completed}`, ready: live },
  // The Workflow panel, opened by a supervisor: its history in plain words (the take-over, a message stored).
  {
    name: 'conversation-workflow-supervisor',
    page: () => supervisor,
    path: () => `/conversations/${handovers.inProgress}`,
    ready: async (page) => {
      await live(page);
      await page.getByRole('button', { name: 'Show workflow' }).click();
      const history = page.getByRole('list', { name: 'What happened' });
      await history.getByText('Take over done').waitFor();
      await history.getByText('Saved messages').first().waitFor();
    },
  },
  { name: 'conversation-not-found', page: () => admin, path: () => `/conversations/${randomUUID()}` },
  { name: 'analytics', page: () => admin, path: () => '/analytics', ready: live },
  // A custom range with a filter, and a range refused (its message beside the days).
  { name: 'analytics-range-filtered', page: () => admin, path: () => `/analytics?from=${daysAgo(6)}&to=${daysAgo(0)}&trigger=user_request`, ready: live },
  { name: 'analytics-range-refused', page: () => admin, path: () => `/analytics?from=${daysAgo(0)}&to=${daysAgo(6)}`, ready: live },
  { name: 'analytics-agent', page: () => ana, path: () => '/analytics' },
  { name: 'chat-agent', page: () => admin, path: () => '/chat-agent' },
  { name: 'team', page: () => admin, path: () => '/chat-agent/team' },
  { name: 'canned-replies', page: () => admin, path: () => '/chat-agent/canned-replies' },
  { name: 'api-keys', page: () => admin, path: () => '/chat-agent/api-keys' },
  { name: 'webhook', page: () => admin, path: () => '/chat-agent/webhook' },
  { name: 'security', page: () => admin, path: () => '/chat-agent/security' },
  { name: 'workspace', page: () => admin, path: () => '/chat-agent/workspace' },
  { name: 'workspace-agent', page: () => ana, path: () => '/chat-agent/workspace' },
  { name: 'account-sessions', page: () => ana, path: () => '/account/sessions' },
  { name: 'account-two-factor', page: () => ana, path: () => '/account/two-factor' },
  // Enrolling: the QR code and the key to type by hand.
  {
    name: 'account-two-factor-enrol',
    page: () => admin,
    path: () => '/account/two-factor',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Set up two-factor' }).click();
      await page.getByRole('img', { name: /QR code/ }).waitFor();
    },
  },
  // Once it has looked at this browser's push subscription (the Checking line is gone).
  { name: 'account', page: () => ana, path: () => '/account' },
  { name: 'notifications', page: () => admin, path: () => '/notifications', ready: (page) => page.getByText(/in this browser|cannot show push|are blocked/).first().waitFor() },
  { name: 'notifications-agent', page: () => ana, path: () => '/notifications', ready: (page) => page.getByText(/in this browser|cannot show push|are blocked/).first().waitFor() },
];

/** axe's serious and critical findings against WCAG 2.0/2.1 A and AA, one readable line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    // Only violations come back: the passes, for every element on the page, would cost more than the checks.
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`),
    );
}

/**
 * What a phone cuts off (defect 11): a page wider than the screen, or a box that scrolls sideways, which on a
 * phone shows no scrollbar and so no hint that there is more. Fields and text ending in an ellipsis are fine.
 */
async function cutOffSideways(page: Page): Promise<string[]> {
  return page.locator('html').evaluate((root) => {
    const found: string[] = [];
    const view = root.ownerDocument.defaultView;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page is ${root.scrollWidth}px wide on a ${root.clientWidth}px screen`);
    for (const element of root.querySelectorAll('body *')) {
      if (element.matches('input, textarea, select, pre, code')) continue;
      const overflow = view?.getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        const heading = element.closest('section')?.querySelector('h2, h3')?.textContent?.trim() ?? '';
        found.push(`a box scrolls sideways (${element.scrollWidth}px in ${element.clientWidth}px): ${element.tagName.toLowerCase()}.${[...element.classList].join('.')} in "${heading}"`);
      }
    }
    return found;
  });
}

describe('every console page, at desktop and phone width', () => {
  for (const visit of visits) {
    it(`${visit.name}: no serious or critical axe violation, nothing cut off on a phone, nothing refused by its CSP`, async () => {
      const page = visit.page();
      cspViolations.length = 0;
      await page.setViewportSize(widths.desktop);
      await page.goto(`${stack.baseUrl}${visit.path()}`);
      await visit.ready?.(page);
      const found: string[] = [];
      for (const [width, size] of Object.entries(widths)) {
        await page.setViewportSize(size);
        await page.screenshot({ path: path.join(screenshots, `${visit.name}-${width}.png`), fullPage: true, animations: 'disabled' });
        found.push(...(await seriousViolations(page)).map((line) => `${width}: ${line}`));
      }
      found.push(...(await cutOffSideways(page)).map((line) => `phone: ${line}`));
      found.push(...cspViolations.map((line) => `CSP: ${line}`));
      expect(found.join('\n')).toBe('');
    });
  }
});
