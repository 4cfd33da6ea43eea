import { sql, type Kysely } from 'kysely';

// The customer context beside a conversation finds the customer's other handovers by conversation and by email.
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // Emails are matched without regard to case, so the index holds the lowered address; workspace first, as every
  // query is scoped to one.
  await sql`create index handovers_workspace_customer_email_idx on handovers (workspace_id, lower(customer ->> 'email'))`.execute(db);
  // The only index on conversation_id covered active handovers; the context reads ended ones too, newest first.
  await db.schema.createIndex('handovers_conversation_requested_idx').on('handovers').columns(['conversation_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('handovers_conversation_requested_idx').execute();
  await db.schema.dropIndex('handovers_workspace_customer_email_idx').execute();
}
