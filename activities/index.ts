import type { Db } from '../db/connect.ts';
import type { Logger } from '../platform/logger.ts';
import { createHandoverActivities } from './handovers.ts';
import { createMessageActivities } from './messages.ts';
import { createNotificationActivities, type NotificationDeps } from './notifications.ts';
import { createWebhookActivities } from './webhooks.ts';
import { createWebhookFirstAttempts } from './webhook-first-attempt.ts';
import { createWebhookSender } from './webhook-send.ts';

export interface ActivityDeps {
  db: Db;
  logger: Logger;
  /** Development allows webhooks to loopback and private addresses; production refuses them (SSRF). */
  allowPrivateWebhookTargets: boolean;
  /** Webhook targets must be https (production, unless WEBHOOK_ALLOW_HTTP). */
  requireHttpsTargets?: boolean;
  /** Email, Web Push and Slack for members away from the console; without it, email goes to the log. */
  notifications?: NotificationDeps;
}

/** Every side effect the workflows ask for; each activity is idempotent by a business key. */
export function createActivities(deps: ActivityDeps, firstAttempts = createFirstAttempts(deps)) {
  const send = webhookSenderFor(deps);
  return {
    ...createHandoverActivities(deps),
    ...createMessageActivities(deps, firstAttempts),
    ...createWebhookActivities(deps, send),
    ...createNotificationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** The first attempts at message webhooks of one worker process, which it drains as it stops (worker/create-worker.ts). */
export function createFirstAttempts(deps: ActivityDeps) {
  return createWebhookFirstAttempts(deps.db, webhookSenderFor(deps), deps.logger);
}

function webhookSenderFor(deps: ActivityDeps) {
  return createWebhookSender({ allowPrivateTargets: deps.allowPrivateWebhookTargets, requireHttpsTargets: deps.requireHttpsTargets ?? false });
}
