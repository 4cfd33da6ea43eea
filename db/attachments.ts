import { sql } from 'kysely';
import type { Db } from './connect.ts';
import type { AttachmentRow, StoredAttachment } from './database.ts';
import { isUuid } from './ids.ts';

/** Who uploaded a file: an AI service (any key of the workspace) for a customer, or the member who will send it. */
export type Uploader = { kind: 'apiKey'; apiKeyId: string } | { kind: 'member'; memberId: string };

export interface NewAttachment {
  id: string;
  workspaceId: string;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
  uploader: Uploader;
}

/**
 * Stores an upload's row, unless the workspace's files would then take more than `quotaBytes` together (null: no
 * limit): then nothing is written and the answer says what they take. Uploads of one workspace take turns for the
 * check (a transaction-scoped advisory lock: nothing else waits on it), so uploads at once cannot each find room
 * for one more; deletions need no turn, as they only free space. (Read committed, the pool's level, is what lets
 * the sum after the lock see the insert of the upload before.) The sum reads the covering index, so it costs more
 * as a workspace keeps more files: about 20 ms at 200,000.
 */
export async function insertAttachment(
  db: Db,
  attachment: NewAttachment,
  quotaBytes: number | null,
): Promise<{ row: AttachmentRow } | { overQuota: { usedBytes: number } }> {
  return db.transaction().execute(async (tx) => {
    if (quotaBytes !== null) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`attachments:${attachment.workspaceId}`}, 0))`.execute(tx);
      const usedBytes = await attachmentBytesOf(tx, attachment.workspaceId);
      if (usedBytes + attachment.size > quotaBytes) return { overQuota: { usedBytes } };
    }
    const row = await tx
      .insertInto('attachments')
      .values({
        id: attachment.id,
        workspace_id: attachment.workspaceId,
        name: attachment.name,
        content_type: attachment.contentType,
        size: attachment.size,
        storage_key: attachment.storageKey,
        uploaded_by_api_key_id: attachment.uploader.kind === 'apiKey' ? attachment.uploader.apiKeyId : null,
        uploaded_by_member_id: attachment.uploader.kind === 'member' ? attachment.uploader.memberId : null,
        created_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row };
  });
}

/** What the workspace's files take together now (from attachments_workspace_size_idx alone). */
export async function attachmentBytesOf(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('size'), sql<string>`0`).as('bytes'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}

/** An attachment of the workspace, with the conversation of its message once that message is stored. */
export async function findAttachment(
  db: Db,
  workspaceId: string,
  attachmentId: string,
): Promise<(AttachmentRow & { conversation_id: string | null }) | undefined> {
  if (!isUuid(attachmentId)) return undefined;
  return db
    .selectFrom('attachments')
    .leftJoin('messages', (join) =>
      join.onRef('messages.id', '=', 'attachments.message_id').onRef('messages.workspace_id', '=', 'attachments.workspace_id'),
    )
    .selectAll('attachments')
    .select('messages.conversation_id')
    .where('attachments.workspace_id', '=', workspaceId)
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
}

export type ReservedAttachments = { ok: true; attachments: StoredAttachment[] } | { ok: false; index: number; message: string };

/**
 * Gives the named uploads to one message, in the order named. Each may go with one message only: naming it again
 * for the same message (a retried request, whose message id is the same) is fine, for another it is refused. An
 * id that is not an upload of this sender in this workspace is refused alike, without saying whether it exists.
 */
export async function reserveAttachments(
  db: Db,
  workspaceId: string,
  attachmentIds: string[],
  messageId: string,
  sender: { kind: 'apiKey' } | { kind: 'member'; memberId: string },
): Promise<ReservedAttachments> {
  if (attachmentIds.length === 0) return { ok: true, attachments: [] };
  return db.transaction().execute(async (tx) => {
    const ids = attachmentIds.filter(isUuid);
    const rows = ids.length === 0
      ? []
      : await tx.selectFrom('attachments').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const attachments: StoredAttachment[] = [];
    for (const [index, id] of attachmentIds.entries()) {
      const row = byId.get(id);
      const isSenders = row && (sender.kind === 'apiKey' ? row.uploaded_by_api_key_id !== null || row.uploaded_by_member_id === null : row.uploaded_by_member_id === sender.memberId);
      if (!row || !isSenders) return { ok: false, index, message: 'No file you uploaded has this id' };
      if (attachmentIds.indexOf(id) !== index) return { ok: false, index, message: 'This file is named twice' };
      if (row.message_id !== null && row.message_id !== messageId) return { ok: false, index, message: 'This file was sent with another message' };
      attachments.push({ id: row.id, name: row.name, contentType: row.content_type, size: row.size });
    }
    await tx
      .updateTable('attachments')
      .set({ message_id: messageId })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', attachmentIds)
      .where('message_id', 'is', null)
      .execute();
    return { ok: true, attachments };
  });
}

/**
 * Deletes up to `limit` uploads no message named and older than `olderThanHours`, handing their storage keys to
 * `removeFiles` before the deletion commits: should removing the files fail, the rows stay for the next pass. The
 * rows are locked as they are deleted, so a message naming one meanwhile waits, then finds it gone (422), and one
 * that named it first (message_id set) keeps it. Returns how many went.
 */
export async function deleteUnsentAttachments(
  db: Db,
  options: { olderThanHours: number; limit: number },
  removeFiles: (storageKeys: string[]) => Promise<void>,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const deleted = await tx
      .deleteFrom('attachments')
      .where('id', 'in', (select) =>
        select
          .selectFrom('attachments')
          .select('id')
          .where('message_id', 'is', null)
          .where('created_at', '<', new Date(Date.now() - options.olderThanHours * 3_600_000))
          .limit(options.limit)
          .forUpdate()
          .skipLocked(),
      )
      .where('message_id', 'is', null)
      .returning('storage_key')
      .execute();
    await removeFiles(deleted.map((row) => row.storage_key));
    return deleted.length;
  });
}
