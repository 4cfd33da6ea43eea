import { sql } from 'kysely';
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
