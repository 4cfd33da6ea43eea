import { createApi } from '$lib/api';

/**
 * Before signing out: takes this browser's Web Push subscription back, so the next person at this browser is not
 * shown the member's notifications. The API forgets it first (while the session still holds), then the browser
 * unsubscribes at its push service; should the first step fail, the second still stops pushes (the push service
 * answers 404/410, and the server drops the subscription then). Never throws: signing out must always work.
 */
export async function forgetPushInThisBrowser(fetch: typeof globalThis.fetch): Promise<void> {
  try {
    if (!('serviceWorker' in navigator)) return;
    const registration = await navigator.serviceWorker.getRegistration('/');
    const subscription = await registration?.pushManager?.getSubscription();
    if (!subscription) return;
    try {
      const api = createApi(fetch);
      const { webPush } = await api.getMyNotifications();
      const mine = webPush.subscriptions.find((candidate) => candidate.endpoint === subscription.endpoint);
      if (mine) await api.unsubscribeFromPush(mine.id);
    } finally {
      await subscription.unsubscribe();
    }
  } catch {
    // A browser without a push service, or an API that is down: sign out all the same.
  }
}
