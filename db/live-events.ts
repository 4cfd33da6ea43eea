import { sql } from 'kysely';
import type { Db, Tx } from './connect.ts';

/** The Postgres channel that carries live events across API processes. */
export const liveEventsChannel = 'handover_live';

export const liveEventTypes = ['handover.updated', 'message.created', 'note.created'] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

export interface LiveEvent {
  id: string;
  workspaceId: string;
  type: LiveEventType;
  handoverId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Events that are news only for a moment (someone typing): notified to the streams listening now, never stored,
 * so never replayed after a reconnect, and with no id (the stream sends them without one, so a browser's
 * Last-Event-ID keeps naming the last stored event).
 */
export const ephemeralEventTypes = ['typing', 'access.changed'] as const;
export type EphemeralEventType = (typeof ephemeralEventTypes)[number];

export interface EphemeralEvent {
  ephemeral: true;
  workspaceId: string;
  type: EphemeralEventType;
  /** The handover it is about; null for `access.changed`, which is about members. */
  handoverId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Notifies every API process of an ephemeral event, on the live events' channel but without a row. Outside any
 * transaction: it goes out at once. Keep the payload small (NOTIFY takes under 8000 bytes).
 */
export async function notifyEphemeralEvent(db: Db, event: Omit<EphemeralEvent, 'ephemeral'>): Promise<void> {
  const notification = JSON.stringify({ ephemeral: true, ...event });
  await sql`select pg_notify(${liveEventsChannel}, ${notification})`.execute(db);
}

/**
 * Tells every API process that a member's access changed (signed out, deactivated, role or team changed), or,
 * without a member, everyone's: their open streams re-check who listens at once. Never sent to a browser.
 */
export function notifyAccessChanged(db: Db, workspaceId: string, memberId?: string): Promise<void> {
  return notifyEphemeralEvent(db, { workspaceId, type: 'access.changed', handoverId: null, payload: memberId ? { memberId } : {} });
}

/**
 * Stores the event (so reconnecting streams can replay it) and notifies every API process on commit. A
 * workspace's events are written one at a time, so their ids come in commit order: "everything after the
 * last id a client saw" is then exactly what it missed.
 */
export async function publishLiveEvent(db: Db, event: Omit<LiveEvent, 'id'>): Promise<string> {
  const [id] = await db.transaction().execute((tx) => insertLiveEvents(tx, event.workspaceId, [event]));
  return id!;
}

/**
 * A notification carries the whole event when it is this small (a chat line, a claim), else only its id, read
 * back by the listener. NOTIFY allows under 8000 bytes, but every notification waits in PostgreSQL's queue
 * (8 GB) until the slowest listener has read it: small ones keep a lagging listener from filling it.
 */
const inlineNotificationBytes = 2000;

/**
 * `publishLiveEvent` for several events of a workspace inside the caller's transaction, in order: the
 * workspace's event lock, then the rows and their notifications in one statement. Take it last in a
 * transaction, so the lock is held only until the commit.
 */
export async function insertLiveEvents(
  tx: Tx,
  workspaceId: string,
  events: Omit<LiveEvent, 'id' | 'workspaceId'>[],
): Promise<string[]> {
  if (events.length === 0) return [];
  await lockWorkspaceEvents(tx, workspaceId);
  // pg_notify is volatile, so PostgreSQL calls it after the ORDER BY: the notifications go out in id order.
  const { rows } = await sql<{ id: string }>`
    with inserted as (
      insert into live_events (workspace_id, type, handover_id, payload)
      select ${workspaceId}, event.type, event.handover_id, event.payload
      from jsonb_to_recordset(${JSON.stringify(events.map((event, n) => ({ n, type: event.type, handover_id: event.handoverId, payload: event.payload })))}::jsonb)
        as event(n int, type text, handover_id uuid, payload jsonb)
      order by event.n
      returning id, type, handover_id, payload
    ), notification as (
      select id, json_build_object('id', id::text, 'workspaceId', ${workspaceId}::text, 'type', type, 'handoverId', handover_id, 'payload', payload)::text as whole
      from inserted
    )
    select notification.id,
      pg_notify(${liveEventsChannel}, case when octet_length(whole) <= ${inlineNotificationBytes} then whole
        else json_build_object('id', notification.id::text, 'workspaceId', ${workspaceId}::text)::text end)
    from notification order by notification.id`.execute(tx);
  return rows.map((row) => row.id);
}

export async function listLiveEventsAfter(db: Db, workspaceId: string, afterId: string, limit = 500): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom('live_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    type: row.type as LiveEventType,
    handoverId: row.handover_id,
    payload: row.payload,
  }));
}

export async function latestLiveEventId(db: Db, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.id ?? '0';
}

export async function findLiveEvent(db: Db, workspaceId: string, id: string): Promise<LiveEvent | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const row = await db.selectFrom('live_events').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id, type: row.type as LiveEventType, handoverId: row.handover_id, payload: row.payload };
}

/** Held until the transaction ends: the next event of the workspace takes its id only after this one commits. */
export async function lockWorkspaceEvents(tx: Tx, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`live_events:${workspaceId}`}, 0))`.execute(tx);
}

/**
 * How full PostgreSQL's notification queue is (0 to 1). Every notification waits there until the slowest
 * listening connection has read it; when it is full, every transaction that notifies fails at commit.
 */
export async function notificationQueueUsage(db: Db): Promise<number> {
  const { rows } = await sql<{ usage: number }>`select pg_notification_queue_usage() as usage`.execute(db);
  return Number(rows[0]?.usage ?? 0);
}
