import type { Db } from '../db/connect.ts';
import { recordFirstResponseAt } from '../db/handovers.ts';
import { publishLiveEvent } from '../db/live-events.ts';
import { appendMessage, messageIdFor, toMessage } from '../db/messages.ts';
import { enqueueWebhookEvent } from '../db/webhook-outbox.ts';
import type { MessageRow } from '../db/database.ts';
import type { RelayMessage } from '../workflows/handover/definitions.ts';
import type { ActivityDeps } from './index.ts';
import type { HandoverRefs } from './refs.ts';
import { handOffWebhookEvents } from './webhook-hand-off.ts';

/** Relayed messages: stored once each in arrival order, pushed live, and sent to the customer when from a person. */
export function createMessageActivities({ db }: ActivityDeps) {
  return {
    async persistMessages(
      input: HandoverRefs & { messages: RelayMessage[] },
    ): Promise<{ firstResponseAt: string | null; webhookEventIds: string[] }> {
      let firstResponseAt: string | null = null;
      const webhookEventIds: string[] = [];
      for (const message of input.messages) {
        const { row } = await appendMessage(db, {
          id: message.messageId,
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          handoverId: input.handoverId,
          sender: message.sender,
          author: message.author,
          body: message.body,
          clientMessageId: message.clientMessageId,
          createdAt: new Date(message.receivedAt),
        });
        if (message.sender === 'agent') {
          firstResponseAt ??= row.created_at.toISOString();
          webhookEventIds.push(await deliverToCustomer(db, input, row));
        }
        await announce(db, input, row);
      }
      if (firstResponseAt) await recordFirstResponseAt(db, input.workspaceId, input.handoverId, firstResponseAt);
      await handOffWebhookEvents(input, webhookEventIds);
      return { firstResponseAt, webhookEventIds };
    },
  };
}

/** A message the product itself says to the customer (escalation notices, the fallback). */
export async function storeSystemMessage(db: Db, refs: HandoverRefs, step: string, body: string): Promise<string> {
  const clientMessageId = `system:${refs.handoverId}:${step}`;
  const { row } = await appendMessage(db, {
    id: messageIdFor(refs.workspaceId, refs.conversationExternalId, 'system', clientMessageId),
    workspaceId: refs.workspaceId,
    conversationId: refs.conversationId,
    handoverId: refs.handoverId,
    sender: 'system',
    author: null,
    body,
    clientMessageId,
  });
  await announce(db, refs, row);
  return deliverToCustomer(db, refs, row);
}

async function deliverToCustomer(db: Db, refs: HandoverRefs, row: MessageRow): Promise<string> {
  return enqueueWebhookEvent(db, {
    id: `${row.id}.message`,
    workspaceId: refs.workspaceId,
    type: 'handover.message',
    data: { handoverId: refs.handoverId, conversationId: refs.conversationExternalId, message: toMessage(row, refs.conversationExternalId) },
  });
}

async function announce(db: Db, refs: HandoverRefs, row: MessageRow): Promise<void> {
  await publishLiveEvent(db, {
    workspaceId: refs.workspaceId,
    type: 'message.created',
    handoverId: refs.handoverId,
    payload: { message: toMessage(row, refs.conversationExternalId) },
  });
}
