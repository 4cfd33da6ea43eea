import type { Db } from './connect.ts';

/** Whether the workspace requires every member to sign in with a second factor. */
export async function findRequireTwoFactor(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('require_two_factor').where('id', '=', workspaceId).executeTakeFirst();
  return row?.require_two_factor ?? false;
}

export async function saveRequireTwoFactor(db: Db, workspaceId: string, requireTwoFactor: boolean): Promise<void> {
  await db.updateTable('workspaces').set({ require_two_factor: requireTwoFactor }).where('id', '=', workspaceId).execute();
}
