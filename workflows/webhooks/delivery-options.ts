// Runs in the workflow sandbox: shared activity options for webhook delivery.
import type { ActivityOptions } from '@temporalio/workflow';
import { webhookRetry } from '../../domain/webhook-retry.ts';

export const webhookDeliveryOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: `${webhookRetry.initialSeconds} seconds`,
    backoffCoefficient: webhookRetry.backoffCoefficient,
    maximumInterval: `${webhookRetry.maximumSeconds} seconds`,
    maximumAttempts: webhookRetry.maximumAttempts,
  },
};

