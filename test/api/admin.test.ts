import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createMemoryReplayGuard, verifyWebhook } from '@handover/client';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db);
  admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
});
afterAll(async () => {
  await stack?.stop();
});

describe('API keys', () => {
  it('shows a new key once, stores only its hash, and a revoked key stops working at once', async () => {
    const created = await admin.post('/api-keys', { name: 'Support bot' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^hk_/);
    expect(created.body.apiKey).toMatchObject({ name: 'Support bot', prefix: created.body.key.slice(0, 10), revokedAt: null, lastUsedAt: null });
    const stored = await stack.db.selectFrom('api_keys').selectAll().where('id', '=', created.body.apiKey.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.body.key);

    const bot = ApiClient.forApiKey(stack.baseUrl, created.body.key);
    expect((await bot.post(`/conversations/conv-${randomUUID()}/messages`, { body: 'Hi', clientMessageId: '1' })).status).toBe(202);
    const listed = await admin.get('/api-keys');
    const key = listed.body.apiKeys.find((entry: { id: string }) => entry.id === created.body.apiKey.id);
    expect(key.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    // A busy key is not rewritten on every request: within a minute the recorded use stays, after it moves on.
    const lastUsed = async () =>
      (await stack.db.selectFrom('api_keys').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow()).last_used_at;
    const first = await lastUsed();
    expect((await bot.get(`/conversations/conv-${randomUUID()}`)).status).toBe(404);
    expect(await lastUsed()).toEqual(first);
    const longAgo = new Date(Date.now() - 2 * 60_000);
    await stack.db.updateTable('api_keys').set({ last_used_at: longAgo }).where('id', '=', key.id).execute();
    expect((await bot.get(`/conversations/conv-${randomUUID()}`)).status).toBe(404);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);

    const revoked = await admin.request('DELETE', `/api-keys/${created.body.apiKey.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).not.toBeNull();
    const refused = await bot.post(`/conversations/conv-${randomUUID()}/messages`, { body: 'Hi', clientMessageId: '2' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
  });
});

describe('members', () => {
  it('invites a member who can sign in, and deactivating them ends their sessions', async () => {
    const email = `dana-${randomUUID().slice(0, 8)}@test.test`;
    const invited = await admin.post('/members', { email, name: 'Dana Park', role: 'agent', password: 'a-long-first-password' });
    expect(invited.status).toBe(201);
    expect(invited.body.member).toMatchObject({ email, name: 'Dana Park', role: 'agent', active: true, isHandoverMember: false });
    const again = await admin.post('/members', { email, name: 'Dana Again', role: 'agent', password: 'a-long-first-password' });
    expect(again.status).toBe(409);

    const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a-long-first-password' }),
    });
    expect(login.status).toBe(200);
    const dana = new ApiClient(stack.baseUrl, { cookie: login.headers.getSetCookie()[0]?.split(';')[0] ?? '' });
    expect((await dana.get('/me')).status).toBe(200);

    const promoted = await admin.request('PATCH', `/members/${invited.body.member.id}`, JSON.stringify({ role: 'supervisor' }));
    expect(promoted.body.member.role).toBe('supervisor');
    const deactivated = await admin.request('PATCH', `/members/${invited.body.member.id}`, JSON.stringify({ active: false }));
    expect(deactivated.body.member.active).toBe(false);
    expect((await dana.get('/me')).status).toBe(401);
  });

  it('does not let an admin lock themselves out', async () => {
    const answer = await admin.request('PATCH', `/members/${workspace.admin.id}`, JSON.stringify({ role: 'agent' }));
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('conflict');
    const me = await admin.get('/me');
    expect(me.body.member.role).toBe('admin');
  });
});

describe('the webhook delivery log', () => {
  it('shows a delivery the receiver refused with 410, and sends it again once the endpoint is saved anew', async () => {
    const own = await createWorkspace(stack.db);
    const ownAdmin = await ApiClient.signIn(stack.baseUrl, own.admin);
    // A receiver that says Gone: the endpoint is disabled and the delivery marked failed.
    const gone = http.createServer((_req, res) => res.writeHead(410).end());
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const goneUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hooks`;
    const saved = await ownAdmin.put('/settings/webhook', { url: goneUrl });
    expect(saved.body.secret).toMatch(/^whsec_/);

    const ai = ApiClient.forApiKey(stack.baseUrl, own.apiKey);
    const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Hooks', trigger: 'other' });
    const failed = await eventually(async () => {
      const { body: log } = await ownAdmin.get('/webhook-deliveries?status=failed');
      return log.deliveries.length > 0 ? log.deliveries : undefined;
    }, 'a failed delivery');
    expect(failed[0]).toMatchObject({ status: 'failed', lastStatusCode: 410, attempts: 1 });
    const endpoint = await ownAdmin.get('/settings/webhook');
    expect(endpoint.body.webhook).toMatchObject({ url: goneUrl });
    expect(endpoint.body.webhook.disabledAt).not.toBeNull();
    gone.close();

    const receiver = new WebhookReceiver();
    await receiver.start();
    await ownAdmin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
    const retried = await ownAdmin.post(`/webhook-deliveries/${failed[0].id}/retry`);
    expect(retried.status).toBe(202);
    await eventually(async () => (receiver.uniqueEvents.some((event) => event.id === failed[0].id) ? true : undefined), 'the redelivery');
    const { body: log } = await ownAdmin.get('/webhook-deliveries?status=delivered');
    expect(log.deliveries.map((delivery: { id: string }) => delivery.id)).toContain(failed[0].id);
    const twice = await ownAdmin.post(`/webhook-deliveries/${failed[0].id}/retry`);
    expect(twice.status).toBe(409);
    // The handover's remaining events (ended, ai_resumed) reach the receiver too, in order.
    expect((await ai.post(`/handovers/${body.handover.id}/leave`)).status).toBe(200);
    await stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id)).result();
    await receiver.delivered(body.handover.id, 'conversation.ai_resumed');
    expect(receiver.uniqueEvents.map((event) => event.type)).toContain('handover.ended');
    await receiver.stop();
  });
});

describe('the webhook secret', () => {
  const day = 24 * 60 * 60 * 1000;

  /** Starts a handover in the workspace, so that its first event is delivered. */
  async function startHandover(workspace: TestWorkspace): Promise<string> {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Hooks', trigger: 'other' });
    return body.handover.id;
  }

  it('stays when the URL is saved again without one, so the receiver holding it keeps verifying deliveries', async () => {
    const own = await createWorkspace(stack.db);
    const ownAdmin = await ApiClient.signIn(stack.baseUrl, own.admin);
    const first = await ownAdmin.put('/settings/webhook', { url: 'http://127.0.0.1:9/a-typo' });
    expect(first.body.secret).toMatch(/^whsec_/);
    const receiver = new WebhookReceiver(first.body.secret);
    await receiver.start();
    // The typo fixed, the secret left blank: it stays, and is not shown again.
    const fixed = await ownAdmin.put('/settings/webhook', { url: receiver.url });
    expect(fixed.body).toEqual({ url: receiver.url });

    const handoverId = await startHandover(own);
    await eventually(async () => (receiver.received.length + receiver.rejected.length > 0 ? true : undefined), 'a delivery');
    expect(receiver.rejected).toEqual([]);
    await receiver.delivered(handoverId, 'handover.requested');
    await receiver.stop();

    // Entering the same secret again changes nothing; another one replaces it, the old one signing for a day more.
    await ownAdmin.put('/settings/webhook', { url: receiver.url, secret: first.body.secret });
    expect((await ownAdmin.get('/settings/webhook')).body.webhook.previousSecretExpiresAt).toBeNull();
    await ownAdmin.put('/settings/webhook', { url: receiver.url, secret: new WebhookReceiver().secret });
    const replaced = (await ownAdmin.get('/settings/webhook')).body.webhook;
    expect(Date.parse(replaced.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + day - 60_000);
  });

  it('rotates on request: the new secret is shown once, and for a day deliveries are signed with both, the new one first', async () => {
    const own = await createWorkspace(stack.db);
    const ownAdmin = await ApiClient.signIn(stack.baseUrl, own.admin);
    expect((await ownAdmin.post('/settings/webhook/rotate-secret')).body.error.code).toBe('not_found');
    const receiver = new WebhookReceiver();
    await receiver.start();
    await ownAdmin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });

    const before = Date.now();
    const rotated = await ownAdmin.post('/settings/webhook/rotate-secret');
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    expect(rotated.body.secret).not.toBe(receiver.secret);
    const until = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(until).toBeGreaterThanOrEqual(before + day - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + day + 1000);
    const shown = await ownAdmin.get('/settings/webhook');
    expect(shown.body.webhook).toMatchObject({ url: receiver.url, previousSecretExpiresAt: rotated.body.previousSecretExpiresAt });
    expect(JSON.stringify(shown.body)).not.toContain(rotated.body.secret);

    // The receiver still holds the old secret: its deliveries verify, and verify with the new one as well.
    const handoverId = await startHandover(own);
    await receiver.delivered(handoverId, 'handover.requested');
    const delivery = receiver.raw[0]!;
    const id = String(delivery.headers['webhook-id']);
    const sentAt = new Date(Number(delivery.headers['webhook-timestamp']) * 1000);
    expect(String(delivery.headers['webhook-signature']).split(' ')).toEqual([
      new Webhook(rotated.body.secret).sign(id, sentAt, delivery.body),
      new Webhook(receiver.secret).sign(id, sentAt, delivery.body),
    ]);
    for (const secret of [rotated.body.secret, receiver.secret]) {
      const event = await verifyWebhook(delivery.body, delivery.headers, secret, { replayGuard: createMemoryReplayGuard() });
      expect(event.id).toBe(id);
    }
    await receiver.stop();
  });

  it('keeps every secret replaced within the day signing until its own day is over, when the admin rotates twice', async () => {
    const own = await createWorkspace(stack.db);
    const ownAdmin = await ApiClient.signIn(stack.baseUrl, own.admin);
    const receiver = new WebhookReceiver();
    await receiver.start();
    await ownAdmin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
    const second = (await ownAdmin.post('/settings/webhook/rotate-secret')).body;
    const third = (await ownAdmin.post('/settings/webhook/rotate-secret')).body;
    // The receiver never switched: it still holds the first secret, which must keep verifying for its day.
    const handoverId = await startHandover(own);
    await receiver.delivered(handoverId, 'handover.requested');
    expect(receiver.rejected).toEqual([]);
    const delivery = receiver.raw[0]!;
    const id = String(delivery.headers['webhook-id']);
    const sentAt = new Date(Number(delivery.headers['webhook-timestamp']) * 1000);
    expect(String(delivery.headers['webhook-signature']).split(' ')).toEqual(
      [third.secret, second.secret, receiver.secret].map((secret) => new Webhook(secret).sign(id, sentAt, delivery.body)),
    );
    // The page shows when the last of them stops signing.
    expect((await ownAdmin.get('/settings/webhook')).body.webhook.previousSecretExpiresAt).toBe(third.previousSecretExpiresAt);
    await receiver.stop();
  });
});
