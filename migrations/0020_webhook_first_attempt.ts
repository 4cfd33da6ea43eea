import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// The first attempt at a message's webhook (activities/webhook-first-attempt.ts) is made by the worker process
// that stored the message, while the handover's delivery workflow may run on another: the attempt holds the event
// until this time, and the workflow's attempt waits for it to end (delivered, failed, or the time passed), so a
// receiver gets an event once whichever worker sends it. Null: no first attempt was taken. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries add column first_attempt_until timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries drop column first_attempt_until`.execute(db);
}
