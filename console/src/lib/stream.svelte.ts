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
export type StreamEventType = (typeof EVENT_TYPES)[number];
const POLL_INTERVAL_MS = 4000;
// Several events often arrive together (a claim updates the handover and adds a system message).
const DEBOUNCE_MS = 250;

export interface LiveOptions {
  ontyping?: (report: TypingReport) => void;
  /** The events that reload the page's data; all of them unless given (a page whose figures only handovers move). */
  reloadOn?: readonly StreamEventType[];
  /** How long to gather events before reloading (DEBOUNCE_MS unless given); longer for a costly page. */
  waitMs?: number;
}

export function followLiveUpdates(options: LiveOptions = {}): { readonly mode: LiveMode } {
  let mode = $state<LiveMode>('connecting');

  $effect(() => {
    const waitMs = options.waitMs ?? DEBOUNCE_MS;
    // Reloads at the latest 4 waits after the first event: a steady stream of events must not put it off forever.
    const refresh = debounce(() => {
      // Not the member's doing: it does not count as use of the session (see background.ts).
      if (!document.hidden) void reloadInBackground(invalidateAll);
    }, waitMs, waitMs * 4);
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
      for (const type of options.reloadOn ?? EVENT_TYPES) source.addEventListener(type, refresh);
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

function debounce(run: () => void, waitMs: number, maxWaitMs: number): (() => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCallAt: number | null = null;
  const fire = () => {
    firstCallAt = null;
    run();
  };
  const debounced = () => {
    clearTimeout(timer);
    firstCallAt ??= Date.now();
    timer = setTimeout(fire, Math.max(0, Math.min(waitMs, firstCallAt + maxWaitMs - Date.now())));
  };
  return Object.assign(debounced, {
    cancel: () => {
      clearTimeout(timer);
      firstCallAt = null;
    },
  });
}
