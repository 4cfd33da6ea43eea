import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Sender } from '../domain/handover.ts';
import type { Message } from '../domain/schemas/handovers.ts';
import type { Db, Tx } from './connect.ts';
import { addHandoverWords } from './handover-words.ts';
import { isUuid } from './ids.ts';
import { attachmentPath } from '../domain/attachments.ts';
import type { MessageRow, StoredAttachment } from './database.ts';

export interface NewMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  handoverId: string | null;
  sender: Sender;
  author: { id: string; name: string } | null;
  body: string;
  clientMessageId: string;
  /** Files sent with it, already reserved for this message (db/attachments.ts). */
  attachments?: StoredAttachment[];
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
  const [appended] = await db.transaction().execute(async (tx) => {
    await lockConversation(tx, message.workspaceId, message.conversationId);
    return appendLockedMessages(tx, [message], guard);
  });
  return appended!;
}

/** Takes the conversation's row lock until the transaction ends: the one lock every append of it takes. */
export async function lockConversation(tx: Tx, workspaceId: string, conversationId: string): Promise<void> {
  await tx
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Appends messages of one conversation, in order, under the lock `lockConversation` took in this transaction,
 * in three statements whatever their number (and the guard): those stored before (by sender and
 * clientMessageId) are returned as they are, the others take the next seqs. `created` is true once per stored
 * row, for the first message that names it.
 */
export async function appendLockedMessages(
  tx: Tx,
  messages: NewMessage[],
  guard?: (tx: Db) => Promise<void>,
): Promise<{ row: MessageRow; created: boolean }[]> {
  const first = messages[0];
  if (!first) return [];
  if (messages.some((message) => message.conversationId !== first.conversationId || message.workspaceId !== first.workspaceId)) {
    throw new Error('appendLockedMessages: messages of one conversation only');
  }
  const keyOf = (sender: string, clientMessageId: string | null) => `${sender}\n${clientMessageId}`;
  const stored = await tx
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', first.workspaceId)
    .where('conversation_id', '=', first.conversationId)
    .where((eb) => eb.or(messages.map((m) => eb.and([eb('sender', '=', m.sender), eb('client_message_id', '=', m.clientMessageId)]))))
    .execute();
  const rows = new Map(stored.map((row) => [keyOf(row.sender, row.client_message_id), row]));
  // The messages to store, once each (a batch may name one twice), in batch order.
  const fresh = new Map<string, NewMessage>();
  for (const message of messages) {
    const key = keyOf(message.sender, message.clientMessageId);
    if (!rows.has(key) && !fresh.has(key)) fresh.set(key, message);
  }
  if (fresh.size > 0) {
    await guard?.(tx);
    const { last_seq: lastSeq } = await tx
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', fresh.size) }))
      .where('workspace_id', '=', first.workspaceId)
      .where('id', '=', first.conversationId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const inserted = await tx
      .insertInto('messages')
      .values(
        [...fresh.values()].map((message, index) => ({
          id: message.id,
          workspace_id: message.workspaceId,
          conversation_id: message.conversationId,
          handover_id: message.handoverId,
          seq: lastSeq - fresh.size + 1 + index,
          sender: message.sender,
          author_id: message.author?.id ?? null,
          author_name: message.author?.name ?? null,
          body: message.body,
          client_message_id: message.clientMessageId,
          attachments: JSON.stringify(message.attachments ?? []),
          created_at: message.createdAt ?? sql<Date>`now()`,
        })),
      )
      .returningAll()
      .execute();
    for (const row of inserted) rows.set(keyOf(row.sender, row.client_message_id), row);
    // Searchable as they are stored, by the handover each belongs to.
    const bodiesByHandover = new Map<string | null, string[]>();
    for (const message of fresh.values()) {
      bodiesByHandover.set(message.handoverId, [...(bodiesByHandover.get(message.handoverId) ?? []), message.body]);
    }
    for (const [handoverId, bodies] of bodiesByHandover) {
      await addHandoverWords(tx, { workspaceId: first.workspaceId, conversationId: first.conversationId, handoverId }, bodies);
    }
  }
  const announced = new Set<string>();
  return messages.map((message) => {
    const key = keyOf(message.sender, message.clientMessageId);
    const created = fresh.has(key) && !announced.has(key);
    announced.add(key);
    return { row: rows.get(key)!, created };
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
    attachments: row.attachments.map((attachment) => ({ ...attachment, path: attachmentPath(attachment.id) })),
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
