import { sql, type Kysely } from 'kysely';

// Accounts by one-time links: invitations a member accepts by choosing their own password, and password resets.
// Only the SHA-256 of each link's token is stored. Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // An invitation is not a member: the member row is made when it is accepted. So an invitation can exist for an
  // address that already has an account elsewhere (emails are unique across workspaces) without telling the admin.
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('admin', 'supervisor', 'agent')`))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('invited_by', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('member_id', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  // One open invitation per address and workspace (expired ones included: a new one replaces them).
  await sql`create unique index invitations_open_email_key on invitations (workspace_id, lower(email))
    where accepted_at is null and revoked_at is null`.execute(db);

  // At most one live link per member: a new request deletes the previous one, using it deletes it.
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('password_resets_member_idx').on('password_resets').column('member_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
  await db.schema.dropTable('invitations').execute();
}
