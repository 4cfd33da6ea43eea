// Runs in the workflow sandbox: deterministic code only.
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { notificationDeliveriesSignal, pendingNotificationsQuery, type NotificationDeliveryInput } from './definitions.ts';

/**
 * Patient, but not a day like webhooks: a notification an hour late is still worth having (an email, a push that
 * waited for a phone to come online), much later it is noise. 2 s doubling to 5 minutes apart, 16 attempts: about
 * an hour. Each attempt sends to a channel that answers quickly or not at all, hence the short timeout.
 */
const notifications = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 16 },
});

/** Recording a delivery that ran out of attempts is a database write: retried until PostgreSQL answers. */
const records = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const defaultIdleSeconds = 60;
/**
 * Deliveries sent side by side at most: Temporal fails a workflow task that would hold more than 2,000 pending
 * activities (and retries it the same way for ever), and a level told to a large workspace can exceed that.
 */
const maxInFlight = 100;

/**
 * Sends one handover's notifications: the deliveries handed over are sent side by side (up to maxInFlight), each with its own
 * retries, so one member's unreachable mail server never holds back another's push. It lives beside the handover's
 * workflow, not inside it: the handover's history and timers never wait on an email. The activity that records a
 * notification hands its deliveries over with signal-with-start; a delivery handed over twice, or already sent,
 * is sent once (the activity reads its status first).
 */
export async function notificationDeliveryWorkflow(input: NotificationDeliveryInput): Promise<void> {
  const queue: string[] = [...(input.carried?.queue ?? [])];
  const inFlight = new Set<string>();
  setHandler(notificationDeliveriesSignal, ({ deliveryIds }) => {
    for (const id of deliveryIds) if (!inFlight.has(id) && !queue.includes(id)) queue.push(id);
  });
  setHandler(pendingNotificationsQuery, () => [...inFlight, ...queue]);

  for (;;) {
    if (queue.length === 0 && inFlight.size === 0) {
      await condition(() => queue.length > 0, `${input.idleSeconds ?? defaultIdleSeconds} seconds`);
      // Looked at again after the wait: a delivery may have come in the same moment the idle timer fired.
      if (queue.length === 0) return;
    }
    // Between deliveries only: what is in flight finishes in this run.
    if (workflowInfo().continueAsNewSuggested && inFlight.size === 0) {
      await continueAsNew<typeof notificationDeliveryWorkflow>({ ...input, carried: { queue } });
    }
    while (queue.length > 0 && inFlight.size < maxInFlight) {
      const id = queue.shift()!;
      inFlight.add(id);
      void deliver(input.workspaceId, id).finally(() => inFlight.delete(id));
    }
    await condition(() => (queue.length > 0 && inFlight.size < maxInFlight) || inFlight.size === 0);
  }
}

async function deliver(workspaceId: string, deliveryId: string): Promise<void> {
  try {
    await notifications.deliverNotification({ workspaceId, deliveryId });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // Out of attempts: the handover's timeline says so.
    await records.recordNotificationFailed({ workspaceId, deliveryId, error: failureMessage(error) });
  }
}

function failureMessage(failure: ActivityFailure): string {
  return failure.cause?.message ?? failure.message;
}
