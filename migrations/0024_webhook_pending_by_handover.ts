import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// The first attempt at a message's webhook takes it only while no other event of its handover waits for delivery
// (db/webhook-outbox.ts, takeQuery). It looked for those among the workspace's pending events, which a receiver down
// for a while grows into the thousands: every agent message then read them all (about 9 ms a take at 20,000
// pending, under 1 ms by this index: bench/webhook-take.ts). This partial index finds a handover's own.
//
// Built CONCURRENTLY, outside a transaction (`transactional` below), so that message writes, which record their
// events in this table, go on while it is built over the whole table. It waits for every transaction older than it,
// the running service's included. A build that failed leaves an invalid index behind, which the next run drops and
// builds again. Frozen in time.
export const transactional = false;

const name = 'webhook_deliveries_pending_handover_idx';

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ${name}`.execute(db);
  if (rows[0]?.valid === false) await sql`drop index concurrently ${sql.ref(name)}`.execute(db);
  await sql`
    create index concurrently if not exists ${sql.ref(name)} on webhook_deliveries (workspace_id, (payload -> 'data' ->> 'handoverId'))
    where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index concurrently if exists ${sql.ref(name)}`.execute(db);
}
