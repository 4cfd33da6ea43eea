import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typingTtlMs } from '../../domain/typing.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { claimedHandover, endedHandover, pendingHandover, type HandoverScenario } from '../support/scenarios.ts';
import { EventStream, sessionCookie, type StreamEvent } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

// Typing indicators both ways: the customer's, reported by the AI service, on the console's stream; the agent's,
// reported by the console, as a best-effort `handover.typing` webhook. Neither is stored nor replayed.

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function typingEvents(stream: EventStream, handoverId: string): StreamEvent[] {
  return stream.events.filter((event) => event.event === 'typing' && JSON.parse(event.data).handoverId === handoverId);
}

async function openStream(workspace: TestWorkspace, who: 'ana' | 'supervisor' | 'cara', lastEventId?: string): Promise<EventStream> {
  const stream = await EventStream.open(stack.baseUrl, { cookie: await sessionCookie(stack.baseUrl, workspace[who]) }, lastEventId);
  expect(stream.status).toBe(200);
  return stream;
}

/**
 * Waits until the streams are subscribed (their headers come before the subscription): a note, a stored event,
 * is added and waited for. Answers the note's event id.
 */
async function subscribed(streams: EventStream[], workspace: TestWorkspace, handoverId: string): Promise<string> {
  const supervisor = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
  const body = `marker ${randomUUID()}`;
  expect((await supervisor.post(`/handovers/${handoverId}/notes`, { body })).status).toBe(201);
  let markerId = '';
  for (const stream of streams) {
    const marker = await stream.waitFor((events) => events.find((event) => event.event === 'note.created' && event.data.includes(body)), 'the marker note');
    markerId = marker.id ?? '';
  }
  return markerId;
}

describe("the customer's typing", () => {
  it('reaches the members who may see the handover, once per burst, with an expiry, and no id', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    // Cara is not on the handover team: the handover is not hers to see. Her stream opens first, so it is listening
    // by the time the others have seen the marker.
    const cara = await openStream(workspace, 'cara');
    const anaStream = await openStream(workspace, 'ana');
    const supervisorStream = await openStream(workspace, 'supervisor');
    await subscribed([anaStream, supervisorStream], workspace, handover.handoverId);

    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const before = Date.now();
    const answers = [];
    for (let n = 0; n < 5; n++) answers.push(await ai.post(`/conversations/${handover.conversationId}/typing`, { typing: true }));
    for (const answer of answers) expect(answer.status).toBe(202);
    // The throttle held back four: the indicator shows until the first one's expiry, and every answer says so.
    expect(new Set(answers.map((answer) => answer.body.expiresAt)).size).toBe(1);
    expect(answers[0]!.body.handoverId).toBe(handover.handoverId);

    for (const stream of [anaStream, supervisorStream]) {
      const [shown] = await stream.waitFor((events) => {
        const typing = events.filter((event) => event.event === 'typing');
        return typing.length > 0 ? typing : undefined;
      }, 'the typing event');
      expect(shown!.id).toBeNull();
      const payload = JSON.parse(shown!.data);
      expect(payload).toEqual({ handoverId: handover.handoverId, who: 'customer', typing: true, expiresAt: answers[0]!.body.expiresAt });
      const expiresIn = Date.parse(payload.expiresAt) - before;
      expect(expiresIn).toBeGreaterThan(typingTtlMs - 1000);
      expect(expiresIn).toBeLessThanOrEqual(typingTtlMs + 2000);
    }

    const stopped = await ai.post(`/conversations/${handover.conversationId}/typing`, { typing: false });
    expect(stopped).toMatchObject({ status: 202, body: { handoverId: handover.handoverId, expiresAt: null } });
    await anaStream.waitFor((events) => (events.some((event) => event.event === 'typing' && JSON.parse(event.data).typing === false) ? true : undefined), 'the stop');
    await sleep(300);
    expect(typingEvents(anaStream, handover.handoverId).map((event) => JSON.parse(event.data).typing)).toEqual([true, false]);
    expect(typingEvents(cara, handover.handoverId)).toEqual([]);

    // Nothing of it was stored.
    const stored = await stack.db.selectFrom('live_events').select('type').where('workspace_id', '=', workspace.id).execute();
    expect(stored.map((row) => row.type)).not.toContain('typing');
    await Promise.all([cara.close(), anaStream.close(), supervisorStream.close()]);
  });

  it('is not replayed to a stream that reconnects with Last-Event-ID', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const first = await openStream(workspace, 'ana');
    const markerId = await subscribed([first], workspace, handover.handoverId);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    expect((await ai.post(`/conversations/${handover.conversationId}/typing`, { typing: true })).status).toBe(202);
    await first.waitFor((events) => (events.some((event) => event.event === 'typing') ? true : undefined), 'the typing event');
    // A stored event after the typing, so the replay has something to bring.
    const supervisor = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
    expect((await supervisor.post(`/handovers/${handover.handoverId}/notes`, { body: 'after the typing' })).status).toBe(201);
    await first.waitFor((events) => events.find((event) => event.data.includes('after the typing')), 'the note after');
    await first.close();

    const again = await openStream(workspace, 'ana', markerId);
    await again.waitFor((events) => events.find((event) => event.data.includes('after the typing')), 'the replayed note');
    expect(again.events.filter((event) => event.event === 'typing')).toEqual([]);
    await again.close();
  });

  it('is refused for a body that is not a boolean, an unknown conversation, and one with no active handover', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const handover = await pendingHandover(stack.db, stack.baseUrl, workspace);
    for (const body of [{ typing: 'yes' }, { typing: 1 }, { typing: null }, {}]) {
      const answer = await ai.post(`/conversations/${handover.conversationId}/typing`, body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.body.error.code).toBe('validation_failed');
    }
    const unknown = await ai.post(`/conversations/conv-${randomUUID()}/typing`, { typing: true });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });

    // A conversation the AI has: nobody watches it type.
    const aiOnly = `conv-${randomUUID()}`;
    expect((await ai.post(`/conversations/${aiOnly}/messages`, { body: 'Hello', clientMessageId: 'm-1' })).status).toBe(202);
    const noHandover = await ai.post(`/conversations/${aiOnly}/typing`, { typing: true });
    expect(noHandover).toMatchObject({ status: 409, body: { error: { code: 'handover_ended' } } });
    const ended = await endedHandover(stack.db, stack.baseUrl, workspace);
    expect((await ai.post(`/conversations/${ended.conversationId}/typing`, { typing: true })).body.error.code).toBe('handover_ended');

    // A pending handover has watchers too (the team, deciding whether to take it).
    expect((await ai.post(`/conversations/${handover.conversationId}/typing`, { typing: true })).status).toBe(202);
  });
});

describe("the agent's typing", () => {
  async function withReceiver(workspace: TestWorkspace): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    expect((await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret })).status).toBe(200);
    return receiver;
  }

  function typingWebhooks(receiver: WebhookReceiver, handover: HandoverScenario) {
    return receiver.received.filter((event) => event.type === 'handover.typing' && event.data.handoverId === handover.handoverId);
  }

  it('reaches the AI service as one signed handover.typing webhook per burst, and a stop', async () => {
    const workspace = await createWorkspace(stack.db);
    const receiver = await withReceiver(workspace);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);

    const answers = await Promise.all(Array.from({ length: 6 }, () => ana.post(`/handovers/${handover.handoverId}/typing`, { typing: true })));
    for (const answer of answers) expect(answer).toMatchObject({ status: 202, body: { handoverId: handover.handoverId, expiresAt: expect.any(String) } });
    await eventually(async () => (typingWebhooks(receiver, handover).length >= 1 ? true : undefined), 'the typing webhook');
    expect((await ana.post(`/handovers/${handover.handoverId}/typing`, { typing: false })).body.expiresAt).toBeNull();
    await eventually(async () => (typingWebhooks(receiver, handover).length >= 2 ? true : undefined), 'the stop webhook');
    await sleep(500);

    const received = typingWebhooks(receiver, handover);
    expect(received.map((event) => event.data.typing)).toEqual([true, false]);
    const [started, stopped] = received;
    expect(started!.data).toEqual({
      handoverId: handover.handoverId,
      conversationId: handover.conversationId,
      agent: { id: workspace.ana.id, name: workspace.ana.name },
      typing: true,
      at: expect.any(String),
      expiresAt: answers[0]!.body.expiresAt,
    });
    expect(Date.parse(started!.data.expiresAt) - Date.parse(started!.data.at)).toBe(typingTtlMs);
    expect(stopped!.data.expiresAt).toBe(stopped!.data.at);
    // Verified by the receiver (standardwebhooks), with the same headers as every delivery.
    expect(receiver.rejected).toEqual([]);
    const raw = receiver.raw.find((delivery) => JSON.parse(delivery.body).id === started!.id)!;
    expect(raw.headers['webhook-id']).toBe(started!.id);
    expect(raw.headers['user-agent']).toBe('Handover-Webhooks/1');
    expect(new Set(received.map((event) => event.id)).size).toBe(2);

    // Best effort: not in the outbox, so not in the delivery log.
    const outbox = await stack.db.selectFrom('webhook_deliveries').select('type').where('workspace_id', '=', workspace.id).execute();
    expect(outbox.map((row) => row.type)).not.toContain('handover.typing');
    await receiver.stop();
  });

  it('is reported by the assignee only, while the handover is in progress', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);

    const pending = await pendingHandover(stack.db, stack.baseUrl, workspace);
    expect((await ana.post(`/handovers/${pending.handoverId}/typing`, { typing: true })).body.error.code).toBe('not_assignee');

    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    expect((await ben.post(`/handovers/${handover.handoverId}/typing`, { typing: true })).body.error.code).toBe('not_assignee');
    expect((await cara.post(`/handovers/${handover.handoverId}/typing`, { typing: true })).body.error.code).toBe('not_a_handover_member');
    expect((await ana.post(`/handovers/${handover.handoverId}/typing`, { typing: 'yes' })).status).toBe(422);
    expect((await ana.post(`/handovers/${randomUUID()}/typing`, { typing: true })).status).toBe(404);

    const ended = await endedHandover(stack.db, stack.baseUrl, workspace);
    expect((await ana.post(`/handovers/${ended.handoverId}/typing`, { typing: true })).body.error.code).toBe('handover_ended');
  });
});
