import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Low limits so the test reaches them quickly; production defaults are in api/middleware/rate-limits.ts.
let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  // As in production: webhook URLs on private or loopback addresses are refused.
  stack = await startTestStack({ rateLimits: { perMinute: 40, loginFailures: 3 }, allowPrivateWebhookTargets: false });
  workspace = await createWorkspace(stack.db);
});
afterAll(async () => {
  await stack?.stop();
});

describe('health and metrics', () => {
  it('answers /healthz and /readyz without credentials', async () => {
    const health = await fetch(`${stack.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${stack.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', postgres: true, temporal: true });
  });

  it('counts requests by declared route and handovers by trigger in Prometheus format', async () => {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Metrics', trigger: 'sentiment' });
    const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(text).toMatch(/handover_http_requests_total\{method="POST",route="\/handovers",status="201"\} 1/);
    expect(text).toMatch(/handover_handovers_requested_total\{trigger="sentiment"\} 1/);
    expect(text).toContain('handover_http_request_duration_seconds_bucket');
    // PostgreSQL's notification queue, which a lagging API process can fill: a fraction, read from PostgreSQL.
    const usage = /^handover_live_events_queue_usage (\S+)$/m.exec(text)?.[1];
    expect(Number(usage)).toBeGreaterThanOrEqual(0);
    expect(Number(usage)).toBeLessThan(1);
    // Ids never become labels.
    expect(text).not.toMatch(/route="\/handovers\/[0-9a-f]{8}-/);
  });
});

describe('rate limits', () => {
  it('answers 429 rate_limited with Retry-After once a key goes over its limit, and other keys go on', async () => {
    const busy = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, busy.apiKey);
    const answers = [];
    for (let index = 0; index < 45; index += 1) answers.push(await ai.get(`/conversations/none-${index}`));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.slice(0, 40).every((answer) => answer.status === 404)).toBe(true);
    expect(limited[0]?.body.error.code).toBe('rate_limited');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    expect((await other.get('/conversations/none')).status).toBe(404);
  });

  it('slows down password guessing: failed sign-ins for one email are refused for a while', async () => {
    const attempt = (password: string) =>
      fetch(`${stack.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: workspace.ben.email, password }),
      });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await attempt(`wrong-${index}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await attempt('test-password');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    // Another member is not locked out by Ben's guesser.
    expect((await ApiClient.signIn(stack.baseUrl, workspace.ana)).baseUrl).toBe(stack.baseUrl);
  });
});

describe('the API reference page', () => {
  it('serves Swagger UI over the OpenAPI document, with its assets, from this server', async () => {
    const page = await fetch(`${stack.baseUrl}/api/v1/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/v1/docs/init.js"></script>');
    // The page's start-up script is a file of its own, as its CSP wants.
    expect(await (await fetch(`${stack.baseUrl}/api/v1/docs/init.js`)).text()).toContain("url: '/api/v1/openapi.json'");
    const script = await fetch(`${stack.baseUrl}/api/v1/docs/assets/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });
});

describe('webhook targets in production', () => {
  it('refuses webhook URLs on loopback or private addresses, or hosts that do not resolve, and saves nothing', async () => {
    const own = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    for (const url of ['http://127.0.0.1:9/hooks', 'http://10.1.2.3/hooks', 'http://[::1]:8080/hooks', 'https://hooks.invalid/x']) {
      const answer = await admin.put('/settings/webhook', { url });
      expect(answer.status, url).toBe(422);
      expect(answer.body.error.details.issues[0].path).toEqual(['url']);
    }
    expect((await admin.get('/settings/webhook')).body.webhook).toBeNull();
  });

  it('answers 422 for a secret that is not whsec_ and base64 of 24 to 64 bytes', async () => {
    const own = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    for (const secret of ['whsec_a', 'whsec_!!!!', 'whsec_abcde', `whsec_${Buffer.alloc(10).toString('base64')}`, 'not-a-secret']) {
      const answer = await admin.put('/settings/webhook', { url: 'https://hooks.invalid/x', secret });
      expect(answer.status, secret).toBe(422);
      expect(answer.body.error.details.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toContain('secret');
    }
  });
});

describe('notification targets in production', () => {
  it('refuses a Slack webhook or a push endpoint on a loopback or private address, and saves neither', async () => {
    // Few requests: this file's stack has low rate limits, which the session tests below must stay under.
    const own = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    const keys = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'), auth: Buffer.alloc(16, 7).toString('base64url') };
    const slack = await admin.put('/settings/slack', { url: 'http://10.1.2.3/services/x' });
    expect(slack.status).toBe(422);
    expect(slack.body.error.details.issues[0]).toMatchObject({ path: ['url'], message: expect.stringMatching(/^Slack webhook URL refused/) });
    const push = await admin.post('/me/push-subscriptions', { endpoint: 'http://127.0.0.1:9/push/x', keys });
    expect(push.status).toBe(422);
    expect(push.body.error.details.issues[0]).toMatchObject({ path: ['endpoint'], message: expect.stringMatching(/^Push endpoint refused/) });
    expect(await stack.db.selectFrom('slack_webhooks').select('url').where('workspace_id', '=', own.id).execute()).toEqual([]);
    expect(await stack.db.selectFrom('push_subscriptions').select('id').where('workspace_id', '=', own.id).execute()).toEqual([]);
  });
});

describe('sessions', () => {
  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    const carl = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
    expect((await carl.get('/me')).status).toBe(200);
    expect((await carl.post('/auth/logout')).status).toBe(200);
    const after = await carl.get('/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });
});
