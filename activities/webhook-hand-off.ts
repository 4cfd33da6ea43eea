import { Context } from '@temporalio/activity';
import { searchAttributes } from '../workflows/handover/definitions.ts';
import {
  webhookDeliveryWorkflowId,
  webhookDeliveryWorkflowType,
  webhookEventsSignal,
  type DeliveryInput,
} from '../workflows/webhooks/definitions.ts';
import type { HandoverRefs } from './refs.ts';

/**
 * Hands recorded webhook events to the handover's delivery workflow (started on first use), in the order they
 * were recorded. Called by the activity that recorded them, after its writes: a failure here fails the
 * activity, whose retry records nothing twice and hands the same events over again.
 */
export async function handOffWebhookEvents(refs: HandoverRefs, eventIds: string[]): Promise<void> {
  // Runs that began before delivery had a workflow of its own deliver their events themselves.
  if (eventIds.length === 0 || !refs.handOff) return;
  const { client, info } = Context.current();
  const input: DeliveryInput = { workspaceId: refs.workspaceId, handoverId: refs.handoverId };
  await client.workflow.signalWithStart(webhookDeliveryWorkflowType, {
    workflowId: webhookDeliveryWorkflowId(refs.handoverId),
    taskQueue: info.taskQueue,
    args: [input],
    signal: webhookEventsSignal,
    signalArgs: [{ eventIds }],
    typedSearchAttributes: [{ key: searchAttributes.workspaceId, value: refs.workspaceId }],
    staticSummary: `Webhook deliveries of handover ${refs.handoverId}`,
    staticDetails: `Conversation ${refs.conversationExternalId}`,
  });
}
