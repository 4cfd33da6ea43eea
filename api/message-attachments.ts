import { fieldError } from '../domain/errors.ts';
import { reserveAttachments } from '../db/attachments.ts';
import type { Db } from '../db/connect.ts';
import type { StoredAttachment } from '../db/database.ts';

/**
 * The uploads a message names, given to that message before it is accepted: 422 naming the first that is not
 * the sender's upload in this workspace (another workspace's id is not found, as any id of theirs) or that went
 * with another message. The message id is a function of its clientMessageId, so a retried request passes again.
 */
export async function requireAttachmentsFor(
  db: Db,
  workspaceId: string,
  attachmentIds: string[] | undefined,
  messageId: string,
  sender: { kind: 'apiKey' } | { kind: 'member'; memberId: string },
): Promise<StoredAttachment[]> {
  const reserved = await reserveAttachments(db, workspaceId, attachmentIds ?? [], messageId, sender);
  if (reserved.ok) return reserved.attachments;
  throw fieldError(['attachmentIds', reserved.index], reserved.message);
}
