import { alreadyHaveAccountEmail, invitationDays, invitationEmail, invitationLink } from '../domain/account-emails.ts';
import { AppError } from '../domain/errors.ts';
import type { MemberRole } from '../domain/handover.ts';
import type { Invitation } from '../domain/schemas/accounts.ts';
import type { Member } from '../domain/schemas/members.ts';
import { findInvitation, findOpenInvitationByEmail, insertInvitation, renewInvitation, revokeInvitation } from '../db/invitations.ts';
import { findMemberRowByEmail } from '../db/members.ts';
import { findWorkspaceName } from '../db/workspaces.ts';
import { consoleUrlOf, sendAccountEmail } from './account-emails.ts';
import { hashToken, newSessionToken } from './auth/secrets.ts';
import type { ApiDeps } from './deps.ts';

type Admin = { workspaceId: string; member: Member };

/**
 * Invites a person by email: an invitation with a one-time link they accept by choosing their own password.
 * An address that already has an account in another workspace gets the same invitation and the same answer (the
 * admin must not learn that it exists), but its owner is emailed a notice instead of a link, and no link that
 * could work is ever sent. Only a member of the admin's own workspace is refused (409), which tells them nothing new.
 */
export async function inviteMember(deps: ApiDeps, admin: Admin, request: { email: string; name: string; role: MemberRole }): Promise<Invitation> {
  const account = await findMemberRowByEmail(deps.db, request.email);
  if (account?.workspace_id === admin.workspaceId) throw new AppError('conflict', 'A member with this email already exists');
  const open = await findOpenInvitationByEmail(deps.db, admin.workspaceId, request.email);
  if (open?.status === 'pending') throw new AppError('conflict', 'This email has a pending invitation already: resend it, or revoke it first');
  assertMaySend(deps, admin.workspaceId, request.email);
  // An expired invitation of the address is replaced by the new one.
  if (open) await revokeInvitation(deps.db, admin.workspaceId, open.id);
  const token = newSessionToken();
  const id = await insertInvitation(deps.db, {
    workspaceId: admin.workspaceId,
    email: request.email,
    name: request.name,
    role: request.role,
    tokenHash: hashToken(token),
    invitedBy: admin.member.id,
    expiresAt: linkExpiry(),
  });
  if (!id) throw new AppError('conflict', 'This email has a pending invitation already: resend it, or revoke it first');
  const invitation = await requireInvitation(deps, admin.workspaceId, id);
  await sendInvitation(deps, admin, invitation, token, account !== undefined);
  return invitation;
}

/** A new link for an open invitation, by email again; the previous link stops working. */
export async function resendInvitation(deps: ApiDeps, admin: Admin, id: string): Promise<Invitation> {
  const invitation = await requireInvitation(deps, admin.workspaceId, id);
  assertOpen(invitation);
  const account = await findMemberRowByEmail(deps.db, invitation.email);
  if (account?.workspace_id === admin.workspaceId) throw new AppError('conflict', `${invitation.email} is a member of this workspace already`);
  assertMaySend(deps, admin.workspaceId, invitation.email);
  const token = newSessionToken();
  const renewal = { tokenHash: hashToken(token), expiresAt: linkExpiry() };
  if (!(await renewInvitation(deps.db, admin.workspaceId, id, renewal))) changedMeanwhile(await requireInvitation(deps, admin.workspaceId, id));
  const renewed = await requireInvitation(deps, admin.workspaceId, id);
  await sendInvitation(deps, admin, renewed, token, account !== undefined);
  return renewed;
}

/** Revokes an open invitation: its link stops working at once. */
export async function cancelInvitation(deps: ApiDeps, admin: Admin, id: string): Promise<Invitation> {
  const invitation = await requireInvitation(deps, admin.workspaceId, id);
  assertOpen(invitation);
  if (!(await revokeInvitation(deps.db, admin.workspaceId, id))) changedMeanwhile(await requireInvitation(deps, admin.workspaceId, id));
  return requireInvitation(deps, admin.workspaceId, id);
}

/**
 * Invitation emails an admin may send, in this process (as the other rate limits): to one address of a workspace,
 * one a minute and five a day, whether it gets a link or the notice of an account elsewhere (so a refusal tells
 * nothing either); from one workspace, `workspaceEmailsPerHour`. An admin cannot flood an inbox by sending again,
 * nor by revoking and inviting again.
 */
export const defaultInvitationEmailLimits = { perAddressGapMs: 60_000, perAddressPerDay: 5, workspaceEmailsPerHour: 50 };
export type InvitationEmailLimits = typeof defaultInvitationEmailLimits;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const sentAt = new Map<string, number[]>();

/** Refuses with `rate_limited` (and when to retry) when this email may not be sent now; else counts it as sent. */
function assertMaySend(deps: ApiDeps, workspaceId: string, email: string, now = Date.now()): void {
  const limits = deps.invitationEmailLimits ?? defaultInvitationEmailLimits;
  const addressKey = `address:${workspaceId}:${email.toLowerCase()}`;
  const workspaceKey = `workspace:${workspaceId}`;
  const recent = (key: string, windowMs: number) => (sentAt.get(key) ?? []).filter((at) => now - at < windowMs);
  const toAddress = recent(addressKey, dayMs);
  const fromWorkspace = recent(workspaceKey, hourMs);
  const waits = [
    toAddress.length > 0 ? toAddress[toAddress.length - 1]! + limits.perAddressGapMs - now : 0,
    toAddress.length >= limits.perAddressPerDay ? toAddress[0]! + dayMs - now : 0,
    fromWorkspace.length >= limits.workspaceEmailsPerHour ? fromWorkspace[0]! + hourMs - now : 0,
  ];
  const wait = Math.max(...waits);
  if (wait > 0) {
    const message = waits[2] === wait ? 'This workspace sent too many invitations in the last hour' : 'An invitation was emailed to this address just now';
    throw new AppError('rate_limited', `${message}; try again after the time in Retry-After`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  for (const [key, times] of [
    [addressKey, toAddress],
    [workspaceKey, fromWorkspace],
  ] as const) {
    sentAt.delete(key);
    sentAt.set(key, [...times, now]);
  }
  // Bounds the memory: the least recently sent keys go first.
  while (sentAt.size > 100_000) sentAt.delete(sentAt.keys().next().value as string);
}

async function sendInvitation(deps: ApiDeps, admin: Admin, invitation: Invitation, token: string, hasAccount: boolean): Promise<void> {
  const workspaceName = (await findWorkspaceName(deps.db, admin.workspaceId)) ?? 'your team';
  const consoleUrl = consoleUrlOf(deps);
  if (hasAccount) {
    // The link is never sent: its token is stored hashed like any other, and nobody holds it.
    const email = alreadyHaveAccountEmail({ inviterName: admin.member.name, workspaceName, consoleUrl });
    sendAccountEmail(deps, 'already_have_account', { to: invitation.email, ...email });
    return;
  }
  const link = invitationLink(consoleUrl, token);
  const email = invitationEmail({ inviterName: admin.member.name, workspaceName, inviteeName: invitation.name, link });
  sendAccountEmail(deps, 'invitation', { to: invitation.email, ...email, secrets: [link] });
}

async function requireInvitation(deps: ApiDeps, workspaceId: string, id: string): Promise<Invitation> {
  const invitation = await findInvitation(deps.db, workspaceId, id);
  if (!invitation) throw new AppError('not_found', 'No such invitation');
  return invitation;
}

function assertOpen(invitation: Invitation): void {
  if (invitation.status === 'accepted') throw new AppError('conflict', `${invitation.name} accepted this invitation already: they are on the team`);
  if (invitation.status === 'revoked') throw new AppError('conflict', 'This invitation was revoked; invite them again');
}

/** Another request accepted or revoked it between our read and our write. */
function changedMeanwhile(invitation: Invitation): never {
  assertOpen(invitation);
  throw new AppError('conflict', 'This invitation changed meanwhile; reload the page and try again');
}

function linkExpiry(): Date {
  return new Date(Date.now() + invitationDays * 24 * 3600 * 1000);
}
