// What an attacker on the open internet tries (issue 12): each test names the hole it keeps closed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true });
  workspace = await createWorkspace(stack.db);
});
afterAll(async () => {
  await stack?.stop();
});

describe("the console's sign-in redirect", () => {
  it('follows `next` only to a page of the console, whatever its encoding', async () => {
    const cookie = await sessionCookie(stack.baseUrl, workspace.ana);
    const redirectFor = async (next: string) => {
      const response = await fetch(`${stack.baseUrl}/login?next=${encodeURIComponent(next)}`, { headers: { cookie }, redirect: 'manual' });
      expect(response.status).toBe(303);
      return response.headers.get('location');
    };
    // A tab, a newline or a backslash that a browser drops or turns into `/` makes `//evil.example`: another site.
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example/', '/\t\\evil.example', ' //evil.example']) {
      expect(await redirectFor(next), JSON.stringify(next)).toBe('/conversations');
    }
    // Pages of the console are followed, with their query.
    expect(await redirectFor('/conversations?view=all&q=refund')).toBe('/conversations?view=all&q=refund');
    expect(await redirectFor('/analytics')).toBe('/analytics');
  });
});

describe('the session cookie', () => {
  it('is httpOnly, and over https takes the __Host- prefix, so a sibling subdomain cannot plant one', async () => {
    const signIn = (headers: Record<string, string>) =>
      fetch(`${stack.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: workspace.ana.email, password: testPassword }),
      });
    const plain = (await signIn({})).headers.getSetCookie()[0] ?? '';
    expect(plain).toMatch(/^handover_session=[^;]+;/);
    expect(plain).toMatch(/; HttpOnly/i);

    // Behind the (trusted, loopback) TLS proxy: https.
    const https = { 'x-forwarded-proto': 'https' };
    const secure = (await signIn(https)).headers.getSetCookie()[0] ?? '';
    expect(secure).toMatch(/^__Host-handover_session=[^;]+;/);
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/; Path=\//i);
    expect(secure).not.toMatch(/; Domain=/i);
    const token = secure.split(';')[0]!.split('=')[1]!;
    const me = (cookie: string) => fetch(`${stack.baseUrl}/api/v1/me`, { headers: { cookie, ...https } });
    expect((await me(`__Host-handover_session=${token}`)).status).toBe(200);
    // Over https the unprefixed name is not read: anyone on a sibling subdomain could have set it.
    expect((await me(`handover_session=${token}`)).status).toBe(401);
  });
});

describe('rate limits that random credentials cannot dodge', () => {
  let limited: TestStack;
  beforeAll(async () => {
    limited = await startTestStack({ rateLimits: { perMinute: 20, perAddressPerMinute: 30, loginFailures: 3, loginFailuresPerAddress: 5 } });
  });
  afterAll(async () => {
    await limited?.stop();
  });
  // The test's own connection comes from loopback, a trusted proxy by default: X-Forwarded-For names the client.
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const get = (path: string, headers: Record<string, string>) => fetch(`${limited.baseUrl}/api/v1${path}`, { headers });
  const signIn = (email: string, password: string, address: string) =>
    fetch(`${limited.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(address) },
      body: JSON.stringify({ email, password }),
    });

  it('counts every request of an address before looking at its credentials, then each key or member on its own', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 32; index += 1) {
      statuses.push((await get('/conversations/none', { authorization: `Bearer hk_${randomUUID()}`, ...from('203.0.113.7') })).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not held back by that one.
    const key = { authorization: `Bearer ${workspace.apiKey}` };
    expect((await get('/conversations/none', { ...key, ...from('203.0.113.8') })).status).toBe(404);

    // One key is limited as one caller, from however many addresses it comes.
    const byKey: number[] = [];
    for (let index = 0; index < 22; index += 1) byKey.push((await get('/conversations/none', { ...key, ...from(`198.51.100.${index + 1}`) })).status);
    // The request from 203.0.113.8 was the key's first of its 20.
    expect(byKey.slice(0, 19).every((status) => status === 404)).toBe(true);
    expect(byKey.slice(19)).toEqual([429, 429, 429]);
  });

  it('refuses a password sprayer by address, whatever emails it tries', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await signIn(`nobody-${index}@example.com`, 'Summer2026!', '203.0.113.20')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Ana, from her own address, is not affected.
    expect((await signIn(workspace.ana.email, testPassword, '203.0.113.21')).status).toBe(200);
  });

  it('slows guessing of one email with growing waits, not a lockout the owner cannot get past', async () => {
    const victim = workspace.ben.email;
    for (let index = 0; index < 3; index += 1) expect((await signIn(victim, `wrong-${index}`, `192.0.2.${index + 1}`)).status).toBe(401);
    // From any address, the next attempt waits: the guesser cannot spread over addresses either.
    const waiting = await signIn(victim, 'wrong-again', '192.0.2.50');
    expect(waiting.status).toBe(429);
    const wait = Number(waiting.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    expect((await signIn(victim, testPassword, '192.0.2.51')).status).toBe(429);
    // After the wait, the owner signs in.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await signIn(victim, testPassword, '192.0.2.51')).status).toBe(200);
  });
});

describe('trusted proxies', () => {
  it('ignores X-Forwarded-For from a proxy it does not trust, so a client cannot pick its address', async () => {
    const untrusting = await startTestStack({ trustProxy: '10.0.0.0/8', rateLimits: { perMinute: 1000, perAddressPerMinute: 5, loginFailures: 3 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 6; index += 1) {
        statuses.push((await fetch(`${untrusting.baseUrl}/api/v1/conversations/none`, { headers: { 'x-forwarded-for': `203.0.113.${index + 1}` } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await untrusting.stop();
    }
  });
});

describe('browser hardening headers', () => {
  const directives = (header: string | null) =>
    new Map((header ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));

  it('on API answers: no sniffing, no framing, no caching of what carries personal data, HSTS over https', async () => {
    const cookie = await sessionCookie(stack.baseUrl, workspace.ana);
    const answer = await fetch(`${stack.baseUrl}/api/v1/me`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    const csp = directives(answer.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // An error answer too.
    const refused = await fetch(`${stack.baseUrl}/api/v1/me`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    // HSTS only where served over https (a browser ignores it over http, and a dev machine should not learn it).
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    const overHttps = await fetch(`${stack.baseUrl}/api/v1/me`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it("on the console's pages and the API reference: a CSP that runs no inline script it did not write", async () => {
    const page = await fetch(`${stack.baseUrl}/login`);
    expect(page.status).toBe(200);
    const csp = directives(page.headers.get('content-security-policy'));
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts.some((value) => value.startsWith("'nonce-") || value.startsWith("'sha256-"))).toBe(true);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // Every inline script of the page carries the nonce the header names.
    const html = await page.text();
    const nonce = scripts.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);

    const reference = await fetch(`${stack.baseUrl}/api/v1/docs`);
    const referenceCsp = directives(reference.headers.get('content-security-policy'));
    expect(referenceCsp.get('script-src')).toEqual(["'self'"]);
    expect(await reference.text()).not.toMatch(/<script>(?!<\/script>)/);
  });
});
