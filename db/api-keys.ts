import type { Db } from './connect.ts';

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

/** The workspace of a live (not revoked) key, marking it used. */
export async function useApiKey(db: Db, keyHash: string): Promise<{ id: string; workspaceId: string } | undefined> {
  return db
    .updateTable('api_keys')
    .set({ last_used_at: new Date() })
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'workspace_id as workspaceId'])
    .executeTakeFirst();
}
