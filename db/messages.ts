import { createHash } from 'node:crypto';
import type { Sender } from '../domain/handover.ts';
import type { Message } from '../domain/schemas/handovers.ts';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import type { MessageRow } from './database.ts';

export interface NewMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  handoverId: string | null;
  sender: Sender;
  author: { id: string; name: string } | null;
  body: string;
  clientMessageId: string;
  createdAt?: Date;
}

/**
 * The id of a message is a function of where it belongs and the sender's clientMessageId, so a retried
 * request is answered with the same id before anything is stored (the workflow stores it later).
 */
export function messageIdFor(
  workspaceId: string,
  conversationExternalId: string,
  sender: Sender,
  clientMessageId: string,
): string {
  const hex = createHash('sha256')
    .update(`${workspaceId}\n${conversationExternalId}\n${sender}\n${clientMessageId}`)
    .digest('hex');
  // Shaped as a version-8 (custom) UUID so it fits the uuid column.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Appends a message with the conversation's next seq, once: a second call with the same clientMessageId
 * returns the stored message. The conversation row lock serializes concurrent appends.
 */
export async function appendMessage(
  db: Db,
  message: NewMessage,
  /** Runs under the conversation lock before a new message is inserted; throw to refuse it. */
  guard?: (tx: Db) => Promise<void>,
): Promise<{ row: MessageRow; created: boolean }> {
  return db.transaction().execute(async (tx) => {
    await tx
      .selectFrom('conversations')
      .select('id')
      .where('id', '=', message.conversationId)
      .where('workspace_id', '=', message.workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const existing = await tx
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', message.conversationId)
      .where('sender', '=', message.sender)
      .where('client_message_id', '=', message.clientMessageId)
      .executeTakeFirst();
    if (existing) return { row: existing, created: false };
    await guard?.(tx);
    const { last_seq: seq } = await tx
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('id', '=', message.conversationId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('messages')
      .values({
        id: message.id,
        workspace_id: message.workspaceId,
        conversation_id: message.conversationId,
        handover_id: message.handoverId,
        seq,
        sender: message.sender,
        author_id: message.author?.id ?? null,
        author_name: message.author?.name ?? null,
        body: message.body,
        client_message_id: message.clientMessageId,
        ...(message.createdAt ? { created_at: message.createdAt } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, created: true };
  });
}

export function toMessage(row: MessageRow, conversationExternalId: string): Message {
  return {
    id: row.id,
    conversationId: conversationExternalId,
    handoverId: row.handover_id,
    seq: row.seq,
    sender: row.sender,
    author: row.author_id && row.author_name ? { id: row.author_id, name: row.author_name } : null,
    body: row.body,
    clientMessageId: row.client_message_id,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listMessages(
  db: Db,
  workspaceId: string,
  conversationId: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(options.limit ?? 1000)
    .execute();
}

export async function findMessage(db: Db, workspaceId: string, messageId: string): Promise<MessageRow | undefined> {
  if (!isUuid(messageId)) return undefined;
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .executeTakeFirst();
}

export async function findMessageByClientId(
  db: Db,
  workspaceId: string,
  conversationId: string,
  sender: Sender,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', sender)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}
