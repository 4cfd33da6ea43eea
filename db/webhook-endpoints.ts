import type { Db } from './connect.ts';

// The workspace's one webhook endpoint: its URL and signing secret, and whether a receiver disabled it.

/** A receiver that answers 410 Gone wants no more deliveries: the endpoint is disabled until saved again. */
export async function disableWebhookEndpoint(db: Db, workspaceId: string, reason: string): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set({ disabled_at: new Date(), disabled_reason: reason })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function saveWebhookEndpoint(db: Db, workspaceId: string, endpoint: { url: string; secret: string }): Promise<void> {
  const values = { url: endpoint.url, secret: endpoint.secret, disabled_at: null, disabled_reason: null, updated_at: new Date() };
  await db
    .insertInto('webhook_endpoints')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}

export async function findWebhookEndpoint(
  db: Db,
  workspaceId: string,
): Promise<{ url: string; disabledAt: string | null; disabledReason: string | null } | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(['url', 'disabled_at', 'disabled_reason'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row && { url: row.url, disabledAt: row.disabled_at?.toISOString() ?? null, disabledReason: row.disabled_reason };
}
