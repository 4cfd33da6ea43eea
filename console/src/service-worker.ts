/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The console's service worker: shows the Web Push notifications Handover sends (a handover waiting, an escalation)
// while no console tab is open, and opens the handover when one is clicked. It caches nothing and handles no fetch.

const worker = self as unknown as ServiceWorkerGlobalScope;

interface PushPayload {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
}

worker.addEventListener('install', () => {
  void worker.skipWaiting();
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(worker.clients.claim());
});

worker.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    // Not JSON: show what we can.
  }
  event.waitUntil(
    worker.registration.showNotification(payload.title ?? 'A handover is waiting', {
      body: payload.body ?? '',
      // One notification per handover: a later level replaces the earlier one instead of piling up.
      tag: payload.tag ?? 'handover',
      data: { url: payload.url ?? '/conversations' },
    }),
  );
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openHandover(ownPath((event.notification.data as { url?: unknown } | null)?.url)));
});

/** Only a page of this console: the path of the link, on this origin. */
function ownPath(url: unknown): string {
  if (typeof url !== 'string') return '/conversations';
  try {
    const parsed = new URL(url, worker.location.origin);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/conversations';
  }
}

/**
 * Focuses a console tab already on the handover, else turns a conversations tab to it (never the demo chat or
 * another page in use), else opens a new one. A tab this worker does not control cannot be navigated: then, too,
 * a new one.
 */
async function openHandover(path: string): Promise<void> {
  const target = new URL(path, worker.location.origin).href;
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((client) => client.url === target);
  if (same) {
    await same.focus();
    return;
  }
  const conversations = windows.find((client) => new URL(client.url).pathname.startsWith('/conversations'));
  if (conversations) {
    try {
      await conversations.navigate(target);
      await conversations.focus();
      return;
    } catch {
      // Not controlled by this worker: a new tab below.
    }
  }
  await worker.clients.openWindow(target);
}
