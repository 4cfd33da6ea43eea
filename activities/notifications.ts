import { ApplicationFailure, Context } from '@temporalio/activity';
import { notificationMessage, type NotificationChannel, type NotificationMessage } from '../domain/notifications.ts';
import type { NotifyAudience } from '../domain/policy.ts';
import type { Db } from '../db/connect.ts';
import { recordHandoverEvent } from '../db/handover-events.ts';
import {
  enqueueNotificationDeliveries,
  findNotificationDelivery,
  notificationRecipients,
  recordNotificationAttempt,
  recordPushedTo,
  type NewNotificationDelivery,
  type NotificationDelivery,
} from '../db/notification-outbox.ts';
import { deleteExpiredPushSubscription, findOrCreateVapidKeys, findSlackWebhookUrl, listPushTargets } from '../db/notification-settings.ts';
import type { Config } from '../platform/config.ts';
import { createEmailSender, type EmailSender } from '../platform/email.ts';
import type { Logger } from '../platform/logger.ts';
import { generateVapidKeys, sendWebPush } from '../platform/web-push.ts';
import { createOutboundFetch, TargetRefusedError } from '../platform/outbound.ts';
import { searchAttributes } from '../workflows/handover/definitions.ts';
import {
  notificationDeliveriesSignal,
  notificationDeliveryWorkflowId,
  notificationDeliveryWorkflowType,
  type NotificationResult,
} from '../workflows/notifications/definitions.ts';
import type { ActivityDeps } from './index.ts';
import type { HandoverRefs } from './refs.ts';

/** How notifications leave: the email sender, where they link to, and who the push services are told runs this. */
export interface NotificationDeps {
  emailSender: EmailSender;
  /** The console's public origin: a notification links to the handover there. */
  consoleUrl: string;
  vapidSubject: string;
  /** Production sends pushes to https endpoints only. */
  requireHttps: boolean;
}

/** The notification dependencies a worker process builds from its configuration. */
export function notificationDepsFromConfig(config: Config, logger: Logger): NotificationDeps {
  return {
    emailSender: createEmailSender(config, logger),
    consoleUrl: config.consoleUrl,
    vapidSubject: config.VAPID_SUBJECT,
    requireHttps: config.requireHttpsTargets,
  };
}

const attemptTimeoutMs = 10_000;
/** A push waits for an offline browser this long; after that the handover has moved on. */
const pushTtlSeconds = 3600;

/**
 * Records the deliveries of one notified level: each member of the audience on each channel they chose, and the
 * workspace's Slack channel when it has one. Run in the transaction that records the timeline's `notified`, so
 * the two are written together; keyed by handover, level, recipient and channel, so a retried step adds nothing.
 */
export async function enqueueNotifications(db: Db, refs: HandoverRefs, level: number, audience: NotifyAudience, round: number): Promise<string[]> {
  const [recipients, slackUrl] = await Promise.all([notificationRecipients(db, refs.workspaceId, audience), findSlackWebhookUrl(db, refs.workspaceId)]);
  const base = { workspaceId: refs.workspaceId, handoverId: refs.handoverId, level, audience, round };
  const deliveries: NewNotificationDelivery[] = recipients.flatMap((recipient) =>
    recipient.channels.map((channel) => ({ ...base, channel, memberId: recipient.memberId })),
  );
  if (slackUrl) deliveries.push({ ...base, channel: 'slack', memberId: null });
  return enqueueNotificationDeliveries(db, deliveries);
}

/** Sends recorded notifications; each outcome that reached someone, or finally could not, goes on the timeline. */
export function createNotificationActivities({ db, logger, allowPrivateWebhookTargets, notifications }: ActivityDeps) {
  const deps: NotificationDeps = notifications ?? {
    emailSender: createEmailSender({ EMAIL_FROM: 'Handover <handover@localhost>' }, logger),
    consoleUrl: 'http://localhost:3000',
    vapidSubject: 'mailto:handover@localhost',
    requireHttps: false,
  };

  // Push services and Slack are reached at addresses users gave: each connection's address is checked (SSRF).
  const send = createOutboundFetch({ allowPrivate: allowPrivateWebhookTargets });
  const httpsProblem = (url: string) => (deps.requireHttps && new URL(url).protocol !== 'https:' ? 'the address is not https' : null);

  /** A final outcome, and (unless skipped) its timeline entry, together; nothing when another attempt got there first. */
  async function finish(delivery: NotificationDelivery, result: NotificationResult, detail: { error?: string; devices?: number }): Promise<NotificationResult> {
    await db.transaction().execute(async (tx) => {
      const changed = await recordNotificationAttempt(tx, delivery.workspaceId, delivery.id, { status: result, error: detail.error ?? null });
      if (!changed || result === 'skipped') return;
      await recordHandoverEvent(tx, {
        workspaceId: delivery.workspaceId,
        handoverId: delivery.handoverId,
        type: result === 'sent' ? 'notification_sent' : 'notification_failed',
        actor: null,
        data: {
          channel: delivery.channel,
          level: delivery.level,
          audience: delivery.audience,
          recipient: delivery.member ? { id: delivery.member.id, name: delivery.member.name } : null,
          ...(detail.devices === undefined ? {} : { devices: detail.devices }),
          ...(detail.error ? { error: detail.error } : {}),
        },
        dedupeKey: `${delivery.id}:${result}`,
      });
    });
    return result;
  }

  /** A transient fault: noted on the delivery, then thrown for Temporal to retry with backoff. */
  async function retryLater(delivery: NotificationDelivery, error: string): Promise<never> {
    await recordNotificationAttempt(db, delivery.workspaceId, delivery.id, { status: 'pending', error });
    throw ApplicationFailure.retryable(error, 'notification_unsent');
  }

  const senders: Record<NotificationChannel, (delivery: NotificationDelivery, message: NotificationMessage) => Promise<NotificationResult>> = {
    async email(delivery, message) {
      if (!delivery.member?.active) return finish(delivery, 'skipped', { error: 'The member is not active' });
      try {
        await deps.emailSender.send({
          to: delivery.member.email,
          subject: message.title,
          text: `${message.body}\n\nOpen the handover: ${message.url}\n\nYou get this email because you turned on email notifications in Handover (Notifications).`,
          // The same Message-ID on every attempt: a mail client drops a repeat after a lost answer.
          messageId: `${delivery.id.replaceAll(':', '.')}@handover`,
        });
      } catch (error) {
        // The timeline, which the workspace reads, gets the kind of failure; the log, for operators, the whole of it
        // (it can name the mail server's internal address).
        logger.warn({ deliveryId: delivery.id, err: error }, 'notification email not sent; will retry');
        return retryLater(delivery, `The mail server did not take it${mailFailureKind(error)}`);
      }
      return finish(delivery, 'sent', {});
    },

    async web_push(delivery, message) {
      if (!delivery.member?.active) return finish(delivery, 'skipped', { error: 'The member is not active' });
      const targets = (await listPushTargets(db, delivery.workspaceId, delivery.member.id)).filter((target) => !delivery.pushedTo.includes(target.id));
      const keys = await findOrCreateVapidKeys(db, generateVapidKeys);
      const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url, tag: `handover-${delivery.handoverId}` });
      const topic = Buffer.from(delivery.id).toString('base64url').slice(-32);
      const refusals: string[] = [];
      const faults: string[] = [];
      let pushed = delivery.pushedTo.length;
      for (const target of targets) {
        let status: number;
        try {
          const refused = httpsProblem(target.endpoint);
          if (refused) {
            refusals.push(`push endpoint refused: ${refused}`);
            continue;
          }
          status = await sendWebPush(target, payload, { vapid: { ...keys, subject: deps.vapidSubject }, ttlSeconds: pushTtlSeconds, topic, timeoutMs: attemptTimeoutMs, fetch: send });
        } catch (error) {
          if (error instanceof TargetRefusedError) {
            refusals.push('push endpoint refused: a private or reserved address');
            continue;
          }
          faults.push(`the push service did not answer: ${describeError(error)}`);
          continue;
        }
        if (status >= 200 && status < 300) {
          await recordPushedTo(db, delivery.workspaceId, delivery.id, target.id);
          pushed += 1;
        } else if (status === 404 || status === 410) {
          // The browser unsubscribed or the subscription expired: it will never take a message again.
          await deleteExpiredPushSubscription(db, delivery.workspaceId, target.id);
          logger.info({ deliveryId: delivery.id, status }, 'push subscription expired: removed');
        } else {
          faults.push(`the push service answered ${status}`);
        }
      }
      // The browsers that took it are recorded: a retry sends to the others only.
      if (faults.length > 0) return retryLater(delivery, faults.join('; '));
      if (pushed > 0) return finish(delivery, 'sent', { devices: pushed });
      if (refusals.length > 0) return finish(delivery, 'failed', { error: refusals.join('; ') });
      return finish(delivery, 'skipped', { error: 'No browser of this member takes pushes any more' });
    },

    async slack(delivery, message) {
      const url = await findSlackWebhookUrl(db, delivery.workspaceId);
      if (!url) return finish(delivery, 'skipped', { error: 'No Slack webhook is set' });
      let response: Response;
      try {
        response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(slackMessage(message)),
          redirect: 'manual',
          signal: AbortSignal.timeout(attemptTimeoutMs),
        });
        await response.body?.cancel();
      } catch (error) {
        if (error instanceof TargetRefusedError) return finish(delivery, 'failed', { error: 'The Slack webhook address is refused (private address)' });
        // Never the URL: it is the secret.
        return retryLater(delivery, `Slack did not answer: ${error instanceof Error ? error.name : 'error'}`);
      }
      if (response.ok) return finish(delivery, 'sent', {});
      // 4xx (a revoked or mistyped webhook) will not heal by itself; 429 and 5xx may.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        return finish(delivery, 'failed', { error: `Slack answered ${response.status}: check the webhook URL in Notifications` });
      }
      return retryLater(delivery, `Slack answered ${response.status}`);
    },
  };

  return {
    /** Sends one recorded notification, once: a delivery already sent, failed or skipped is left as it is. */
    async deliverNotification(input: { workspaceId: string; deliveryId: string }): Promise<NotificationResult> {
      const delivery = await findNotificationDelivery(db, input.workspaceId, input.deliveryId);
      if (!delivery) return 'skipped';
      if (delivery.status !== 'pending') return delivery.status;
      // Someone took it, or it ended, before this went out (a retry an hour later): telling people now misleads.
      if (delivery.handover.status !== 'pending') return finish(delivery, 'skipped', { error: 'The handover was no longer waiting' });
      const message = notificationMessage({
        handoverId: delivery.handoverId,
        level: delivery.level,
        audience: delivery.audience,
        customerName: delivery.handover.customer.name ?? delivery.handover.customer.email ?? null,
        reason: delivery.handover.reason,
        trigger: delivery.handover.trigger,
        consoleUrl: deps.consoleUrl,
      });
      return senders[delivery.channel](delivery, message);
    },

    /** A delivery out of attempts: marked failed, and the handover's timeline says so. */
    async recordNotificationFailed(input: { workspaceId: string; deliveryId: string; error: string }): Promise<void> {
      const delivery = await findNotificationDelivery(db, input.workspaceId, input.deliveryId);
      if (!delivery || delivery.status !== 'pending') return;
      await finish(delivery, 'failed', { error: input.error.slice(0, 500) });
    },
  };
}

/** Slack's incoming-webhook body: `text` for notifications and clients without blocks, blocks for the channel. */
function slackMessage(message: NotificationMessage) {
  // What the customer wrote (their name, the reason) is text, never markup. Slack reads <!channel> and <url|label>
  // in both fields; Mattermost ignores the blocks and reads `text` as Markdown, with @channel and [label](url).
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const plain = (text: string) => escape(text).replaceAll('@', '@\u200b').replace(/[[\]()*_~`|]/g, (character) => `\\${character}`);
  return {
    text: `${plain(message.title)}: ${plain(message.body.replaceAll('\n', ' '))} ${message.url}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escape(message.title)}*\n${escape(message.body)}` } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the handover' }, url: message.url }] },
    ],
  };
}

/** An SMTP failure as its code only (` (SMTP 550)`, ` (ECONNREFUSED)`), never the server's address or words. */
function mailFailureKind(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return ` (SMTP ${responseCode})`;
  return typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? ` (${code})` : '';
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);
}

/** Hands recorded deliveries to the handover's notification workflow (started on first use). */
export async function handOffNotifications(refs: HandoverRefs, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const { client, info } = Context.current();
  await client.workflow.signalWithStart(notificationDeliveryWorkflowType, {
    workflowId: notificationDeliveryWorkflowId(refs.handoverId),
    taskQueue: info.taskQueue,
    args: [{ workspaceId: refs.workspaceId, handoverId: refs.handoverId }],
    signal: notificationDeliveriesSignal,
    signalArgs: [{ deliveryIds }],
    typedSearchAttributes: [{ key: searchAttributes.workspaceId, value: refs.workspaceId }],
    staticSummary: `Notifications of handover ${refs.handoverId}`,
    staticDetails: `Conversation ${refs.conversationExternalId}`,
  });
}
