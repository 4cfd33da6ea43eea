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
  /** A first attempt holds it now (takeForFirstAttempt). */
  firstAttemptHeld: boolean;
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
      // By PostgreSQL's clock, which set it.
      sql<boolean>`coalesce(webhook_deliveries.first_attempt_until > now(), false)`.as('first_attempt_held'),
    ])
    .where('webhook_deliveries.workspace_id', '=', workspaceId)
    .where('webhook_deliveries.id', '=', eventId)
    .executeTakeFirst();
  return row && toPendingDelivery(row);
}

/** A delivery as read (or taken) with the workspace's endpoint, which may have none. */
interface DeliveryRow {
  id: string;
  payload: PendingDelivery['payload'];
  status: PendingDelivery['status'];
  url: string | null;
  secret: string | null;
  previous_secrets: PreviousSecret[] | null;
  disabled_at: Date | null;
  first_attempt_held: boolean;
}

function toPendingDelivery(row: DeliveryRow): PendingDelivery {
  return {
    id: row.id,
    payload: row.payload,
    url: row.url,
    secret: row.secret,
    previousSecrets: row.previous_secrets ?? [],
    endpointDisabled: row.disabled_at !== null,
    status: row.status,
    firstAttemptHeld: row.first_attempt_held,
  };
}

/**
 * Takes a recorded event for the first attempt at it (activities/webhook-first-attempt.ts), holding it for
 * `holdSeconds`: only once, while it is pending, while the workspace has an endpoint in force, and while no other
 * event of its handover but those named (the attempt's own batch) waits for delivery, which this one could
 * overtake in the delivery workflow's queue. Returns the event with the endpoint to send it to, read in the same
 * statement; undefined when any of that does not hold, and the workflow sends it then.
 */
export async function takeForFirstAttempt(
  db: Db,
  event: { workspaceId: string; handoverId: string; eventId: string },
  batchIds: string[],
  holdSeconds: number,
): Promise<PendingDelivery | undefined> {
  const [row] = (await takeQuery(event, batchIds, holdSeconds).execute(db)).rows;
  return row && toPendingDelivery(row);
}

/**
 * The take, as one statement. The handover's other waiting events are found by the partial index of pending events by
 * handover (0024): through the workspace's pending events, a receiver down for a while (thousands waiting) made
 * every agent message's take read them all (bench/webhook-take.ts).
 */
export function takeQuery(event: { workspaceId: string; handoverId: string; eventId: string }, batchIds: string[], holdSeconds: number) {
  return sql<DeliveryRow>`
    update webhook_deliveries d set first_attempt_until = now() + make_interval(secs => ${holdSeconds})
    from webhook_endpoints e
    where d.workspace_id = ${event.workspaceId} and d.id = ${event.eventId} and d.status = 'pending' and d.first_attempt_until is null
      and e.workspace_id = d.workspace_id and e.disabled_at is null
      and not exists (
        select 1 from webhook_deliveries other
        where other.workspace_id = d.workspace_id and other.status = 'pending'
          and other.payload -> 'data' ->> 'handoverId' = ${event.handoverId} and other.id <> all(${batchIds}::text[]))
    returning d.id, d.payload, d.status, e.url, e.secret, e.previous_secrets, e.disabled_at, true as first_attempt_held`;
}

/**
 * Closes an event to first attempts before the workflow's attempt reads it: one taken later would send it a
 * second time. One already taken keeps its hold, which the workflow's attempt then waits out.
 */
export async function closeToFirstAttempt(db: Db, workspaceId: string, eventId: string): Promise<void> {
  await sql`update webhook_deliveries set first_attempt_until = '-infinity'
    where workspace_id = ${workspaceId} and id = ${eventId} and first_attempt_until is null`.execute(db);
}

/**
 * Ends a first attempt's hold on an event it did not deliver, so the workflow's attempt goes ahead: at once, or
 * after `waitSeconds` (a receiver that just failed is not asked again at once); an attempt that reached the
 * receiver is counted in the delivery log, as the workflow's are.
 */
export async function releaseFirstAttempt(
  db: Db,
  workspaceId: string,
  eventId: string,
  attempt: { statusCode: number | null; error: string } | null,
  waitSeconds = 0,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      first_attempt_until: sql<Date>`now() + make_interval(secs => ${waitSeconds})`,
      ...(attempt ? { attempts: eb('attempts', '+', 1), last_status_code: attempt.statusCode, last_error: attempt.error } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', eventId)
    .where('status', '=', 'pending')
    .execute();
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

