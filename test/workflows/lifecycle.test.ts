import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { stateQuery } from '../../workflows/handover/definitions.ts';
import { addHandoverAgents, createWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function startHandover(ai: ApiClient, reason = 'Needs a person') {
  const conversationId = `conv-${randomUUID()}`;
  const { status, body } = await ai.post('/handovers', { conversationId, reason, trigger: 'user_request' });
  expect(status).toBe(201);
  return { conversationId, id: body.handover.id as string };
}

async function eventTypes(client: ApiClient, handoverId: string): Promise<string[]> {
  const { body } = await client.get(`/handovers/${handoverId}/events`);
  return body.events.map((event: { type: string }) => event.type);
}

describe('transfer', () => {
  it('moves a handover to another member: the old assignee can no longer send, the new one can', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id, conversationId } = await startHandover(ai);
    const [ana, ben] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.ben)]);
    await ana.post(`/handovers/${id}/claim`);

    const notEligible = await ana.post(`/handovers/${id}/transfer`, { toMemberId: workspace.cara.id });
    expect(notEligible.status).toBe(422);
    const transferred = await ana.post(`/handovers/${id}/transfer`, { toMemberId: workspace.ben.id });
    expect(transferred.status).toBe(200);
    expect(transferred.body.handover.assignee).toEqual({ id: workspace.ben.id, name: 'Ben Carter' });

    const refused = await ana.post(`/handovers/${id}/messages`, { body: 'Still me', clientMessageId: 'a-1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_assignee');
    expect((await ben.post(`/handovers/${id}/messages`, { body: 'Ben here', clientMessageId: 'b-1' })).status).toBe(202);
    await eventually(async () => {
      const { body } = await ai.get(`/conversations/${conversationId}/messages`);
      return body.messages.length === 1 ? true : undefined;
    }, "Ben's message");
    const { body } = await ai.get(`/conversations/${conversationId}/messages`);
    expect(body.messages[0]).toMatchObject({ sender: 'agent', body: 'Ben here', author: { id: workspace.ben.id } });
    expect(await eventTypes(ben, id)).toEqual(['requested', 'notified', 'claimed', 'transferred']);
    await ben.post(`/handovers/${id}/end`, { outcome: 'resolved' });
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(id)), 'handover-transferred-messages-local');
  });
});

describe('assignee silence', () => {
  it('reminds a silent assignee, then requeues the handover so another agent can take it', async () => {
    const workspace = await createWorkspace(stack.db, { assigneeResponseSeconds: 1 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id } = await startHandover(ai);
    const [ana, ben] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.ben)]);
    expect((await ana.post(`/handovers/${id}/claim`)).status).toBe(200);

    const requeued = await eventually(async () => {
      const { body } = await ben.get(`/handovers/${id}`);
      return body.handover.status === 'pending' ? body.handover : undefined;
    }, 'the requeue');
    expect(requeued).toMatchObject({ assignee: null, claimedAt: null, escalationLevel: 0 });
    // Waiting again, its members are told again.
    const expected = ['requested', 'notified', 'claimed', 'reminded', 'requeued', 'notified'];
    expect(await eventually(async () => {
      const types = await eventTypes(ben, id);
      return types.length >= expected.length ? types : undefined;
    }, 'the requeue on the timeline')).toEqual(expected);

    const claimed = await ben.post(`/handovers/${id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.handover.assignee.id).toBe(workspace.ben.id);
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).query(stateQuery);
    expect(state).toMatchObject({ status: 'in_progress', requeues: 1 });
    await ben.post(`/handovers/${id}/end`, {});
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(id)), 'handover-requeued-after-silence');
  });

  it('does not requeue an assignee who answers in time', async () => {
    // The requeue would be due 2 × 2 s after the claim; the customer's silence ends the handover 5 s after their
    // message, which comes after the claim: that end is the later event that shows the requeue moment has passed.
    const workspace = await createWorkspace(stack.db, { assigneeResponseSeconds: 2, customerSilenceSeconds: 5 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id, conversationId } = await startHandover(ai);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.post(`/handovers/${id}/claim`)).status).toBe(200);
    expect((await ai.post(`/conversations/${conversationId}/messages`, { body: 'Anyone there?', clientMessageId: 'c-1' })).status).toBe(202);
    expect((await ana.post(`/handovers/${id}/messages`, { body: 'Hello!', clientMessageId: 'a-1' })).status).toBe(202);

    // Ordering proves the absence: the workflow's timers fire in due order, so a requeue would be on the timeline before the later customer-silence end.
    const timeline = await eventually(async () => {
      const types = await eventTypes(ana, id);
      return types.includes('ended') || types.includes('requeued') ? types : undefined;
    }, 'the customer-silence end (or a requeue)');
    expect(timeline).not.toContain('requeued');
    expect(timeline.at(-1)).toBe('ended');
    // Still Ana's and in progress when the customer's silence ended it: completed (a requeue would clear the claim), customer_left.
    const { body } = await ana.get(`/handovers/${id}`);
    expect(body.handover).toMatchObject({ status: 'completed', outcome: 'customer_left', assignee: { id: workspace.ana.id } });
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).query(stateQuery);
    expect(state).toMatchObject({ status: 'completed', outcome: 'customer_left', assignee: { id: workspace.ana.id }, requeues: 0 });
    expect(Date.parse(state.endedAt as string) - Date.parse(state.claimedAt as string)).toBeGreaterThanOrEqual(2 * 2000);
  });
});

describe('customer silence', () => {
  it('ends the handover as customer_left when the customer stays silent', async () => {
    const workspace = await createWorkspace(stack.db, { customerSilenceSeconds: 2 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id } = await startHandover(ai);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    await ana.post(`/handovers/${id}/claim`);
    const result = await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'customer_left', aiResumed: true });
  });
});

describe('races', () => {
  it('gives a handover to exactly one of 20 agents claiming at once', async () => {
    const workspace = await createWorkspace(stack.db);
    const agents = await addHandoverAgents(stack.db, workspace, 20);
    const clients = await Promise.all(agents.map((agent) => ApiClient.signIn(stack.baseUrl, agent)));
    const { id } = await startHandover(ApiClient.forApiKey(stack.baseUrl, workspace.apiKey));
    const answers = await Promise.all(clients.map((client) => client.post(`/handovers/${id}/claim`)));
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.body.handover.assignee;
    for (const loser of answers.filter((answer) => answer.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(loser.body.error).toMatchObject({ code: 'already_claimed', details: { assignee: winner } });
    }
    const { body } = await clients[0]!.get(`/handovers/${id}/events`);
    expect(body.events.filter((event: { type: string }) => event.type === 'claimed')).toHaveLength(1);
  });

  it('starts one workflow for 10 identical requests at once', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const conversationId = `conv-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => ai.post('/handovers', { conversationId, reason: 'Same', trigger: 'keyword' })),
    );
    expect(new Set(answers.map((answer) => answer.body.handover.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const runs = [];
    for await (const run of stack.temporal.workflow.list({ query: `ConversationId = "${conversationId}"` })) runs.push(run);
    expect(runs).toHaveLength(1);
  });

  it('stores a message sent twice with the same clientMessageId once', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { conversationId, id } = await startHandover(ai);
    const first = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Hello', clientMessageId: 'same' });
    const second = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Hello', clientMessageId: 'same' });
    expect(second.body.messageId).toBe(first.body.messageId);
    await eventually(async () => ((await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).query(stateQuery)).messagesRelayed === 1 ? true : undefined), 'the relay');
    const { body } = await ai.get(`/conversations/${conversationId}/messages`);
    expect(body.messages).toHaveLength(1);
  });
});

describe('webhooks', () => {
  it('delivers every event once, signed, and agent messages in seq order, also when the receiver was down for 4 s', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    expect((await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret })).status).toBe(200);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id, conversationId } = await startHandover(ai);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    await ana.post(`/handovers/${id}/claim`);
    await eventually(async () => (receiver.uniqueEvents.some((event) => event.type === 'handover.claimed') ? true : undefined), 'the claim webhook');

    await receiver.stop();
    for (let index = 1; index <= 5; index += 1) {
      expect((await ana.post(`/handovers/${id}/messages`, { body: `Answer ${index}`, clientMessageId: `a-${index}` })).status).toBe(202);
    }
    // Down for 4 s: the attempts in that time fail (domain/webhook-retry.ts backs off 1, 2, 4 s: up to three of them on a
    // quick machine, at least one on a slow one), and one after it succeeds.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await receiver.start();
    await ana.post(`/handovers/${id}/end`, { outcome: 'resolved' });
    await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).result();
    await receiver.delivered(id, 'conversation.ai_resumed');

    expect(receiver.rejected).toEqual([]);
    // The first message's event failed while the receiver was down and was tried again: at least two attempts.
    const firstMessage = await stack.db
      .selectFrom('webhook_deliveries')
      .select(['attempts', 'status'])
      .where('workspace_id', '=', workspace.id)
      .where('type', '=', 'handover.message')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    expect(firstMessage.status).toBe('delivered');
    expect(firstMessage.attempts).toBeGreaterThanOrEqual(2);
    const events = receiver.uniqueEvents;
    expect(events.map((event) => event.type)).toEqual([
      'conversation.ai_paused',
      'handover.requested',
      'handover.claimed',
      ...Array.from({ length: 5 }, () => 'handover.message'),
      'handover.ended',
      'conversation.ai_resumed',
    ]);
    const messages = events.filter((event) => event.type === 'handover.message').map((event) => event.data.message);
    expect(messages.map((message) => message.body)).toEqual(['Answer 1', 'Answer 2', 'Answer 3', 'Answer 4', 'Answer 5']);
    expect(messages.every((message, index) => index === 0 || message.seq > messages[index - 1].seq)).toBe(true);
    expect(messages[0]).toMatchObject({ conversationId, sender: 'agent', author: { name: 'Ana Lopez' } });
    expect(events.find((event) => event.type === 'handover.ended')?.data).toMatchObject({ aiResumed: true, outcome: 'resolved' });
    await receiver.stop();
  }, 60_000);
});

describe('capacity and ratings', () => {
  it('refuses a claim past maxConcurrentPerAgent with at_capacity, and the handover stays pending', async () => {
    const workspace = await createWorkspace(stack.db, { maxConcurrentPerAgent: 1 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const first = await startHandover(ai);
    const second = await startHandover(ai);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.post(`/handovers/${first.id}/claim`)).status).toBe(200);
    const refused = await ana.post(`/handovers/${second.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('at_capacity');
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(second.id)).query(stateQuery);
    expect(state).toMatchObject({ status: 'pending', assignee: null });
  });

  it('keeps a member within maxConcurrentPerAgent when they claim several handovers at once (capacity was checked, not reserved)', async () => {
    const workspace = await createWorkspace(stack.db, { maxConcurrentPerAgent: 1 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const handovers = await Promise.all(Array.from({ length: 4 }, () => startHandover(ai)));
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const answers = await Promise.all(handovers.map(({ id }) => ana.post(`/handovers/${id}/claim`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code)).toEqual(['at_capacity', 'at_capacity', 'at_capacity']);
    const held = await stack.db.selectFrom('handovers').select('id').where('assignee_id', '=', workspace.ana.id).where('status', '=', 'in_progress').execute();
    expect(held).toHaveLength(1);
    // Every answer released its place: once she ends hers, she may take another at once.
    expect(await stack.db.selectFrom('capacity_reservations').select('handover_id').where('member_id', '=', workspace.ana.id).execute()).toEqual([]);
    expect((await ana.post(`/handovers/${held[0]!.id}/end`, { outcome: 'resolved' })).status).toBe(200);
    const next = handovers.find(({ id }) => id !== held[0]!.id)!;
    expect((await ana.post(`/handovers/${next.id}/claim`)).status).toBe(200);
  });

  it('keeps the target within maxConcurrentPerAgent when two handovers are transferred to them at once', async () => {
    const workspace = await createWorkspace(stack.db, { maxConcurrentPerAgent: 1 });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const [first, second] = await Promise.all([startHandover(ai), startHandover(ai)]);
    const [ana, ben] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.ben)]);
    expect((await ana.post(`/handovers/${first.id}/claim`)).status).toBe(200);
    expect((await ben.post(`/handovers/${second.id}/claim`)).status).toBe(200);
    // The admin hands both to the supervisor, who handles handovers too and holds none.
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const answers = await Promise.all([first, second].map(({ id }) => admin.post(`/handovers/${id}/transfer`, { toMemberId: workspace.supervisor.id })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.error.code).toBe('at_capacity');
  });

  it('takes a rating only once the handover has ended, and only once', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id } = await startHandover(ai);
    const early = await ai.post(`/handovers/${id}/rating`, { score: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_ended');
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    await ana.post(`/handovers/${id}/claim`);
    await ana.post(`/handovers/${id}/end`, { outcome: 'resolved' });
    const rated = await ai.post(`/handovers/${id}/rating`, { score: 5, comment: 'Quick and kind' });
    expect(rated.body.handover.rating).toEqual({ score: 5, comment: 'Quick and kind' });
    expect((await ai.post(`/handovers/${id}/rating`, { score: 1 })).body.error.code).toBe('already_rated');
    expect(await eventTypes(ana, id)).toEqual(['requested', 'notified', 'claimed', 'ended', 'rated']);
  });
});

describe('webhook retries', () => {
  it('waits as long as the receiver asks in Retry-After before the next attempt, with the same event id', async () => {
    const attempts: { id: string; at: number }[] = [];
    const server = http.createServer((req, res) => {
      attempts.push({ id: String(req.headers['webhook-id']), at: Date.now() });
      req.resume();
      if (attempts.length === 1) res.writeHead(503, { 'retry-after': '2' }).end();
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    await admin.put('/settings/webhook', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { id } = await startHandover(ai);
    await eventually(async () => (attempts.length >= 2 ? true : undefined), 'the second attempt');
    expect(attempts[1]!.id).toBe(attempts[0]!.id);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1900);
    await ai.post(`/handovers/${id}/leave`);
    await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).result();
    server.close();
  });
});
