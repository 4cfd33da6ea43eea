import { testPassword, type TestMember } from './factories.ts';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for the API under test, as an AI service (API key) or a member (session cookie). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: { apiKey?: string; cookie?: string } = {},
  ) {}

  static forApiKey(baseUrl: string, apiKey: string): ApiClient {
    return new ApiClient(baseUrl, { apiKey });
  }

  static async signIn(baseUrl: string, member: TestMember): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: testPassword }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${member.email} answered ${response.status}`);
    const cookie = response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    return new ApiClient(baseUrl, { cookie });
  }

  get<T = any>(path: string): Promise<HttpAnswer<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<HttpAnswer<T>> {
    return this.request('POST', path, JSON.stringify(body));
  }

  put<T = any>(path: string, body: unknown): Promise<HttpAnswer<T>> {
    return this.request('PUT', path, JSON.stringify(body));
  }

  delete<T = any>(path: string): Promise<HttpAnswer<T>> {
    return this.request('DELETE', path);
  }

  /** Sends a file's bytes as the body (an upload), with its type. */
  upload<T = any>(path: string, bytes: Uint8Array, contentType: string): Promise<HttpAnswer<T>> {
    return this.request('POST', path, bytes, { 'content-type': contentType });
  }

  /** GETs a file as bytes (not JSON); `path` as the API gives it, below the origin (e.g. /api/v1/attachments/...). */
  async download(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.authHeaders() });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  private authHeaders(): Record<string, string> {
    return { ...(this.auth.apiKey ? { authorization: `Bearer ${this.auth.apiKey}` } : {}), ...(this.auth.cookie ? { cookie: this.auth.cookie } : {}) };
  }

  async request<T = any>(method: string, path: string, rawBody?: string | Uint8Array, extraHeaders: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (this.auth.apiKey) headers.authorization = `Bearer ${this.auth.apiKey}`;
    if (this.auth.cookie) {
      headers.cookie = this.auth.cookie;
      // The console's own origin, as a browser sends it; the CSRF check wants it on writes.
      headers.origin ??= this.baseUrl;
    }
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, ...(rawBody !== undefined ? { body: rawBody } : {}) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: the test will see the text and fail on it.
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }
}

/** Polls until `check` returns a value that is not undefined, or fails with the last value seen. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
