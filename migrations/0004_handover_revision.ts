import { type Kysely } from 'kysely';

// The workflow numbers each change of a handover's state (microseconds of workflow time, so a reset or a new run
// counts above what it replaces); the read model keeps the number of the change it shows, so a late or retried
// write of an older change can never overwrite a newer one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handovers').addColumn('revision', 'bigint', (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handovers').dropColumn('revision').execute();
}
