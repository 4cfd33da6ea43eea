import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';

export async function insertApiKey(
  db: Db,
  key: { workspaceId: string; name: string; prefix: string; keyHash: string; createdBy: string | null },
): Promise<{ id: string; createdAt: Date }> {
  const row = await db
    .insertInto('api_keys')
    .values({
      workspace_id: key.workspaceId,
      name: key.name,
      prefix: key.prefix,
      key_hash: key.keyHash,
      created_by: key.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}

/** How stale `last_used_at` may get: a busy key then costs one write a minute, not one per request. */
const lastUsedPrecisionSeconds = 60;

/**
 * The workspace of a live (not revoked) key, marking it used: one round trip, which writes only when the
 * recorded use is older than `lastUsedPrecisionSeconds` (a data-modifying CTE runs whether or not it is read).
 */
export async function useApiKey(db: Db, keyHash: string): Promise<{ id: string; workspaceId: string } | undefined> {
  const { rows } = await sql<{ id: string; workspaceId: string }>`
    with key as (
      select id, workspace_id from api_keys where key_hash = ${keyHash} and revoked_at is null
    ), touched as (
      update api_keys set last_used_at = now() from key
      where api_keys.id = key.id
        -- The row's own value, re-read under its lock: requests queued on the lock then skip the write too.
        and (api_keys.last_used_at is null or api_keys.last_used_at < now() - make_interval(secs => ${lastUsedPrecisionSeconds}))
    )
    select id, workspace_id as "workspaceId" from key`.execute(db);
  return rows[0];
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function selectApiKeys(db: Db, workspaceId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId);
}

function toApiKey(row: { id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyRecord[]> {
  const rows = await selectApiKeys(db, workspaceId).orderBy('created_at', 'desc').execute();
  return rows.map(toApiKey);
}

export async function findApiKey(db: Db, workspaceId: string, id: string): Promise<ApiKeyRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await selectApiKeys(db, workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toApiKey(row);
}

/** Revokes a key for good; revoking it again keeps the first time. */
export async function revokeApiKey(db: Db, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
