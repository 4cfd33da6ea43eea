// The Analytics page in a real browser (issue 13): a custom range and filters in the URL, Missed split into abandoned
// and timed out, requeues, the Pending card following the stream without a reload, and the CSV export links.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEscalation } from '../../domain/policy.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { claimedHandover, endedHandover, pendingHandover } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let browser: Browser;
let page: Page;
/** A day long past, with one handover in it (the customer left): the custom range's subject. */
const pastDay = '2025-03-10';

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true });
  // A ladder that gives up after 2 s, for the handover that times out; the default one afterwards, so the others wait.
  workspace = await createWorkspace(stack.db, {
    escalation: {
      levels: [{ afterSeconds: 1, notify: 'everyone', customerMessage: 'You are still in the queue.' }],
      fallback: { afterSeconds: 2, action: 'return_to_ai', customerMessage: 'Nobody is free; the assistant will help you.' },
    },
  });
  const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);

  const timedOut = await pendingHandover(stack.db, stack.baseUrl, workspace, { trigger: 'keyword' });
  await eventually(async () => {
    const row = await stack.db.selectFrom('handovers').select(['status', 'outcome']).where('id', '=', timedOut.handoverId).executeTakeFirstOrThrow();
    return row.status === 'missed' && row.outcome === 'timed_out' ? true : undefined;
  }, 'the handover to time out');
  const { body: current } = await admin.get('/settings/handover');
  expect((await admin.put('/settings/handover', { ...current.settings, escalation: defaultEscalation })).status).toBe(200);

  await endedHandover(stack.db, stack.baseUrl, workspace);
  const completed = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
  expect((await ana.post(`/handovers/${completed.handoverId}/end`, { outcome: 'resolved' })).status).toBe(200);
  // Twice back in the queue: how the workflow counts requeues is the API tests' part; here the page shows the count.
  await stack.db.updateTable('handovers').set({ requeues: 2 }).where('id', '=', completed.handoverId).execute();
  await pendingHandover(stack.db, stack.baseUrl, workspace);

  const past = await endedHandover(stack.db, stack.baseUrl, workspace);
  await stack.db.updateTable('handovers').set({ requested_at: new Date(`${pastDay}T12:00:00Z`) }).where('id', '=', past.handoverId).execute();
  await eventually(async () => {
    const { body } = await admin.get('/analytics/handover');
    return body.totals.completed === 1 && body.totals.missed === 2 ? true : undefined;
  }, 'the figures to settle');

  browser = await launchBrowser();
  page = await signedInPage(browser, stack.baseUrl, workspace.admin, '/analytics');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A headline card: its figure and the text under it. */
function card(label: string) {
  const root = page.locator('.stat', { has: page.getByText(label, { exact: true }) });
  return { value: () => root.locator('.value').textContent(), text: () => root.locator('dd').textContent() };
}

async function open(path: string): Promise<void> {
  await page.goto(`${stack.baseUrl}${path}`);
  await page.getByText('Live', { exact: true }).waitFor({ timeout: 20_000 });
}

describe('The Analytics page', () => {
  it('splits Missed into abandoned and timed out, and counts requeues', async () => {
    await open('/analytics');
    expect(await card('Total handovers').value()).toBe('4');
    expect(await card('Completed').value()).toBe('1');
    expect(await card('Missed').value()).toBe('2');
    expect(await card('Missed').text()).toMatch(/1 abandoned, 1 timed out/);
    expect(await card('Requeued').value()).toBe('1');
    expect(await card('Requeued').text()).toContain('Back in the queue 2 times in all');
  });

  it('shows a custom range of days typed in the form, both days included, and says when a range is backwards', async () => {
    await open('/analytics?days=7');
    await page.getByLabel('First day').fill(pastDay);
    await page.getByLabel('Last day').fill(pastDay);
    await page.getByRole('button', { name: 'Show range' }).click();
    await page.waitForURL(/from=2025-03-10&to=2025-03-10/);
    expect(await card('Total handovers').value()).toBe('1');
    expect(await card('Missed').text()).toMatch(/1 abandoned, 0 timed out/);
    await page.getByText('10 Mar 2025, days in UTC.').waitFor();
    expect(await page.getByRole('link', { name: 'Last 7 days' }).getAttribute('aria-current')).toBeNull();

    await open('/analytics?from=2025-03-11&to=2025-03-12');
    await page.getByText('No handovers in this period').waitFor();

    await open('/analytics?from=2025-03-12&to=2025-03-10');
    await page.getByRole('alert').filter({ hasText: 'The first day must be on or before the last day.' }).waitFor();
    expect(await page.getByLabel('First day').inputValue()).toBe('2025-03-12');
    expect(await page.getByLabel('First day').getAttribute('aria-invalid')).toBe('true');
    // The figures meanwhile are the last 30 days', and say so.
    expect(await card('Total handovers').value()).toBe('4');
    expect(await page.getByRole('link', { name: 'Last 30 days' }).getAttribute('aria-current')).toBe('page');
  });

  it('narrows every figure by a filter chosen in the form, keeps the period, and clears', async () => {
    await open('/analytics?days=7');
    await page.getByLabel('Trigger').selectOption({ label: 'Keyword' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/trigger=keyword/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ days: '7', trigger: 'keyword' });
    expect(await card('Total handovers').value()).toBe('1');
    expect(await card('Missed').text()).toMatch(/0 abandoned, 1 timed out/);
    await page.getByText('Only handovers of trigger Keyword.').waitFor();
    expect(await page.getByRole('link', { name: 'Last 7 days' }).getAttribute('aria-current')).toBe('page');
    // A preset keeps the filters.
    expect(await page.getByRole('link', { name: 'Last 90 days' }).getAttribute('href')).toBe('/analytics?days=90&trigger=keyword');

    await page.getByLabel('Member').selectOption({ label: 'Ana Lopez' });
    await page.getByLabel('Trigger').selectOption({ label: 'All triggers' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(new RegExp(`memberId=${workspace.ana.id}`));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ days: '7', trigger: '', memberId: workspace.ana.id });
    expect(await card('Total handovers').value()).toBe('1');
    expect(await card('Completed').value()).toBe('1');
    await page.getByText('Only handovers of member Ana Lopez.').waitFor();

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL(/\?days=7$/);
    expect(await card('Total handovers').value()).toBe('4');
    await page.getByText('All handovers, no filters.').waitFor();
  });

  it('links the CSV exports with the period, zone and filters the page asked the API for (the end exclusive)', async () => {
    await open(`/analytics?from=${pastDay}&to=2025-03-11&outcome=customer_left`);
    expect(await page.getByRole('link', { name: 'Export handovers (CSV)' }).getAttribute('href')).toBe(
      '/api/v1/analytics/handover/handovers.csv?from=2025-03-10&to=2025-03-12&tz=UTC&outcome=customer_left',
    );
    expect(await page.getByRole('link', { name: 'Export agents (CSV)' }).getAttribute('href')).toBe(
      '/api/v1/analytics/handover/agents.csv?from=2025-03-10&to=2025-03-12&tz=UTC&outcome=customer_left',
    );

    // A preset: the instants it was counted between.
    await open('/analytics?days=7&trigger=keyword');
    const href = await page.getByRole('link', { name: 'Export handovers (CSV)' }).getAttribute('href');
    const query = new URL(href ?? '', stack.baseUrl).searchParams;
    expect([...query.keys()]).toEqual(['from', 'to', 'tz', 'trigger']);
    expect(Date.parse(query.get('to') ?? '') - Date.parse(query.get('from') ?? '')).toBe(7 * 24 * 3600 * 1000);
    expect(Math.abs(Date.parse(query.get('to') ?? '') - Date.now())).toBeLessThan(60_000);
    expect(query.get('tz')).toBe('UTC');
    expect(query.get('trigger')).toBe('keyword');
  });

  it('updates the Pending card when a handover is requested, without a reload', async () => {
    await open('/analytics?days=7');
    expect(await card('Pending').value()).toBe('1');
    // Gone on a reload: still there afterwards means the page followed the stream.
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await pendingHandover(stack.db, stack.baseUrl, workspace);
    await expect.poll(() => card('Pending').value(), { timeout: 15_000 }).toBe('2');
    expect(await card('Total handovers').value()).toBe('5');
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});
