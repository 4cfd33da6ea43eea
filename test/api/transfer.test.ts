import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;
let ai: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  // One handover in progress per member: Ben, holding one, is at capacity.
  workspace = await createWorkspace(stack.db, { maxConcurrentPerAgent: 1 });
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
});
afterAll(async () => {
  await stack?.stop();
});

async function claimedBy(member: ApiClient): Promise<string> {
  const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Needs a person', trigger: 'other' });
  const claim = await member.post(`/handovers/${body.handover.id}/claim`);
  expect(claim.status).toBe(200);
  return body.handover.id;
}

interface Candidate {
  id: string;
  name: string;
  role: string;
  activeHandovers: number;
  atCapacity: boolean;
  isAssignee: boolean;
}

describe('GET /handovers/:id/transfer-candidates, and the limit on POST /handovers/:id/transfer', () => {
  it('lists who may take the handover with their load, and the transfer refuses a member at capacity', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const handoverId = await claimedBy(ana);
    await claimedBy(ben);

    const answer = await ana.get<{ maxConcurrentPerAgent: number | null; candidates: Candidate[] }>(`/handovers/${handoverId}/transfer-candidates`);
    expect(answer.status).toBe(200);
    expect(answer.body.maxConcurrentPerAgent).toBe(1);
    // Active members who handle handovers, by name: Cara (not selected) is not one of them.
    expect(answer.body.candidates.map((candidate) => candidate.name)).toEqual(['Ada Admin', 'Ana Lopez', 'Ben Carter', 'Sam Supervisor']);
    const byName = Object.fromEntries(answer.body.candidates.map((candidate) => [candidate.name, candidate]));
    expect(byName['Ana Lopez']).toMatchObject({ id: workspace.ana.id, role: 'agent', activeHandovers: 1, atCapacity: false, isAssignee: true });
    expect(byName['Ben Carter']).toMatchObject({ id: workspace.ben.id, activeHandovers: 1, atCapacity: true, isAssignee: false });
    expect(byName['Sam Supervisor']).toMatchObject({ role: 'supervisor', activeHandovers: 0, atCapacity: false });

    // Who may not transfer may not ask either: Ben is not the assignee, Cara does not see the handover.
    expect((await ben.get(`/handovers/${handoverId}/transfer-candidates`)).body.error.code).toBe('not_assignee');
    expect((await cara.get(`/handovers/${handoverId}/transfer-candidates`)).status).toBe(403);

    const refused = await ana.post(`/handovers/${handoverId}/transfer`, { toMemberId: workspace.ben.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'at_capacity', details: { member: { id: workspace.ben.id, name: 'Ben Carter' }, limit: 1 } });
    expect((await ana.get(`/handovers/${handoverId}`)).body.handover.assignee.id).toBe(workspace.ana.id);

    const moved = await ana.post(`/handovers/${handoverId}/transfer`, { toMemberId: workspace.supervisor.id });
    expect(moved.status).toBe(200);
    expect(moved.body.handover.assignee).toEqual({ id: workspace.supervisor.id, name: 'Sam Supervisor' });
    // Ana gave it away and may no longer transfer it; the supervisor may, and now holds it.
    expect((await ana.get(`/handovers/${handoverId}/transfer-candidates`)).status).toBe(409);
    const supervisor = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
    const after = await supervisor.get<{ candidates: Candidate[] }>(`/handovers/${handoverId}/transfer-candidates`);
    expect(after.body.candidates.find((candidate) => candidate.name === 'Sam Supervisor')).toMatchObject({ activeHandovers: 1, isAssignee: true });
    expect(after.body.candidates.find((candidate) => candidate.name === 'Ana Lopez')).toMatchObject({ activeHandovers: 0, atCapacity: false });
  }, 60_000);

  it('is in the OpenAPI document, behind the session', async () => {
    const { body } = await ai.get('/openapi.json');
    const operation = body.paths['/handovers/{id}/transfer-candidates'].get;
    expect(operation.security.flatMap((requirement: object) => Object.keys(requirement))).toEqual(['session']);
    expect(operation.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/TransferCandidatesResponse');
  });
});
