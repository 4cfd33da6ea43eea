import { z } from '../../domain/schemas/zod.ts';
import { AppError } from '../../domain/errors.ts';
import { LoginRequest, MemberResponse } from '../../domain/schemas/members.ts';
import { LoginResponse, LoginTwoFactorRequest, MeResponse } from '../../domain/schemas/two-factor.ts';
import { findMember, findMemberRowByEmail } from '../../db/members.ts';
import { deleteSession } from '../../db/sessions.ts';
import { deleteTwoFactorChallenge, takeTwoFactorAttempt, findTwoFactor, findTwoFactorChallenge } from '../../db/two-factor.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { rehashIfOlder } from '../auth/passwords.ts';
import { decoyPasswordHash, hashToken, verifyPassword } from '../auth/secrets.ts';
import { challengeToken, clearChallengeCookie, maxSecondFactorAttempts, startTwoFactorChallenge } from '../auth/two-factor-challenge.ts';
import { startSession } from '../auth/start-session.ts';
import { acceptSecondFactor } from '../auth/two-factor.ts';
import { isHttps, sessionCookieName, sessionToken } from '../middleware/authenticate.ts';
import { route } from '../route.ts';

export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/login',
    auth: 'none',
    tag: 'Console',
    summary: 'Sign in with email and password; sets the session cookie, or asks for the second factor',
    description:
      'A member without two-factor gets `{ member }` and the session cookie. A member with two-factor gets ' +
      '`{ twoFactorRequired: true, expiresAt }` and no session: a short-lived, single-use cookie names this sign-in, ' +
      'and POST /auth/login/two-factor with a code of their app (or a recovery code) completes it.',
    body: LoginRequest,
    status: 200,
    response: LoginResponse,
    errors: [401],
    handler: async ({ deps, body, req, res }) => {
      const row = await findMemberRowByEmail(deps.db, body.email);
      // Verifying against a throwaway hash makes an unknown email cost as much as a wrong password.
      const valid = await verifyPassword(body.password, row?.password_hash ?? (await decoyPasswordHash(deps.passwordHashing)));
      if (!row || !valid || !row.active) throw new AppError('unauthenticated', 'The email or password is wrong');
      // The session (or pending sign-in) is made only while this hash is still the member's: a password change or
      // reset that commits after the check above leaves the old password refused, as a wrong one.
      const passwordHash = await rehashIfOlder(deps, row, body.password);
      const signingIn = { id: row.id, workspaceId: row.workspace_id, passwordHash };
      if ((await findTwoFactor(deps.db, row.workspace_id, row.id))?.enabledAt) {
        const expiresAt = await startTwoFactorChallenge(deps, req, res, signingIn);
        if (!expiresAt) throw new AppError('unauthenticated', 'The email or password is wrong');
        // The password was right, but this is no sign-in yet: the sign-in delays neither count it nor clear the count.
        res.locals.signInIncomplete = true;
        return { twoFactorRequired: true as const, expiresAt: expiresAt.toISOString() };
      }
      if (!(await startSession(deps, req, res, signingIn))) throw new AppError('unauthenticated', 'The email or password is wrong');
      const member = await findMember(deps.db, row.workspace_id, row.id);
      if (!member) throw new AppError('unauthenticated', 'The email or password is wrong');
      return { member };
    },
  }),
  route({
    method: 'post',
    path: '/auth/login/two-factor',
    auth: 'none',
    tag: 'Console',
    summary: 'Complete a sign-in with the second factor; sets the session cookie',
    description:
      'Sends the cookie POST /auth/login set, and a code of the authenticator app (each is taken once) or a recovery ' +
      `code (each works once). A wrong code is 401 and counts against the sign-in limits like a wrong password; after ${maxSecondFactorAttempts} ` +
      'wrong codes, or 5 minutes, the sign-in is over and the password must be given again.',
    body: LoginTwoFactorRequest,
    status: 200,
    response: MemberResponse,
    errors: [401],
    handler: async ({ deps, body, req, res, signIn }) => {
      const token = challengeToken(deps, req);
      const tokenHash = token ? hashToken(token) : null;
      const challenge = tokenHash ? await findTwoFactorChallenge(deps.db, tokenHash) : undefined;
      if (!tokenHash || !challenge) {
        clearChallengeCookie(deps, req, res);
        throw new AppError('unauthenticated', 'This sign-in has timed out: enter your email and password again');
      }
      signIn.attempt(req, res, challenge.email);
      // The try is taken before the code is judged, so codes sent at once cannot outnumber the limit.
      const left = await takeTwoFactorAttempt(deps.db, tokenHash, maxSecondFactorAttempts);
      const accepted = left !== null && (await acceptSecondFactor(deps.db, challenge.workspaceId, challenge.memberId, body.code));
      if (!accepted) {
        if (left !== null && left > 0) throw new AppError('unauthenticated', 'That code is not right: enter the code your app shows now, or a recovery code');
        await deleteTwoFactorChallenge(deps.db, tokenHash);
        clearChallengeCookie(deps, req, res);
        // Its tries were all taken by codes sent at once: this one was not judged.
        if (left === null) throw new AppError('unauthenticated', 'This sign-in is over after too many codes: enter your email and password again');
        throw new AppError('unauthenticated', 'Too many wrong codes: enter your email and password again');
      }
      await deleteTwoFactorChallenge(deps.db, tokenHash);
      clearChallengeCookie(deps, req, res);
      const member = await findMember(deps.db, challenge.workspaceId, challenge.memberId);
      if (!member?.active) throw new AppError('unauthenticated', 'This sign-in has timed out: enter your email and password again');
      await startSession(deps, req, res, { id: member.id, workspaceId: member.workspaceId });
      return { member };
    },
  }),
  route({
    method: 'post',
    path: '/auth/logout',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Console',
    summary: 'Sign out: the session ends on the server too',
    body: z.object({}).optional(),
    status: 200,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ deps, caller, req, res }) => {
      const token = sessionToken(deps, req);
      if (token) await deleteSession(deps.db, hashToken(token));
      // Their open streams end now, in every API process, not at their next check.
      await notifyAccessChanged(deps.db, caller.workspaceId, caller.member.id);
      res.clearCookie(sessionCookieName(deps, req), { path: '/', secure: isHttps(deps, req) });
      return { ok: true as const };
    },
  }),
  route({
    method: 'get',
    path: '/me',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Console',
    summary: 'The signed-in member, and whether they must enrol in two-factor before anything else',
    status: 200,
    response: MeResponse,
    handler: ({ caller }) => ({ member: caller.member, twoFactorEnrolmentRequired: caller.session.mustEnrolTwoFactor }),
  }),
];
