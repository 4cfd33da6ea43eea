/**
 * Tells the API how far this member has read the conversation, so the inbox's unread count drops: whenever a
 * newer message is on screen while the tab is in view, and when the tab comes back into view. Call it during the
 * page component's initialisation.
 */
import { createApi } from '$lib/api';

export function markReadWhileVisible(current: () => { handoverId: string; lastSeq: number | null }): void {
  const api = createApi(fetch);
  let sent = { handoverId: '', seq: -1 };

  const mark = () => {
    const { handoverId, lastSeq } = current();
    if (lastSeq === null || document.hidden) return;
    if (sent.handoverId === handoverId && sent.seq >= lastSeq) return;
    sent = { handoverId, seq: lastSeq };
    // Best effort: a lost marker only leaves a count too high until the next message or visit.
    api.markRead(handoverId, lastSeq).catch(() => (sent = { handoverId: '', seq: -1 }));
  };

  $effect(() => {
    mark();
  });
  $effect(() => {
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  });
}
