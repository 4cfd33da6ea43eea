// Runs in the workflow sandbox: shared activity options for webhook delivery.
import type { ActivityOptions } from '@temporalio/workflow';

/** A receiver may be down for a while: back off up to five minutes, and give up after about a day. */
export const webhookDeliveryOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 300 },
};
