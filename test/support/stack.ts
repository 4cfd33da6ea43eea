import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { untilAbandonedCallsEnd } from '../../api/temporal.ts';
import { loadConsoleHandler } from '../../api/console-handler.ts';
import type { RateLimits } from '../../api/middleware/rate-limits.ts';
import { startLiveEventHub, type LiveEventHub } from '../../api/live-event-hub.ts';
import { createDb, type Db } from '../../db/connect.ts';
import { defaultAttachmentMaxBytes } from '../../domain/attachments.ts';
import { createLocalStore } from '../../platform/attachment-store.ts';
import { logEmailSender, type EmailSender } from '../../platform/email.ts';
import { createLogger } from '../../platform/logger.ts';
import { connectTemporalClient } from '../../platform/temporal-connection.ts';
import { createHandoverWorker } from '../../worker/create-worker.ts';
import { installTemporalRuntime } from '../../worker/temporal-runtime.ts';
import { testPasswordHashing } from './factories.ts';

export interface TestStack {
  baseUrl: string;
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Where this stack's local attachment store keeps files. */
  attachmentsDirectory: string;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  withConsole?: boolean;
  rateLimits?: RateLimits;
  trustProxy?: ApiDeps['trustProxy'];
  metricsToken?: string;
  streams?: ApiDeps['streams'];
  allowPrivateWebhookTargets?: boolean;
  /** Webhook, Slack and push targets must be https, in the API and the worker (production, unless WEBHOOK_ALLOW_HTTP). */
  requireHttpsTargets?: boolean;
  /**
   * The API as in production (NODE_ENV=production): /metrics wants METRICS_TOKEN, and new password hashes take the
   * product's cost (createApp refuses the tests' cheaper one there). Development unless given.
   */
  production?: boolean;
  /** Whether POST /members may take a first password (ALLOW_ADMIN_SET_PASSWORD); as in development (yes) unless given. */
  allowAdminSetPassword?: boolean;
  /** How often invitations may be emailed; none of the product's limits unless given (tests send again at once). */
  invitationEmailLimits?: ApiDeps['invitationEmailLimits'];
  /** How the worker sends notification emails and the API account emails (the log when absent). */
  emailSender?: EmailSender;
  /** Apps to serve on the API's origin before the console, made once its address is known (the demo's bot). */
  mounts?: (baseUrl: string) => Promise<NonNullable<ApiDeps['mounts']>>;
  /** The largest upload taken; the product's default (10 MiB) unless given. */
  attachmentMaxBytes?: number;
  /** What one workspace's files may take together, as ATTACHMENT_QUOTA_BYTES (unset or 0: no limit). */
  attachmentQuotaBytes?: number;
  /** A session unused this long is refused (SESSION_IDLE_TIMEOUT); the product's 12 hours unless given. */
  sessionIdleSeconds?: number;
  /** The Temporal Web UI the workflow view links operators to (TEMPORAL_UI_URL); no link unless given. */
  temporalUiUrl?: string;
}

/**
 * The real product on given servers: the API over HTTP on a free port and a worker on its own task queue.
 * Used by the tests (through test-stack.ts) and the benchmarks alike, so it knows nothing of vitest.
 */
export async function startStack(options: StackOptions): Promise<TestStack> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test');
  installTemporalRuntime(process.env.TEST_LOG_LEVEL ? 'INFO' : 'ERROR');
  const { databaseUrl, temporalAddress } = options;
  const db = createDb(databaseUrl);
  // The API's own client, with its retry policy.
  const temporal = await connectTemporalClient({ address: temporalAddress }, 'default');
  const taskQueue = `test-${randomUUID()}`;
  const workflowBundle = { code: await readFile(options.workflowBundlePath, 'utf8') };
  const liveEvents: LiveEventHub = await startLiveEventHub(databaseUrl, db, logger);
  // Uploaded files on local disk, as npm start keeps them, in a folder of this stack's own.
  const attachmentsDirectory = await mkdtemp(path.join(tmpdir(), 'handover-attachments-'));
  // Listen first: the console learns the API's address from the environment when its handler loads.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let consoleHandler = null;
  if (options.withConsole) {
    process.env.HANDOVER_INTERNAL_API_URL = baseUrl;
    consoleHandler = await loadConsoleHandler(logger);
    if (!consoleHandler) throw new Error('The console is not built');
  }
  const app = createApp({
    db,
    temporal,
    taskQueue,
    logger,
    liveEvents,
    production: options.production ?? false,
    ...(consoleHandler ? { consoleHandler } : {}),
    ...(options.mounts ? { mounts: await options.mounts(baseUrl) } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.streams ? { streams: options.streams } : {}),
    ...(options.temporalUiUrl ? { temporalUiUrl: options.temporalUiUrl } : {}),
    allowPrivateWebhookTargets: options.allowPrivateWebhookTargets ?? true,
    ...(options.requireHttpsTargets ? { requireHttpsTargets: true } : {}),
    ...(options.allowAdminSetPassword === undefined ? {} : { allowAdminSetPassword: options.allowAdminSetPassword }),
    // Tests poll a workflow view until it shows what they wait for: the product's per-member limit would refuse them.
    workflowReadLimits: { perMemberPerMinute: 1000, concurrent: 4, waiting: 8 },
    invitationEmailLimits: options.invitationEmailLimits ?? { perAddressGapMs: 0, perAddressPerDay: 1000, workspaceEmailsPerHour: 1000 },
    // The factories' members carry hashes at this cost: signing them in stays cheap, and is never a rehash.
    ...(options.production ? {} : { passwordHashing: testPasswordHashing }),
    ...(options.sessionIdleSeconds ? { sessionIdleSeconds: options.sessionIdleSeconds } : {}),
    attachments: { store: createLocalStore(attachmentsDirectory), maxBytes: options.attachmentMaxBytes ?? defaultAttachmentMaxBytes, quotaBytes: options.attachmentQuotaBytes || null },
    accountEmails: { sender: options.emailSender ?? logEmailSender(logger, 'Handover <handover@localhost>'), consoleUrl: baseUrl },
  });
  server.on('request', app);

  let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection } | null = null;
  async function startWorker() {
    if (worker) return;
    const workerConnection = await NativeConnection.connect({ address: temporalAddress });
    const instance = await createHandoverWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle,
      deps: {
        db,
        logger,
        allowPrivateWebhookTargets: true,
        ...(options.requireHttpsTargets ? { requireHttpsTargets: true } : {}),
        notifications: {
          emailSender: options.emailSender ?? logEmailSender(logger, 'Handover <handover@localhost>'),
          consoleUrl: baseUrl,
          vapidSubject: 'mailto:handover@test.test',
          requireHttps: false,
        },
      },
    });
    worker = { instance, running: instance.run(), connection: workerConnection };
  }
  async function stopWorker() {
    if (!worker) return;
    const current = worker;
    worker = null;
    current.instance.shutdown();
    await current.running;
    await current.connection.close();
  }
  await startWorker();

  return {
    baseUrl,
    db,
    temporal,
    taskQueue,
    attachmentsDirectory,
    startWorker,
    stopWorker,
    async stop() {
      await stopWorker();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await liveEvents.close();
      await untilAbandonedCallsEnd();
      await temporal.connection.close();
      await db.destroy();
      await rm(attachmentsDirectory, { recursive: true, force: true });
    },
  };
}
