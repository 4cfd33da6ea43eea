import { sql, type Kysely } from 'kysely';

// Files sent with messages: their metadata here, their bytes in the attachment store (local disk or S3). A
// message keeps a copy of its attachments' metadata, so every reader of messages maps one row as before.
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 255`))
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull().check(sql`size > 0`))
    .addColumn('storage_key', 'text', (col) => col.notNull())
    // Who uploaded it: an AI service's key (a customer's file) or a member (an agent's). Exactly one.
    .addColumn('uploaded_by_api_key_id', 'uuid', (col) => col.references('api_keys.id').onDelete('set null'))
    .addColumn('uploaded_by_member_id', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    // Set when a message names it (before the workflow stores that message): one message per attachment. Not a
    // foreign key, since the message row is written later, by the workflow's activity.
    .addColumn('message_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('attachments_workspace_message_idx').on('attachments').columns(['workspace_id', 'message_id']).execute();
  await db.schema
    .alterTable('messages')
    .addColumn('attachments', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('attachments').execute();
  await db.schema.dropTable('attachments').execute();
}
