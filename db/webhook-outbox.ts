import type { Db } from './connect.ts';

/** The webhook event types of the contract (shared/design/api.md). */
export type WebhookEventType =
  | 'handover.requested'
  | 'handover.claimed'
  | 'handover.escalated'
  | 'handover.transferred'
  | 'handover.requeued'
  | 'handover.message'
  | 'handover.ended'
  | 'conversation.ai_paused'
  | 'conversation.ai_resumed';

export interface WebhookEvent {
  /** Stable across retries (a business key), so receivers drop duplicates by it. */
  id: string;
  workspaceId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** Records an event for delivery once; the same id twice is stored once. */
export async function enqueueWebhookEvent(db: Db, event: WebhookEvent): Promise<void> {
  const createdAt = new Date();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: event.id,
      workspace_id: event.workspaceId,
      type: event.type,
      payload: JSON.stringify({
        id: event.id,
        type: event.type,
        createdAt: createdAt.toISOString(),
        workspaceId: event.workspaceId,
        data: event.data,
      }),
      created_at: createdAt,
      next_attempt_at: createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
