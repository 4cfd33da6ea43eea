// Runs in the workflow sandbox: deterministic code only.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { webhookDeliveryOptions } from './delivery-options.ts';
import type { DeliveryResult, RedeliveryInput } from './definitions.ts';

const webhooks = proxyActivities<Activities>(webhookDeliveryOptions);

/** An admin's "send again" of a failed delivery: the same event id, with the same patient retries. */
export async function webhookRedeliveryWorkflow(input: RedeliveryInput): Promise<DeliveryResult> {
  try {
    return await webhooks.deliverWebhookEvent(input);
  } catch (error) {
    if (error instanceof ActivityFailure) return 'failed';
    throw error;
  }
}
