import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Every secret replaced within its day keeps signing until that day is over, not only the last one: an admin
// who rotates twice before the receiver switched would otherwise cut the receiver off. The previous secret and
// its end move into a list, newest first. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhook_endpoints')
    .addColumn('previous_secrets', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`
    update webhook_endpoints
    set previous_secrets = jsonb_build_array(jsonb_build_object('secret', previous_secret, 'expiresAt', previous_secret_expires_at))
    where previous_secret is not null and previous_secret_expires_at > now()`.execute(db);
  await db.schema.alterTable('webhook_endpoints').dropColumn('previous_secret').dropColumn('previous_secret_expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_endpoints').addColumn('previous_secret', 'text').addColumn('previous_secret_expires_at', 'timestamptz').execute();
  await sql`
    update webhook_endpoints
    set previous_secret = previous_secrets -> 0 ->> 'secret', previous_secret_expires_at = (previous_secrets -> 0 ->> 'expiresAt')::timestamptz
    where jsonb_array_length(previous_secrets) > 0`.execute(db);
  await db.schema.alterTable('webhook_endpoints').dropColumn('previous_secrets').execute();
}
