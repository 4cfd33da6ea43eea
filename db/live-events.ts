import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** The Postgres channel that carries live events across API processes. */
export const liveEventsChannel = 'handover_live';

export type LiveEventType = 'handover.updated' | 'message.created' | 'note.created';

export interface LiveEvent {
  id: string;
  workspaceId: string;
  type: LiveEventType;
  handoverId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Stores the event (so reconnecting streams can replay it) and notifies every API process on commit. A
 * workspace's events are written one at a time, so their ids come in commit order: "everything after the
 * last id a client saw" is then exactly what it missed.
 */
export async function publishLiveEvent(db: Db, event: Omit<LiveEvent, 'id'>): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await lockWorkspaceEvents(tx, event.workspaceId);
    const { id } = await tx
      .insertInto('live_events')
      .values({
        workspace_id: event.workspaceId,
        type: event.type,
        handover_id: event.handoverId,
        payload: JSON.stringify(event.payload),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`select pg_notify(${liveEventsChannel}, ${JSON.stringify({ id, workspaceId: event.workspaceId })})`.execute(tx);
    return id;
  });
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
export async function lockWorkspaceEvents(tx: Db, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`live_events:${workspaceId}`}, 0))`.execute(tx);
}
