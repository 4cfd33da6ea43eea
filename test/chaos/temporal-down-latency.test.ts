// Found by the chaos run (stop the Temporal dev server under load): requests that need Temporal are answered 503
// later than 10 s, and some not within 15 s.
//
// The defect: the API gives a workflow start or a signal 10 s (`acceptWaitMs` in
// api/temporal.ts), so even a prompt 503 comes just after 10 s; and the Temporal client's gRPC retry interceptor
// (@temporalio/client lib/grpc-retry.js: up to 10 attempts, backoff x1.7 up to 5 s) does not look at the call's
// deadline, so its last backoff can sleep past it before the call fails. A client is promised an answer (2xx or
// 503 with Retry-After) within 10 s. Fixed: 6 s for a start or signal, and the connection waits at most 0.5 s between retries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { findFreePort } from '../../platform/ports.ts';
import { startTemporalDevServer, type DevServerHandle } from '../../runtime/temporal-dev-server.ts';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// This file owns its dev server, because it stops it.
let temporal: DevServerHandle | null = null;
let stack: TestStack;
let ports: { port: number; uiPort: number };
const startTemporal = async () => {
  temporal = await startTemporalDevServer({ cli: inject('temporalCli'), ...ports, namespace: 'default' });
};

beforeAll(async () => {
  ports = { port: await findFreePort(), uiPort: await findFreePort() };
  await startTemporal();
  stack = await startTestStack({ temporalAddress: temporal!.address });
});
afterAll(async () => {
  // Back on the same port, so the worker and the client can close.
  if (!temporal) await startTemporal().catch(() => {});
  await stack?.stop();
  await temporal?.stop();
});

it('answers within 10 s, with 503 unavailable, while the Temporal server is down', async () => {
  const workspace = await createWorkspace(stack.db);
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const active = `conv-${randomUUID()}`;
  expect((await ai.post('/handovers', { conversationId: active, reason: 'Temporal down', trigger: 'other' })).status).toBe(201);

  await temporal!.stop();
  temporal = null;
  const timed = async (send: () => Promise<{ status: number; body: any }>) => {
    const started = performance.now();
    const answer = await send();
    const ms = Math.round(performance.now() - started);
    return { answer: { status: answer.status, code: answer.body?.error?.code ?? null, within10s: ms <= 10_000 }, ms };
  };
  const answers = await Promise.all([
    // A new handover: its workflow must be started.
    timed(() => ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Temporal down', trigger: 'other' })),
    // A customer message for the active handover: a signal.
    timed(() => ai.post(`/conversations/${active}/messages`, { body: 'Anyone?', clientMessageId: 'c-1' })),
  ]);
  for (const { answer, ms } of answers) expect(answer, `answered after ${ms} ms`).toEqual({ status: 503, code: 'unavailable', within10s: true });
});
