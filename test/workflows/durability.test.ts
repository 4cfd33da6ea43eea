import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../runtime/embedded-postgres.ts';
import { createLogger } from '../../platform/logger.ts';
import { findFreePort } from '../../platform/ports.ts';
import { stateQuery } from '../../workflows/handover/definitions.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

// This file owns its PostgreSQL, because it stops it; the Temporal dev server is the shared one.
let scratch: string;
let postgresPort: number;
let postgres: EmbeddedPostgresHandle;
let stack: TestStack;
const logger = createLogger('silent', 'test');

async function startPostgres(): Promise<EmbeddedPostgresHandle> {
  return startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: postgresPort, logger, persistent: true });
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'handover-durability-'));
  await chmod(scratch, 0o755);
  postgresPort = await findFreePort();
  postgres = await startPostgres();
  const db = createDb(postgres.url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  stack = await startTestStack({ databaseUrl: postgres.url });
});
afterAll(async () => {
  await stack?.stop();
  await postgres?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function claimedHandover(workspace: TestWorkspace) {
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const conversationId = `conv-${randomUUID()}`;
  const { body } = await ai.post('/handovers', { conversationId, reason: 'Durability', trigger: 'other' });
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  expect((await ana.post(`/handovers/${body.handover.id}/claim`)).status).toBe(200);
  return { ai, ana, conversationId, id: body.handover.id as string };
}

async function transcript(ai: ApiClient, conversationId: string, expected: number) {
  return eventually(async () => {
    const { body } = await ai.get(`/conversations/${conversationId}/messages?limit=500`);
    return body.messages.length >= expected ? (body.messages as { seq: number; sender: string; clientMessageId: string; body: string }[]) : undefined;
  }, `${expected} stored messages`, 60_000);
}

describe('relay under load', () => {
  it('stores 200 messages sent at once from both sides once each, in one order, and delivers every agent message in it', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
    const { ai, ana, conversationId, id } = await claimedHandover(workspace);

    const sends = Array.from({ length: 100 }, (_, index) => [
      () => ai.post(`/conversations/${conversationId}/messages`, { body: `customer ${index}`, clientMessageId: `c-${index}` }),
      () => ana.post(`/handovers/${id}/messages`, { body: `agent ${index}`, clientMessageId: `a-${index}` }),
    ]).flat();
    const answers = await Promise.all(sends.map((send) => send()));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);

    const messages = await transcript(ai, conversationId, 200);
    expect(messages).toHaveLength(200);
    expect(messages.map((message) => message.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(new Set(messages.map((message) => `${message.sender}:${message.clientMessageId}`)).size).toBe(200);

    await ana.post(`/handovers/${id}/end`, {});
    await stack.temporal.workflow.getHandle(handoverWorkflowId(id)).result();
    await receiver.delivered(id, 'conversation.ai_resumed');
    const delivered = receiver.uniqueEvents.filter((event) => event.type === 'handover.message').map((event) => event.data.message);
    const storedAgentMessages = messages.filter((message) => message.sender === 'agent');
    expect(delivered.map((message) => message.seq)).toEqual(storedAgentMessages.map((message) => message.seq));
    expect(receiver.received.length).toBe(receiver.uniqueEvents.length);
    await receiver.stop();
  }, 120_000);
});

describe('when the worker is down', () => {
  it('keeps every accepted message and stores each once, in order, when the worker comes back', async () => {
    const workspace = await createWorkspace(stack.db);
    const { ai, ana, conversationId, id } = await claimedHandover(workspace);
    await stack.stopWorker();
    try {
      for (let index = 0; index < 10; index += 1) {
        const customer = await ai.post(`/conversations/${conversationId}/messages`, { body: `c${index}`, clientMessageId: `c-${index}` });
        expect(customer.body).toMatchObject({ routedTo: 'human', handoverId: id });
        expect((await ana.post(`/handovers/${id}/messages`, { body: `a${index}`, clientMessageId: `a-${index}` })).status).toBe(202);
      }
      const { body } = await ai.get(`/conversations/${conversationId}/messages`);
      expect(body.messages).toHaveLength(0);
    } finally {
      await stack.startWorker();
    }
    const messages = await transcript(ai, conversationId, 20);
    expect(messages.map((message) => message.body)).toEqual(Array.from({ length: 10 }, (_, index) => [`c${index}`, `a${index}`]).flat());
  }, 60_000);
});

describe('when PostgreSQL is down', () => {
  it('answers 503 in the envelope, then stores every message accepted before once it is back', async () => {
    const workspace = await createWorkspace(stack.db);
    const { ai, ana, conversationId, id } = await claimedHandover(workspace);
    await stack.stopWorker();
    for (let index = 0; index < 5; index += 1) {
      await ai.post(`/conversations/${conversationId}/messages`, { body: `c${index}`, clientMessageId: `c-${index}` });
      await ana.post(`/handovers/${id}/messages`, { body: `a${index}`, clientMessageId: `a-${index}` });
    }
    await postgres.stop();
    try {
      await stack.startWorker();
      const refused = await ai.post(`/conversations/${conversationId}/messages`, { body: 'lost?', clientMessageId: 'c-down' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      // The worker keeps retrying the relay activity while the database is gone.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // The local attempt failed; the batch now waits in an ordinary activity, so the workflow task is
      // done and the workflow answers meanwhile.
      const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(id));
      await eventually(async () => {
        const { events } = await handle.fetchHistory();
        return events?.some((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'persistMessages') ? true : undefined;
      }, 'the batch handed to an ordinary activity');
      expect((await handle.query(stateQuery)).status).toBe('in_progress');
    } finally {
      postgres = await startPostgres();
    }
    const messages = await transcript(ai, conversationId, 10);
    expect(messages.map((message) => message.body)).toEqual(Array.from({ length: 5 }, (_, index) => [`c${index}`, `a${index}`]).flat());
    // The workflow counts a batch once it sees the activity complete, a moment after the rows are visible.
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(id));
    await eventually(async () => ((await handle.query(stateQuery)).messagesRelayed >= 10 ? true : undefined), 'the relay to count the batch');
    expect((await handle.query(stateQuery)).messagesRelayed).toBe(10);
  }, 90_000);
});
