// The typed client (@handover/client) against the real API: every call, its typed errors, its retries and
// verifyWebhook on a genuine delivery.
import { randomUUID } from 'node:crypto';
import {
  createHandoverClient,
  createMemoryReplayGuard,
  HandoverError,
  verifyWebhook,
  WebhookVerificationError,
  type HandoverClient,
} from '@handover/client';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { tinyPng } from '../support/files.ts';
import { FaultyProxy } from '../support/faulty-proxy.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let client: HandoverClient;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  stack = await startTestStack({ allowPrivateWebhookTargets: true });
  workspace = await createWorkspace(stack.db);
  client = createHandoverClient({ baseUrl: stack.baseUrl, apiKey: workspace.apiKey, retry: { baseDelayMs: 20 } });
  await receiver.start();
  const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  expect((await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret })).status).toBe(200);
});
afterAll(async () => {
  await receiver.stop();
  await stack?.stop();
});

function startFor(conversationId: string) {
  return client.startHandover({
    conversationId,
    reason: 'Asks for a person',
    trigger: 'user_request',
    customer: { name: 'Jo Customer' },
    transcript: [{ role: 'customer', body: 'Can I talk to a person?' }],
  });
}

describe('the calls of an AI service', () => {
  it('starts a handover once, routes to humans while it is active, fences the AI, and rates after the end', async () => {
    const conversationId = `client-${randomUUID()}`;
    const first = await startFor(conversationId);
    expect(first.created).toBe(true);
    expect(first.handover).toMatchObject({ conversationId, status: 'pending', trigger: 'user_request' });
    const again = await startFor(conversationId);
    expect(again).toMatchObject({ created: false, handover: { id: first.handover.id } });

    const conversation = await eventually(async () => {
      const current = await client.getConversation(conversationId);
      return current.aiPaused ? current : undefined;
    }, 'the AI to pause');
    expect(conversation.activeHandover?.id).toBe(first.handover.id);

    const routed = await client.routeCustomerMessage(conversationId, { body: 'Hello?', clientMessageId: 'c-1' });
    expect(routed).toMatchObject({ routedTo: 'human', handoverId: first.handover.id });
    // The same clientMessageId is the same message.
    expect(await client.routeCustomerMessage(conversationId, { body: 'Hello?', clientMessageId: 'c-1' })).toEqual(routed);

    // The fence: an AI reply while a person has the conversation is not stored, and says so in its type.
    const transcript = await client.listMessages(conversationId);
    const reply = await client.recordAiReply(conversationId, { body: 'I can help!', inReplyTo: transcript[0]!.id });
    expect(reply).toEqual({ sent: false, reason: 'ai_paused' });

    const ended = await client.leave(first.handover.id);
    expect(ended.id).toBe(first.handover.id);
    const closed = await eventually(async () => {
      const current = await client.getConversation(conversationId);
      return current.activeHandover === null ? current : undefined;
    }, 'the handover to end');
    expect(closed.aiPaused).toBe(false);

    const rated = await client.rate(first.handover.id, { score: 4, comment: 'Quick' });
    expect(rated.rating).toEqual({ score: 4, comment: 'Quick' });
    const twice = await client.rate(first.handover.id, { score: 5 }).catch((error: unknown) => error);
    expect(twice).toBeInstanceOf(HandoverError);
    expect(twice).toMatchObject({ status: 409, code: 'already_rated' });
  });

  it('records an AI reply when the AI has the conversation, once per clientMessageId', async () => {
    const conversationId = `client-${randomUUID()}`;
    const routed = await client.routeCustomerMessage(conversationId, { body: 'When do you open?' });
    expect(routed).toMatchObject({ routedTo: 'ai', handoverId: null });
    const reply = await client.recordAiReply(conversationId, { body: 'At nine.', inReplyTo: routed.messageId, clientMessageId: 'ai-1' });
    if (!reply.sent) throw new Error('the reply was fenced');
    expect(await client.recordAiReply(conversationId, { body: 'At nine.', inReplyTo: routed.messageId, clientMessageId: 'ai-1' })).toEqual(reply);
    const messages = await client.listMessages(conversationId, { afterSeq: 0 });
    expect(messages.map((message) => [message.sender, message.body, message.seq])).toEqual([
      ['customer', 'When do you open?', 1],
      ['ai', 'At nine.', 2],
    ]);
    expect(await client.listMessages(conversationId, { afterSeq: 1 })).toHaveLength(1);
  });

  it("reports the customer's typing while a handover is active, and says when nobody watches", async () => {
    const conversationId = `client-${randomUUID()}`;
    await client.routeCustomerMessage(conversationId, { body: 'Hello' });
    expect(await client.reportTyping(conversationId, true)).toEqual({ shown: false, reason: 'no_active_handover' });
    const { handover } = await startFor(conversationId);
    const shown = await client.reportTyping(conversationId, true);
    expect(shown).toEqual({ shown: true, handoverId: handover.id, expiresAt: expect.any(String) });
    expect(await client.reportTyping(conversationId, false)).toEqual({ shown: true, handoverId: handover.id, expiresAt: null });
    await expect(client.reportTyping(`never-${randomUUID()}`, true)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await client.leave(handover.id);
  });

  it("uploads a customer's file, sends it with a message and downloads it by its path; refuses a type the API does not take", async () => {
    const conversationId = `client-${randomUUID()}`;
    const attachment = await client.uploadAttachment(tinyPng, { name: 'photo.png', contentType: 'image/png' });
    await client.routeCustomerMessage(conversationId, { body: '', attachmentIds: [attachment.id] });

    const [message] = await client.listMessages(conversationId);
    expect(message?.attachments).toEqual([attachment]);
    expect(await client.downloadAttachment(attachment.path)).toEqual({ bytes: new Uint8Array(tinyPng), contentType: 'image/png' });
    await expect(client.uploadAttachment(new Blob(['<svg/>']), { name: 'x.svg', contentType: 'image/svg+xml' })).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
    // The API key goes to this API's attachments only.
    await expect(client.downloadAttachment('https://example.com/api/v1/attachments/x')).rejects.toThrow(TypeError);
  });

  it("throws the contract's errors, typed by code", async () => {
    const unknown = await client.getConversation(`never-${randomUUID()}`).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ name: 'HandoverError', status: 404, code: 'not_found' });

    const invalid = await client
      .startHandover({ conversationId: 'x', reason: '', trigger: 'user_request' })
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 422, code: 'validation_failed' });
    expect((invalid as HandoverError).details).toHaveProperty('issues');

    const stranger = createHandoverClient({ baseUrl: stack.baseUrl, apiKey: 'hk_not-a-key' });
    await expect(stranger.getConversation('x')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });

    const notEnded = await startFor(`client-${randomUUID()}`);
    await expect(client.rate(notEnded.handover.id, { score: 3 })).rejects.toMatchObject({ status: 409, code: 'not_ended' });
    await client.leave(notEnded.handover.id);
  });
});

describe('retries', () => {
  it('sends the same request again, with the same clientMessageId, after a 503, a dropped connection and a lost answer', async () => {
    const proxy = await FaultyProxy.start(stack.baseUrl, ['refuse-503', 'drop', 'lose']);
    try {
      const flaky = createHandoverClient({ baseUrl: proxy.url, apiKey: workspace.apiKey, retry: { baseDelayMs: 10 } });
      const conversationId = `client-${randomUUID()}`;
      const startedAt = Date.now();
      const routed = await flaky.routeCustomerMessage(conversationId, { body: 'Fourth time lucky' });
      // The 503's Retry-After (1 s) was honoured, not the 10 ms backoff.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
      expect(routed.routedTo).toBe('ai');
      expect(proxy.seen).toHaveLength(4);
      const ids = proxy.seen.map((request) => JSON.parse(request.body).clientMessageId);
      expect(new Set(ids).size).toBe(1);
      // The lost answer's request was stored; the one after it found it, so the message is there once.
      expect(await client.listMessages(conversationId)).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('gives up after its attempts with a typed unavailable error', async () => {
    const proxy = await FaultyProxy.start(stack.baseUrl, ['drop', 'drop', 'drop']);
    try {
      const flaky = createHandoverClient({ baseUrl: proxy.url, apiKey: workspace.apiKey, retry: { attempts: 2, baseDelayMs: 10 } });
      await expect(flaky.getConversation('x')).rejects.toMatchObject({ status: null, code: 'unavailable' });
      expect(proxy.seen).toHaveLength(2);
    } finally {
      await proxy.stop();
    }
    const closed = createHandoverClient({ baseUrl: proxy.url, apiKey: workspace.apiKey, retry: { attempts: 2, baseDelayMs: 10 } });
    await expect(closed.getConversation('x')).rejects.toMatchObject({ status: null, code: 'unavailable' });
  });
});

describe('verifyWebhook', () => {
  async function genuineDelivery() {
    const conversationId = `client-${randomUUID()}`;
    const { handover } = await startFor(conversationId);
    await receiver.delivered(handover.id, 'handover.requested');
    const delivery = receiver.raw.find((raw) => JSON.parse(raw.body).data.handoverId === handover.id && JSON.parse(raw.body).type === 'handover.requested');
    if (!delivery) throw new Error('no raw delivery');
    await client.leave(handover.id);
    return { delivery, handover };
  }

  it('accepts a genuine delivery once and rejects a replay, a tampered body, a wrong secret and an old timestamp', async () => {
    const { delivery, handover } = await genuineDelivery();
    const guard = createMemoryReplayGuard();
    const event = await verifyWebhook(delivery.body, delivery.headers, receiver.secret, { replayGuard: guard });
    expect(event.type).toBe('handover.requested');
    if (event.type !== 'handover.requested') throw new Error('narrowing');
    expect(event.data).toMatchObject({ handoverId: handover.id, trigger: 'user_request', reason: 'Asks for a person' });

    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : String(error)),
      );
    expect(await reason(verifyWebhook(delivery.body, delivery.headers, receiver.secret, { replayGuard: guard }))).toBe('replayed');
    const tampered = delivery.body.replace('Asks for a person', 'Asks for a refund');
    expect(await reason(verifyWebhook(tampered, delivery.headers, receiver.secret))).toBe('bad_signature');
    const otherSecret = `whsec_${Buffer.from('another-secret-of-at-least-24-bytes').toString('base64')}`;
    expect(await reason(verifyWebhook(delivery.body, delivery.headers, otherSecret))).toBe('bad_signature');
    const sentAt = Number(delivery.headers['webhook-timestamp']) * 1000;
    expect(await reason(verifyWebhook(delivery.body, delivery.headers, receiver.secret, { now: () => sentAt + 301_000 }))).toBe('stale_timestamp');
    expect(
      await reason(verifyWebhook(delivery.body, delivery.headers, receiver.secret, { toleranceSeconds: 10, now: () => sentAt + 11_000 })),
    ).toBe('stale_timestamp');
    expect(await reason(verifyWebhook(delivery.body, delivery.headers, receiver.secret, { now: () => sentAt - 301_000 }))).toBe('stale_timestamp');
    // Handover sends an event again signed afresh (the receiver failed, or its answer was lost): not a replay.
    const resentAt = new Date(sentAt + 5000);
    const resent = {
      ...delivery.headers,
      'webhook-timestamp': String(resentAt.getTime() / 1000),
      'webhook-signature': new Webhook(receiver.secret).sign(String(delivery.headers['webhook-id']), resentAt, delivery.body),
    };
    expect(await reason(verifyWebhook(delivery.body, resent, receiver.secret, { replayGuard: guard, now: () => sentAt + 6000 }))).toBe('accepted');
    // Header names in any case, and a signature header repeated (a secret being rotated) as Node gives it.
    const shouted = Object.fromEntries(Object.entries(resent).map(([name, value]) => [name.toUpperCase(), value]));
    const rotated = { ...shouted, 'WEBHOOK-SIGNATURE': ['v1,bm90LXRoZS1zaWduYXR1cmU=', String(resent['webhook-signature'])] };
    expect(await reason(verifyWebhook(delivery.body, rotated, receiver.secret, { now: () => sentAt + 6000 }))).toBe('accepted');
    const { 'webhook-signature': _dropped, ...unsigned } = delivery.headers;
    expect(await reason(verifyWebhook(delivery.body, unsigned, receiver.secret))).toBe('missing_headers');
    // A Fetch Headers object works too, and a fresh guard accepts the delivery once.
    const fetchHeaders = new Headers(Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]));
    expect(await reason(verifyWebhook(Buffer.from(delivery.body), fetchHeaders, receiver.secret, { replayGuard: createMemoryReplayGuard() }))).toBe(
      'accepted',
    );
  });
});
