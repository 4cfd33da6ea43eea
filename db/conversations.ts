import { sql } from 'kysely';
import { activeStatuses } from '../domain/handover.ts';
import type { Customer } from '../domain/schemas/handovers.ts';
import type { Db } from './connect.ts';
import type { ConversationRow } from './database.ts';

/** Finds or creates the conversation an AI service names by its own id; a newer customer record is merged in. */
export async function upsertConversation(
  db: Db,
  workspaceId: string,
  externalId: string,
  customer: Customer = {},
): Promise<ConversationRow> {
  return db
    .insertInto('conversations')
    .values({ workspace_id: workspaceId, external_id: externalId, customer: JSON.stringify(customer) })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'external_id']).doUpdateSet({
        customer: sql`conversations.customer || excluded.customer`,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findConversation(db: Db, workspaceId: string, externalId: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export interface CustomerMessageRoute {
  conversationId: string;
  /** The message, when this clientMessageId was stored before (a retried request). */
  stored: { id: string; handoverId: string | null } | null;
  activeHandoverId: string | null;
}

/** Where a customer message goes, in one read: its conversation, the message if stored before, the active handover. */
export async function findCustomerMessageRoute(
  db: Db,
  workspaceId: string,
  externalId: string,
  clientMessageId: string,
): Promise<CustomerMessageRoute | undefined> {
  const row = await db
    .selectFrom('conversations')
    .leftJoin('messages', (join) =>
      join
        .onRef('messages.conversation_id', '=', 'conversations.id')
        .onRef('messages.workspace_id', '=', 'conversations.workspace_id')
        .on('messages.sender', '=', 'customer')
        .on('messages.client_message_id', '=', clientMessageId),
    )
    // At most one: a partial unique index allows one active handover per conversation.
    .leftJoin('handovers', (join) =>
      join
        .onRef('handovers.conversation_id', '=', 'conversations.id')
        .onRef('handovers.workspace_id', '=', 'conversations.workspace_id')
        .on('handovers.status', 'in', activeStatuses),
    )
    .select(['conversations.id as conversationId', 'messages.id as storedId', 'messages.handover_id as storedHandoverId', 'handovers.id as activeHandoverId'])
    .where('conversations.workspace_id', '=', workspaceId)
    .where('conversations.external_id', '=', externalId)
    .executeTakeFirst();
  return (
    row && {
      conversationId: row.conversationId,
      stored: row.storedId ? { id: row.storedId, handoverId: row.storedHandoverId } : null,
      activeHandoverId: row.activeHandoverId,
    }
  );
}

export async function setAiPaused(db: Db, workspaceId: string, conversationId: string, aiPaused: boolean): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ ai_paused: aiPaused, updated_at: new Date(), ...(aiPaused ? { closed_at: null } : {}) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .execute();
}

export async function closeConversation(db: Db, workspaceId: string, conversationId: string): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ ai_paused: false, closed_at: new Date(), updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .execute();
}

/**
 * The conversation the AI service names, and its active handover's id (null when none): one indexed read, for
 * calls as frequent as typing reports.
 */
export async function findConversationWithActiveHandover(
  db: Db,
  workspaceId: string,
  externalId: string,
): Promise<{ conversationId: string; activeHandoverId: string | null } | undefined> {
  return db
    .selectFrom('conversations')
    .leftJoin('handovers', (join) =>
      join
        .onRef('handovers.conversation_id', '=', 'conversations.id')
        .onRef('handovers.workspace_id', '=', 'conversations.workspace_id')
        .on('handovers.status', 'in', activeStatuses),
    )
    .select(['conversations.id as conversationId', 'handovers.id as activeHandoverId'])
    .where('conversations.workspace_id', '=', workspaceId)
    .where('conversations.external_id', '=', externalId)
    .executeTakeFirst();
}
