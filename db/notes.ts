import type { InternalNote } from '../domain/schemas/handovers.ts';
import type { Db } from './connect.ts';

export async function insertNote(
  db: Db,
  note: { workspaceId: string; handoverId: string; author: { id: string; name: string }; body: string },
): Promise<InternalNote> {
  const row = await db
    .insertInto('internal_notes')
    .values({
      workspace_id: note.workspaceId,
      handover_id: note.handoverId,
      author_id: note.author.id,
      author_name: note.author.name,
      body: note.body,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, handoverId: row.handover_id, author: note.author, body: row.body, createdAt: row.created_at.toISOString() };
}

export async function listNotes(db: Db, workspaceId: string, handoverId: string): Promise<InternalNote[]> {
  const rows = await db
    .selectFrom('internal_notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('handover_id', '=', handoverId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    handoverId: row.handover_id,
    author: { id: row.author_id ?? '', name: row.author_name },
    body: row.body,
    createdAt: row.created_at.toISOString(),
  }));
}
