import { z } from '../../domain/schemas/zod.ts';
import { AppError, fieldError } from '../../domain/errors.ts';
import type { Member } from '../../domain/schemas/members.ts';
import {
  ConfirmTwoFactorRequest,
  ConfirmTwoFactorResponse,
  DisableTwoFactorRequest,
  SecuritySettings,
  SecuritySettingsResponse,
  StartTwoFactorResponse,
  TwoFactorStatusResponse,
  type TwoFactorStatus,
} from '../../domain/schemas/two-factor.ts';
import type { Db } from '../../db/connect.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { findMemberRow } from '../../db/members.ts';
import { countRecoveryCodesLeft, deleteTwoFactor, enableTwoFactor, findTwoFactor, startTwoFactorEnrolment } from '../../db/two-factor.ts';
import { findRequireTwoFactor, saveRequireTwoFactor } from '../../db/workspace-security.ts';
import { checkPassword } from '../auth/passwords.ts';
import { acceptSecondFactor, hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpUri } from '../auth/two-factor.ts';
import { route } from '../route.ts';

/**
 * Account > Two-factor: a member turns on a TOTP second factor (enrol, confirm a code, keep the recovery codes) and
 * off again (password and a code); an admin may require it of every member of the workspace.
 */
export const twoFactorRoutes = [
  route({
    method: 'get',
    path: '/me/two-factor',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'Whether I sign in with a second factor, and whether my workspace requires one',
    status: 200,
    response: TwoFactorStatusResponse,
    handler: async ({ deps, caller }) => ({ twoFactor: await twoFactorStatus(deps.db, caller.member) }),
  }),
  route({
    method: 'post',
    path: '/me/two-factor',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'Start enrolling an authenticator app: a new secret, as text and as an otpauth:// URI',
    description:
      'Nothing changes at sign-in until POST /me/two-factor/confirm takes a current code of the app. Starting again ' +
      'replaces the secret of an enrolment not yet confirmed. 409 when two-factor is already on.',
    body: z.object({}).optional(),
    status: 200,
    response: StartTwoFactorResponse,
    errors: [409],
    handler: async ({ deps, caller }) => {
      const secret = newTotpSecret();
      if (!(await startTwoFactorEnrolment(deps.db, caller.workspaceId, caller.member.id, secret))) {
        throw new AppError('conflict', 'Two-factor is already on; turn it off first to enrol another app');
      }
      return { secret, uri: totpUri(secret, caller.member.email) };
    },
  }),
  route({
    method: 'post',
    path: '/me/two-factor/confirm',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'Finish enrolling with a current code of the app; answers the recovery codes, shown this once',
    description: 'A wrong code is 422 naming `code` and changes nothing. 409 when no enrolment was started, or two-factor is already on.',
    body: ConfirmTwoFactorRequest,
    status: 200,
    response: ConfirmTwoFactorResponse,
    errors: [409, 422],
    handler: async ({ deps, caller, body }) => {
      const pending = await findTwoFactor(deps.db, caller.workspaceId, caller.member.id);
      if (!pending || pending.enabledAt) {
        throw new AppError('conflict', pending ? 'Two-factor is already on' : 'Start enrolling first: no authenticator app is waiting for a code');
      }
      const step = matchTotp(pending.secret, body.code);
      if (step === null) throw fieldError(['code'], 'That code does not match: enter the code your app shows now (check that your phone shows the right time)');
      const recoveryCodes = newRecoveryCodes();
      if (!(await enableTwoFactor(deps.db, caller.workspaceId, caller.member.id, pending.secret, step, recoveryCodes.map(hashRecoveryCode)))) {
        const now = await findTwoFactor(deps.db, caller.workspaceId, caller.member.id);
        throw new AppError(
          'conflict',
          now?.enabledAt ? 'Two-factor is already on' : 'Enrolling was started again meanwhile: scan the new QR code and enter a code of it',
        );
      }
      return { twoFactor: await twoFactorStatus(deps.db, caller.member), recoveryCodes };
    },
  }),
  route({
    method: 'post',
    path: '/me/two-factor/disable',
    auth: 'member',
    tag: 'Account',
    summary: 'Turn two-factor off, with my password and a code (of the app, or a recovery code)',
    description:
      'A wrong password or code is 422 naming the field, changes nothing, and counts against the sign-in limits like a ' +
      'wrong password at sign-in. 409 when two-factor is not on.',
    body: DisableTwoFactorRequest,
    status: 200,
    response: TwoFactorStatusResponse,
    errors: [409, 422],
    handler: async ({ deps, caller, body, req, res, signIn }) => {
      const twoFactor = await findTwoFactor(deps.db, caller.workspaceId, caller.member.id);
      if (!twoFactor?.enabledAt) throw new AppError('conflict', 'Two-factor is not on');
      // A stolen session must not become a way to guess the password, or codes, without the sign-in limits.
      signIn.attempt(req, res, caller.member.email);
      const row = await findMemberRow(deps.db, caller.workspaceId, caller.member.id);
      if (!row || !(await checkPassword(deps, row, body.password))) {
        res.locals.credentialsRejected = true;
        throw fieldError(['password'], 'That is not your password');
      }
      if (!(await acceptSecondFactor(deps.db, caller.workspaceId, caller.member.id, body.code))) {
        res.locals.credentialsRejected = true;
        throw fieldError(['code'], 'That code is not right: enter the code your app shows now, or a recovery code');
      }
      await deleteTwoFactor(deps.db, caller.workspaceId, caller.member.id);
      return { twoFactor: await twoFactorStatus(deps.db, caller.member) };
    },
  }),
  route({
    method: 'get',
    path: '/settings/security',
    auth: 'member',
    tag: 'Settings',
    summary: "The workspace's sign-in requirements",
    status: 200,
    response: SecuritySettingsResponse,
    handler: async ({ deps, caller }) => ({ security: { requireTwoFactor: await findRequireTwoFactor(deps.db, caller.workspaceId) } }),
  }),
  route({
    method: 'put',
    path: '/settings/security',
    auth: 'member',
    roles: ['admin'],
    tag: 'Settings',
    summary: 'Require two-factor of every member, or not (admins)',
    description:
      'Once required, a member without two-factor may only enrol (and see who they are, their sessions, sign out): ' +
      'every other call answers 403 two_factor_enrolment_required, and their open live streams end. The admin turning ' +
      'it on must have two-factor on already (409 otherwise), so the requirement never shuts out the one who set it.',
    body: SecuritySettings,
    status: 200,
    response: SecuritySettingsResponse,
    errors: [403, 409],
    handler: async ({ deps, caller, body }) => {
      if (body.requireTwoFactor && !(await findTwoFactor(deps.db, caller.workspaceId, caller.member.id))?.enabledAt) {
        throw new AppError('conflict', 'Turn on two-factor for yourself first (Account > Two-factor), then require it of everyone');
      }
      await saveRequireTwoFactor(deps.db, caller.workspaceId, body.requireTwoFactor);
      // Members without a second factor lose everything but enrolment at once: their open streams re-check now.
      await notifyAccessChanged(deps.db, caller.workspaceId);
      return { security: { requireTwoFactor: body.requireTwoFactor } };
    },
  }),
];

async function twoFactorStatus(db: Db, member: Member): Promise<TwoFactorStatus> {
  const [twoFactor, requiredByWorkspace] = await Promise.all([findTwoFactor(db, member.workspaceId, member.id), findRequireTwoFactor(db, member.workspaceId)]);
  const enabledAt = twoFactor?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? await countRecoveryCodesLeft(db, member.workspaceId, member.id) : 0,
    requiredByWorkspace,
  };
}
