import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// The Notifications page in a real browser. Headless Chromium has no push service to subscribe with, so the
// subscription's way to the API is proven by test/api/notifications.test.ts; here: the page stores the choices,
// registers the service worker, and the service worker shows a push (delivered through DevTools) as a notification.

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

/** The service worker registration's id, as DevTools knows it, once the worker runs. */
async function activeRegistration(session: CDPSession): Promise<string> {
  return new Promise((resolve) => {
    session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const running = versions.find((version) => version.runningStatus === 'running' && version.scriptURL.endsWith('/service-worker.js'));
      if (running) resolve(running.registrationId);
    });
    void session.send('ServiceWorker.enable');
  });
}

describe('Notifications, in a real browser', () => {
  it('lets an agent turn email on, and turns push on through the service worker, which shows a push as a notification', async () => {
    const page: Page = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');
    await page.context().grantPermissions(['notifications'], { origin: stack.baseUrl });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();

    await page.getByRole('switch', { name: 'Email me' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Saved. Emails go to ${workspace.ana.email}.`).waitFor();
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.get('/me/notifications')).body.notifications.email).toBe(true);

    const session = await page.context().newCDPSession(page);
    const registration = activeRegistration(session);
    await page.getByRole('button', { name: 'Turn on in this browser' }).click();
    // Subscribing needs a push service this headless browser lacks: the page says so, or (with one) it is on.
    await page.getByText(/On in this browser|could not subscribe/).waitFor();
    const registrationId = await registration;
    // Run in the page as text, so the test needs no DOM types of its own.
    expect(await page.evaluate<string | undefined>(`navigator.serviceWorker.getRegistration('/').then((found) => found?.active?.scriptURL)`)).toBe(
      `${stack.baseUrl}/service-worker.js`,
    );
    // With a push service, the browser's subscription is stored for Ana; without one, nothing is.
    const subscribed = await page.getByText('On in this browser: you are notified even with every console tab closed.').isVisible();
    const stored = await stack.db.selectFrom('push_subscriptions').select('id').where('member_id', '=', workspace.ana.id).execute();
    expect(stored).toHaveLength(subscribed ? 1 : 0);

    const payload = { title: 'Jo is waiting for a person', body: 'The customer asked for a person: refund', url: `${stack.baseUrl}/conversations/h-1`, tag: 'handover-h-1' };
    // DevTools hands the push to the browser and answers at once, without saying whether the worker got it: a
    // loaded CI run saw none shown in 10 s. So the push goes again on each look until one is shown; the tag keeps
    // it to one notification, so a second push cannot pass for the first.
    await expect
      .poll(
        async () => {
          await session.send('ServiceWorker.deliverPushMessage', { origin: stack.baseUrl, registrationId, data: JSON.stringify(payload) });
          return page.evaluate(`navigator.serviceWorker.getRegistration('/').then((found) => found.getNotifications()).then((shown) =>
            shown.map((notification) => ({ title: notification.title, body: notification.body, tag: notification.tag, data: notification.data })))`);
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, data: { url: payload.url } }]);
    await page.context().close();
  });

  it('takes the browser\'s push subscription back when the member signs out', async () => {
    // No push service here: the browser's subscription is stood in for, and stored for Ana as the page would.
    const endpoint = `https://push.example/${Date.now()}`;
    const page: Page = await signedInPage(browser, stack.baseUrl, workspace.ana, '/conversations');
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const stored = await ana.post('/me/push-subscriptions', { endpoint, expirationTime: null, keys: { p256dh: 'BOr4F1xAhxV1Gkl3oxzfwyFPhyzMZUuRhmEDZaGWM9k0LmRCsfCmSs9TrUVrPrWfxhbDbf3SNPDMj5tBhYdLXk0', auth: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    expect(stored.status).toBe(201);
    await page.evaluate(`ServiceWorkerContainer.prototype.getRegistration = async () => ({ pushManager: { getSubscription: async () => ({
      endpoint: ${JSON.stringify(endpoint)}, unsubscribe: async () => { sessionStorage.setItem('unsubscribed', 'yes'); return true; } }) } })`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect(await page.evaluate(`sessionStorage.getItem('unsubscribed')`)).toBe('yes');
    expect(await stack.db.selectFrom('push_subscriptions').select('id').where('endpoint', '=', endpoint).execute()).toEqual([]);
    await page.context().close();
  });
});
