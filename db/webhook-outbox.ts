import { sql } from 'kysely';
import type { WebhookEvent as WebhookEventBody } from '../domain/schemas/webhook-events.ts';
import type { PreviousSecret } from '../domain/webhook-secrets.ts';
import type { Db } from './connect.ts';

/** The webhook event types of the contract: one per body that domain/schemas/webhook-events.ts describes. */
export type WebhookEventType = WebhookEventBody['type'];

export interface WebhookEvent {
  /** Stable across retries (a business key), so receivers drop duplicates by it. */
  id: string;
  workspaceId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** The body a receiver gets for an event: the shape domain/schemas/webhook-events.ts describes. */
export function webhookEventBody(event: WebhookEvent, createdAt: Date) {
  return { id: event.id, type: event.type, createdAt: createdAt.toISOString(), workspaceId: event.workspaceId, data: event.data };
}

/** Records an event for delivery once; the same id twice is stored once. Returns the event id. */
export async function enqueueWebhookEvent(db: Db, event: WebhookEvent): Promise<string> {
  await enqueueWebhookEvents(db, [event]);
  return event.id;
}

/** `enqueueWebhookEvent` for several events in one statement. */
export async function enqueueWebhookEvents(db: Db, events: WebhookEvent[]): Promise<void> {
  if (events.length === 0) return;
  const createdAt = new Date();
  await db
    .insertInto('webhook_deliveries')
    .values(
      events.map((event) => ({
        id: event.id,
        workspace_id: event.workspaceId,
        type: event.type,
        payload: JSON.stringify(webhookEventBody(event, createdAt)),
        created_at: createdAt,
        next_attempt_at: createdAt,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export interface PendingDelivery {
  id: string;
  payload: Record<string, unknown>;
  url: string | null;
  secret: string | null;
  previousSecrets: PreviousSecret[];
  endpointDisabled: boolean;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
}

/** A recorded event with the workspace's current endpoint, for one delivery attempt. */
export async function findDelivery(db: Db, workspaceId: string, eventId: string): Promise<PendingDelivery | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .leftJoin('webhook_endpoints', 'webhook_endpoints.workspace_id', 'webhook_deliveries.workspace_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.payload',
      'webhook_deliveries.status',
      'webhook_endpoints.url',
      'webhook_endpoints.secret',
      'webhook_endpoints.previous_secrets',
      'webhook_endpoints.disabled_at',
    ])
    .where('webhook_deliveries.workspace_id', '=', workspaceId)
    .where('webhook_deliveries.id', '=', eventId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    payload: row.payload,
    url: row.url,
    secret: row.secret,
    previousSecrets: row.previous_secrets ?? [],
    endpointDisabled: row.disabled_at !== null,
    status: row.status,
  };
}

/**
 * Whether an event of the handover recorded before this one, other than those named, waits for delivery
 * (recorded, not yet delivered or given up on): sent now, this one would overtake it. Read through the
 * (workspace_id, status) index, among the workspace's pending events, which are few unless its receiver is down.
 */
export async function earlierDeliveryWaiting(
  db: Db,
  event: { workspaceId: string; handoverId: string; eventId: string },
  exceptIds: string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('workspace_id', '=', event.workspaceId)
    .where('status', '=', 'pending')
    .where(sql<string>`payload -> 'data' ->> 'handoverId'`, '=', event.handoverId)
    .where('created_at', '<', (eb) => eb.selectFrom('webhook_deliveries').select('created_at').where('id', '=', event.eventId))
    .where('id', '<>', sql<string>`all(${exceptIds}::text[])`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordDeliveryAttempt(
  db: Db,
  workspaceId: string,
  eventId: string,
  attempt: { status: 'pending' | 'delivered' | 'failed' | 'skipped'; statusCode: number | null; error: string | null; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: attempt.status,
      attempts: attempt.status === 'skipped' ? eb.ref('attempts') : eb('attempts', '+', 1),
      last_status_code: attempt.statusCode,
      last_error: attempt.error,
      next_attempt_at: attempt.nextAttemptAt,
      ...(attempt.status === 'delivered' ? { delivered_at: new Date() } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    // Delivered is final: a late attempt (one given up on by its workflow, still running) must not undo it.
    .where('status', '<>', 'delivered')
    .where('id', '=', eventId)
    .execute();
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface DeliveryRecord {
  id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

function selectDeliveries(db: Db, workspaceId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'type', 'status', 'attempts', 'last_status_code', 'last_error', 'next_attempt_at', 'created_at', 'delivered_at'])
    .where('workspace_id', '=', workspaceId);
}

function toDelivery(row: Awaited<ReturnType<ReturnType<typeof selectDeliveries>['executeTakeFirstOrThrow']>>): DeliveryRecord {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** The delivery log, newest first. */
export async function listDeliveries(db: Db, workspaceId: string, filter: { status?: DeliveryStatus; limit: number }): Promise<DeliveryRecord[]> {
  let query = selectDeliveries(db, workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('created_at', 'desc').limit(filter.limit).execute();
  return rows.map(toDelivery);
}

export async function findDeliveryRecord(db: Db, workspaceId: string, id: string): Promise<DeliveryRecord | undefined> {
  const row = await selectDeliveries(db, workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toDelivery(row);
}

export async function markDeliveryPending(db: Db, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

