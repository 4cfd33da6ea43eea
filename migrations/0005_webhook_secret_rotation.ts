import { type Kysely } from 'kysely';

// A rotated (or replaced) webhook secret keeps signing deliveries, beside the new one, until its expiry, so that
// a receiver can switch to the new secret without refusing anything in between.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhook_endpoints')
    // Readable for the same reason as `secret`: signing needs it. Never logged, never returned.
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_endpoints').dropColumn('previous_secret').dropColumn('previous_secret_expires_at').execute();
}
