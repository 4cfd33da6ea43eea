import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import type { DevServerHandle } from '../../runtime/temporal-dev-server.ts';
import { startDevServerSuggestingContinueAsNew } from '../support/dev-server.ts';
import { claimUpdate, stateQuery } from '../../workflows/handover/definitions.ts';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';

const run = promisify(execFile);

// A dev server of its own that suggests continue-as-new after 60 history events, so a short conversation
// crosses several runs.
let server: DevServerHandle;
let stack: TestStack;

beforeAll(async () => {
  server = await startDevServerSuggestingContinueAsNew(60);
  stack = await startTestStack({ temporalAddress: server.address });
});
afterAll(async () => {
  await stack?.stop();
  await server?.stop();
});

describe('continue-as-new', () => {
  it('carries a long conversation across runs with nothing lost or stored twice, and a retried claim still answers the same', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const conversationId = `conv-${randomUUID()}`;
    const { body } = await ai.post('/handovers', { conversationId, reason: 'Long chat', trigger: 'other' });
    const id: string = body.handover.id;
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(id));
    const ana = { id: workspace.ana.id, name: workspace.ana.name };
    const claim = await handle.executeUpdate(claimUpdate, { args: [{ member: ana }], updateId: 'claim-retried' });
    const agent = await ApiClient.signIn(stack.baseUrl, workspace.ana);

    for (let index = 0; index < 40; index += 1) {
      await ai.post(`/conversations/${conversationId}/messages`, { body: `c${index}`, clientMessageId: `c-${index}` });
      await agent.post(`/handovers/${id}/messages`, { body: `a${index}`, clientMessageId: `a-${index}` });
    }
    const messages = await eventually(async () => {
      const answer = await ai.get(`/conversations/${conversationId}/messages?limit=500`);
      return answer.body.messages.length >= 80 ? answer.body.messages : undefined;
    }, '80 stored messages', 60_000);
    expect(messages.map((message: { body: string }) => message.body)).toEqual(
      Array.from({ length: 40 }, (_, index) => [`c${index}`, `a${index}`]).flat(),
    );

    // The workflow continues as new at its next quiet moment once the server suggests it, carrying messages not
    // yet stored; the state counts a batch once the workflow has seen its activity complete.
    const state = await eventually(async () => {
      const current = await handle.query(stateQuery);
      return current.runs > 1 && current.messagesRelayed === 80 ? current : undefined;
    }, 'a continue-as-new');
    expect(state).toMatchObject({ status: 'in_progress', assignee: ana, messagesRelayed: 80 });

    // The server forgot the update id with the old run; the carried ledger still answers it.
    const again = await handle.executeUpdate(claimUpdate, { args: [{ member: ana }], updateId: 'claim-retried' });
    expect(again).toEqual(claim);
    const { body: timeline } = await agent.get(`/handovers/${id}/events`);
    expect(timeline.events.filter((event: { type: string }) => event.type === 'claimed')).toHaveLength(1);

    const ended = await agent.post(`/handovers/${id}/end`, { outcome: 'resolved' });
    expect(ended.body.handover).toMatchObject({ status: 'completed', outcome: 'resolved' });
    // The first run, which ended by continuing as new, and the last one, which carried the state.
    const firstRunId = (await handle.describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(id), firstRunId), 'handover-messages-local-continued-as-new', { finished: false });
    await recordHistoryIfAsked(handle, 'handover-messages-local-carried-over');
  }, 120_000);

  it('lets a supervisor find pending handovers with the Temporal CLI by search attribute', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Find me', trigger: 'sentiment' });
    const query = `HandoverStatus="pending" AND WorkspaceId="${workspace.id}" AND HandoverTrigger="sentiment"`;
    const found = await eventually(async () => {
      const { stdout } = await run(inject('temporalCli'), ['workflow', 'list', '--address', server.address, '--query', query, '--output', 'json']);
      const rows = JSON.parse(stdout || '[]') as { execution: { workflowId: string } }[];
      return rows.length > 0 ? rows : undefined;
    }, 'the visibility store to index the workflow');
    expect(found.map((row) => row.execution.workflowId)).toEqual([handoverWorkflowId(body.handover.id)]);
  });
});
