import http from 'node:http';
import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import type { Db } from '../db/connect.ts';
import { createAttachmentStore } from '../platform/attachment-store.ts';
import { findOrCreateVapidKeys } from '../db/notification-settings.ts';
import type { Config } from '../platform/config.ts';
import { createEmailSender } from '../platform/email.ts';
import type { Logger } from '../platform/logger.ts';
import { assertPortFree } from '../platform/ports.ts';
import { generateVapidKeys } from '../platform/web-push.ts';
import { createApp } from './app.ts';
import type { ApiDeps } from './deps.ts';
import { scheduleOrphanRecovery } from './handover-start.ts';
import { purgeExpired } from '../db/retention.ts';
import { completeRollups } from '../db/analytics-rollups.ts';
import { completePhraseFilters } from '../db/phrase-filters.ts';
import { completePhrasePairs } from '../db/phrase-pairs.ts';
import { repeat } from '../platform/repeat.ts';
import { loadConsoleHandler } from './console-handler.ts';
import { sweepUnsentUploads } from './unsent-uploads.ts';
import { startLiveEventHub } from './live-event-hub.ts';

export interface ApiServer {
  url: string;
  /** Stops taking connections, lets requests in flight finish, then closes the stream hub. */
  close(): Promise<void>;
}

/** Builds the app from its parts and listens; used by api/main.ts and npm start. */
export async function startApiServer(options: {
  config: Config;
  databaseUrl: string;
  db: Db;
  temporal: Client;
  logger: Logger;
  consoleHandler?: RequestHandler | null;
  mounts?: ApiDeps['mounts'];
  /** The Temporal Web UI for operators' links, when TEMPORAL_UI_URL does not name one (npm start's dev server). */
  temporalUiUrl?: string | null;
}): Promise<ApiServer> {
  const { config, logger } = options;
  await assertPortFree(config.PORT, 'the API and console', 'PORT', config.HOST);
  const liveEvents = await startLiveEventHub(options.databaseUrl, options.db, logger);
  const temporalUiUrl = config.TEMPORAL_UI_URL ?? options.temporalUiUrl ?? null;
  const consoleHandler = options.consoleHandler === undefined ? await loadConsoleHandler(logger, config.PUBLIC_URL) : options.consoleHandler;
  if (config.NODE_ENV === 'production' && !config.PUBLIC_URL) {
    logger.warn('PUBLIC_URL is not set: invitation and password reset links will point at ' + config.consoleUrl);
  }
  const emailSender = createEmailSender(config, logger);
  const deps: ApiDeps = {
    db: options.db,
    temporal: options.temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    liveEvents,
    production: config.NODE_ENV === 'production',
    allowPrivateWebhookTargets: config.allowPrivateWebhookTargets,
    requireHttpsTargets: config.requireHttpsTargets,
    allowAdminSetPassword: config.allowAdminSetPassword,
    rateLimits: {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      loginFailures: config.LOGIN_FAILURES_PER_15_MINUTES,
      ...(config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE ? { perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE } : {}),
      ...(config.LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES ? { loginFailuresPerAddress: config.LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES } : {}),
    },
    trustProxy: config.TRUST_PROXY,
    sessionIdleSeconds: config.SESSION_IDLE_TIMEOUT,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    attachments: { store: createAttachmentStore(config.attachmentStore), maxBytes: config.ATTACHMENT_MAX_BYTES, quotaBytes: config.ATTACHMENT_QUOTA_BYTES || null },
    // Links in account emails open the console at PUBLIC_URL (else http://localhost:PORT), never at a request's Host.
    accountEmails: { sender: emailSender, consoleUrl: config.consoleUrl },
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    ...(temporalUiUrl ? { temporalUiUrl } : {}),
    ...(consoleHandler ? { consoleHandler } : {}),
    ...(options.mounts ? { mounts: options.mounts } : {}),
  };
  // The installation's VAPID keys, made at the first start and kept: browsers subscribe to Web Push with them.
  await findOrCreateVapidKeys(options.db, generateVapidKeys);
  const app = createApp(deps);
  // Heals handovers whose accepting process died before their workflow started.
  const stopRecovery = scheduleOrphanRecovery(deps);
  // Expired and idle sessions and live events older than a day (what a reconnecting console can replay) are deleted hourly.
  const stopPurge = repeat(
    3_600_000,
    () => purgeExpired(deps.db, { sessionIdleSeconds: config.SESSION_IDLE_TIMEOUT, liveEventsKeptHours: 24 }),
    logger,
    'purging expired rows',
  );
  // Uploads no message named within a day are deleted with their files, on the same hour.
  const stopUploadSweep = repeat(3_600_000, () => sweepUnsentUploads(deps.db, deps.attachments.store), logger, 'sweeping unsent uploads');
  // Workspaces whose history predates the analytics rollups get them built, once, in the background; their pages
  // read the handovers meanwhile. Retried hourly if it fails (the database away).
  const completeAnalytics = () =>
    completeRollups(deps.db, (workspaceId, blocks, seconds) => logger.info({ workspaceId, blocks, seconds }, 'analytics rollups built'));
  const stopAnalytics = repeat(3_600_000, completeAnalytics, logger, 'building the analytics rollups', { now: true });
  // Likewise the phrase filters of the messages stored before them; phrase searches read the messages meanwhile.
  const completeFilters = () =>
    completePhraseFilters(deps.db, (workspaceId, conversations, seconds) => logger.info({ workspaceId, conversations, seconds }, 'phrase filters filled'));
  const stopFilters = repeat(3_600_000, completeFilters, logger, 'filling the phrase filters', { now: true });
  // And the phrase pairs (migrations/0022): phrase searches do without their index meanwhile.
  const completePairs = () =>
    completePhrasePairs(deps.db, (workspaceId, conversations, seconds) => logger.info({ workspaceId, conversations, seconds }, 'phrase pairs filled'));
  const stopPairs = repeat(3_600_000, completePairs, logger, 'filling the phrase pairs', { now: true });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  return {
    url: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streams never finish by themselves: end idle and streaming connections so close() can return.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
      stopRecovery();
      stopPurge();
      stopUploadSweep();
      stopAnalytics();
      stopFilters();
      stopPairs();
      emailSender.close();
      await liveEvents.close();
    },
  };
}
