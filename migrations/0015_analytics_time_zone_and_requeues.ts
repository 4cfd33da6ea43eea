import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Analytics by local day and with requeues counted. Each workspace keeps the IANA time zone its days are counted
// in (admins set it; UTC until they do), and each handover counts its requeues (the assignee stayed silent and it
// went back to the queue), filled in from the timeline for the handovers already stored. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('UTC')).execute();
  await db.schema
    .alterTable('handovers')
    .addColumn('requeues', 'integer', (col) => col.notNull().defaultTo(0).check(sql`requeues >= 0`))
    .execute();
  await sql`
    update handovers h set requeues = r.count
    from (select handover_id, count(*)::int as count from handover_events where type = 'requeued' group by handover_id) r
    where h.id = r.handover_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handovers').dropColumn('requeues').execute();
  await db.schema.alterTable('workspaces').dropColumn('time_zone').execute();
}
