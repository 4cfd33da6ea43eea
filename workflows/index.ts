// The entry point the worker bundles: every workflow the worker runs.
export { handoverWorkflow } from './handover/workflow.ts';
export { notificationDeliveryWorkflow } from './notifications/delivery.ts';
export { webhookDeliveryWorkflow } from './webhooks/delivery.ts';
export { webhookRedeliveryWorkflow } from './webhooks/redelivery.ts';
