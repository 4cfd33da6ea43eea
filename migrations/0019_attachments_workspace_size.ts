import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// What a workspace's files take together, for ATTACHMENT_QUOTA_BYTES: summed from this index alone (an index-only
// scan) at each upload. Exact and never out of step with the files, where a running total would need every
// deletion to keep it. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index attachments_workspace_size_idx on attachments (workspace_id) include (size)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attachments_workspace_size_idx').execute();
}
