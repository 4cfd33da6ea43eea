import { sql, type Kysely } from 'kysely';

// Saved replies admins write and agents insert in the chat box. Frozen in time: imports nothing from the app,
// so the limits are written out here (the API refuses longer input first, with a message a person can read).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull().check(sql`char_length(title) between 1 and 100`))
    .addColumn('text', 'text', (col) => col.notNull().check(sql`char_length(text) between 1 and 2000`))
    .addColumn('created_by', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Agents pick a reply by its title: two that differ only in case would look the same in the list. The index
  // also serves the list, which every query scopes to one workspace.
  await sql`create unique index canned_replies_title_key on canned_replies (workspace_id, lower(title))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('canned_replies').execute();
}
