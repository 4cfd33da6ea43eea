import type { Db } from './connect.ts';

/** The workspace's name, as its members see it (in account emails, on the invitation page). */
export async function findWorkspaceName(db: Db, workspaceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst();
  return row?.name;
}
