import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handover_settings')
    .addColumn('workspace_id', 'uuid', (col) => col.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('return_to_ai', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('max_concurrent_per_agent', 'integer')
    .addColumn('assignee_response_seconds', 'integer')
    .addColumn('customer_silence_seconds', 'integer')
    .addColumn('escalation', 'jsonb', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // The members selected in the Human Handover settings: notified, and allowed to see and claim.
  await db.schema
    .createTable('handover_members')
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('handover_members_pkey', ['workspace_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('workspace_id', 'uuid', (col) => col.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull())
    // Kept readable because signing needs it; never logged, never returned after creation.
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed', 'skipped')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_workspace_status_idx')
    .on('webhook_deliveries')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhook_endpoints', 'handover_members', 'handover_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
