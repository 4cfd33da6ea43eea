import { z } from '../../domain/schemas/zod.ts';
import { AppError } from '../../domain/errors.ts';
import { LoginRequest, MemberResponse } from '../../domain/schemas/members.ts';
import { findMember, findMemberRowByEmail } from '../../db/members.ts';
import { deleteSession, insertSession } from '../../db/sessions.ts';
import { hashPassword, hashToken, newSessionToken, verifyPassword } from '../auth/secrets.ts';
import { isHttps, sessionCookieName, sessionToken } from '../middleware/authenticate.ts';
import { route } from '../route.ts';

const sessionDays = 7;
// Verifying against a throwaway hash makes an unknown email cost as much as a wrong password.
const decoyHash = hashPassword('not-a-real-password');

export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/login',
    auth: 'none',
    tag: 'Console',
    summary: 'Sign in with email and password; sets the session cookie',
    body: LoginRequest,
    status: 200,
    response: MemberResponse,
    errors: [401],
    handler: async ({ deps, body, req, res }) => {
      const row = await findMemberRowByEmail(deps.db, body.email);
      const valid = await verifyPassword(body.password, row?.password_hash ?? (await decoyHash));
      if (!row || !valid || !row.active) throw new AppError('unauthenticated', 'The email or password is wrong');
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + sessionDays * 24 * 3600 * 1000);
      await insertSession(deps.db, { tokenHash: hashToken(token), memberId: row.id, workspaceId: row.workspace_id, expiresAt });
      res.cookie(sessionCookieName(deps, req), token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: isHttps(deps, req),
        path: '/',
        expires: expiresAt,
      });
      const member = await findMember(deps.db, row.workspace_id, row.id);
      if (!member) throw new AppError('unauthenticated', 'The email or password is wrong');
      return { member };
    },
  }),
  route({
    method: 'post',
    path: '/auth/logout',
    auth: 'member',
    tag: 'Console',
    summary: 'Sign out: the session ends on the server too',
    body: z.object({}).optional(),
    status: 200,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ deps, req, res }) => {
      const token = sessionToken(deps, req);
      if (token) await deleteSession(deps.db, hashToken(token));
      res.clearCookie(sessionCookieName(deps, req), { path: '/', secure: isHttps(deps, req) });
      return { ok: true as const };
    },
  }),
  route({
    method: 'get',
    path: '/me',
    auth: 'member',
    tag: 'Console',
    summary: 'The signed-in member',
    status: 200,
    response: MemberResponse,
    handler: ({ caller }) => ({ member: caller.member }),
  }),
];
