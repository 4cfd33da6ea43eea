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

/** Ends a member's sessions, all of them or all but the one named (the one that changed the password). */
export async function deleteMemberSessions(db: Db, workspaceId: string, memberId: string, options: { exceptTokenHash?: string } = {}): Promise<void> {
  let query = db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId);
  if (options.exceptTokenHash) query = query.where('token_hash', '!=', options.exceptTokenHash);
  await query.execute();
}
