import { sql } from 'kysely';
import type { MemberRole } from '../domain/handover.ts';
import type { Invitation } from '../domain/schemas/accounts.ts';
import type { Db, Tx } from './connect.ts';
import type { InvitationRow, MemberRow } from './database.ts';
import { isUuid } from './ids.ts';
import { insertMember } from './members.ts';

export { EmailTakenError } from './members.ts';

/**
 * Invitations by one-time link. Open means neither accepted nor revoked (it may have expired); one open
 * invitation per address and workspace. Found by id within a workspace, or by the hash of their link's token.
 */
export function toInvitation(row: InvitationRow & { inviter_name: string | null }, now = new Date()): Invitation {
  const status = row.revoked_at ? 'revoked' : row.accepted_at ? 'accepted' : row.expires_at <= now ? 'expired' : 'pending';
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status,
    invitedBy: row.invited_by && row.inviter_name !== null ? { id: row.invited_by, name: row.inviter_name } : null,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

function selectInvitations(db: Db, workspaceId: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('members as inviter', (join) =>
      join.onRef('inviter.id', '=', 'invitations.invited_by').onRef('inviter.workspace_id', '=', 'invitations.workspace_id'),
    )
    .selectAll('invitations')
    .select('inviter.name as inviter_name')
    .where('invitations.workspace_id', '=', workspaceId);
}

/** The workspace's open invitations, newest first. */
export async function listOpenInvitations(db: Db, workspaceId: string): Promise<Invitation[]> {
  const rows = await selectInvitations(db, workspaceId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id')
    .execute();
  return rows.map((row) => toInvitation(row));
}

export async function findInvitation(db: Db, workspaceId: string, id: string): Promise<Invitation | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await selectInvitations(db, workspaceId).where('invitations.id', '=', id).executeTakeFirst();
  return row && toInvitation(row);
}

/** The open invitation of this address in the workspace, expired or not. */
export async function findOpenInvitationByEmail(db: Db, workspaceId: string, email: string): Promise<Invitation | undefined> {
  const row = await selectInvitations(db, workspaceId)
    .where((eb) => eb(eb.fn('lower', ['invitations.email']), '=', email.toLowerCase()))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toInvitation(row);
}

/** Records an invitation; null when the address has an open one in the workspace already (a race lost). */
export async function insertInvitation(
  db: Db,
  invitation: { workspaceId: string; email: string; name: string; role: MemberRole; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<string | null> {
  try {
    const row = await db
      .insertInto('invitations')
      .values({
        workspace_id: invitation.workspaceId,
        email: invitation.email.toLowerCase(),
        name: invitation.name,
        role: invitation.role,
        token_hash: invitation.tokenHash,
        invited_by: invitation.invitedBy,
        expires_at: invitation.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    const candidate = error as { code?: string; constraint?: string } | undefined;
    if (candidate?.code === '23505' && candidate.constraint === 'invitations_open_email_key') return null;
    throw error;
  }
}

/** A new link for an open invitation: the old token stops working. False when it is no longer open. */
export async function renewInvitation(db: Db, workspaceId: string, id: string, link: { tokenHash: string; expiresAt: Date }): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ token_hash: link.tokenHash, expires_at: link.expiresAt, sent_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes an open invitation: its link stops working. False when it was not open. */
export async function revokeInvitation(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the workspace's open invitation of an address, if any (a member was made with it another way). */
export async function revokeInvitationsOf(db: Db, workspaceId: string, email: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The pending (open, unexpired) invitation a link's token opens, with its workspace's name. */
export async function findPendingInvitationByToken(
  db: Db,
  tokenHash: string,
): Promise<(Invitation & { workspaceId: string; workspaceName: string }) | undefined> {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .selectAll('invitations')
    .select(['workspaces.name as workspace_name', sql<string | null>`null`.as('inviter_name')])
    .where('invitations.token_hash', '=', tokenHash)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', new Date())
    .executeTakeFirst();
  return row && { ...toInvitation(row), workspaceId: row.workspace_id, workspaceName: row.workspace_name };
}

/**
 * Accepts the pending invitation a token opens, in the caller's transaction: marks it accepted (so the link works
 * once, whoever races) and makes its member. Undefined when the link no longer opens one; throws `email_taken`
 * when the address got an account meanwhile (emails are unique across workspaces).
 */
export async function acceptInvitation(tx: Tx, tokenHash: string, member: { name: string; passwordHash: string }): Promise<MemberRow | undefined> {
  const invitation = await tx
    .updateTable('invitations')
    .set({ accepted_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returningAll()
    .executeTakeFirst();
  if (!invitation) return undefined;
  const created = await insertMember(tx, {
    workspaceId: invitation.workspace_id,
    email: invitation.email,
    name: member.name,
    role: invitation.role,
    passwordHash: member.passwordHash,
  });
  await tx.updateTable('invitations').set({ member_id: created.id }).where('id', '=', invitation.id).execute();
  return created;
}
