import { sql, type Kysely } from 'kysely';

// Notifications that reach members away from the console: what each member chose, the browsers they turned Web
// Push on in, the workspace's Slack incoming webhook, the installation's VAPID keys, and the outbox of deliveries.
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // Email is a choice per member, off until they turn it on; Web Push is on in each browser that subscribed.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('member_id', 'uuid', (col) => col.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // A browser's push endpoint is its own: subscribing it again (another member signing in there) moves it.
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (col) => col.notNull().unique())
    .addColumn('p256dh', 'text', (col) => col.notNull())
    .addColumn('auth', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_subscriptions_member_idx').on('push_subscriptions').columns(['workspace_id', 'member_id']).execute();

  await db.schema
    .createTable('slack_webhooks')
    .addColumn('workspace_id', 'uuid', (col) => col.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One pair per installation: browsers subscribed with its public key, so it must never change by itself.
  await db.schema
    .createTable('vapid_keys')
    .addColumn('id', 'smallint', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('private_key', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // The outbox: one row per handover, level, recipient and channel, keyed so a retried step records it once.
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id').onDelete('cascade'))
    .addColumn('level', 'integer', (col) => col.notNull())
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull().check(sql`channel in ('email', 'web_push', 'slack')`))
    // Null for the workspace's Slack channel.
    .addColumn('member_id', 'uuid', (col) => col.references('members.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'skipped')`))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // Web Push: the subscriptions that already took it, so a retry after a partial send sends to the others only.
    .addColumn('pushed_to', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notification_deliveries_handover_idx').on('notification_deliveries').column('handover_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notification_deliveries', 'vapid_keys', 'slack_webhooks', 'push_subscriptions', 'notification_preferences']) {
    await db.schema.dropTable(table).execute();
  }
}
