// The load's HTTP client: requests spread over the API processes, each attempt recorded with its status and
// latency. It behaves as the API's documentation asks a client to: on 503 `unavailable` it sends the same request
// again after Retry-After; on a refused or reset connection (an API process that died) it tries the other process.
// Every write the load sends is safe to repeat (clientMessageId, a repeated handover request, idempotent claims).

/** What one attempt came to. */
export type AttemptKind =
  | 'ok' // 2xx
  | 'unavailable' // 503 with the error envelope's code `unavailable`
  | 'client_error' // 4xx, answered to the caller
  | 'server_error' // any other 5xx (a 500, or a 503 without the envelope): never acceptable
  | 'connection' // refused or reset: the API process is down (or was killed mid-request)
  | 'hang'; // no answer within the client's limit

export interface Attempt {
  /** ms since the run began, when the attempt was sent. */
  at: number;
  op: string;
  api: number;
  kind: AttemptKind;
  status: number | null;
  code: string | null;
  latencyMs: number;
  detail?: string;
}

export interface Answer {
  status: number;
  body: any;
  /** How many attempts came before this answer without one (503, connection, hang). */
  unansweredBefore: number;
}

export interface ClientOptions {
  urls: string[];
  clock: () => number;
  /** An attempt with no answer by then is recorded as a hang and sent again. */
  hangLimitMs: number;
  /** How long one request keeps trying before the load gives up on it. */
  giveUpAfterMs: number;
}

export class RequestGaveUp extends Error {
  override name = 'RequestGaveUp';
}

export class ChaosClient {
  readonly attempts: Attempt[] = [];
  private next = 0;

  constructor(private readonly options: ClientOptions) {}

  async request(op: string, method: string, path: string, auth: { apiKey?: string; cookie?: string }, body?: unknown): Promise<Answer> {
    const { urls, clock } = this.options;
    const started = Date.now();
    let api = this.next++ % urls.length;
    let unansweredBefore = 0;
    for (;;) {
      const base = urls[api]!;
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
      if (auth.cookie) {
        headers.cookie = auth.cookie;
        headers.origin = base;
      }
      const at = clock();
      const sent = performance.now();
      let attempt: Attempt;
      let answer: Answer | null = null;
      let retryAfterMs = 250;
      try {
        const response = await fetch(`${base}/api/v1${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.options.hangLimitMs),
        });
        const text = await response.text();
        const latencyMs = performance.now() - sent;
        let parsed: any = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // Not JSON: kept as text, and a 5xx without the envelope is a server error.
        }
        const code = typeof parsed?.error?.code === 'string' ? (parsed.error.code as string) : null;
        const status = response.status;
        const kind: AttemptKind =
          status < 300 ? 'ok' : status === 503 && code === 'unavailable' ? 'unavailable' : status < 500 ? 'client_error' : 'server_error';
        attempt = { at, op, api, kind, status, code, latencyMs };
        if (kind !== 'server_error' && kind !== 'unavailable') answer = { status, body: parsed, unansweredBefore };
        if (kind === 'server_error') attempt.detail = (typeof text === 'string' ? text : '').slice(0, 300);
        const retryAfter = Number(response.headers.get('retry-after'));
        if (kind === 'unavailable' && Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = Math.min(retryAfter * 1000, 2000);
      } catch (error) {
        const latencyMs = performance.now() - sent;
        const name = (error as Error)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        attempt = { at, op, api, kind: timedOut ? 'hang' : 'connection', status: null, code: null, latencyMs, detail: describe(error) };
        // A process that is down: the other one takes the request at once.
        if (!timedOut) {
          api = (api + 1) % urls.length;
          retryAfterMs = 100;
        }
      }
      this.attempts.push(attempt);
      if (answer) return answer;
      unansweredBefore += 1;
      if (Date.now() - started > this.options.giveUpAfterMs) {
        throw new RequestGaveUp(`${op} ${method} ${path}: no answer after ${unansweredBefore} attempts (last: ${attempt.kind} ${attempt.status ?? ''} ${attempt.detail ?? ''})`);
      }
      await sleep(retryAfterMs);
    }
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return [String((error as Error)?.message ?? error), cause?.code ?? cause?.message].filter(Boolean).join(': ').slice(0, 200);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
