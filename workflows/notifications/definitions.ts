// The names, inputs and messages of the notification delivery workflow: the one place they are defined, shared by
// the workflow, the activities that hand deliveries over, and the tests. Temporal names here are written into
// histories: never rename.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const notificationDeliveryWorkflowType = 'notificationDeliveryWorkflow';

/** One per handover, beside its handover and webhook workflows: `handover-<id>-notifications`. */
export function notificationDeliveryWorkflowId(handoverId: string): string {
  return `handover-${handoverId}-notifications`;
}

export interface NotificationDeliveryInput {
  workspaceId: string;
  handoverId: string;
  /** How long a run waits for more deliveries before it completes (60 s when absent). */
  idleSeconds?: number;
  /** Set when a run continues as new: the deliveries handed over and not yet begun. */
  carried?: { queue: string[] };
}

/** Deliveries recorded in PostgreSQL (`notification_deliveries`), by id. */
export interface NotificationDeliveries {
  deliveryIds: string[];
}

export const notificationDeliveriesSignal = defineSignal<[NotificationDeliveries]>('notificationDeliveries');

/** The deliveries handed over and not yet finished (being sent, or waiting for a retry). */
export const pendingNotificationsQuery = defineQuery<string[]>('pendingNotifications');

export type NotificationResult = 'sent' | 'skipped' | 'failed';
