import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('customer', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ai_paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('closed_at', 'timestamptz')
    // The last message sequence number handed out; bumped in the transaction that inserts a message.
    .addColumn('last_seq', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('conversations_external_key', ['workspace_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('handovers')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (col) => col.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('pending', 'in_progress', 'completed', 'missed')`),
    )
    .addColumn('trigger', 'text', (col) =>
      col.notNull().check(sql`trigger in ('user_request', 'ai_escalation', 'keyword', 'sentiment', 'other')`),
    )
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('customer', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('metadata', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('policy', 'jsonb', (col) => col.notNull())
    .addColumn('assignee_id', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('escalation_level', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('requested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('outcome', 'text', (col) =>
      col.check(sql`outcome in ('resolved', 'unresolved', 'returned_to_ai', 'closed', 'timed_out', 'customer_left')`),
    )
    .addColumn('ai_resumed', 'boolean')
    .addColumn('rating_score', 'integer', (col) => col.check(sql`rating_score between 1 and 5`))
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'timestamptz')
    .addColumn('transfers', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // One active handover per conversation: the database, not only the code, holds the line.
  await sql`create unique index handovers_one_active_per_conversation on handovers (conversation_id)
    where status in ('pending', 'in_progress')`.execute(db);
  // The queue and the lists: by status, newest or oldest first.
  await db.schema
    .createIndex('handovers_workspace_status_requested_idx')
    .on('handovers')
    .columns(['workspace_id', 'status', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('handovers_workspace_assignee_status_idx')
    .on('handovers')
    .columns(['workspace_id', 'assignee_id', 'status'])
    .execute();
  // Analytics read handovers by the period they were requested in.
  await db.schema
    .createIndex('handovers_workspace_requested_idx')
    .on('handovers')
    .columns(['workspace_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (col) => col.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.references('handovers.id').onDelete('set null'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('sender', 'text', (col) => col.notNull().check(sql`sender in ('customer', 'ai', 'agent', 'system')`))
    .addColumn('author_id', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('client_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('messages_conversation_seq_key', ['conversation_id', 'seq'])
    // A sender's retry is stored once; customer and agent ids live in separate namespaces.
    .addUniqueConstraint('messages_conversation_client_id_key', ['conversation_id', 'sender', 'client_message_id'])
    .execute();
  await db.schema.createIndex('messages_handover_idx').on('messages').columns(['handover_id', 'seq']).execute();

  await db.schema
    .createTable('internal_notes')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (col) => col.references('members.id').onDelete('set null'))
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('internal_notes_handover_idx').on('internal_notes').columns(['handover_id', 'created_at']).execute();

  // Append-only audit trail; dedupe_key makes a retried activity write its event once.
  await db.schema
    .createTable('handover_events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_name', 'text')
    .addColumn('data', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('dedupe_key', 'text', (col) => col.notNull().unique())
    .execute();
  await db.schema.createIndex('handover_events_handover_idx').on('handover_events').columns(['handover_id', 'id']).execute();

  // The live stream's log: SSE event ids are these ids, so Last-Event-ID replays what a client missed.
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('handover_id', 'uuid')
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('live_events_workspace_idx').on('live_events').columns(['workspace_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['live_events', 'handover_events', 'internal_notes', 'messages', 'handovers', 'conversations']) {
    await db.schema.dropTable(table).execute();
  }
}
