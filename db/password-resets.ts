import type { Db, Tx } from './connect.ts';
import type { MemberRow } from './database.ts';

/** Password reset links: at most one live per member; only the hash of each token is kept. */

/** Records a member's new link; the previous one, if any, stops working. */
export async function replacePasswordReset(db: Db, reset: { memberId: string; workspaceId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('password_resets').where('member_id', '=', reset.memberId).execute();
    await tx
      .insertInto('password_resets')
      .values({ token_hash: reset.tokenHash, member_id: reset.memberId, workspace_id: reset.workspaceId, expires_at: reset.expiresAt })
      .execute();
  });
}

/** The active member a live link resets the password of. */
export async function findPasswordResetMember(db: Db, tokenHash: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('password_resets')
    .innerJoin('members', (join) =>
      join.onRef('members.id', '=', 'password_resets.member_id').onRef('members.workspace_id', '=', 'password_resets.workspace_id'),
    )
    .selectAll('members')
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.expires_at', '>', new Date())
    .where('members.active', '=', true)
    .executeTakeFirst();
}

/** Uses a live link up, in the caller's transaction: true for the one caller that did, so a link works once. */
export async function consumePasswordReset(tx: Tx, tokenHash: string, member: { workspaceId: string; memberId: string }): Promise<boolean> {
  const used = await tx
    .deleteFrom('password_resets')
    .where('token_hash', '=', tokenHash)
    .where('workspace_id', '=', member.workspaceId)
    .where('member_id', '=', member.memberId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return Number(used.numDeletedRows) > 0;
}

/** Deletes the member's reset link, in the caller's transaction: their password changed, or they were deactivated. */
export async function deletePasswordResetsOf(tx: Tx, workspaceId: string, memberId: string): Promise<void> {
  await tx.deleteFrom('password_resets').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
}
