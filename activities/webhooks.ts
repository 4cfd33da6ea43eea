import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DeliveryResult } from '../workflows/webhooks/definitions.ts';
import { secondsBeforeNextAttempt } from '../domain/webhook-retry.ts';
import { disableWebhookEndpoint } from '../db/webhook-endpoints.ts';
import { findDelivery, recordDeliveryAttempt } from '../db/webhook-outbox.ts';
import type { ActivityDeps } from './index.ts';
import type { HandoverRefs } from './refs.ts';
import { handOffWebhookEvents } from './webhook-hand-off.ts';
import { signedWebhookRequest } from '../platform/webhook-signature.ts';
import { createOutboundFetch, TargetRefusedError } from '../platform/outbound.ts';

const attemptTimeoutMs = 10_000;

/**
 * Delivers recorded webhook events, signed by the Standard Webhooks scheme. A failed attempt throws so that
 * Temporal retries it with backoff (honouring Retry-After); the event id stays the same across attempts.
 */
export function createWebhookActivities({ db, allowPrivateWebhookTargets, requireHttpsTargets }: ActivityDeps) {
  // The receiver's address is checked as each connection is made (SSRF, DNS rebinding included).
  const send = createOutboundFetch({ allowPrivate: allowPrivateWebhookTargets });
  return {
    /** Hands events that a handover run of an earlier version recorded, and carried over, to the delivery workflow. */
    async handOffCarriedWebhookEvents(input: HandoverRefs & { eventIds: string[] }): Promise<void> {
      await handOffWebhookEvents(input, input.eventIds);
    },

    async deliverWebhookEvent(input: { workspaceId: string; eventId: string }): Promise<DeliveryResult> {
      const delivery = await findDelivery(db, input.workspaceId, input.eventId);
      if (!delivery || delivery.status === 'delivered') return 'delivered';
      if (!delivery.url || !delivery.secret || delivery.endpointDisabled) {
        await recordDeliveryAttempt(db, input.workspaceId, input.eventId, {
          status: 'skipped',
          statusCode: null,
          error: delivery.endpointDisabled ? 'The webhook endpoint is disabled' : 'No webhook URL is configured',
          nextAttemptAt: null,
        });
        return 'skipped';
      }
      const refuse = async (error: string) => {
        await recordDeliveryAttempt(db, input.workspaceId, input.eventId, { status: 'failed', statusCode: null, error, nextAttemptAt: null });
        return 'failed' as const;
      };
      if (requireHttpsTargets && new URL(delivery.url).protocol !== 'https:') return refuse('The webhook URL must be https');
      const body = JSON.stringify(delivery.payload);
      const now = new Date();
      let response: Response;
      try {
        response = await send(delivery.url, signedWebhookRequest({ ...delivery, secret: delivery.secret }, { id: delivery.id, body }, now, attemptTimeoutMs));
        await response.body?.cancel();
      } catch (error) {
        // A private or reserved address is refused for good; anything else (a name that does not resolve now,
        // a refused connection, a timeout) is tried again.
        if (error instanceof TargetRefusedError) return refuse(error.message);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        await recordDeliveryAttempt(db, input.workspaceId, input.eventId, { status: 'pending', statusCode: null, error: message, nextAttemptAt: nextAttemptAt(null) });
        throw ApplicationFailure.retryable(`webhook delivery failed: ${message}`, 'webhook_unreachable');
      }
      if (response.ok) {
        await recordDeliveryAttempt(db, input.workspaceId, input.eventId, { status: 'delivered', statusCode: response.status, error: null, nextAttemptAt: null });
        return 'delivered';
      }
      if (response.status === 410) {
        await disableWebhookEndpoint(db, input.workspaceId, 'The receiver answered 410 Gone');
        await recordDeliveryAttempt(db, input.workspaceId, input.eventId, { status: 'failed', statusCode: 410, error: 'Gone: endpoint disabled', nextAttemptAt: null });
        return 'failed';
      }
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      await recordDeliveryAttempt(db, input.workspaceId, input.eventId, {
        status: 'pending',
        statusCode: response.status,
        error: `HTTP ${response.status}`,
        nextAttemptAt: nextAttemptAt(retryAfterSeconds),
      });
      throw ApplicationFailure.create({
        message: `webhook receiver answered ${response.status}`,
        type: 'webhook_rejected',
        // The delay for Temporal's retry, and in the details for the delivery workflow: a local activity's
        // failure reaches it without its nextRetryDelay.
        ...(retryAfterSeconds === null ? {} : { nextRetryDelay: `${retryAfterSeconds} seconds`, details: [{ retryAfterSeconds }] }),
      });
    },
  };
}

/** When Temporal will try again: after the receiver's Retry-After, else on the backoff schedule. */
function nextAttemptAt(retryAfterSeconds: number | null): Date {
  const seconds = retryAfterSeconds ?? secondsBeforeNextAttempt(Context.current().info.attempt);
  return new Date(Date.now() + seconds * 1000);
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, Math.round(seconds)), 3600);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, Math.round((date - Date.now()) / 1000)), 3600);
}
