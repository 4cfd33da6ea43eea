import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { stateQuery } from '../../workflows/handover/definitions.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let ai: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db);
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a handover from request to End Handover', () => {
  it('pauses the AI, lets one agent take over, relays both ways and gives the conversation back to the AI', async () => {
    const conversationId = `conv-${randomUUID()}`;

    const started = await ai.post('/handovers', {
      conversationId,
      reason: 'Customer asks for a refund',
      trigger: 'user_request',
      customer: { name: 'Jo Customer', email: 'jo@example.com' },
      transcript: [
        { role: 'customer', body: 'I want my money back' },
        { role: 'ai', body: 'Let me get someone from the team' },
      ],
    });
    expect(started.status).toBe(201);
    const handover = started.body.handover;
    expect(handover).toMatchObject({ conversationId, status: 'pending', trigger: 'user_request', assignee: null, queuePosition: 1 });

    // The workflow runs under the handover's id, with its search attributes.
    const description = await stack.temporal.workflow.getHandle(handoverWorkflowId(handover.id)).describe();
    expect(description.typedSearchAttributes.get({ name: 'WorkspaceId', type: 'KEYWORD' } as never)).toBe(workspace.id);
    expect(description.typedSearchAttributes.get({ name: 'ConversationId', type: 'KEYWORD' } as never)).toBe(conversationId);
    expect(description.typedSearchAttributes.get({ name: 'HandoverStatus', type: 'KEYWORD' } as never)).toBe('pending');

    // The activity pauses the AI; from then on customer messages go to humans.
    await eventually(async () => ((await ai.get(`/conversations/${conversationId}`)).body.aiPaused ? true : undefined), 'the AI to pause');
    const routed = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Is anyone there?', clientMessageId: 'c-1' });
    expect(routed.status).toBe(202);
    expect(routed.body).toMatchObject({ routedTo: 'human', handoverId: handover.id });

    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const mine = await ana.get('/handovers?view=mine');
    expect(mine.status).toBe(200);
    expect(mine.body.handovers.map((row: { id: string }) => row.id)).toContain(handover.id);

    const claimed = await ana.post(`/handovers/${handover.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.handover).toMatchObject({ status: 'in_progress', assignee: { id: workspace.ana.id, name: 'Ana Lopez' } });

    const sent = await ana.post(`/handovers/${handover.id}/messages`, { body: 'Hi Jo, Ana here. Let me look.', clientMessageId: 'a-1' });
    expect(sent.status).toBe(202);
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Thank you!', clientMessageId: 'c-2' });

    const transcript = await eventually(async () => {
      const answer = await ai.get(`/conversations/${conversationId}/messages`);
      return answer.body.messages.length === 5 ? answer.body.messages : undefined;
    }, 'five messages in the transcript');
    expect(transcript.map((message: { sender: string; body: string }) => [message.sender, message.body])).toEqual([
      ['customer', 'I want my money back'],
      ['ai', 'Let me get someone from the team'],
      ['customer', 'Is anyone there?'],
      ['agent', 'Hi Jo, Ana here. Let me look.'],
      ['customer', 'Thank you!'],
    ]);
    expect(transcript.map((message: { seq: number }) => message.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(transcript[3]).toMatchObject({ author: { id: workspace.ana.id, name: 'Ana Lopez' }, id: sent.body.messageId });

    const ended = await ana.post(`/handovers/${handover.id}/end`, { outcome: 'resolved', note: 'Refund issued' });
    expect(ended.status).toBe(200);
    expect(ended.body.handover).toMatchObject({ status: 'completed', outcome: 'resolved', aiResumed: true });
    expect(ended.body.handover.firstResponseAt).not.toBeNull();

    const conversation = await ai.get(`/conversations/${conversationId}`);
    expect(conversation.body).toEqual({ conversationId, aiPaused: false, activeHandover: null });
    const after = await ai.post(`/conversations/${conversationId}/messages`, { body: 'One more thing', clientMessageId: 'c-3' });
    expect(after.body).toMatchObject({ routedTo: 'ai', handoverId: null });

    const events = await ana.get(`/handovers/${handover.id}/events`);
    expect(events.body.events.map((event: { type: string }) => event.type)).toEqual(['requested', 'notified', 'claimed', 'ended']);
    // The note typed into End Handover is on the timeline and in the Session Summary.
    expect(events.body.events.at(-1).data).toMatchObject({ note: 'Refund issued' });
    const detail = await eventually(async () => {
      const answer = await ana.get(`/handovers/${handover.id}`);
      return answer.body.handover.endedAt ? answer.body : undefined;
    }, 'the ended handover to be readable');
    expect(detail.summary.endNote).toBe('Refund issued');
    const result = await stack.temporal.workflow.getHandle(handoverWorkflowId(handover.id)).result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'resolved', aiResumed: true });
  });

  it('answers a repeated request for the same conversation with the active handover, and starts nothing new', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const request = { conversationId, reason: 'Billing question', trigger: 'ai_escalation' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => ai.post('/handovers', request)));
    const ids = new Set(answers.map((answer) => answer.body.handover.id));
    expect(ids.size).toBe(1);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const rows = await stack.db.selectFrom('handovers').select('id').where('workspace_id', '=', workspace.id).where('reason', '=', 'Billing question').execute();
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of two agents take over; the other learns who won', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Race', trigger: 'keyword' });
    const [ana, ben] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.ben)]);
    const answers = await Promise.all([ana.post(`/handovers/${body.handover.id}/claim`), ben.post(`/handovers/${body.handover.id}/claim`)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409);
    const winner = answers.find((answer) => answer.status === 200);
    expect(loser?.body.error.code).toBe('already_claimed');
    expect(loser?.body.error.details.assignee).toEqual(winner?.body.handover.assignee);
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id)).query(stateQuery);
    expect(state.assignee).toEqual(winner?.body.handover.assignee);
  });

  it('refuses a claim from an agent not selected for handovers', async () => {
    const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Members only', trigger: 'other' });
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const answer = await cara.post(`/handovers/${body.handover.id}/claim`);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('not_a_handover_member');
    const state = await stack.temporal.workflow.getHandle(handoverWorkflowId(body.handover.id)).query(stateQuery);
    expect(state.status).toBe('pending');
  });
});
