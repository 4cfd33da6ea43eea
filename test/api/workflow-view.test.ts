import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { startLiveEventHub } from '../../api/live-event-hub.ts';
import { untilAbandonedCallsEnd } from '../../api/temporal.ts';
import { insertOrFindActiveHandover } from '../../db/handovers.ts';
import { getHandoverSettings, toPolicy } from '../../db/settings.ts';
import { createLocalStore } from '../../platform/attachment-store.ts';
import { createLogger } from '../../platform/logger.ts';
import { findFreePort } from '../../platform/ports.ts';
import { retryWithinDeadline } from '../../platform/temporal-connection.ts';
import type { HandoverWorkflowResponse, WorkflowHistoryEntry } from '../../domain/schemas/handover-workflow.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { pendingHandover } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// GET /handovers/:id/workflow: the handover's workflow, read from Temporal through our authorization.

const temporalUiUrl = 'https://temporal-ui.example.test/';

let stack: TestStack;
let workspace: TestWorkspace;
let ai: ApiClient;
let ana: ApiClient;
let supervisor: ApiClient;

beforeAll(async () => {
  stack = await startTestStack({ temporalUiUrl });
  workspace = await createWorkspace(stack.db);
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  [ana, supervisor] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.supervisor)]);
});
afterAll(async () => {
  await stack?.stop();
});

/** A success's body, or (on a refusal) the envelope. */
type Answer = HandoverWorkflowResponse & { error: { code: string; message: string; details: Record<string, unknown> } };
const workflowOf = (client: ApiClient, handoverId: string) => client.get<Answer>(`/handovers/${handoverId}/workflow`);
const lines = (entries: WorkflowHistoryEntry[]) => entries.map((entry) => `${entry.kind} ${entry.name ?? ''}`.trim());

/** A handover Ana took over, with a message each way (bodies a test can look for), once both are stored. */
async function conversationInProgress() {
  const secrets = { transcript: `Transcript ${randomUUID()}`, customer: `Customer says ${randomUUID()}`, agent: `Ana says ${randomUUID()}` };
  const handover = await pendingHandover(stack.db, stack.baseUrl, workspace, { transcript: [{ role: 'customer', body: secrets.transcript }] });
  expect((await ana.post(`/handovers/${handover.handoverId}/claim`)).status).toBe(200);
  await ai.post(`/conversations/${handover.conversationId}/messages`, { body: secrets.customer, clientMessageId: 'c-1' });
  await ana.post(`/handovers/${handover.handoverId}/messages`, { body: secrets.agent, clientMessageId: 'a-1' });
  return { ...handover, secrets };
}

describe('GET /handovers/:id/workflow', () => {
  it("shows a supervisor a pending handover's escalation timer, then the live state and a history summary once taken over", async () => {
    const pending = await pendingHandover(stack.db, stack.baseUrl, workspace);
    // The ladder's timer starts in the workflow task after the request is on record.
    const before = await eventually(async () => {
      const read = await workflowOf(supervisor, pending.handoverId);
      return read.status !== 200 || read.body.workflow?.timers.length ? read : undefined;
    }, 'the escalation timer to start');
    expect(before.status).toBe(200);
    const waiting = before.body.workflow!;
    expect(waiting.status).toBe('running');
    expect(waiting.state).toMatchObject({ status: 'pending', escalationLevel: 0, assignee: null });
    // The default ladder's first level, two minutes after the wait began.
    expect(waiting.timers).toHaveLength(1);
    expect(waiting.timers[0]).toMatchObject({ kind: 'escalation', escalationLevel: 1 });
    const due = Date.parse(waiting.state!.pendingSince) + 120_000;
    expect(Math.abs(Date.parse(waiting.timers[0]!.firesAt) - due)).toBeLessThan(2_000);

    const handover = await conversationInProgress();
    const answer = await eventually(async () => {
      const read = await workflowOf(supervisor, handover.handoverId);
      return read.body.workflow?.state?.messagesRelayed === 2 ? read : undefined;
    }, 'both messages stored by the workflow');
    const { workflow } = answer.body;
    expect(answer.body.handover).toEqual({ id: handover.handoverId, status: 'in_progress', endedAt: null });
    expect(workflow).toMatchObject({
      workflowId: `handover-${handover.handoverId}`,
      status: 'running',
      continuedAsNew: 0,
      closedAt: null,
      state: { status: 'in_progress', assignee: { id: workspace.ana.id, name: 'Ana Lopez' }, runs: 1 },
      stateProblem: null,
      pendingActivities: [],
      timers: [],
    });
    expect(workflow!.runId).toBe(workflow!.firstRunId);
    const summary = lines(workflow!.history.entries);
    expect(summary[0]).toBe('workflow_started');
    expect(summary).toEqual(
      expect.arrayContaining(['update_accepted claim', 'activity_completed recordClaim', 'update_completed claim', 'signal customerMessage', 'signal agentMessage']),
    );
    expect(summary.indexOf('update_completed claim')).toBeLessThan(summary.indexOf('signal customerMessage'));
    expect(workflow!.history).toMatchObject({ omittedEntries: 0, partial: false, note: null });
    expect(workflow!.history.entries.find((entry) => entry.name === 'recordClaim')?.summary).toBe('activity recordClaim completed');
    expect(answer.body.temporalUiUrl).toBe(
      `https://temporal-ui.example.test/namespaces/default/workflows/handover-${handover.handoverId}/${workflow!.runId}/history`,
    );

    // Names and counts only: no message, no customer, no reason (all of them sit in the workflow's payloads and memo).
    const text = JSON.stringify(answer.body);
    for (const secret of [...Object.values(handover.secrets), handover.customerName, 'Customer asks for a refund']) expect(text).not.toContain(secret);
  });

  it('shows an ended handover: the workflow completed, its end last in the summary, its final state', async () => {
    const handover = await conversationInProgress();
    expect((await ana.post(`/handovers/${handover.handoverId}/end`, { outcome: 'resolved' })).status).toBe(200);
    const answer = await eventually(async () => {
      const read = await workflowOf(supervisor, handover.handoverId);
      return read.body.workflow?.status === 'completed' ? read : undefined;
    }, 'the workflow to complete');
    const { workflow } = answer.body;
    expect(answer.body.handover).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    expect(workflow!.closedAt).toEqual(expect.any(String));
    expect(workflow!.state).toMatchObject({ status: 'completed', outcome: 'resolved', aiResumed: true });
    expect(lines(workflow!.history.entries).slice(-1)).toEqual(['workflow_completed']);
    expect(lines(workflow!.history.entries)).toEqual(expect.arrayContaining(['update_accepted end', 'activity_completed recordEnded']));
    expect(workflow!.timers).toEqual([]);
  });

  it('still answers while no worker runs: the state cannot be read, and the step waiting for a worker shows', async () => {
    const handover = await pendingHandover(stack.db, stack.baseUrl, workspace);
    await stack.stopWorker();
    try {
      // Retried under the same id while a loaded machine answers 503: the message counts once however often it is sent.
      await eventually(async () => {
        const sent = await ai.post(`/conversations/${handover.conversationId}/messages`, { body: 'Anyone?', clientMessageId: 'c-1' });
        if (sent.status === 202) return sent;
        expect(sent.status).toBe(503);
        return undefined;
      }, 'the message to be accepted');
      // The history Temporal serves can lag the signal it acknowledged by a moment on a loaded machine.
      const answer = await eventually(async () => {
        const read = await workflowOf(supervisor, handover.handoverId);
        expect(read.status).toBe(200);
        return lines(read.body.workflow!.history.entries).includes('signal customerMessage') ? read : undefined;
      }, 'the signal in the history');
      expect(answer.body.workflow).toMatchObject({ status: 'running', state: null, stateProblem: expect.stringContaining('No worker answered') });
      expect(answer.body.workflow!.pendingWorkflowTask).toEqual({ attempt: expect.any(Number), scheduledAt: expect.any(String) });
      expect(lines(answer.body.workflow!.history.entries)).toContain('signal customerMessage');
    } finally {
      await stack.startWorker();
    }
  });

  it("refuses agents (403), hides another workspace's handover (404) and answers a bad id in the envelope", async () => {
    const handover = await pendingHandover(stack.db, stack.baseUrl, workspace);
    const other = await createWorkspace(stack.db);
    const otherAdmin = await ApiClient.signIn(stack.baseUrl, other.admin);

    const asAgent = await workflowOf(ana, handover.handoverId);
    expect(asAgent.status).toBe(403);
    expect(asAgent.body.error).toMatchObject({ code: 'forbidden' });
    const fromElsewhere = await workflowOf(otherAdmin, handover.handoverId);
    expect(fromElsewhere.status).toBe(404);
    expect(fromElsewhere.body).toEqual({ error: { code: 'not_found', message: 'No such handover', details: {} } });
    expect(JSON.stringify(fromElsewhere.body)).not.toContain(handover.customerName);

    const broken = await supervisor.get('/handovers/%E0%A4%A/workflow');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error: { code: 'invalid_request', message: expect.any(String), details: {} } });
    // Ids we issue are UUIDs: anything else is simply not found, as on every handover route.
    expect((await workflowOf(supervisor, 'not-a-handover')).body.error.code).toBe('not_found');
    expect((await workflowOf(supervisor, 'x'.repeat(101))).body.error.code).toBe('validation_failed');
  });

  it('answers 503 when Temporal is unreachable, and from PostgreSQL with workflow null when Temporal keeps no workflow', async () => {
    const logger = createLogger('silent', 'test');
    // The same product, but its Temporal client points at a port nobody listens on.
    const connection = Connection.lazy({ address: `127.0.0.1:${await findFreePort()}`, interceptors: [retryWithinDeadline] });
    const temporal = new Client({ connection, namespace: 'default' });
    const liveEvents = await startLiveEventHub(inject('databaseUrl'), stack.db, logger);
    const app = createApp({
      db: stack.db,
      temporal,
      taskQueue: stack.taskQueue,
      logger,
      liveEvents,
      production: false,
      attachments: { store: createLocalStore(stack.attachmentsDirectory), maxBytes: 1024 * 1024, quotaBytes: null },
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cutOffUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Recorded by a request whose process died before it started the workflow (nothing here recovers it).
      const policy = toPolicy(await getHandoverSettings(stack.db, workspace.id));
      const request = { conversationId: `conv-${randomUUID()}`, reason: 'Needs a person', trigger: 'other' as const };
      const row = { id: (await insertOrFindActiveHandover(stack.db, { id: randomUUID(), workspaceId: workspace.id, request, policy })).handoverId };

      const unreachable = await workflowOf(await ApiClient.signIn(cutOffUrl, workspace.supervisor), row.id);
      expect(unreachable.status).toBe(503);
      expect(unreachable.body.error).toMatchObject({ code: 'unavailable' });
      expect(unreachable.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));

      const notStarted = await workflowOf(supervisor, row.id);
      expect(notStarted.status).toBe(200);
      expect(notStarted.body).toEqual({
        handover: { id: row.id, status: 'pending', endedAt: null },
        workflow: null,
        message: expect.stringContaining('may still be starting'),
        temporalUiUrl: null,
      });
      // As an ended handover looks once retention has deleted its workflow (the dev server takes seconds to delete one).
      await stack.db.updateTable('handovers').set({ status: 'completed', outcome: 'closed', ended_at: new Date() }).where('id', '=', row.id).execute();
      const gone = await workflowOf(supervisor, row.id);
      expect(gone.body).toMatchObject({ handover: { status: 'completed' }, workflow: null, message: expect.stringContaining('no longer keeps') });

      // This app has the product's limits: each view reads Temporal, so a member's views are limited a minute.
      const viewer = await ApiClient.signIn(cutOffUrl, workspace.admin);
      const views = [];
      for (let view = 0; view < 11; view += 1) views.push(await workflowOf(viewer, randomUUID()));
      expect(views.slice(0, 10).map((view) => view.status)).toEqual(Array(10).fill(404));
      expect(views[10]!.status).toBe(429);
      expect(views[10]!.body.error).toMatchObject({ code: 'rate_limited' });
      expect(views[10]!.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await liveEvents.close();
      await untilAbandonedCallsEnd();
      await connection.close();
    }
  });
});
