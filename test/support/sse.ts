import { testPassword, type TestMember } from './factories.ts';
import { eventually } from './http.ts';

/** How a caller proves who it is: an API key, a session cookie, or nothing. */
export interface CallerAuth {
  apiKey?: string;
  cookie?: string;
}

/** Signs a member in and returns the session cookie, for clients that need the raw header (the stream, raw requests). */
export async function sessionCookie(baseUrl: string, member: TestMember): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: member.email, password: testPassword }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${member.email} answered ${response.status}`);
  return response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
}

/** The headers a client sends for this auth, as ApiClient does: a cookie comes with our own Origin for the CSRF check. */
export function authHeaders(baseUrl: string, auth: CallerAuth): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
  if (auth.cookie) {
    headers.cookie = auth.cookie;
    headers.origin = baseUrl;
  }
  return headers;
}

export interface StreamEvent {
  /** The `id:` of this event, or null when it had none. */
  id: string | null;
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client over fetch, parsed here rather than by a library: `id:`, `event:` and `data:`
 * lines, a blank line ends an event, comment lines (`: heartbeat`) are ignored. Events are kept in order.
 */
export class EventStream {
  readonly events: StreamEvent[] = [];
  comments = 0;
  /** Why the stream ended, when the server or the network ended it rather than `close()`. */
  failure: unknown = null;
  /** The server ended the stream (its body finished), as it does when the listener may no longer listen. */
  endedByServer = false;
  private reading: Promise<void> = Promise.resolve();

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  static async open(baseUrl: string, auth: CallerAuth, lastEventId?: string): Promise<EventStream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders(baseUrl, auth) };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await fetch(`${baseUrl}/api/v1/stream`, { headers, signal: controller.signal });
    const stream = new EventStream(response, controller);
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body && contentType.startsWith('text/event-stream')) stream.reading = stream.read(response.body);
    return stream;
  }

  get status(): number {
    return this.response.status;
  }

  /** The parsed `data:` of each event of this type. */
  data<T = any>(type: string): T[] {
    return this.events.filter((event) => event.event === type).map((event) => JSON.parse(event.data) as T);
  }

  /** Waits until `check` finds what it looks for in the events received so far. */
  waitFor<T>(check: (events: StreamEvent[]) => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    return eventually(async () => check(this.events), what, timeoutMs);
  }

  /** Disconnects, as a browser tab closing would. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let id: string | null = null;
    let event = '';
    let data: string[] = [];
    const line = (text: string) => {
      if (text === '') {
        if (data.length > 0) this.events.push({ id, event: event || 'message', data: data.join('\n') });
        id = null;
        event = '';
        data = [];
        return;
      }
      if (text.startsWith(':')) {
        this.comments += 1;
        return;
      }
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      let value = colon < 0 ? '' : text.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      // `retry:` and unknown fields change nothing we check.
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          this.endedByServer = true;
          break;
        }
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n')) >= 0) {
          line(buffer.slice(0, end).replace(/\r$/, ''));
          buffer = buffer.slice(end + 1);
        }
      }
    } catch (error) {
      // Kept rather than thrown: a test that waits for events reports what it missed, and may look here.
      if (!(error instanceof Error && error.name === 'AbortError')) this.failure = error;
    }
  }
}
