import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import type { EscalationLadder } from '../../domain/policy.ts';
import { stateQuery } from '../../workflows/handover/definitions.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Second-scale ladder: the policy is workflow input, so no test waits minutes.
const ladder: EscalationLadder = {
  levels: [{ afterSeconds: 1, notify: 'everyone', customerMessage: 'You are still in the queue.' }],
  fallback: { afterSeconds: 3, action: 'return_to_ai', customerMessage: 'Nobody is free; the assistant will help you.' },
};

let stack: TestStack;
let workspace: TestWorkspace;
let ai: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db, { escalation: ladder });
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
});
afterAll(async () => {
  await stack?.stop();
});

describe('the escalation ladder', () => {
  it('escalates when nobody claims, then falls back to the AI: status missed, outcome timed_out', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Nobody home', trigger: 'ai_escalation' });
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id));

    const result = await handle.result();
    expect(result).toMatchObject({ status: 'missed', outcome: 'timed_out', aiResumed: true });

    const description = await handle.describe();
    expect(description.typedSearchAttributes.get({ name: 'EscalationLevel', type: 'INT' } as never)).toBe(1);
    expect(description.typedSearchAttributes.get({ name: 'HandoverStatus', type: 'KEYWORD' } as never)).toBe('missed');

    const { body: transcript } = await ai.get(`/conversations/${conversationId}/messages`);
    expect(transcript.messages.map((message: { sender: string; body: string }) => [message.sender, message.body])).toEqual([
      ['system', 'You are still in the queue.'],
      ['system', 'Nobody is free; the assistant will help you.'],
    ]);
    const conversation = await ai.get(`/conversations/${conversationId}`);
    expect(conversation.body.aiPaused).toBe(false);

    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const { body: detail } = await admin.get(`/handovers/${body.handover.id}`);
    expect(detail.handover).toMatchObject({ status: 'missed', outcome: 'timed_out', escalationLevel: 1, claimedAt: null });
    const { body: timeline } = await admin.get(`/handovers/${body.handover.id}/events`);
    expect(timeline.events.map((event: { type: string }) => event.type)).toEqual(['requested', 'notified', 'escalated', 'notified', 'ended']);
    expect(timeline.events[3].data).toEqual({ audience: 'everyone', level: 1 });
    await recordHistoryIfAsked(handle, 'handover-missed-fallback');
  });

  it('stops the ladder when an agent claims before the first step', async () => {
    // The same ladder, and a reminder due 4 s after the claim: later than the fallback, 3 s after the request.
    const reminding = await createWorkspace(stack.db, { escalation: ladder, assigneeResponseSeconds: 4 });
    const remindingAi = ApiClient.forApiKey(stack.baseUrl, reminding.apiKey);
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await remindingAi.post('/handovers', { conversationId, reason: 'Quick claim', trigger: 'user_request' });
    const ana = await ApiClient.signIn(stack.baseUrl, reminding.ana);
    expect((await ana.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
    // Ordering proves the absence: the workflow's timers fire in due order, so an escalation or fallback still armed would come before the later reminder.
    const timeline = await eventually(async () => {
      const { body: events } = await ana.get(`/handovers/${body.handover.id}/events`);
      const types: string[] = events.events.map((event: { type: string }) => event.type);
      return ['reminded', 'escalated', 'ended'].some((type) => types.includes(type)) ? types : undefined;
    }, 'the reminder (or an escalation or the fallback)');
    // Past the fallback time, the handover is still in progress with no escalation.
    expect(timeline).toEqual(['requested', 'notified', 'claimed', 'reminded']);
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id)).query(stateQuery);
    expect(state).toMatchObject({ status: 'in_progress', escalationLevel: 0 });
    expect(state.remindedAt).not.toBeNull();
    const { body: detail } = await ana.get(`/handovers/${body.handover.id}`);
    expect(detail.handover).toMatchObject({ status: 'in_progress', escalationLevel: 0 });
    await ana.post(`/handovers/${body.handover.id}/messages`, { body: 'Hello from Ana', clientMessageId: 'a-1' });
    await remindingAi.post(`/conversations/${conversationId}/messages`, { body: 'Hi Ana', clientMessageId: 'c-1' });
    await eventually(async () => {
      const { body: messages } = await remindingAi.get(`/conversations/${conversationId}/messages`);
      return messages.messages.length === 2 ? true : undefined;
    }, 'both messages stored');
    const ended = await ana.post(`/handovers/${body.handover.id}/end`, {});
    expect(ended.body.handover).toMatchObject({ status: 'completed', outcome: 'returned_to_ai', aiResumed: true });
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id)), 'handover-claimed-then-ended');
  });

  it('ends a pending handover as missed when the customer leaves', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Changed my mind', trigger: 'user_request' });
    const left = await ai.post(`/handovers/${body.handover.id}/leave`, {});
    expect(left.status).toBe(200);
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id));
    expect(await handle.result()).toMatchObject({ status: 'missed', outcome: 'customer_left' });
    const rated = await ai.post(`/handovers/${body.handover.id}/rating`, { score: 4 });
    expect(rated.status).toBe(200);
    expect(rated.body.handover.rating).toEqual({ score: 4 });
    const again = await ai.post(`/handovers/${body.handover.id}/rating`, { score: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_rated');
    await recordHistoryIfAsked(handle, 'handover-customer-left');
  });
});
