import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { recoverOrphanedHandovers, startHandover } from '../../api/handover-start.ts';
import { insertOrFindActiveHandover } from '../../db/handovers.ts';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { createLogger } from '../../platform/logger.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db);
});
afterAll(async () => {
  await stack?.stop();
});

/** What an API process leaves behind when it dies after recording a handover and before starting its workflow. */
async function orphanedHandover(ageSeconds: number) {
  const conversationId = `conv-${randomUUID()}`;
  const record = await insertOrFindActiveHandover(stack.db, {
    id: randomUUID(),
    workspaceId: workspace.id,
    request: { conversationId, reason: 'Orphaned', trigger: 'user_request', customer: { name: 'Orphan Annie' } },
    policy: defaultPolicy,
  });
  await stack.db
    .updateTable('handovers')
    .set({ requested_at: new Date(Date.now() - ageSeconds * 1000) })
    .where('id', '=', record.handoverId)
    .execute();
  return { conversationId, id: record.handoverId };
}

describe('a handover whose workflow never started', () => {
  it('is started by the recovery job: the AI pauses and the handover waits for a person like any other', async () => {
    const orphan = await orphanedHandover(600);
    const young = await orphanedHandover(0);
    const deps = { db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue, logger: createLogger('silent', 'test') };

    expect(await recoverOrphanedHandovers(deps)).toBeGreaterThanOrEqual(1);
    const description = await stack.temporal.workflow.getHandle(handoverWorkflowId(orphan.id)).describe();
    expect(description.status.name).toBe('RUNNING');
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    await eventually(async () => ((await ai.get(`/conversations/${orphan.conversationId}`)).body.aiPaused ? true : undefined), 'the AI to pause');
    // One that may still be starting is left alone for now.
    await expect(stack.temporal.workflow.getHandle(handoverWorkflowId(young.id)).describe()).rejects.toThrow();

    // Once its request is on record it is no orphan any more: a second pass starts nothing. (With a grace the young
    // one cannot outlive: with the default 30 s it had become an orphan itself on a loaded machine, and was started.)
    await eventually(async () => {
      const events = await stack.db.selectFrom('handover_events').select('type').where('handover_id', '=', orphan.id).execute();
      return events.some((event) => event.type === 'requested') ? true : undefined;
    }, 'the request on record');
    expect(await recoverOrphanedHandovers(deps, 300)).toBe(0);
    const again = await stack.db.selectFrom('handover_events').select('type').where('handover_id', '=', orphan.id).execute();
    expect(again.filter((event) => event.type === 'requested')).toHaveLength(1);
  });

  it('is also healed when the AI service repeats its request', async () => {
    const orphan = await orphanedHandover(0);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const repeated = await ai.post('/handovers', { conversationId: orphan.conversationId, reason: 'Orphaned', trigger: 'user_request' });
    expect(repeated.status).toBe(200);
    expect(repeated.body.handover.id).toBe(orphan.id);
    const description = await stack.temporal.workflow.getHandle(handoverWorkflowId(orphan.id)).describe();
    expect(description.status.name).toBe('RUNNING');
  });
});

describe('a start whose answer was lost', () => {
  it('keeps the row of a workflow the server did start, and that workflow completes normally', async () => {
    // A client whose start reaches the server and starts the workflow, but whose answer never comes back
    // (a deadline passing after the server accepted the start): the API cannot tell whether it started.
    const lostAnswer = new Proxy(stack.temporal.workflow, {
      get(target, property, receiver) {
        if (property !== 'start') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<typeof target.start>) => {
          await target.start(...args);
          throw Object.assign(new Error('Deadline exceeded'), { name: 'ServiceError', code: 4 });
        };
      },
    });
    const temporal = new Proxy(stack.temporal, {
      get: (target, property, receiver) => (property === 'workflow' ? lostAnswer : Reflect.get(target, property, receiver)),
    }) as Client;
    const deps = { db: stack.db, temporal, taskQueue: stack.taskQueue, logger: createLogger('silent', 'test') };
    const conversationId = `conv-${randomUUID()}`;
    const request = { conversationId, reason: 'Lost answer', trigger: 'user_request' as const, customer: { name: 'Lou Lost' } };

    await expect(startHandover(deps, workspace.id, request)).rejects.toMatchObject({ code: 'unavailable' });
    const row = await stack.db
      .selectFrom('handovers')
      .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
      .select(['handovers.id', 'handovers.status'])
      .where('conversations.external_id', '=', conversationId)
      .executeTakeFirst();
    expect(row?.status).toBe('pending');

    // The AI service repeats its request: the same handover, the running workflow found.
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const repeated = await ai.post('/handovers', request);
    expect(repeated.status).toBe(200);
    expect(repeated.body.handover.id).toBe(row?.id);

    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    await eventually(async () => ((await ai.get(`/conversations/${conversationId}`)).body.aiPaused ? true : undefined), 'the AI to pause', 15_000);
    expect((await ana.post(`/handovers/${row?.id}/claim`)).status).toBe(200);
    expect((await ana.post(`/handovers/${row?.id}/end`, { outcome: 'resolved' })).status).toBe(200);
    const result = await stack.temporal.workflow.getHandle(handoverWorkflowId(row?.id ?? '')).result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'resolved' });
  });
});
