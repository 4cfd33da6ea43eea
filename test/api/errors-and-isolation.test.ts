import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let other: TestWorkspace;
let ai: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db);
  other = await createWorkspace(stack.db);
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
});
afterAll(async () => {
  await stack?.stop();
});

async function countHandovers(workspaceId: string): Promise<number> {
  const rows = await stack.db.selectFrom('handovers').select('id').where('workspace_id', '=', workspaceId).execute();
  return rows.length;
}

describe('bad requests get the envelope and change nothing', () => {
  it('answers 400 invalid_json to a body that is not JSON', async () => {
    const before = await countHandovers(workspace.id);
    const answer = await ai.request('POST', '/handovers', '{"conversationId": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'invalid_json', message: 'The body is not valid JSON', details: {} } });
    expect(await countHandovers(workspace.id)).toBe(before);
  });

  it('answers 422 validation_failed with the field paths', async () => {
    const answer = await ai.post('/handovers', { conversationId: '', trigger: 'shouting', reason: 'x'.repeat(501) });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('validation_failed');
    const paths = answer.body.error.details.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['conversationId', 'trigger', 'reason']));
  });

  it('answers 413 payload_too_large over 64 KiB', async () => {
    const answer = await ai.post('/handovers', { conversationId: 'big', reason: 'r', trigger: 'other', metadata: { blob: 'x'.repeat(70_000) } });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('answers 401 without a key, with a wrong key, and to a console route without a session', async () => {
    for (const client of [new ApiClient(stack.baseUrl), ApiClient.forApiKey(stack.baseUrl, 'hk_not-a-real-key')]) {
      const answer = await client.post('/handovers', { conversationId: 'c', reason: 'r', trigger: 'other' });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
    const console = await new ApiClient(stack.baseUrl).get('/handovers');
    expect(console.status).toBe(401);
  });

  it('answers 400 to a query it cannot read, and 404 in the envelope to an unknown endpoint', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const bad = await ana.get('/handovers?view=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const missing = await ana.get('/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'CSRF', trigger: 'other' });
    const answer = await ana.request('POST', `/handovers/${body.handover.id}/claim`, '{}', { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('forbidden');
  });
});

describe('workspaces never see each other', () => {
  it("answers 404 to another workspace's handover and conversation, for keys and sessions alike", async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Private', trigger: 'other' });
    const otherAi = ApiClient.forApiKey(stack.baseUrl, other.apiKey);
    expect((await otherAi.get(`/conversations/${conversationId}`)).status).toBe(404);
    expect((await otherAi.post(`/handovers/${body.handover.id}/leave`)).status).toBe(404);
    const olga = await ApiClient.signIn(stack.baseUrl, other.admin);
    for (const answer of [await olga.get(`/handovers/${body.handover.id}`), await olga.post(`/handovers/${body.handover.id}/claim`)]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    const all = await olga.get('/handovers?view=all');
    expect(all.body.handovers.map((handover: { id: string }) => handover.id)).not.toContain(body.handover.id);
  });
});

describe('Human Handover turned off', () => {
  it('answers 409 handover_disabled and starts nothing; the AI keeps the conversation', async () => {
    const off = await createWorkspace(stack.db, { enabled: false });
    const client = ApiClient.forApiKey(stack.baseUrl, off.apiKey);
    const conversationId = `conv-${randomUUID()}`;
    const answer = await client.post('/handovers', { conversationId, reason: 'Help', trigger: 'user_request' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('handover_disabled');
    expect(await countHandovers(off.id)).toBe(0);
    const routed = await client.post(`/conversations/${conversationId}/messages`, { body: 'Hi', clientMessageId: '1' });
    expect(routed.body).toMatchObject({ routedTo: 'ai', handoverId: null });
  });
});

describe('the AI fence', () => {
  it('refuses an AI reply to a message that came before the handover began, and stores nothing', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const question = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Refund please', clientMessageId: 'q1' });
    expect(question.body.routedTo).toBe('ai');
    await ai.post('/handovers', { conversationId, reason: 'Refund', trigger: 'user_request' });
    const reply = await ai.post(`/conversations/${conversationId}/ai-replies`, {
      body: 'Sure, here is a refund',
      clientMessageId: 'r1',
      inReplyTo: question.body.messageId,
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('ai_paused');
    const { body } = await ai.get(`/conversations/${conversationId}/messages`);
    expect(body.messages.map((message: { sender: string }) => message.sender)).toEqual(['customer']);
  });

  it('records a timely AI reply in the transcript', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const question = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Opening hours?', clientMessageId: 'q1' });
    const reply = await ai.post(`/conversations/${conversationId}/ai-replies`, { body: '9 to 5', clientMessageId: 'r1', inReplyTo: question.body.messageId });
    expect(reply.status).toBe(201);
    expect(reply.body.seq).toBe(2);
  });
});

describe('the OpenAPI document', () => {
  it('lists the endpoints of the contract', async () => {
    const answer = await new ApiClient(stack.baseUrl).get('/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining(['/handovers', '/handovers/{id}/claim', '/conversations/{conversationId}/messages', '/settings/handover']),
    );
  });
});

describe('ids that are not ours', () => {
  it('answers not found, never a server error, for ids that are not UUIDs', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const question = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Hi', clientMessageId: 'q1' });
    expect(question.status).toBe(202);
    const reply = await ai.post(`/conversations/${conversationId}/ai-replies`, { body: 'Hello', clientMessageId: 'r1', inReplyTo: 'not-a-uuid' });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('not_found');
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.get('/handovers/12345')).status).toBe(404);
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Ids', trigger: 'other' });
    await ana.post(`/handovers/${body.handover.id}/claim`);
    const transfer = await ana.post(`/handovers/${body.handover.id}/transfer`, { toMemberId: 'nobody' });
    expect(transfer.status).toBe(422);
    expect(transfer.body.error.details.issues[0].path).toEqual(['toMemberId']);
  });
});
