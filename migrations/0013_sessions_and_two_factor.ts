import { sql, type Kysely } from 'kysely';

// Sessions a member can see and end (an id to name each, when it was last used, from which browser and address),
// the TOTP second factor with its recovery codes and the pending sign-ins waiting for a code, and a workspace's
// choice to require two-factor of every member. Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // The id names a session in the API (the token hash never leaves the server). Existing sessions get one each,
  // and count as used now, so the idle timeout does not end them all at the upgrade.
  await db.schema
    .alterTable('sessions')
    .addColumn('id', 'uuid', (col) => col.notNull().unique().defaultTo(sql`gen_random_uuid()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('user_agent', 'text')
    .addColumn('client_address', 'text')
    .execute();

  await db.schema
    .alterTable('workspaces')
    .addColumn('require_two_factor', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();

  // One row per member who started enrolling; `enabled_at` is set once they confirmed a code from their app.
  // `last_used_step` is the TOTP time step of the last code accepted: a code is taken once, never again.
  await db.schema
    .createTable('two_factor')
    .addColumn('member_id', 'uuid', (col) => col.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('enabled_at', 'timestamptz')
    .addColumn('last_used_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // Stored as SHA-256 hashes only; a code is used up by setting used_at.
  await db.schema
    .createTable('two_factor_recovery_codes')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addUniqueConstraint('two_factor_recovery_codes_member_code_key', ['member_id', 'code_hash'])
    .execute();

  // A sign-in whose password was right, waiting for the second factor: short-lived, single use, a few tries.
  await db.schema
    .createTable('two_factor_challenges')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('failed_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('two_factor_challenges_member_idx').on('two_factor_challenges').column('member_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['two_factor_challenges', 'two_factor_recovery_codes', 'two_factor']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('workspaces').dropColumn('require_two_factor').execute();
  await db.schema.alterTable('sessions').dropColumn('id').dropColumn('last_seen_at').dropColumn('user_agent').dropColumn('client_address').execute();
}
