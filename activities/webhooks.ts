import { setTimeout } from 'node:timers/promises';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DeliveryResult } from '../workflows/webhooks/definitions.ts';
import { secondsBeforeNextAttempt, webhookRetry } from '../domain/webhook-retry.ts';
import { disableWebhookEndpoint } from '../db/webhook-endpoints.ts';
import { closeToFirstAttempt, findDelivery, recordDeliveryAttempt } from '../db/webhook-outbox.ts';
import { messageEventSuffix } from './messages.ts';
import type { ActivityDeps } from './index.ts';
import type { HandoverRefs } from './refs.ts';
import { handOffWebhookEvents } from './webhook-hand-off.ts';
import type { WebhookSender } from './webhook-send.ts';

/** How often an attempt waiting for a first attempt's hold to end looks again. */
const firstAttemptPollMs = 50;

/**
 * Delivers recorded webhook events, signed by the Standard Webhooks scheme. A failed attempt throws so that
 * Temporal retries it with backoff (honouring Retry-After); the event id stays the same across attempts.
 */
export function createWebhookActivities({ db }: ActivityDeps, send: WebhookSender) {
  return {
    /** Hands events that a handover run of an earlier version recorded, and carried over, to the delivery workflow. */
    async handOffCarriedWebhookEvents(input: HandoverRefs & { eventIds: string[] }): Promise<void> {
      await handOffWebhookEvents(input, input.eventIds);
    },

    async deliverWebhookEvent(input: { workspaceId: string; eventId: string }): Promise<DeliveryResult> {
      // Only a message's event may have a first attempt (webhook-first-attempt.ts): none may begin once this reads it.
      if (input.eventId.endsWith(messageEventSuffix)) await closeToFirstAttempt(db, input.workspaceId, input.eventId);
      let delivery = await findDelivery(db, input.workspaceId, input.eventId);
      // A first attempt holds it (webhook-first-attempt.ts, in this worker or another): it ends within its hold,
      // delivered or let go, and the receiver gets the event once.
      while (delivery?.status === 'pending' && delivery.firstAttemptHeld) {
        await setTimeout(firstAttemptPollMs);
        delivery = await findDelivery(db, input.workspaceId, input.eventId);
      }
      if (!delivery || delivery.status === 'delivered') return 'delivered';
      const outcome = await send(delivery);
      const record = (attempt: Parameters<typeof recordDeliveryAttempt>[3]) => recordDeliveryAttempt(db, input.workspaceId, input.eventId, attempt);
      switch (outcome.kind) {
        case 'delivered':
          await record({ status: 'delivered', statusCode: outcome.statusCode, error: null, nextAttemptAt: null });
          return 'delivered';
        case 'skipped':
          await record({ status: 'skipped', statusCode: null, error: outcome.error, nextAttemptAt: null });
          return 'skipped';
        // A private or reserved address, or http in production, is refused for good.
        case 'refused':
          await record({ status: 'failed', statusCode: null, error: outcome.error, nextAttemptAt: null });
          return 'failed';
        case 'unreachable':
          await record({ ...afterFailure(null), statusCode: null, error: outcome.error });
          throw ApplicationFailure.retryable(`webhook delivery failed: ${outcome.error}`, 'webhook_unreachable');
        case 'rejected': {
          if (outcome.statusCode === 410) {
            await disableWebhookEndpoint(db, input.workspaceId, 'The receiver answered 410 Gone');
            await record({ status: 'failed', statusCode: 410, error: 'Gone: endpoint disabled', nextAttemptAt: null });
            return 'failed';
          }
          const { statusCode, retryAfterSeconds } = outcome;
          await record({ ...afterFailure(retryAfterSeconds), statusCode, error: `HTTP ${statusCode}` });
          throw ApplicationFailure.create({
            message: `webhook receiver answered ${statusCode}`,
            type: 'webhook_rejected',
            // The delay for Temporal's retry, and in the details for the delivery workflow: a local activity's
            // failure reaches it without its nextRetryDelay.
            ...(retryAfterSeconds === null ? {} : { nextRetryDelay: `${retryAfterSeconds} seconds`, details: [{ retryAfterSeconds }] }),
          });
        }
      }
    },
  };
}

/**
 * What a failed attempt leaves the event as: pending, to be tried again when Temporal will (after the receiver's
 * Retry-After, else on the backoff schedule), or failed after the day's last attempt, so that the delivery log says
 * so and an admin can send it again (it stayed pending for good: found by a cold review). A local activity's one
 * attempt is never the last.
 */
function afterFailure(retryAfterSeconds: number | null): { status: 'pending' | 'failed'; nextAttemptAt: Date | null } {
  const { attempt, isLocal } = Context.current().info;
  if (!isLocal && attempt >= webhookRetry.maximumAttempts) return { status: 'failed', nextAttemptAt: null };
  return { status: 'pending', nextAttemptAt: nextAttemptAt(retryAfterSeconds) };
}

/** When Temporal will try again: after the receiver's Retry-After, else on the backoff schedule. */
function nextAttemptAt(retryAfterSeconds: number | null): Date {
  const seconds = retryAfterSeconds ?? secondsBeforeNextAttempt(Context.current().info.attempt);
  return new Date(Date.now() + seconds * 1000);
}
