import { z } from '../../domain/schemas/zod.ts';
import { AppError } from '../../domain/errors.ts';
import { RevokeOtherSessionsResponse, SessionParams, SessionsResponse, type Session } from '../../domain/schemas/sessions.ts';
import type { Member } from '../../domain/schemas/members.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { deleteMemberSession, deleteOtherSessions, listSessions } from '../../db/sessions.ts';
import type { ApiDeps } from '../deps.ts';
import { isHttps, sessionCookieName, sessionIdleSeconds } from '../middleware/authenticate.ts';
import { route } from '../route.ts';

/** Account > Sessions: a member sees where they are signed in, and ends what they do not recognise. */
export const sessionRoutes = [
  route({
    method: 'get',
    path: '/me/sessions',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'Where I am signed in: my sessions in force, this one marked',
    status: 200,
    response: SessionsResponse,
    handler: async ({ deps, caller }) => ({ sessions: await mySessions(deps, caller.member, caller.session.id) }),
  }),
  // Before /me/sessions/:id, which would otherwise also match its path (for the 405 and OPTIONS answers).
  route({
    method: 'post',
    path: '/me/sessions/revoke-others',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'Sign out everywhere else: end all my sessions but this one',
    body: z.object({}).optional(),
    status: 200,
    response: RevokeOtherSessionsResponse,
    handler: async ({ deps, caller }) => {
      const revoked = await deleteOtherSessions(deps.db, caller.workspaceId, caller.member.id, caller.session.id);
      await notifyAccessChanged(deps.db, caller.workspaceId, caller.member.id);
      return { sessions: await mySessions(deps, caller.member, caller.session.id), revoked };
    },
  }),
  route({
    method: 'delete',
    path: '/me/sessions/:id',
    auth: 'member',
    beforeTwoFactorEnrolment: true,
    tag: 'Account',
    summary: 'End one of my sessions (this one too: that signs me out here)',
    description: "Its next request is refused and its open live streams end. Another member's session id is 404, as one that does not exist.",
    params: SessionParams,
    status: 200,
    response: SessionsResponse,
    errors: [404],
    handler: async ({ deps, caller, params, req, res }) => {
      if (!(await deleteMemberSession(deps.db, caller.workspaceId, caller.member.id, params.id))) {
        throw new AppError('not_found', 'No such session of yours');
      }
      // Their streams re-check their own session at once, in every API process: the one ended stops.
      await notifyAccessChanged(deps.db, caller.workspaceId, caller.member.id);
      if (params.id === caller.session.id) res.clearCookie(sessionCookieName(deps, req), { path: '/', secure: isHttps(deps, req) });
      return { sessions: await mySessions(deps, caller.member, caller.session.id) };
    },
  }),
];

async function mySessions(deps: ApiDeps, member: Member, currentId: string): Promise<Session[]> {
  const sessions = await listSessions(deps.db, member.workspaceId, member.id, sessionIdleSeconds(deps));
  return sessions.map((session) => ({ ...session, current: session.id === currentId }));
}
