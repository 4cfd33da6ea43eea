import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// A member's place held while their claim (or a transfer to them) is on its way to the handover's workflow, so
// that claims sent at once cannot each find the member under maxConcurrentPerAgent. A reservation counts only while
// its Update could still land (a claim: the handover is pending; a transfer: someone else holds it), ends when the
// answer is known, and by itself when the API process that made it died first. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('capacity_reservations')
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('claim', 'transfer')`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('capacity_reservations_pkey', ['member_id', 'handover_id'])
    .execute();
  await db.schema.createIndex('capacity_reservations_handover_idx').on('capacity_reservations').column('handover_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('capacity_reservations').execute();
}
