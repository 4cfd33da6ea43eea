// The names, inputs and messages of the webhook workflows: the one place they are defined, shared by the
// workflows, the activities that hand events over, the API and the tests. Temporal names here are written
// into histories: never rename.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const webhookDeliveryWorkflowType = 'webhookDeliveryWorkflow';
export const webhookRedeliveryWorkflowType = 'webhookRedeliveryWorkflow';

/** One delivery workflow per handover, beside the handover's own: `handover-<id>-webhooks`. */
export function webhookDeliveryWorkflowId(handoverId: string): string {
  return `handover-${handoverId}-webhooks`;
}

export interface DeliveryInput {
  workspaceId: string;
  handoverId: string;
  /** How long a run waits for more events before it completes (60 s when absent). */
  idleSeconds?: number;
  /** Set when a run continues as new: the events not yet delivered, in order. */
  carried?: { queue: string[] };
}

/** Events recorded in PostgreSQL (the outbox), to deliver after every event handed over before them. */
export interface WebhookEvents {
  eventIds: string[];
}

export const webhookEventsSignal = defineSignal<[WebhookEvents]>('webhookEvents');
/** The events waiting for delivery, the first one being delivered (or retried) now. */
export const pendingDeliveriesQuery = defineQuery<string[]>('pendingDeliveries');

export interface RedeliveryInput {
  workspaceId: string;
  eventId: string;
}

export type DeliveryResult = 'delivered' | 'skipped' | 'failed';
