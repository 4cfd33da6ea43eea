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

/** The session's member, if the session exists, has not expired and the member is active. */
export async function findSessionMemberId(
  db: Db,
  tokenHash: string,
): Promise<{ memberId: string; workspaceId: string } | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .select(['sessions.member_id as memberId', 'sessions.workspace_id as workspaceId'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', new Date())
    .where('members.active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
