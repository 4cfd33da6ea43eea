import type { Selectable } from 'kysely';
import type { CannedReply } from '../domain/schemas/canned-replies.ts';
import type { Db } from './connect.ts';
import type { CannedRepliesTable } from './database.ts';
import { isUuid } from './ids.ts';

/** What a save answers when another reply of the workspace has the title already, whatever its case. */
export const titleTaken = 'title_taken';

function toCannedReply(row: Selectable<CannedRepliesTable>): CannedReply {
  return { id: row.id, title: row.title, text: row.text, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

/** The unique index on the lower-cased title decides, so two admins saving the same title at once cannot both win. */
function isTitleTaken(error: unknown): boolean {
  const candidate = error as { code?: string; constraint?: string } | undefined;
  return candidate?.code === '23505' && candidate.constraint === 'canned_replies_title_key';
}

/** The workspace's replies by title, as agents look them up. */
export async function listCannedReplies(db: Db, workspaceId: string): Promise<CannedReply[]> {
  const rows = await db
    .selectFrom('canned_replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy((eb) => eb.fn('lower', ['title']))
    .orderBy('id')
    .execute();
  return rows.map(toCannedReply);
}

export async function findCannedReply(db: Db, workspaceId: string, id: string): Promise<CannedReply | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('canned_replies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toCannedReply(row);
}

export async function insertCannedReply(
  db: Db,
  reply: { workspaceId: string; title: string; text: string; createdBy: string | null },
): Promise<CannedReply | typeof titleTaken> {
  try {
    const row = await db
      .insertInto('canned_replies')
      .values({ workspace_id: reply.workspaceId, title: reply.title, text: reply.text, created_by: reply.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCannedReply(row);
  } catch (error) {
    if (isTitleTaken(error)) return titleTaken;
    throw error;
  }
}

/** The reply as changed, undefined when the workspace has no such reply. */
export async function updateCannedReply(
  db: Db,
  workspaceId: string,
  id: string,
  changes: { title?: string | undefined; text?: string | undefined },
): Promise<CannedReply | typeof titleTaken | undefined> {
  if (!isUuid(id)) return undefined;
  try {
    const row = await db
      .updateTable('canned_replies')
      .set({
        ...(changes.title === undefined ? {} : { title: changes.title }),
        ...(changes.text === undefined ? {} : { text: changes.text }),
        updated_at: new Date(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toCannedReply(row);
  } catch (error) {
    if (isTitleTaken(error)) return titleTaken;
    throw error;
  }
}

/** The reply as it was, undefined when the workspace has no such reply. */
export async function deleteCannedReply(db: Db, workspaceId: string, id: string): Promise<CannedReply | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.deleteFrom('canned_replies').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
  return row && toCannedReply(row);
}
