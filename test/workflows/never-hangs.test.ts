import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import type { EscalationLadder } from '../../domain/policy.ts';
import type { DevServerHandle } from '../../runtime/temporal-dev-server.ts';
import { startDevServerSuggestingContinueAsNew } from '../support/dev-server.ts';
import { agentMessageSignal, claimUpdate, stateQuery } from '../../workflows/handover/definitions.ts';
import {
  pendingDeliveriesQuery,
  webhookDeliveryWorkflowId,
  webhookDeliveryWorkflowType,
  webhookEventsSignal,
} from '../../workflows/webhooks/definitions.ts';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient, eventually, type HttpAnswer } from '../support/http.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { HandoverRowLock } from '../support/row-lock.ts';
import { claimedHandover, pendingHandover } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

// A dev server of its own that suggests continue-as-new after 60 history events, so a few dozen messages
// bring a handover to the point where it wants a new run.
const suggestAfterEvents = 60;
let server: DevServerHandle;
let stack: TestStack;

beforeAll(async () => {
  server = await startDevServerSuggestingContinueAsNew(suggestAfterEvents);
  stack = await startTestStack({ temporalAddress: server.address });
});
afterAll(async () => {
  await stack?.stop();
  await server?.stop();
});

/** A workspace whose webhooks go to a receiver of the test's own. */
async function workspaceWithReceiver(options: Parameters<typeof createWorkspace>[1] = {}) {
  const receiver = new WebhookReceiver();
  await receiver.start();
  const workspace = await createWorkspace(stack.db, options);
  const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  expect((await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret })).status).toBe(200);
  return { receiver, workspace, admin, ai: ApiClient.forApiKey(stack.baseUrl, workspace.apiKey) };
}

/** Customer messages until the handover's current run has passed the server's continue-as-new suggestion. */
async function pushPastSuggestion(ai: ApiClient, conversationId: string, handoverId: string): Promise<void> {
  const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
  const runId = (await handle.describe()).runId;
  for (let index = 0; index < 40; index += 1) {
    const sent = await ai.post(`/conversations/${conversationId}/messages`, { body: `c${index}`, clientMessageId: `push-${randomUUID()}` });
    expect(sent.status).toBe(202);
    const description = await handle.describe();
    if (description.runId !== runId || description.historyLength >= suggestAfterEvents + 10) return;
  }
}

async function eventTypes(client: ApiClient, handoverId: string): Promise<string[]> {
  const { body } = await client.get(`/handovers/${handoverId}/events`);
  return body.events.map((event: { type: string }) => event.type);
}

/** The read model and the workflow's own state agree on everything both hold. */
async function readModelMatchesState(client: ApiClient, handoverId: string) {
  const [{ body }, state] = await Promise.all([
    client.get(`/handovers/${handoverId}`),
    stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId)).query(stateQuery),
  ]);
  const row = body.handover;
  const fromRow = { status: row.status, assignee: row.assignee?.id ?? null, claimedAt: row.claimedAt, escalationLevel: row.escalationLevel };
  const fromState = { status: state.status, assignee: state.assignee?.id ?? null, claimedAt: state.claimedAt, escalationLevel: state.escalationLevel };
  return { fromRow, fromState, equal: JSON.stringify(fromRow) === JSON.stringify(fromState) };
}

describe('End while the workflow waits to continue as new', () => {
  it('ends when webhook deliveries are failing and the run wants to continue as new', async () => {
    const { receiver, workspace, ai } = await workspaceWithReceiver();
    receiver.failWith = 503;
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId, conversationId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    await pushPastSuggestion(ai, conversationId, handoverId);

    const ended = await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' });
    expect(ended.status).toBe(200);
    expect(ended.body.handover).toMatchObject({ status: 'completed', outcome: 'resolved' });
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
    const runAtEnd = (await handle.describe()).runId;

    receiver.failWith = null;
    await eventually(async () => (receiver.uniqueEvents.some((event) => event.type === 'handover.ended' && event.data.handoverId === handoverId) ? true : undefined), 'handover.ended delivered', 40_000);
    await handle.result();
    // The run that answered the End is the one that completed: no new run started after it.
    const finished = await handle.describe();
    expect(finished.runId).toBe(runAtEnd);
    expect(finished.status.name).toBe('COMPLETED');
    const firstRunId = finished.raw.workflowExecutionInfo?.firstRunId ?? undefined;
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId), firstRunId), 'handover-lane-continued-as-new', { finished: false });
    await receiver.stop();
  }, 90_000);

  it('ends when a recording activity is in flight at the moment the run wants to continue as new', async () => {
    const { receiver, workspace, ai } = await workspaceWithReceiver();
    const [ana, supervisor] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.supervisor)]);
    const { handoverId, conversationId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const lock = new HandoverRowLock(inject('databaseUrl'), handoverId);
    await lock.lock();
    // The transfer's write waits on the lock; meanwhile the run passes the suggestion and an End arrives.
    const transfer = supervisor.post(`/handovers/${handoverId}/transfer`, { toMemberId: workspace.ben.id });
    await eventually(async () => ((await lock.waiting()).length > 0 ? true : undefined), 'the transfer to wait on the row');
    await pushPastSuggestion(ai, conversationId, handoverId);
    const end = supervisor.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await lock.release();

    const [transferred, ended] = await Promise.all([transfer, end]);
    expect(transferred.status).toBe(200);
    // Answered at once when the workflow was quick enough, or 503 to retry; never a request left open.
    expect([200, 503]).toContain(ended.status);
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'resolved' });
    expect(await eventTypes(supervisor, handoverId)).toEqual(['requested', 'notified', 'claimed', 'transferred', 'ended']);
    await recordHistoryIfAsked(handle, 'handover-ended-while-continuing-as-new');
    await receiver.stop();
  }, 90_000);
});

describe('a webhook receiver that is down', () => {
  it('does not hold the ladder: the handover escalates and falls back while deliveries fail, then every event arrives once in order', async () => {
    const ladder: EscalationLadder = {
      levels: [{ afterSeconds: 2, notify: 'everyone', customerMessage: 'Still in the queue.' }],
      fallback: { afterSeconds: 5, action: 'return_to_ai', customerMessage: 'The assistant will help you.' },
    };
    const { receiver, workspace, ai, admin } = await workspaceWithReceiver({ escalation: ladder });
    receiver.failWith = 503;
    const { handoverId, conversationId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    await pushPastSuggestion(ai, conversationId, handoverId);

    // The fallback happens while the receiver still refuses every delivery.
    await eventually(async () => ((await eventTypes(admin, handoverId)).includes('ended') ? true : undefined), 'the fallback while the receiver is down', 30_000);
    expect(receiver.received.filter((event) => event.data.handoverId === handoverId)).toEqual([]);
    expect(await eventTypes(admin, handoverId)).toEqual(['requested', 'notified', 'escalated', 'notified', 'ended']);

    receiver.failWith = null;
    const expected = ['conversation.ai_paused', 'handover.requested', 'handover.escalated', 'handover.message', 'handover.message', 'handover.ended', 'conversation.ai_resumed'];
    const delivered = await eventually(async () => {
      const mine = receiver.received.filter((event) => event.data.handoverId === handoverId);
      return mine.length >= expected.length ? mine : undefined;
    }, 'every event after the receiver came back', 60_000);
    expect(delivered.map((event) => event.type)).toEqual(expected);
    expect(new Set(delivered.map((event) => event.id)).size).toBe(delivered.length);
    await receiver.stop();
  }, 120_000);
});

describe('webhook delivery', () => {
  it('stores and delivers once each agent message that reaches the workflow after its end, or refuses it', async () => {
    const { receiver, workspace } = await workspaceWithReceiver();
    receiver.delayMs = 1000;
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    expect((await ana.post(`/handovers/${handoverId}/end`, {})).status).toBe(200);

    // Messages the API accepted just before the end was on record reach the workflow after it: sent here
    // straight to the workflow, as the API does. A workflow that has completed refuses them, and the API
    // then answers handover_ended, so nothing it accepted is lost.
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
    const accepted: string[] = [];
    for (const body of ['late one', 'late two']) {
      const sent = await handle
        .signal(agentMessageSignal, {
          messageId: randomUUID(),
          clientMessageId: `late-${randomUUID()}`,
          sender: 'agent',
          author: { id: workspace.ana.id, name: workspace.ana.name },
          body,
          receivedAt: new Date().toISOString(),
        })
        .then(() => true, (error: unknown) => (error instanceof WorkflowNotFoundError ? false : Promise.reject(error)));
      if (sent) accepted.push(body);
    }
    await handle.result();
    await eventually(async () => (receiver.uniqueEvents.some((event) => event.type === 'conversation.ai_resumed' && event.data.handoverId === handoverId) ? true : undefined), 'the end delivered', 30_000);
    const messages = await eventually(async () => {
      const mine = receiver.received.filter((event) => event.type === 'handover.message' && event.data.handoverId === handoverId);
      return mine.length >= accepted.length ? mine : undefined;
    }, 'every accepted late message delivered', 30_000);
    expect(messages.map((event) => event.data.message.body)).toEqual(accepted);
    const ids = receiver.received.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    await receiver.stop();
  }, 60_000);

  it('has one consumer: events handed over again and again, at once, are each delivered once and in order', async () => {
    const { receiver, workspace } = await workspaceWithReceiver();
    receiver.delayMs = 700;
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const recorded = await stack.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'type'])
      .where('workspace_id', '=', workspace.id)
      .orderBy('created_at')
      .execute();
    const eventIds = recorded.map((row) => row.id);
    expect(recorded.map((row) => row.type)).toEqual(['conversation.ai_paused', 'handover.requested', 'handover.claimed']);

    // What a retried recording activity does: the same events handed over again, here five times at once.
    const delivery = stack.temporal.workflow.getHandle(webhookDeliveryWorkflowId(handoverId));
    await Promise.all(Array.from({ length: 5 }, () => delivery.signal(webhookEventsSignal, { eventIds })));
    const received = await eventually(async () => {
      const mine = receiver.received.filter((event) => event.data.handoverId === handoverId);
      return mine.length >= eventIds.length && (await delivery.query(pendingDeliveriesQuery)).length === 0 ? mine : undefined;
    }, 'the events delivered', 30_000);
    expect(received.map((event) => event.id)).toEqual(eventIds);
    await ana.post(`/handovers/${handoverId}/end`, {});
    await receiver.delivered(handoverId, 'conversation.ai_resumed');
    await recordHistoryIfAsked(delivery, 'webhook-delivery-local-handed-over-repeatedly', { finished: false });
    await receiver.stop();
  }, 60_000);
});

describe('the read model', () => {
  it('equals the workflow state when a requeue write is retried after a later claim was decided', async () => {
    const workspace = await createWorkspace(stack.db, { assigneeResponseSeconds: 1 });
    const [ana, ben] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.ben)]);
    const { handoverId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const lock = new HandoverRowLock(inject('databaseUrl'), handoverId);
    await lock.lock();
    // Ana stays silent: the reminder, then the requeue, whose write waits on the row. Its attempt fails (as
    // if it timed out) and is retried, and Ben claims in between.
    const requeueWrite = await eventually(async () => {
      const waiting = await lock.waiting();
      return waiting.length > 0 ? waiting : undefined;
    }, 'the requeue to wait on the row');
    await lock.cancel(requeueWrite.map((backend) => backend.pid));
    const benClaims: Promise<HttpAnswer> = ben.post(`/handovers/${handoverId}/claim`);
    await eventually(async () => ((await lock.waiting()).length > 0 ? true : undefined), 'a write to wait on the row again');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await lock.release();

    const benClaimed = await benClaims;
    expect({ status: benClaimed.status, body: benClaimed.body }).toEqual({ status: 200, body: expect.anything() });
    // Ben answers at once, so his own silence requeues nothing while the test compares.
    expect((await ben.post(`/handovers/${handoverId}/messages`, { body: 'Ben here', clientMessageId: 'ben-1' })).status).toBe(202);
    const compared = await eventually(async () => {
      const comparison = await readModelMatchesState(ben, handoverId);
      return comparison.equal ? comparison : undefined;
    }, 'the read model to equal the workflow state', 15_000).catch(async (error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(await readModelMatchesState(ben, handoverId))}`);
    });
    expect(compared.fromState).toMatchObject({ status: 'in_progress', assignee: workspace.ben.id });
    await ben.post(`/handovers/${handoverId}/end`, {});
    await recordHistoryIfAsked(stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId)), 'handover-lane-carried-then-ended');
  }, 60_000);
});

describe('a request the workflow cannot answer in time', () => {
  it('is answered 503 unavailable with Retry-After, not left open, and is safe to repeat', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);

    // With no worker, no Update can complete.
    await stack.stopWorker();
    let claim: HttpAnswer;
    let end: HttpAnswer;
    try {
      claim = await ana.post(`/handovers/${handoverId}/claim`);
    } finally {
      await stack.startWorker();
    }
    expect(claim.status).toBe(503);
    expect(claim.body.error.code).toBe('unavailable');
    expect(Number(claim.headers.get('retry-after'))).toBeGreaterThan(0);
    const claimedAgain = await eventually(async () => {
      const answer = await ana.post(`/handovers/${handoverId}/claim`);
      return answer.status === 200 ? answer : undefined;
    }, 'the repeated claim to succeed');
    expect(claimedAgain.body.handover.assignee.id).toBe(workspace.ana.id);

    await stack.stopWorker();
    try {
      end = await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' });
    } finally {
      await stack.startWorker();
    }
    expect(end.status).toBe(503);
    expect(end.body.error.code).toBe('unavailable');
    expect(Number(end.headers.get('retry-after'))).toBeGreaterThan(0);
    // Repeated: it joins or finds the end the first request set going; either way the handover ends once.
    const endedAgain = await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' });
    expect([200, 409]).toContain(endedAgain.status);
    if (endedAgain.status === 409) expect(endedAgain.body.error.code).toBe('handover_ended');
    const result = await stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId)).result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'resolved' });
    const types = await eventTypes(ana, handoverId);
    expect(types.filter((type) => type === 'claimed')).toHaveLength(1);
    expect(types.filter((type) => type === 'ended')).toHaveLength(1);
  }, 90_000);
});

describe('the delivery workflow closing after idling', () => {
  it('delivers an event handed over in the same moment its idle timer fires', async () => {
    const { receiver, workspace } = await workspaceWithReceiver();
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    await receiver.delivered(handoverId, 'handover.claimed');
    // A delivery workflow of its own for this handover's events, idling for one second only.
    const workflowId = `${webhookDeliveryWorkflowId(handoverId)}-idle`;
    const eventIds = (await stack.db.selectFrom('webhook_deliveries').select('id').where('workspace_id', '=', workspace.id).orderBy('created_at').execute()).map((row) => row.id);
    await stack.db.updateTable('webhook_deliveries').set({ status: 'pending' }).where('id', '=', eventIds[0] ?? '').execute();
    const handle = await stack.temporal.workflow.start(webhookDeliveryWorkflowType, {
      workflowId,
      taskQueue: stack.taskQueue,
      args: [{ workspaceId: workspace.id, handoverId, idleSeconds: 1 }],
    });
    await eventually(async () => ((await handle.describe()).historyLength >= 5 ? true : undefined), 'the idle timer to start');
    // The worker is away while the timer fires and an event is handed over: both reach the workflow at once.
    await stack.stopWorker();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await handle.signal(webhookEventsSignal, { eventIds: [eventIds[0] ?? ''] });
    } finally {
      await stack.startWorker();
    }
    await handle.result();
    const received = receiver.received.filter((event) => event.id === eventIds[0]);
    expect(received).toHaveLength(2);
    await ana.post(`/handovers/${handoverId}/end`, {});
    await receiver.stop();
  }, 60_000);
});

describe('a claim that reaches the workflow in the same moment as the fallback', () => {
  it('wins: the handover is taken over, not ended', async () => {
    const ladder: EscalationLadder = { levels: [], fallback: { afterSeconds: 2, action: 'return_to_ai', customerMessage: 'The assistant will help you.' } };
    const workspace = await createWorkspace(stack.db, { escalation: ladder });
    const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
    // The worker is away while the fallback timer fires and the claim arrives: both reach the workflow at once.
    await stack.stopWorker();
    let claim: Promise<unknown>;
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      claim = handle.executeUpdate(claimUpdate, { args: [{ member: { id: workspace.ana.id, name: workspace.ana.name } }], updateId: `claim-${randomUUID()}` });
      await eventually(async () => ((await handle.describe()).raw.pendingWorkflowTask ? true : undefined), 'the workflow task that carries both');
    } finally {
      await stack.startWorker();
    }
    expect(await claim).toMatchObject({ assignee: { id: workspace.ana.id } });
    const state = await handle.query(stateQuery);
    expect(state).toMatchObject({ status: 'in_progress', endedAt: null });
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' })).body.handover).toMatchObject({ status: 'completed', outcome: 'resolved' });
  }, 60_000);
});

describe('a handover workflow reset to an earlier point', () => {
  it('still writes the read model: the reset run counts its changes above the ones it undid', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const { handoverId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
    // What a supervisor does from the Web UI: reset the run to its first workflow task, undoing Ana's claim.
    const history = await handle.fetchHistory();
    const firstTask = history.events?.find((event) => event.workflowTaskCompletedEventAttributes)?.eventId;
    await stack.temporal.workflowService.resetWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: handoverWorkflowId(handoverId), runId: (await handle.describe()).runId },
      workflowTaskFinishEventId: firstTask,
      requestId: randomUUID(),
      reason: 'test: undo a claim',
      resetReapplyType: 2, // RESET_REAPPLY_TYPE_NONE: the claim is not applied again
    });
    await eventually(async () => ((await handle.query(stateQuery)).status === 'pending' ? true : undefined), 'the reset run to wait for a claim');
    await handle.executeUpdate(claimUpdate, { args: [{ member: { id: workspace.ben.id, name: workspace.ben.name } }], updateId: `claim-${randomUUID()}` });
    const row = await eventually(async () => {
      const { body } = await ana.get(`/handovers/${handoverId}`);
      return body.handover.assignee?.id === workspace.ben.id ? body.handover : undefined;
    }, "the read model to show Ben's claim", 10_000);
    expect(row).toMatchObject({ status: 'in_progress' });
  }, 60_000);
});

describe('messages that reach a run before its first task', () => {
  it('are stored in the order they arrived, whichever side sent them', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    // The worker is away while the handover starts and both sides write: the run's first task holds them all,
    // as the first task of a run continued as new does.
    await stack.stopWorker();
    const conversationId = `conv-${randomUUID()}`;
    const bodies: string[] = [];
    let handoverId: string;
    try {
      const started = await ai.post('/handovers', { conversationId, reason: 'Order', trigger: 'other' });
      handoverId = started.body.handover.id;
      const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId));
      for (let index = 0; index < 4; index += 1) {
        bodies.push(`customer ${index}`, `agent ${index}`);
        expect((await ai.post(`/conversations/${conversationId}/messages`, { body: `customer ${index}`, clientMessageId: `c-${index}` })).body.routedTo).toBe('human');
        await handle.signal(agentMessageSignal, {
          messageId: randomUUID(),
          clientMessageId: `a-${index}`,
          sender: 'agent',
          author: { id: workspace.ana.id, name: workspace.ana.name },
          body: `agent ${index}`,
          receivedAt: new Date().toISOString(),
        });
      }
    } finally {
      await stack.startWorker();
    }
    const stored = await eventually(async () => {
      const { body } = await ai.get(`/conversations/${conversationId}/messages`);
      return body.messages.length >= bodies.length ? body.messages : undefined;
    }, 'every message stored');
    expect(stored.map((message: { body: string }) => message.body)).toEqual(bodies);
    await ai.post(`/handovers/${handoverId}/leave`);
  }, 60_000);
});
