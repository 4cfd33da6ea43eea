import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';

/** A session as its member sees it in their list: never the token or its hash. */
export interface SessionRecord {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
}

/**
 * Opens a session. With `passwordHash` (a sign-in's), only while the member is active and their stored hash is still
 * the one their password was checked against, in the one statement: a password change or reset committed since the
 * check leaves no session made with the old password. False when it was refused.
 */
export async function insertSession(
  db: Db,
  session: { tokenHash: string; memberId: string; workspaceId: string; expiresAt: Date; userAgent: string | null; clientAddress: string | null; passwordHash?: string },
): Promise<boolean> {
  const { passwordHash } = session;
  if (passwordHash === undefined) {
    await db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        member_id: session.memberId,
        workspace_id: session.workspaceId,
        expires_at: session.expiresAt,
        user_agent: session.userAgent,
        client_address: session.clientAddress,
      })
      .execute();
    return true;
  }
  const result = await db
    .insertInto('sessions')
    .columns(['token_hash', 'member_id', 'workspace_id', 'expires_at', 'user_agent', 'client_address'])
    .expression(
      db
        .selectFrom('members')
        .select([
          sql<string>`${session.tokenHash}::text`.as('token_hash'),
          'members.id as member_id',
          'members.workspace_id as workspace_id',
          sql<Date>`${session.expiresAt}::timestamptz`.as('expires_at'),
          sql<string | null>`${session.userAgent}::text`.as('user_agent'),
          sql<string | null>`${session.clientAddress}::text`.as('client_address'),
        ])
        .where('members.workspace_id', '=', session.workspaceId)
        .where('members.id', '=', session.memberId)
        .where('members.active', '=', true)
        .where('members.password_hash', '=', passwordHash),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * Marks the session used now, from this address. Asked only when the last mark is over a minute old, and the
 * condition holds in the statement too, so requests at once write it once: not a write per request.
 */
export async function touchSession(db: Db, tokenHash: string, clientAddress: string | null): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()`, client_address: clientAddress })
    .where('token_hash', '=', tokenHash)
    .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
    .execute();
}

/** The member's sessions still in force (neither expired nor idle), the most recently used first. */
export async function listSessions(db: Db, workspaceId: string, memberId: string, idleSeconds: number): Promise<SessionRecord[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'client_address'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>=', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
    clientAddress: row.client_address,
  }));
}

/** Ends one session of the member; false when they have none of that id. */
export async function deleteMemberSession(db: Db, workspaceId: string, memberId: string, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const result = await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of the member but one; answers how many ended. */
export async function deleteOtherSessions(db: Db, workspaceId: string, memberId: string, keptSessionId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('id', '<>', keptSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of the member (a password reset: whoever held one is out). */
export async function deleteMemberSessions(db: Db, workspaceId: string, memberId: string): Promise<void> {
  await db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
}
