// `npm run bench`: latency and throughput of the handover engine on this machine, against the real parts
// (an embedded PostgreSQL and a Temporal dev server, as `npm start` runs them). Prints a Markdown table.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { findTemporalCli } from '../runtime/temporal-cli.ts';
import { startTemporalDevServer } from '../runtime/temporal-dev-server.ts';
import { buildWorkflowBundle } from '../worker/bundle.ts';
import { addHandoverAgents, createWorkspace } from '../test/support/factories.ts';
import { ApiClient, eventually } from '../test/support/http.ts';
import { startStack } from '../test/support/stack.ts';

const starts = Number(process.env.BENCH_STARTS ?? 50);
const claims = Number(process.env.BENCH_CLAIMS ?? 30);
const messages = Number(process.env.BENCH_MESSAGES ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);

const scratch = await mkdtemp(path.join(tmpdir(), 'handover-bench-'));
await chmod(scratch, 0o755);
const logger = createLogger('silent', 'bench');
const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await findFreePort(), logger, persistent: false });
const temporal = await startTemporalDevServer({
  cli: await findTemporalCli(process.env.TEMPORAL_CLI),
  port: await findFreePort(),
  uiPort: await findFreePort(),
  namespace: 'default',
  // File-backed like `npm start`, not in memory like the tests.
  dbFile: path.join(scratch, 'temporal.sqlite'),
});
const migrationDb = createDb(postgres.url, { max: 1 });
await migrateToLatest(migrationDb);
await migrationDb.destroy();
const workflowBundlePath = path.join(scratch, 'bundle.js');
await writeFile(workflowBundlePath, (await buildWorkflowBundle()).code);
const stack = await startStack({ databaseUrl: postgres.url, temporalAddress: temporal.address, workflowBundlePath });

try {
  const workspace = await createWorkspace(stack.db);
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);

  // 1. Requesting a handover: the row, the workflow start, the answer.
  const startTimes: number[] = [];
  const started: string[] = [];
  for (let index = 0; index < starts; index += 1) {
    const begin = performance.now();
    const answer = await ai.post('/handovers', { conversationId: `bench-${randomUUID()}`, reason: 'Benchmark', trigger: 'other' });
    startTimes.push(performance.now() - begin);
    started.push(answer.body.handover.id);
  }

  // 2. Claiming: an Update round trip that writes the read model before it answers.
  const agents = await addHandoverAgents(stack.db, workspace, claims);
  const clients = await Promise.all(agents.map((agent) => ApiClient.signIn(stack.baseUrl, agent)));
  const claimTimes: number[] = [];
  for (let index = 0; index < claims; index += 1) {
    const begin = performance.now();
    await clients[index]!.post(`/handovers/${started[index]}/claim`);
    claimTimes.push(performance.now() - begin);
  }

  // 3. Relay: customer messages into one claimed handover, `concurrency` in flight, until all are stored.
  const conversationId = (await clients[0]!.get(`/handovers/${started[0]}`)).body.handover.conversationId as string;
  const acceptTimes: number[] = [];
  const relayBegin = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < messages) {
        const index = next++;
        const begin = performance.now();
        await ai.post(`/conversations/${conversationId}/messages`, { body: `message ${index}`, clientMessageId: `m-${index}` });
        acceptTimes.push(performance.now() - begin);
      }
    }),
  );
  await eventually(async () => {
    const { body } = await ai.get(`/conversations/${conversationId}/messages?afterSeq=${messages - 1}&limit=5`);
    return body.messages.length > 0 ? true : undefined;
  }, 'every message stored', 300_000);
  const relaySeconds = (performance.now() - relayBegin) / 1000;

  const rows = [
    ['Request a handover (POST /handovers)', starts, ...summary(startTimes)],
    ['Claim (POST /handovers/:id/claim, an Update)', claims, ...summary(claimTimes)],
    [`Accept a customer message (202), ${concurrency} in flight`, messages, ...summary(acceptTimes)],
  ];
  console.log('| operation | n | p50 ms | p90 ms | mean ms |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nRelay: ${messages} messages accepted and stored in ${relaySeconds.toFixed(1)} s = ${(messages / relaySeconds).toFixed(0)} messages/s`);
} finally {
  await stack.stop();
  await temporal.stop();
  await postgres.stop();
  await rm(scratch, { recursive: true, force: true });
}

function summary(values: number[]): string[] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return [at(0.5), at(0.9), mean].map((value) => value.toFixed(1));
}
