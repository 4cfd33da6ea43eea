import type { Kysely } from 'kysely';

// A member's place held while their claim (or a transfer to them) is on its way to the handover's workflow, so
// that claims sent at once cannot each find the member under maxConcurrentPerAgent. A reservation ends when the
// answer is known, or by itself when the API process that made it died first. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('capacity_reservations')
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('capacity_reservations_pkey', ['member_id', 'handover_id'])
    .execute();
  await db.schema.createIndex('capacity_reservations_handover_idx').on('capacity_reservations').column('handover_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('capacity_reservations').execute();
}
