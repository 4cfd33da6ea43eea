import type { Db } from './connect.ts';

export async function insertSession(
  db: Db,
  session: { tokenHash: string; memberId: string; workspaceId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      member_id: session.memberId,
      workspace_id: session.workspaceId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
