import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// How far each member has read each handover's conversation, so the inbox can count what the assignee has not
// seen yet. One row per member and handover, moved forward only. Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handover_reads')
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('read_seq', 'integer', (col) => col.notNull().check(sql`read_seq >= 0`))
    .addColumn('read_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('handover_reads_pkey', ['handover_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('handover_reads').execute();
}
