import { randomUUID } from 'node:crypto';
import { allowedAttachmentTypes, attachmentPath, checkUpload, cleanFileName, isInlineImage } from '../../domain/attachments.ts';
import { mayHandleHandover } from '../../domain/handover.ts';
import { AppError, fieldError } from '../../domain/errors.ts';
import { AttachmentParams, AttachmentResponse, UploadAttachmentQuery, type Attachment } from '../../domain/schemas/attachments.ts';
import { HandoverParams } from '../../domain/schemas/common.ts';
import type { Member } from '../../domain/schemas/members.ts';
import { z } from '../../domain/schemas/zod.ts';
import { attachmentBytesOf, findAttachment, insertAttachment, type Uploader } from '../../db/attachments.ts';
import type { AttachmentRow } from '../../db/database.ts';
import { listConversationHandovers } from '../../db/handovers.ts';
import { assertActive, assertAssignee, requireVisibleHandover } from '../access.ts';
import type { ApiDeps } from '../deps.ts';
import { FileReply, route } from '../route.ts';

const uploadDescription =
  'The body is the file itself (not multipart), its type in Content-Type, its name in `?name=`. Accepted: ' +
  `${allowedAttachmentTypes.join(', ')}; an image must be what its type says (its bytes are checked), SVG and HTML are never ` +
  'accepted. Answers 413 `payload_too_large` over ATTACHMENT_MAX_BYTES (10 MiB unless set), 413 `quota_exceeded` when the ' +
  'workspace\'s files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set; details.quotaBytes and usedBytes), 415 for ' +
  'another type or bytes that do not match it. ' +
  'Send the returned id in `attachmentIds` of a message; until then only its uploader can fetch it.';

/** Files sent with messages: uploaded by the AI service (a customer's) or the assignee, fetched by who may see them. */
export const attachmentRoutes = [
  route({
    method: 'post',
    path: '/attachments',
    auth: 'apiKey',
    tag: 'AI services',
    summary: "Upload a customer's file, to send with a message",
    description: uploadDescription,
    query: UploadAttachmentQuery,
    rawBody: { contentTypes: allowedAttachmentTypes },
    status: 201,
    response: AttachmentResponse,
    errors: [415],
    handler: async ({ deps, caller, query, body, req }) => ({
      attachment: await storeUpload(deps, caller.workspaceId, { kind: 'apiKey', apiKeyId: caller.apiKeyId }, query.name, req.get('content-type'), body as Buffer),
    }),
  }),
  route({
    method: 'post',
    path: '/handovers/:id/attachments',
    auth: 'member',
    tag: 'Console',
    summary: 'Upload a file to send to the customer (the assignee only)',
    description: uploadDescription,
    params: HandoverParams,
    query: UploadAttachmentQuery,
    rawBody: { contentTypes: allowedAttachmentTypes },
    status: 201,
    response: AttachmentResponse,
    errors: [409, 415],
    handler: async ({ deps, caller, params, query, body, req }) => {
      const handover = await requireVisibleHandover(deps.db, caller.member, params.id);
      assertActive(handover);
      assertAssignee(handover, caller.member);
      const uploader = { kind: 'member', memberId: caller.member.id } as const;
      return { attachment: await storeUpload(deps, caller.workspaceId, uploader, query.name, req.get('content-type'), body as Buffer) };
    },
  }),
  route({
    method: 'get',
    path: '/attachments/:id',
    auth: 'apiKeyOrMember',
    tag: 'Attachments',
    summary: 'Download a file sent with a message',
    description:
      "With the workspace's API key, any attachment of the workspace; with a session, those of handovers the member may see (403 " +
      'not_a_handover_member otherwise) and their own uploads not sent yet. Images are served inline, anything else as a download; ' +
      'always with X-Content-Type-Options: nosniff.',
    params: AttachmentParams,
    status: 200,
    response: z.string(),
    fileResponse: { contentTypes: allowedAttachmentTypes, description: 'The file, with the type it was uploaded as' },
    errors: [403],
    handler: async ({ deps, caller, params }) => {
      const attachment = await findAttachment(deps.db, caller.workspaceId, params.id);
      if (!attachment) throw new AppError('not_found', 'No such attachment');
      if ('member' in caller) await assertMayOpen(deps, caller.member, attachment);
      const bytes = await deps.attachments.store.get(attachment.storage_key);
      if (!bytes) throw new AppError('not_found', 'The file of this attachment is no longer stored');
      return new FileReply(bytes, fileHeaders(attachment));
    },
  }),
];

/**
 * Checks the file, then stores its bytes and only then its row, so a row never names missing bytes; a row that
 * cannot be written takes its bytes away again. A refused file leaves nothing behind.
 */
async function storeUpload(
  deps: ApiDeps,
  workspaceId: string,
  uploader: Uploader,
  name: string | undefined,
  declaredType: string | undefined,
  bytes: Buffer,
): Promise<Attachment> {
  const verdict = checkUpload(declaredType, bytes);
  if (!verdict.ok && verdict.reason === 'empty') {
    throw fieldError(['body'], verdict.message);
  }
  if (!verdict.ok) throw new AppError('unsupported_media_type', verdict.message, { accepted: allowedAttachmentTypes });
  const { quotaBytes } = deps.attachments;
  // A file that cannot fit is refused before its bytes are written; insertAttachment checks again, under the lock.
  if (quotaBytes !== null) {
    const usedBytes = await attachmentBytesOf(deps.db, workspaceId);
    if (usedBytes + bytes.length > quotaBytes) throw overQuota(usedBytes, quotaBytes);
  }
  const id = randomUUID();
  const storageKey = `${workspaceId}/${id}`;
  await deps.attachments.store.put(storageKey, bytes, verdict.contentType);
  let stored: Awaited<ReturnType<typeof insertAttachment>>;
  try {
    const upload = { id, workspaceId, name: cleanFileName(name), contentType: verdict.contentType, size: bytes.length, storageKey, uploader };
    stored = await insertAttachment(deps.db, upload, deps.attachments.quotaBytes);
  } catch (error) {
    await removeStored(deps, storageKey);
    throw error;
  }
  if ('overQuota' in stored) {
    await removeStored(deps, storageKey);
    throw overQuota(stored.overQuota.usedBytes, quotaBytes ?? 0);
  }
  const { row } = stored;
  return { id: row.id, name: row.name, contentType: row.content_type, size: row.size, path: attachmentPath(row.id) };
}

/** Takes back the bytes of an upload whose row was not written; a file left behind is logged (no sweep finds it). */
async function removeStored(deps: ApiDeps, storageKey: string): Promise<void> {
  await deps.attachments.store.delete(storageKey).catch((error: unknown) => {
    deps.logger.warn({ err: error, storageKey }, 'an upload refused or not recorded left its file in the store');
  });
}

function overQuota(usedBytes: number, quotaBytes: number): AppError {
  return new AppError(
    'quota_exceeded',
    `The workspace's files take ${formatMegabytes(usedBytes)} of its ${formatMegabytes(quotaBytes)}: this file does not fit. ` +
      'Files not sent with a message are deleted after a day.',
    { quotaBytes, usedBytes },
  );
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A member sees the files of a conversation whose handover they may open (the conversation view shows every
 * message of it), and their own uploads not sent yet; another member's unsent upload is not theirs to know of.
 */
async function assertMayOpen(deps: ApiDeps, member: Member, attachment: AttachmentRow & { conversation_id: string | null }): Promise<void> {
  if (attachment.conversation_id === null) {
    if (attachment.uploaded_by_member_id === member.id) return;
    throw new AppError('not_found', 'No such attachment');
  }
  const handovers = await listConversationHandovers(deps.db, member.workspaceId, attachment.conversation_id);
  if (handovers.some((handover) => mayHandleHandover(member, handover))) return;
  if (handovers.length === 0) throw new AppError('not_found', 'No such attachment');
  throw new AppError('not_a_handover_member', 'You are not selected to handle handovers in this workspace');
}

/** How the browser must treat the file: images inline, anything else downloaded; never sniffed, never cached publicly. */
function fileHeaders(attachment: AttachmentRow): Record<string, string> {
  const disposition = isInlineImage(attachment.content_type) ? 'inline' : 'attachment';
  const fallback = attachment.name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return {
    'Content-Type': attachment.content_type,
    'Content-Length': String(attachment.size),
    'Content-Disposition': `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(attachment.name)}`,
    'X-Content-Type-Options': 'nosniff',
    // The file never changes; who may see it can, so browsers keep it a short while, and shared caches never.
    'Cache-Control': 'private, max-age=300',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
