// `npm start`: the whole product on one machine. Embedded PostgreSQL unless DATABASE_URL is set, a Temporal
// dev server unless TEMPORAL_ADDRESS is set, then the worker and the API with the console, in this process.
import path from 'node:path';
import { startApiServer } from '../api/server.ts';
import { createDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { connectTemporalClient, connectWorkerConnection } from '../platform/temporal-connection.ts';
import { untilAbandonedCallsEnd } from '../api/temporal.ts';
import { loadWorkflowBundle } from '../worker/bundle.ts';
import { createHandoverWorker } from '../worker/create-worker.ts';
import { notificationDepsFromConfig } from '../activities/notifications.ts';
import { installTemporalRuntime } from '../worker/temporal-runtime.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { createDemoBot } from './demo-bot.ts';
import { findDemoWorkspace, seedDemoData, type DemoSeed } from './demo-data.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { findTemporalCli } from './temporal-cli.ts';
import { startTemporalDevServer } from './temporal-dev-server.ts';

const say = (line: string) => console.log(`[handover] ${line}`);
const stops: (() => Promise<unknown>)[] = [];
let stopping = false;

try {
  await main();
} catch (error) {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`\n[handover] Could not start: ${message}\n`);
  await shutdown(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Quiet by default: the banner is what a person needs; LOG_LEVEL=info shows every request.
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', 'handover');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));

  await ensureConsoleBuilt(say);

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    say('Starting the embedded PostgreSQL ...');
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT, logger });
    stops.push(() => postgres.stop());
    databaseUrl = postgres.url;
  }
  const db = createDb(databaseUrl);
  stops.push(() => db.destroy());
  await migrateToLatest(db, { log: say });
  // The demo's month of history only where the demo's bot runs too: never in production, even with HANDOVER_DEMO on.
  const demo = config.demo
    ? await seedDemoData(db, {
        password: config.HANDOVER_DEMO_PASSWORD,
        apiKey: config.HANDOVER_DEMO_API_KEY,
        history: config.NODE_ENV !== 'production',
      })
    : null;

  let temporalAddress = config.TEMPORAL_ADDRESS;
  let temporalUi: string | null = null;
  if (!temporalAddress) {
    const cli = await findTemporalCli(config.TEMPORAL_CLI, say);
    say('Starting the Temporal dev server ...');
    const server = await startTemporalDevServer({
      cli,
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      dbFile: path.resolve(config.DATA_DIR, 'temporal.sqlite'),
    });
    stops.push(() => server.stop());
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
  }
  const temporalSettings = { ...config, address: temporalAddress };

  installTemporalRuntime();
  const workerConnection = await connectWorkerConnection(temporalSettings);
  const worker = await createHandoverWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: await loadWorkflowBundle(false),
    deps: { db, logger, allowPrivateWebhookTargets: config.allowPrivateWebhookTargets, notifications: notificationDepsFromConfig(config, logger) },
  });
  const workerRun = worker.run();
  stops.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await workerConnection.close();
  });

  const temporal = await connectTemporalClient(temporalSettings, config.TEMPORAL_NAMESPACE);
  stops.push(async () => {
    await untilAbandonedCallsEnd();
    await temporal.connection.close();
  });
  // The demo's AI bot answers on this origin and calls the API on loopback, as any AI service would over HTTP.
  // Never in production: its chat endpoints are open to anyone who can reach the port.
  const demoWorkspaceId = demo && config.NODE_ENV !== 'production' ? await findDemoWorkspace(db) : null;
  const demoBot = demoWorkspaceId ? createDemoBot({ apiUrl: `http://${loopbackHost(config.HOST)}:${config.PORT}`, log: say }) : null;
  if (demoBot) stops.push(async () => demoBot.stop());
  const api = await startApiServer({
    config,
    databaseUrl,
    db,
    temporal,
    logger,
    // The dev server's Web UI listens on loopback: the console's workflow view links operators there.
    temporalUiUrl: temporalUi,
    ...(demoBot ? { mounts: [demoBot.mount] } : {}),
  });
  stops.push(() => api.close());
  const demoChat = demoBot && demoWorkspaceId ? await demoBot.provision(db, demoWorkspaceId) : null;

  printBanner(api.url, temporalUi, demo, config.HANDOVER_DEMO_PASSWORD, demoChat);
}

function printBanner(
  url: string,
  temporalUi: string | null,
  demo: DemoSeed | null,
  password: string,
  demoChat: { webhookElsewhere: string | null } | null,
): void {
  const lines = [
    '',
    '  Handover is running',
    '',
    `  Console and API   ${url}`,
    ...(demoChat ? [`  Customer chat     ${url}/demo   (play the customer; sign in as Ana in another window)`] : []),
    ...(demoChat?.webhookElsewhere
      ? [`                    (it will not hear agents: the demo workspace's webhook points at ${demoChat.webhookElsewhere};`,
         '                    clear it under Chat Agent > Webhook and start again to use the chat)']
      : []),
    `  API reference     ${url}/api/v1/docs`,
    // For operators: no login, every workspace. Supervisors use the Workflow panel of a conversation in the console.
    `  Temporal Web UI   ${temporalUi ? `${temporalUi}   (operators only: no login, every workspace)` : '(your Temporal server, TEMPORAL_ADDRESS)'}`,
  ];
  if (demo) {
    lines.push('', `  Demo logins (password: ${password})`);
    for (const login of demo.logins) lines.push(`    ${login.email.padEnd(18)} ${login.note}`);
    lines.push(
      '',
      demo.apiKey
        ? `  Demo API key      ${demo.apiKey}${demo.created && !process.env.HANDOVER_DEMO_API_KEY ? '   (shown once: copy it now)' : ''}`
        : '  Demo API key      shown at the first start only; set HANDOVER_DEMO_API_KEY to choose it, or create one in the console',
    );
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (code === 0) say('Stopping ...');
  // Stop in reverse order of start: the API first, the databases last.
  for (const stop of stops.reverse()) {
    await stop().catch((error: unknown) => console.error(`[handover] while stopping: ${String(error)}`));
  }
  process.exit(code);
}

/** Where this process reaches its own API: loopback, unless it listens on one address only. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
