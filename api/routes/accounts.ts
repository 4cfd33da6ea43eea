import { ZodError } from 'zod';
import { z } from '../../domain/schemas/zod.ts';
import { invitationDays, passwordResetEmail, passwordResetLink, passwordResetMinutes } from '../../domain/account-emails.ts';
import { AppError } from '../../domain/errors.ts';
import {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationTokenRequest,
  ListInvitationsResponse,
  OkResponse,
  PasswordResetRequest,
} from '../../domain/schemas/accounts.ts';
import { MemberParams } from '../../domain/schemas/admin.ts';
import { MemberResponse } from '../../domain/schemas/members.ts';
import { acceptInvitation, EmailTakenError, findPendingInvitationByToken, listOpenInvitations } from '../../db/invitations.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { findMember, findMemberRow, findMemberRowByEmail, updateMemberPassword } from '../../db/members.ts';
import { consumePasswordReset, deletePasswordResetsOf, findPasswordResetMember, replacePasswordReset } from '../../db/password-resets.ts';
import { deleteMemberSessions, deleteOtherSessions } from '../../db/sessions.ts';
import { deleteTwoFactorChallengesOf } from '../../db/two-factor.ts';
import { consoleUrlOf, sendAccountEmail } from '../account-emails.ts';
import { assertAcceptablePassword } from '../auth/password-rules.ts';
import { checkPassword } from '../auth/passwords.ts';
import { hashPassword, hashToken, newSessionToken } from '../auth/secrets.ts';
import { startSession } from '../auth/start-session.ts';
import type { ApiDeps } from '../deps.ts';
import { cancelInvitation, resendInvitation } from '../invitations.ts';
import { reply, route } from '../route.ts';

const linkGone = () => new AppError('invalid_link', 'This link no longer works: it was used, replaced by a newer one, revoked, or it expired. Ask for a new one.');

/**
 * Accounts by one-time links: the admins' pending invitations (the invitation itself is POST /members without a
 * password), accepting one, a forgotten password's reset, and a member changing their own password.
 */
export const accountRoutes = [
  route({
    method: 'get',
    path: '/invitations',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Invitations not yet accepted (admins)',
    description: 'Pending ones, whose link works, and expired ones, which can be sent again.',
    status: 200,
    response: ListInvitationsResponse,
    errors: [403],
    handler: async ({ deps, caller }) => ({ invitations: await listOpenInvitations(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'post',
    path: '/invitations/:id/resend',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Email an invitation again with a new link (admins)',
    description: `The previous link stops working; the new one works for ${invitationDays} days.`,
    params: MemberParams,
    body: z.object({}).optional(),
    status: 200,
    response: InvitationResponse,
    errors: [403, 404, 409],
    handler: async ({ deps, caller, params }) => ({ invitation: await resendInvitation(deps, caller, params.id) }),
  }),
  route({
    method: 'delete',
    path: '/invitations/:id',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Revoke an invitation (admins): its link stops working at once',
    params: MemberParams,
    status: 200,
    response: InvitationResponse,
    errors: [403, 404, 409],
    handler: async ({ deps, caller, params }) => ({ invitation: await cancelInvitation(deps, caller, params.id) }),
  }),
  route({
    method: 'post',
    path: '/auth/invitation',
    auth: 'none',
    tag: 'Console',
    summary: 'What an invitation link invites to, for the page it opens',
    description: 'The token travels in the body, not the URL, so it stays out of logs along the way.',
    body: InvitationTokenRequest,
    status: 200,
    response: InvitationPreviewResponse,
    errors: [410],
    handler: async ({ deps, body }) => {
      const invitation = await findPendingInvitationByToken(deps.db, hashToken(body.token));
      if (!invitation) throw linkGone();
      const { email, name, role, expiresAt, workspaceName } = invitation;
      return { invitation: { email, name, role, expiresAt, workspaceName } };
    },
  }),
  route({
    method: 'post',
    path: '/auth/invitation/accept',
    auth: 'none',
    tag: 'Console',
    summary: 'Accept an invitation: choose a password, become a member, and be signed in',
    description: 'The link works once. 409 when the address got an account meanwhile (sign in with it instead).',
    body: AcceptInvitationRequest,
    status: 200,
    response: MemberResponse,
    errors: [409, 410],
    handler: async ({ deps, body, req, res }) => {
      const tokenHash = hashToken(body.token);
      const invitation = await findPendingInvitationByToken(deps.db, tokenHash);
      if (!invitation) throw linkGone();
      assertAcceptablePassword(body.password, invitation.email, 'password');
      const passwordHash = await hashPassword(body.password, deps.passwordHashing);
      const row = await deps.db
        .transaction()
        .execute((tx) => acceptInvitation(tx, tokenHash, { name: body.name, passwordHash }))
        .catch((error: unknown) => {
          if (error instanceof EmailTakenError) {
            throw new AppError('conflict', 'This email address already has a Handover account: sign in with it, or reset its password');
          }
          throw error;
        });
      if (!row) throw linkGone();
      // Signed in as any sign-in is; a workspace that requires two-factor sends them to enrol first, as anyone.
      await startSession(deps, req, res, { id: row.id, workspaceId: row.workspace_id });
      const member = await findMember(deps.db, row.workspace_id, row.id);
      if (!member) throw linkGone();
      return { member };
    },
  }),
  route({
    method: 'post',
    path: '/auth/password-reset',
    auth: 'none',
    tag: 'Console',
    summary: 'Forgotten password: email a one-time reset link',
    description:
      `Answers 202 whatever the email, so the answer never tells whether it has an account; an active member's address gets a link that works once, for ${passwordResetMinutes} minutes. ` +
      'A new request replaces the previous link. Limited per address and per email.',
    body: PasswordResetRequest,
    status: 202,
    response: OkResponse,
    handler: ({ deps, body }) => {
      // Looked up after answering: the answer takes as long for an unknown email as for a known one.
      setImmediate(() => {
        requestPasswordReset(deps, body.email).catch((error: unknown) => deps.logger.warn({ err: error }, 'password reset not recorded'));
      });
      return reply(202, { ok: true as const });
    },
  }),
  route({
    method: 'post',
    path: '/auth/password-reset/complete',
    auth: 'none',
    tag: 'Console',
    summary: "Set a new password with a reset link's token; signs the member out everywhere",
    body: CompletePasswordResetRequest,
    status: 200,
    response: OkResponse,
    errors: [410],
    handler: async ({ deps, body }) => {
      const tokenHash = hashToken(body.token);
      const member = await findPasswordResetMember(deps.db, tokenHash);
      if (!member) throw linkGone();
      assertAcceptablePassword(body.password, member.email, 'password');
      const passwordHash = await hashPassword(body.password, deps.passwordHashing);
      const done = await deps.db.transaction().execute(async (tx) => {
        if (!(await consumePasswordReset(tx, tokenHash, { workspaceId: member.workspace_id, memberId: member.id }))) return false;
        await updateMemberPassword(tx, member.workspace_id, member.id, passwordHash);
        // A second link asked for meanwhile would undo the password just chosen.
        await deletePasswordResetsOf(tx, member.workspace_id, member.id);
        await deleteMemberSessions(tx, member.workspace_id, member.id);
        await deleteTwoFactorChallengesOf(tx, member.workspace_id, member.id);
        return true;
      });
      if (!done) throw linkGone();
      // Whoever held a session is out now, their open streams included.
      await notifyAccessChanged(deps.db, member.workspace_id, member.id);
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/me/password',
    auth: 'member',
    tag: 'Console',
    summary: 'Change my password; my other sessions end, this one stays',
    description:
      'The current password is checked as a sign-in is, with the same growing waits after wrong ones, counted per member whatever the session or address, ' +
      'and against the per-address limit on failed sign-ins (403 with `details.field` `currentPassword` for a wrong one, 429 while waiting).',
    body: ChangePasswordRequest,
    status: 200,
    response: OkResponse,
    errors: [403],
    handler: async ({ deps, caller, body, req, res, signIn }) => {
      // Waits after wrong ones per member, whatever the session or address it comes from.
      signIn.currentPassword(req, res, caller.member.id);
      const row = await findMemberRow(deps.db, caller.workspaceId, caller.member.id);
      if (!row || !(await checkPassword(deps, row, body.currentPassword))) {
        // The one answer the growing waits count (not the workspace's two-factor requirement, also a 403).
        res.locals.credentialsRejected = true;
        // `details.field` tells this 403 from the others (a cross-site request, the two-factor requirement).
        throw new AppError('forbidden', 'That is not your current password', { field: 'currentPassword' });
      }
      if (body.newPassword === body.currentPassword) {
        throw new ZodError([{ code: 'custom', path: ['newPassword'], message: 'Choose a password different from your current one', input: undefined }]);
      }
      assertAcceptablePassword(body.newPassword, row.email, 'newPassword');
      const passwordHash = await hashPassword(body.newPassword, deps.passwordHashing);
      await deps.db.transaction().execute(async (tx) => {
        await updateMemberPassword(tx, caller.workspaceId, row.id, passwordHash);
        // A reset link asked for before (perhaps by whoever knew the old password) must not undo the change.
        await deletePasswordResetsOf(tx, caller.workspaceId, row.id);
        await deleteOtherSessions(tx, caller.workspaceId, row.id, caller.session.id);
        await deleteTwoFactorChallengesOf(tx, caller.workspaceId, row.id);
      });
      // The other sessions' open streams end now, in every API process; this one's stay.
      await notifyAccessChanged(deps.db, caller.workspaceId, row.id);
      return { ok: true as const };
    },
  }),
];

/** An active member's address gets a new link (the previous one stops working); any other address, nothing. */
async function requestPasswordReset(deps: ApiDeps, email: string): Promise<void> {
  const member = await findMemberRowByEmail(deps.db, email);
  if (!member?.active) return;
  const token = newSessionToken();
  await replacePasswordReset(deps.db, {
    memberId: member.id,
    workspaceId: member.workspace_id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + passwordResetMinutes * 60_000),
  });
  const link = passwordResetLink(consoleUrlOf(deps), token);
  sendAccountEmail(deps, 'password_reset', { to: member.email, ...passwordResetEmail({ name: member.name, link }), secrets: [link] });
}
