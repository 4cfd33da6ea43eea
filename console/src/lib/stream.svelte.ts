/**
 * Keeps the current page live: every event on the API's stream (/api/v1/stream) reloads the page's
 * data, and while the stream is down the data is reloaded every few seconds instead. Call it during
 * a component's initialisation; it stops when the component is destroyed.
 */
import { invalidateAll } from '$app/navigation';
import { reloadInBackground } from './background';
import type { TypingReport } from './typing.svelte';

export type LiveMode = 'connecting' | 'live' | 'polling';

const STREAM_URL = '/api/v1/stream';
const EVENT_TYPES = ['handover.updated', 'message.created', 'note.created'] as const;
const POLL_INTERVAL_MS = 4000;
// Several events often arrive together (a claim updates the handover and adds a system message).
const DEBOUNCE_MS = 250;

export function followLiveUpdates(options: { ontyping?: (report: TypingReport) => void } = {}): { readonly mode: LiveMode } {
  let mode = $state<LiveMode>('connecting');

  $effect(() => {
    const refresh = debounce(() => {
      // Not the member's doing: it does not count as use of the session (see background.ts).
      if (!document.hidden) void reloadInBackground(invalidateAll);
    }, DEBOUNCE_MS);
    let pollTimer: ReturnType<typeof setInterval> | undefined;
    let hasFailed = false;

    const startPolling = () => {
      mode = 'polling';
      pollTimer ??= setInterval(refresh, POLL_INTERVAL_MS);
    };
    const stopPolling = () => {
      clearInterval(pollTimer);
      pollTimer = undefined;
    };

    const source = typeof EventSource === 'function' ? new EventSource(STREAM_URL) : null;
    if (source) {
      source.onopen = () => {
        mode = 'live';
        stopPolling();
        // Back after a failure: catch up on anything the page missed meanwhile.
        if (hasFailed) refresh();
      };
      source.onerror = () => {
        hasFailed = true;
        startPolling();
      };
      source.onmessage = refresh;
      for (const type of EVENT_TYPES) source.addEventListener(type, refresh);
      // Typing is ephemeral: it reloads nothing, it goes to whoever shows it.
      source.addEventListener('typing', (event) => {
        try {
          options.ontyping?.(JSON.parse(event.data) as TypingReport);
        } catch {
          // Not a report this console understands: nothing to show.
        }
      });
    } else {
      startPolling();
    }

    const onVisibilityChange = () => {
      if (!document.hidden) refresh();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);

    return () => {
      source?.close();
      stopPolling();
      refresh.cancel();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  });

  return {
    get mode() {
      return mode;
    },
  };
}

function debounce(run: () => void, waitMs: number): (() => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(run, waitMs);
  };
  return Object.assign(debounced, { cancel: () => clearTimeout(timer) });
}
