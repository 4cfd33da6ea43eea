// Found by the chaos run (kill -9 the worker during claims): a claim that the API answered 503 (the worker was
// down, so the Update did not complete within 5 s) and that the same member then sent again, as the API asks,
// is answered 409 already_claimed naming that very member: the retry lost to its own first attempt.
//
// The defect: both claim Updates reach the workflow in one activation once a worker runs again; both
// validators pass (the handover is still pending), the first handler claims it, and the second handler's check
// after `await condition(() => requestRecorded)` (workflows/handover/workflow.ts, claimUpdate) throws
// already_claimed, without the "same member: return the claim" exemption that its validator and its first line
// have. The API's promise (api/temporal.ts, updateWaitMs) is "the same request sent again finds it applied".
// Fixed: the handler's check after that wait now answers its own member's claim as won.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

it('answers 200 to a claim sent again by the same member after a 503, while the worker was down', async () => {
  const workspace = await createWorkspace(stack.db);
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Claim retry', trigger: 'other' });
  const id = body.handover.id as string;
  // The workflow has recorded the request (its first activity completed): nothing else is in the way of a claim.
  await eventually(async () => {
    const history = await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).fetchHistory();
    return history.events?.some((event) => event.activityTaskCompletedEventAttributes) ? true : undefined;
  }, 'the request recorded');

  await stack.stopWorker();
  const first = await ana.post(`/handovers/${id}/claim`);
  expect(first.status).toBe(503);
  // Sent again, as the 503's Retry-After asks; the worker comes back while it waits.
  const again = ana.post(`/handovers/${id}/claim`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  await stack.startWorker();
  let second = await again;
  // On a busy machine the worker may need longer than the API waits: then it is sent once more, as the 503 asks.
  if (second.status === 503) second = await ana.post(`/handovers/${id}/claim`);
  expect({ status: second.status, code: second.body?.error?.code ?? null }).toEqual({ status: 200, code: null });
  expect(second.body.handover.assignee.id).toBe(workspace.ana.id);
});
