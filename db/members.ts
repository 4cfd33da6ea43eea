import { sql } from 'kysely';
import type { Member } from '../domain/schemas/members.ts';
import { mayHandleHandovers, type MemberRole } from '../domain/handover.ts';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
import { deletePasswordResetsOf } from './password-resets.ts';
import type { MemberRow } from './database.ts';

export function toMember(row: MemberRow, isHandoverMember: boolean): Member {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    isHandoverMember,
  };
}

/** For login only: emails are unique across workspaces. */
export async function findMemberRowByEmail(db: Db, email: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Members with whether they are selected in the Human Handover settings. */
function selectMembers(db: Db, workspaceId: string) {
  return selectAnyMembers(db).where('members.workspace_id', '=', workspaceId);
}

function selectAnyMembers(db: Db) {
  return db
    .selectFrom('members')
    .leftJoin('handover_members', (join) =>
      join.onRef('handover_members.member_id', '=', 'members.id').onRef('handover_members.workspace_id', '=', 'members.workspace_id'),
    )
    .selectAll('members')
    .select('handover_members.member_id as selected');
}

/** The member of a session and what the request needs to know of the session itself. */
export interface SessionMember {
  member: Member;
  sessionId: string;
  /** Unused for longer than the idle timeout: to be refused and deleted. */
  isIdle: boolean;
  /** Last marked used over a minute ago: mark it again. */
  isStale: boolean;
  /** The workspace requires a second factor and the member has none yet: they may only enrol. */
  mustEnrolTwoFactor: boolean;
}

/**
 * The active member of an unexpired session, in one read: every console request asks it. Whether it is idle is
 * judged by PostgreSQL's clock, the one that marks it used.
 */
export async function findSessionMember(db: Db, tokenHash: string, idleSeconds: number): Promise<SessionMember | undefined> {
  const row = await selectAnyMembers(db)
    .innerJoin('sessions', (join) => join.onRef('sessions.member_id', '=', 'members.id').onRef('sessions.workspace_id', '=', 'members.workspace_id'))
    .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
    .leftJoin('two_factor', (join) => join.onRef('two_factor.member_id', '=', 'members.id').on('two_factor.enabled_at', 'is not', null))
    .select([
      'sessions.id as session_id',
      sql<boolean>`sessions.last_seen_at < now() - make_interval(secs => ${idleSeconds})`.as('is_idle'),
      sql<boolean>`sessions.last_seen_at < now() - interval '1 minute'`.as('is_stale'),
      sql<boolean>`workspaces.require_two_factor and two_factor.member_id is null`.as('must_enrol'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', new Date())
    .where('members.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    member: toMember(row, row.selected !== null),
    sessionId: row.session_id,
    isIdle: row.is_idle,
    isStale: row.is_stale,
    mustEnrolTwoFactor: row.must_enrol,
  };
}

/**
 * Locks the member's row for the rest of the transaction, so that writes counted against a per-member limit (push
 * browsers, handovers in progress) queue up one after another. No key update: rows that refer to the member are not
 * held up. False when the workspace has no such member.
 */
export async function lockMemberRow(tx: Db, workspaceId: string, memberId: string): Promise<boolean> {
  const row = await tx.selectFrom('members').select('id').where('workspace_id', '=', workspaceId).where('id', '=', memberId).forNoKeyUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function findMember(db: Db, workspaceId: string, memberId: string): Promise<Member | undefined> {
  if (!isUuid(memberId)) return undefined;
  const row = await selectMembers(db, workspaceId).where('members.id', '=', memberId).executeTakeFirst();
  return row && toMember(row, row.selected !== null);
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await selectMembers(db, workspaceId).orderBy('members.name').execute();
  return rows.map((row) => toMember(row, row.selected !== null));
}

/**
 * The active members who may hold handovers (selected for handovers, or supervisors and admins), by name, each
 * with how many handovers in progress they hold now: whom a handover may be transferred to.
 */
export async function listHandoverTeamWithLoad(db: Db, workspaceId: string): Promise<{ member: Member; activeHandovers: number }[]> {
  const rows = await selectMembers(db, workspaceId)
    .select((eb) =>
      eb
        .selectFrom('handovers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('handovers.assignee_id', '=', 'members.id')
        .where('handovers.workspace_id', '=', workspaceId)
        .where('handovers.status', '=', 'in_progress')
        .as('active_handovers'),
    )
    .where('members.active', '=', true)
    .orderBy('members.name')
    .execute();
  return rows
    .map((row) => ({ member: toMember(row, row.selected !== null), activeHandovers: Number(row.active_handovers ?? 0) }))
    .filter(({ member }) => mayHandleHandovers(member.role, member.isHandoverMember));
}

/** Throws `EmailTakenError` when the address has an account in any workspace (emails are unique across them). */
export async function insertMember(
  db: Db,
  member: { workspaceId: string; email: string; name: string; role: MemberRole; passwordHash: string },
): Promise<MemberRow> {
  return db
    .insertInto('members')
    .values({
      workspace_id: member.workspaceId,
      email: member.email.toLowerCase(),
      name: member.name,
      role: member.role,
      password_hash: member.passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      const candidate = error as { code?: string; constraint?: string } | undefined;
      throw candidate?.code === '23505' && candidate.constraint === 'members_email_key' ? new EmailTakenError() : error;
    });
}

/** The address got an account (in any workspace) meanwhile: a race with another request lost. */
export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

export async function updateMember(
  db: Db,
  workspaceId: string,
  memberId: string,
  changes: { name?: string | undefined; role?: MemberRole | undefined; active?: boolean | undefined },
): Promise<void> {
  const set = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.role !== undefined ? { role: changes.role } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('members').set(set).where('workspace_id', '=', workspaceId).where('id', '=', memberId).execute();
    if (changes.active === false || (changes.role !== undefined && changes.role !== 'admin')) {
      // Who is no longer an admin no longer invites: the links they sent stop working (another admin may invite again).
      await tx
        .updateTable('invitations')
        .set({ revoked_at: sql`now()` })
        .where('workspace_id', '=', workspaceId)
        .where('invited_by', '=', memberId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
    }
    if (changes.active !== false) return;
    // A deactivated member is signed out everywhere at once, and their reset link stops working with it.
    await tx.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
    await deletePasswordResetsOf(tx, workspaceId, memberId);
  });
}

export async function updateMemberPassword(db: Db, workspaceId: string, memberId: string, passwordHash: string): Promise<void> {
  await db.updateTable('members').set({ password_hash: passwordHash }).where('workspace_id', '=', workspaceId).where('id', '=', memberId).execute();
}

/** The member row (with its password hash) of a member of the workspace. */
export async function findMemberRow(db: Db, workspaceId: string, memberId: string): Promise<MemberRow | undefined> {
  if (!isUuid(memberId)) return undefined;
  return db.selectFrom('members').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', memberId).executeTakeFirst();
}

/** Replaces a password hash with one of the same password at today's cost, unless it changed meanwhile; true when it did. */
export async function upgradePasswordHash(db: Db, workspaceId: string, memberId: string, from: string, to: string): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ password_hash: to })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', memberId)
    .where('password_hash', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
