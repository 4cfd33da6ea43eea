import { sql } from 'kysely';
import { graceEndsAt, maxPreviousSecrets, type EndpointSecrets } from '../domain/webhook-secrets.ts';
import type { Db } from './connect.ts';

// The workspace's one webhook endpoint: its URL and signing secret (and the secrets it replaced while they still
// sign, after a rotation), and whether a receiver disabled it.

/** A receiver that answers 410 Gone wants no more deliveries: the endpoint is disabled until saved again. */
export async function disableWebhookEndpoint(db: Db, workspaceId: string, reason: string): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set({ disabled_at: new Date(), disabled_reason: reason })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/**
 * Saves the URL and re-enables the endpoint. `secret` is the secret of a new endpoint; for an existing one it
 * replaces the current secret only when `replaceSecret` (the current one then keeps signing until
 * `previousSecretExpiresAt`), else the current secret stays. Answers the secret in force after the save.
 */
export async function saveWebhookEndpoint(
  db: Db,
  workspaceId: string,
  endpoint: { url: string; secret: string; replaceSecret: boolean; previousSecretExpiresAt: Date },
): Promise<{ secret: string }> {
  const values = { url: endpoint.url, disabled_at: null, disabled_reason: null, updated_at: new Date() };
  return db
    .insertInto('webhook_endpoints')
    .values({ workspace_id: workspaceId, secret: endpoint.secret, ...values })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ ...values, ...(endpoint.replaceSecret ? replacingSecret(endpoint.secret, endpoint.previousSecretExpiresAt) : {}) }),
    )
    .returning('secret')
    .executeTakeFirstOrThrow();
}

/** Puts a new secret in force; the current one keeps signing until `previousSecretExpiresAt`. False when there is no endpoint. */
export async function rotateWebhookSecret(db: Db, workspaceId: string, secret: string, previousSecretExpiresAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoints')
    .set({ ...replacingSecret(secret, previousSecretExpiresAt), updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The columns that replace the secret, in one statement so two saves at once cannot lose one: the current secret
 * joins the replaced ones still signing (newest first, at most `maxPreviousSecrets`), each keeping its own end. The
 * same secret entered again is no rotation and changes nothing.
 */
function replacingSecret(secret: string, previousSecretExpiresAt: Date) {
  const unchanged = sql<boolean>`webhook_endpoints.secret = ${secret}`;
  return {
    secret,
    previous_secrets: sql<string>`case when ${unchanged} then webhook_endpoints.previous_secrets else (
      select coalesce(jsonb_agg(kept.entry order by kept.position), '[]'::jsonb)
      from (
        select jsonb_build_object('secret', webhook_endpoints.secret, 'expiresAt', ${previousSecretExpiresAt.toISOString()}::text) as entry, 0::bigint as position
        union all
        select older.entry, older.position
        from jsonb_array_elements(webhook_endpoints.previous_secrets) with ordinality as older(entry, position)
        where (older.entry ->> 'expiresAt')::timestamptz > now() and older.position < ${maxPreviousSecrets}
          -- An older secret entered again is the current one now, not a replaced one.
          and older.entry ->> 'secret' <> ${secret}
      ) kept
    ) end`,
  };
}

export async function findWebhookEndpoint(
  db: Db,
  workspaceId: string,
): Promise<{ url: string; previousSecretExpiresAt: string | null; disabledAt: string | null; disabledReason: string | null } | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(['url', 'secret', 'previous_secrets', 'disabled_at', 'disabled_reason'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  // A grace that has run out is no longer news: those secrets sign nothing any more.
  const previousSecretExpiresAt = graceEndsAt({ secret: row.secret, previousSecrets: row.previous_secrets }, new Date());
  return { url: row.url, previousSecretExpiresAt, disabledAt: row.disabled_at?.toISOString() ?? null, disabledReason: row.disabled_reason };
}

/** Where and how to send an event now, outside the outbox (the best-effort typing events): undefined when nowhere. */
export async function findWebhookTarget(db: Db, workspaceId: string): Promise<({ url: string } & EndpointSecrets) | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(['url', 'secret', 'previous_secrets'])
    .where('workspace_id', '=', workspaceId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { url: row.url, secret: row.secret, previousSecrets: row.previous_secrets };
}
