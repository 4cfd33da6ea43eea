import type { Db } from '../db/connect.ts';
import { recordFirstResponseAt } from '../db/handovers.ts';
import { insertLiveEvents } from '../db/live-events.ts';
import { appendLockedMessages, lockConversation, messageIdFor, toMessage, type NewMessage } from '../db/messages.ts';
import { enqueueWebhookEvents, type WebhookEvent } from '../db/webhook-outbox.ts';
import type { MessageRow } from '../db/database.ts';
import type { RelayMessage } from '../workflows/handover/definitions.ts';
import type { ActivityDeps } from './index.ts';
import type { HandoverRefs } from './refs.ts';
import { handOffWebhookEvents } from './webhook-hand-off.ts';
import type { WebhookFirstAttempts } from './webhook-first-attempt.ts';

/** Relayed messages: stored once each in arrival order, pushed live, and sent to the customer when from a person. */
export function createMessageActivities({ db }: ActivityDeps, firstAttempts: WebhookFirstAttempts) {
  return {
    async persistMessages(
      input: HandoverRefs & { messages: RelayMessage[] },
    ): Promise<{ firstResponseAt: string | null; webhookEventIds: string[] }> {
      const rows = await recordMessages(
        db,
        input,
        input.messages.map((message) => ({
          id: message.messageId,
          sender: message.sender,
          author: message.author,
          body: message.body,
          clientMessageId: message.clientMessageId,
          attachments: message.attachments ?? [],
          createdAt: new Date(message.receivedAt),
        })),
      );
      const firstResponseAt = rows.find((row) => row.sender === 'agent')?.created_at.toISOString() ?? null;
      const webhookEventIds = rows.filter(isForTheCustomer).map(customerWebhookId);
      await handOffWebhookEvents(input, webhookEventIds);
      // After the hand-off, so that every event queued before these is recorded and seen. Runs that deliver their
      // events themselves (no hand-off) get no first attempt.
      if (input.handOff) firstAttempts.begin(input, webhookEventIds);
      return { firstResponseAt, webhookEventIds };
    },
  };
}

/** A message the product itself says to the customer (escalation notices, the fallback). Returns its webhook event id. */
export async function storeSystemMessage(db: Db, refs: HandoverRefs, step: string, body: string): Promise<string> {
  const clientMessageId = `system:${refs.handoverId}:${step}`;
  const [row] = await recordMessages(db, refs, [
    {
      id: messageIdFor(refs.workspaceId, refs.conversationExternalId, 'system', clientMessageId),
      sender: 'system',
      author: null,
      body,
      clientMessageId,
    },
  ]);
  return customerWebhookId(row!);
}

type HandoverMessage = Omit<NewMessage, 'workspaceId' | 'conversationId' | 'handoverId'>;

/**
 * Stores messages of the handover in order, in one transaction with what they cause: a webhook event for
 * each the customer is to see, the assignee's first response, and a live event for each new one. A retry
 * after a commit finds them stored and adds nothing; one after a failure finds nothing of them.
 */
async function recordMessages(db: Db, refs: HandoverRefs, messages: HandoverMessage[]): Promise<MessageRow[]> {
  return db.transaction().execute(async (tx) => {
    await lockConversation(tx, refs.workspaceId, refs.conversationId);
    const appended = await appendLockedMessages(
      tx,
      messages.map((message) => ({ ...message, workspaceId: refs.workspaceId, conversationId: refs.conversationId, handoverId: refs.handoverId })),
    );
    const rows = appended.map(({ row }) => row);
    await enqueueWebhookEvents(tx, rows.filter(isForTheCustomer).map((row) => customerWebhook(refs, row)));
    const firstResponse = rows.find((row) => row.sender === 'agent');
    if (firstResponse) await recordFirstResponseAt(tx, refs.workspaceId, refs.handoverId, firstResponse.created_at.toISOString());
    // Last: the workspace's event lock is held from here to the commit.
    await insertLiveEvents(
      tx,
      refs.workspaceId,
      appended
        .filter(({ created }) => created)
        .map(({ row }) => ({ type: 'message.created', handoverId: refs.handoverId, payload: { message: toMessage(row, refs.conversationExternalId) } })),
    );
    return rows;
  });
}

/** The customer sees what a person or the product says; their own messages come from their channel. */
function isForTheCustomer(row: MessageRow): boolean {
  return row.sender !== 'customer';
}

/** How a message's webhook event id ends: `<message id>.message`. */
export const messageEventSuffix = '.message';

function customerWebhookId(row: MessageRow): string {
  return `${row.id}${messageEventSuffix}`;
}

function customerWebhook(refs: HandoverRefs, row: MessageRow): WebhookEvent {
  return {
    id: customerWebhookId(row),
    workspaceId: refs.workspaceId,
    type: 'handover.message',
    data: { handoverId: refs.handoverId, conversationId: refs.conversationExternalId, message: toMessage(row, refs.conversationExternalId) },
  };
}
