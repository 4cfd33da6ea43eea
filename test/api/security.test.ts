// What an attacker on the open internet tries (issue 12): each test names the hole it keeps closed.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWebhookEndpoint } from '../../db/webhook-endpoints.ts';
import { launchBrowser } from '../support/browser.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { pendingHandover } from '../support/scenarios.ts';
import { EventStream, sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  // Streams re-check their listener every second here (every minute by default), and a member may hold three.
  stack = await startTestStack({ withConsole: true, streams: { recheckMs: 1000, perMember: 3 } });
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
    // Dot segments resolve to `//evil.example` too (`/.//evil.example`), so what is followed must be checked as sent.
    for (const next of [
      '/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example/', '/\t\\evil.example', ' //evil.example',
      '/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/./\\evil.example', '/conversations/..//evil.example/x',
    ]) {
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

  it('slows guessing of one email with growing waits, not a lockout: the owner elsewhere signs in meanwhile', async () => {
    const victim = workspace.ben.email;
    const guesser = '192.0.2.1';
    for (let index = 0; index < 3; index += 1) expect((await signIn(victim, `wrong-${index}`, guesser)).status).toBe(401);
    const waiting = await signIn(victim, 'wrong-again', guesser);
    expect(waiting.status).toBe(429);
    const wait = Number(waiting.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    // Even the right password waits from the guesser's address; the owner's own address is not held back.
    expect((await signIn(victim, testPassword, guesser)).status).toBe(429);
    expect((await signIn(victim, testPassword, '192.0.2.51')).status).toBe(200);
    // After the wait, the guesser's address may try again.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await signIn(victim, testPassword, guesser)).status).toBe(200);
  });
});

describe('trusted proxies', () => {
  it('ignores X-Forwarded-For from a proxy it does not trust, so a client cannot pick its address', async () => {
    const untrusting = await startTestStack({ trustProxy: '10.0.0.0/8', rateLimits: { perMinute: 1000, perAddressPerMinute: 5, loginFailures: 3 } });
    // From 127.0.0.2: loopback, but neither a configured proxy nor the console's own 127.0.0.1.
    const statusFrom = (forwardedFor: string) =>
      new Promise<number>((resolve, reject) => {
        const request = http.get(`${untrusting.baseUrl}/api/v1/conversations/none`, { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': forwardedFor } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
      });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 6; index += 1) statuses.push(await statusFrom(`203.0.113.${index + 1}`));
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
    expect(answer.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
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

describe('/metrics', () => {
  it('wants the metrics token when one is set, and its refusal echoes neither the token sent nor the right one', async () => {
    const guarded = await startTestStack({ metricsToken: 'metrics-token-for-the-test' });
    try {
      const scrape = (authorization?: string) => fetch(`${guarded.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect((await scrape()).status).toBe(401);
      const refused = await scrape('Bearer a-wrong-guess');
      expect(refused.status).toBe(401);
      const told = `${JSON.stringify([...refused.headers])}${await refused.text()}`;
      expect(told).not.toContain('a-wrong-guess');
      expect(told).not.toContain('metrics-token-for-the-test');
      // (The comparison is of hashes in constant time, sameSecret in api/auth/secrets.ts; no test measures timing.)
      const answer = await scrape('Bearer metrics-token-for-the-test');
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('handover_http_requests_total');
    } finally {
      await guarded.stop();
    }
    // Without a token outside production (the test stacks, npm start), it is open as before.
    expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(200);
  });
});

describe('in production', () => {
  let production: TestStack;
  beforeAll(async () => {
    // As platform/config.ts sets it up from NODE_ENV=production, without WEBHOOK_ALLOW_HTTP nor METRICS_TOKEN.
    production = await startTestStack({ production: true, requireHttpsTargets: true });
  });
  afterAll(async () => {
    await production?.stop();
  });

  it('serves /metrics to nobody without METRICS_TOKEN: 401, whatever bearer is sent', async () => {
    for (const authorization of [undefined, 'Bearer ', 'Bearer undefined']) {
      const answer = await fetch(`${production.baseUrl}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
      expect(answer.status, authorization).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      const body = await answer.text();
      expect(JSON.parse(body)).toEqual({ error: { code: 'unauthenticated', message: expect.any(String), details: {} } });
      expect(body).not.toContain('handover_http_requests_total');
    }
  });

  it('refuses an http webhook URL when saved, and records a delivery to one saved earlier as failed without sending it', async () => {
    const own = await createWorkspace(production.db);
    const admin = await ApiClient.signIn(production.baseUrl, own.admin);
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const refused = await admin.put('/settings/webhook', { url: receiver.url });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: ['url'], message: 'Webhook URL refused: it must be https' }] } });
      expect((await admin.get('/settings/webhook')).body.webhook).toBeNull();
      // The same address over https is taken (this stack allows private targets): the scheme alone was refused.
      expect((await admin.put('/settings/webhook', { url: receiver.url.replace(/^http:/, 'https:') })).status).toBe(200);

      // An http URL saved before https was wanted (or while WEBHOOK_ALLOW_HTTP allowed it) is not called.
      await saveWebhookEndpoint(production.db, own.id, { url: receiver.url, secret: receiver.secret, replaceSecret: true, previousSecretExpiresAt: new Date() });
      const ai = ApiClient.forApiKey(production.baseUrl, own.apiKey);
      expect((await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Hooks', trigger: 'other' })).status).toBe(201);
      const failed = await eventually(async () => {
        const { body } = await admin.get('/webhook-deliveries?status=failed');
        // Each event fails on its own (conversation.ai_paused may be recorded first): wait for the one checked.
        return body.deliveries.some((delivery: { type: string }) => delivery.type === 'handover.requested') ? body.deliveries : undefined;
      }, 'the delivery to the http URL to be recorded as failed');
      expect(failed).toContainEqual(expect.objectContaining({ type: 'handover.requested', lastStatusCode: null, lastError: 'The webhook URL must be https' }));
      expect([...receiver.received, ...receiver.rejected]).toEqual([]);
    } finally {
      await receiver.stop();
    }
    // Where http is allowed (WEBHOOK_ALLOW_HTTP, or development), the same URL is saved.
    const allowing = await ApiClient.signIn(stack.baseUrl, (await createWorkspace(stack.db)).admin);
    expect((await allowing.put('/settings/webhook', { url: receiver.url })).status).toBe(200);
  });
});

describe('the live stream re-checks who listens', () => {
  const streamOf = async (baseUrl: string, member: TestWorkspace['ana']) => {
    const cookie = await sessionCookie(baseUrl, member);
    const stream = await EventStream.open(baseUrl, { cookie });
    expect(stream.status).toBe(200);
    return { stream, cookie };
  };
  const ended = (stream: EventStream, why: string) => eventually(async () => (stream.endedByServer ? true : undefined), why, 10_000);

  it('ends at sign-out, deactivation and when the session expires', async () => {
    const own = await createWorkspace(stack.db);
    const ana = await streamOf(stack.baseUrl, own.ana);
    const signOut = await fetch(`${stack.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: ana.cookie, origin: stack.baseUrl } });
    expect(signOut.status).toBe(200);
    await ended(ana.stream, "Ana's stream to end at her sign-out");

    const ben = await streamOf(stack.baseUrl, own.ben);
    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    expect((await admin.request('PATCH', `/members/${own.ben.id}`, JSON.stringify({ active: false }))).status).toBe(200);
    await ended(ben.stream, "Ben's stream to end when he is deactivated");

    const cara = await streamOf(stack.baseUrl, own.cara);
    await stack.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('member_id', '=', own.cara.id).execute();
    await ended(cara.stream, "Cara's stream to end once her session expired");
  });

  it('stops sending a member what they may no longer see once taken off the handover team', async () => {
    const own = await createWorkspace(stack.db);
    const ana = await streamOf(stack.baseUrl, own.ana);
    const ben = await streamOf(stack.baseUrl, own.ben);
    const before = await pendingHandover(stack.db, stack.baseUrl, own);
    const updatesOf = (stream: EventStream, handoverId: string) =>
      stream.data<{ handover: { id: string } }>('handover.updated').filter((data) => data.handover.id === handoverId).length;
    await ana.stream.waitFor(() => (updatesOf(ana.stream, before.handoverId) > 0 ? true : undefined), 'Ana to see the first handover');

    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    const { body } = await admin.get('/settings/handover');
    expect((await admin.put('/settings/handover', { ...body.settings, memberIds: [own.ben.id] })).status).toBe(200);
    // Give the change its notification, then a handover Ana may no longer see: Ben, still on the team, gets it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await pendingHandover(stack.db, stack.baseUrl, own);
    await ben.stream.waitFor(() => (updatesOf(ben.stream, after.handoverId) > 0 ? true : undefined), 'Ben to see the second handover');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(updatesOf(ana.stream, after.handoverId)).toBe(0);
    expect(ana.stream.endedByServer).toBe(false);
    await Promise.all([ana.stream.close(), ben.stream.close()]);
  });

  it('holds at most a few streams per member', async () => {
    const own = await createWorkspace(stack.db);
    const cookie = await sessionCookie(stack.baseUrl, own.ana);
    const streams = await Promise.all([1, 2, 3].map(() => EventStream.open(stack.baseUrl, { cookie })));
    expect(streams.map((stream) => stream.status)).toEqual([200, 200, 200]);
    const fourth = await EventStream.open(stack.baseUrl, { cookie });
    expect(fourth.status).toBe(429);
    await streams[0]!.close();
    await eventually(async () => {
      const again = await EventStream.open(stack.baseUrl, { cookie });
      if (again.status !== 200) return undefined;
      await again.close();
      return true;
    }, 'a stream to be allowed once one closed');
    await Promise.all(streams.slice(1).map((stream) => stream.close()));
  });

  it('holds at most perProcess streams in one API process, whoever opens them: the next is refused 503 unavailable with Retry-After, as documented, until one closes', async () => {
    const capped = await startTestStack({ streams: { perProcess: 2 } });
    try {
      const own = await createWorkspace(capped.db);
      const [anaCookie, benCookie] = await Promise.all([sessionCookie(capped.baseUrl, own.ana), sessionCookie(capped.baseUrl, own.ben)]);
      const first = await EventStream.open(capped.baseUrl, { cookie: anaCookie });
      const second = await EventStream.open(capped.baseUrl, { cookie: benCookie });
      expect([first.status, second.status]).toEqual([200, 200]);
      // Ben holds one stream, far below the 20 a member may hold: the process is full.
      const third = await EventStream.open(capped.baseUrl, { cookie: benCookie });
      expect(third.status).toBe(503);
      expect(third.response.headers.get('retry-after')).toBe('5');
      expect(await third.response.json()).toEqual({
        error: { code: 'unavailable', message: 'Too many live streams on this server; retry in a moment', details: { retryAfterSeconds: 5 } },
      });
      // The API's document tells clients of that answer.
      const { body: document } = await new ApiClient(capped.baseUrl).get('/openapi.json');
      expect(document.paths['/stream'].get.responses).toHaveProperty(['503', 'headers', 'Retry-After']);

      await first.close();
      const again = await eventually(async () => {
        const stream = await EventStream.open(capped.baseUrl, { cookie: benCookie });
        if (stream.status === 200) return stream;
        await stream.close();
        return undefined;
      }, "a stream to be allowed once Ana's closed");
      await Promise.all([second.close(), again.close()]);
    } finally {
      await capped.stop();
    }
  });
});

describe('uploads', () => {
  /** An upload that declares `declared` bytes, sends `sent` and stalls; resolves with the answer's status line. */
  function stalledUpload(headers: string, declared: number, sent: number) {
    const socket = net.connect(Number(new URL(stack.baseUrl).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`POST /api/v1/attachments?name=x.png HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: ${declared}\r\n${headers}\r\n`);
    socket.write(Buffer.alloc(sent, 1));
    const statusLine = new Promise<string>((resolve) => {
      socket.once('data', (data) => resolve(data.toString('latin1').split('\r\n')[0] ?? ''));
      socket.once('close', () => resolve('closed without an answer'));
      setTimeout(() => resolve('no answer within 5 s'), 5000);
    });
    return statusLine.finally(() => socket.destroy());
  }

  it('are refused before their body is read: without credentials 401, and over the limit 413, without waiting for the bytes', async () => {
    // The API would otherwise hold up to 10 MiB for each anonymous client that sends part of a body and stalls.
    expect(await stalledUpload('', 10 * 1024 * 1024 - 1, 64 * 1024)).toMatch(/^HTTP\/1\.1 401/);
    expect(await stalledUpload(`Authorization: Bearer ${workspace.apiKey}\r\n`, 50 * 1024 * 1024, 1024)).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('the sign-in form without JavaScript', () => {
  it('signs in: the referrer policy keeps the Origin the CSRF check wants on a plain form post', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await page.goto(`${stack.baseUrl}/login`);
      await page.getByLabel('Email').fill(workspace.cara.email);
      await page.getByLabel('Password').fill(testPassword);
      const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(response?.status()).not.toBe(403);
      expect(new URL(page.url()).pathname).toBe('/conversations');
    } finally {
      await browser.close();
    }
  });
});
