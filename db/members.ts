import type { Member } from '../domain/schemas/members.ts';
import { mayHandleHandovers, type MemberRole } from '../domain/handover.ts';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';
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

/** The active member of a live (not expired) session, in one read: every console request asks it. */
export async function findSessionMember(db: Db, tokenHash: string): Promise<Member | undefined> {
  const row = await selectAnyMembers(db)
    .innerJoin('sessions', (join) => join.onRef('sessions.member_id', '=', 'members.id').onRef('sessions.workspace_id', '=', 'members.workspace_id'))
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', new Date())
    .where('members.active', '=', true)
    .executeTakeFirst();
  return row && toMember(row, row.selected !== null);
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
    .executeTakeFirstOrThrow();
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
  await db.updateTable('members').set(set).where('workspace_id', '=', workspaceId).where('id', '=', memberId).execute();
  // A deactivated member is signed out everywhere at once.
  if (changes.active === false) await db.deleteFrom('sessions').where('member_id', '=', memberId).execute();
}

export async function updateMemberPassword(db: Db, workspaceId: string, memberId: string, passwordHash: string): Promise<void> {
  await db.updateTable('members').set({ password_hash: passwordHash }).where('workspace_id', '=', workspaceId).where('id', '=', memberId).execute();
}

/** The member row (with its password hash) of a member of the workspace. */
export async function findMemberRow(db: Db, workspaceId: string, memberId: string): Promise<MemberRow | undefined> {
  if (!isUuid(memberId)) return undefined;
  return db.selectFrom('members').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', memberId).executeTakeFirst();
}
