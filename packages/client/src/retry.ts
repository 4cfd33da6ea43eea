/** How the client sends a request again when the API asks it to (503, 429) or cannot be reached. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 4; 1 turns retrying off). */
  attempts?: number;
  /** The wait when the answer names none, doubled after each attempt (default 250 ms). */
  baseDelayMs?: number;
  /** No wait is longer than this, whatever `Retry-After` says (default 60 s, a rate limit's window). */
  maxDelayMs?: number;
  /** An attempt without an answer by then is abandoned and counts as a network error (default 15 s). */
  attemptTimeoutMs?: number;
}

/** Asked to wait (429, 503), or a proxy in front of the API that lost its upstream (502, 504). */
const retriedStatuses = new Set([429, 502, 503, 504]);

/**
 * A fetch that sends the same request again on a network error, a timeout, a 429, 502, 503 or 504, waiting as
 * `Retry-After` says. The API's writes are safe to repeat: messages carry a `clientMessageId` it deduplicates by,
 * and a repeated handover request answers with the handover already open. (A repeated `leave` or `rating` whose
 * first attempt got through is answered 409 `handover_ended` or `already_rated`: see the client's methods.)
 */
export function fetchWithRetries(fetchImpl: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const attempts = Math.max(1, options.attempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let response: Response;
      try {
        const signal = AbortSignal.any([request.signal, AbortSignal.timeout(attemptTimeoutMs)]);
        response = await fetchImpl(new Request(last ? request : request.clone(), { signal }));
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)), request.signal);
        continue;
      }
      if (last || !retriedStatuses.has(response.status)) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      await response.body?.cancel();
      await sleep(Math.min(maxDelayMs, asked ?? baseDelayMs * 2 ** (attempt - 1)), request.signal);
    }
  };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
