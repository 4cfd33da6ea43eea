// Runs in the workflow sandbox: deterministic code only.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { webhookRetry } from '../../domain/webhook-retry.ts';
import type { Activities } from '../../activities/index.ts';
import { localRetryThreshold, locallyFirst } from '../local-activities.ts';
import { webhookDeliveryOptions } from './delivery-options.ts';
import { pendingDeliveriesQuery, webhookEventsSignal, type DeliveryInput } from './definitions.ts';

/** Each event's attempts as ordinary activities: how runs begun before `webhooks-local-delivery` sent them all. */
const queuedWebhooks = proxyActivities<Activities>(webhookDeliveryOptions);

/**
 * First, one attempt by a local activity, in the workflow task that took the event from the queue: no
 * trip through the task queue and no second task to hear the result. A task that fails after a send runs it
 * again, which finds the event delivered and sends nothing (receivers drop a repeat by its webhook-id in any
 * case). A receiver that is down gets the rest of its day of attempts from `queuedWebhooks`.
 */
const localWebhooks = proxyLocalActivities<Activities>({
  startToCloseTimeout: webhookDeliveryOptions.startToCloseTimeout,
  // One: a receiver that hangs holds a local activity slot, which the relay's writes share, for 10 s an attempt.
  retry: { ...webhookDeliveryOptions.retry, maximumAttempts: 1 },
  localRetryThreshold,
});

/** How long an idle delivery workflow waits for more events before it completes; a later event starts a new run. */
const defaultIdleSeconds = 60;

/**
 * Delivers one handover's webhook events, one at a time in the order they were handed over, so agent messages
 * reach the AI service in seq order. It lives beside the handover's workflow, not inside it: a receiver that is
 * down for a day holds back this queue only, never the handover's ladder, timers, continue-as-new or end.
 * The activities that record events hand them over with signal-with-start; a repeated hand-over is harmless
 * (an event queued twice, or already delivered, is sent once).
 */
export async function webhookDeliveryWorkflow(input: DeliveryInput): Promise<void> {
  const localDelivery = patched('webhooks-local-delivery');
  const queue: string[] = [...(input.carried?.queue ?? [])];
  setHandler(webhookEventsSignal, ({ eventIds }) => {
    for (const eventId of eventIds) if (!queue.includes(eventId)) queue.push(eventId);
  });
  setHandler(pendingDeliveriesQuery, () => [...queue]);

  for (;;) {
    if (queue.length === 0) {
      await condition(() => queue.length > 0, `${input.idleSeconds ?? defaultIdleSeconds} seconds`);
      // Looked at again after the wait: an event may have come in the same moment the idle timer fired.
      if (queue.length === 0) return;
    }
    // Signal handlers are synchronous, so nothing is left waiting when this run hands over to the next.
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof webhookDeliveryWorkflow>({ ...input, carried: { queue } });
    }
    const eventId = queue[0] as string;
    try {
      const event = { workspaceId: input.workspaceId, eventId };
      await (localDelivery
        ? locallyFirst(
            () => localWebhooks.deliverWebhookEvent(event),
            async (failure) => {
              // The queued attempts begin after the wait the receiver asked for (Retry-After), or the first backoff.
              await sleep(retryDelayOf(failure) ?? `${webhookRetry.initialSeconds} seconds`);
              return queuedWebhooks.deliverWebhookEvent(event);
            },
          )
        : queuedWebhooks.deliverWebhookEvent(event));
    } catch (error) {
      // Out of attempts: the delivery log shows it failed, an admin can send it again, and the queue moves on.
      if (!(error instanceof ActivityFailure)) throw error;
    }
    queue.shift();
  }
}

/** The wait a failed attempt asked for (a receiver's Retry-After, in the failure's details), if it asked. */
function retryDelayOf(failure: unknown): string | undefined {
  const cause = failure instanceof ActivityFailure ? failure.cause : failure;
  const [details] = cause instanceof ApplicationFailure ? (cause.details ?? []) : [];
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? `${seconds} seconds` : undefined;
}
