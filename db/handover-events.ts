import { sql } from 'kysely';
import type { HandoverEventType } from '../domain/handover.ts';
import type { HandoverEvent } from '../domain/schemas/handovers.ts';
import type { Db } from './connect.ts';

export interface NewHandoverEvent {
  workspaceId: string;
  handoverId: string;
  type: HandoverEventType;
  actor: { id: string | null; name: string } | null;
  data?: Record<string, unknown>;
  at?: Date;
  /** A business key (handover id plus step) so a retried activity records its event once. */
  dedupeKey: string;
}

export async function recordHandoverEvent(db: Db, event: NewHandoverEvent): Promise<void> {
  await db
    .insertInto('handover_events')
    .values({
      workspace_id: event.workspaceId,
      handover_id: event.handoverId,
      type: event.type,
      actor_id: event.actor?.id ?? null,
      actor_name: event.actor?.name ?? null,
      data: JSON.stringify(event.data ?? {}),
      dedupe_key: event.dedupeKey,
      ...(event.at ? { at: event.at } : {}),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The notes typed into End Handover, which the timeline's `ended` entries keep; the caller picks the handover. */
export function selectEndNotes(db: Db, workspaceId: string) {
  return db
    .selectFrom('handover_events')
    .select(sql<string | null>`handover_events.data->>'note'`.as('note'))
    .where('handover_events.workspace_id', '=', workspaceId)
    .where('handover_events.type', '=', 'ended');
}

/** The note typed into End Handover; null without one. */
export async function findEndNote(db: Db, workspaceId: string, handoverId: string): Promise<string | null> {
  const row = await selectEndNotes(db, workspaceId).where('handover_events.handover_id', '=', handoverId).executeTakeFirst();
  return row?.note ?? null;
}

export async function listHandoverEvents(db: Db, workspaceId: string, handoverId: string): Promise<HandoverEvent[]> {
  const rows = await db
    .selectFrom('handover_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('handover_id', '=', handoverId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type as HandoverEvent['type'],
    at: row.at.toISOString(),
    actor: row.actor_name === null ? null : { id: row.actor_id, name: row.actor_name },
    data: row.data,
  }));
}

/** How many events of this type the handover's timeline holds (its requeues, say). */
export async function countHandoverEvents(db: Db, workspaceId: string, handoverId: string, type: HandoverEventType): Promise<number> {
  const row = await db
    .selectFrom('handover_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('handover_id', '=', handoverId)
    .where('type', '=', type)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
