import type { Request, Response } from 'express';
import { insertSession } from '../../db/sessions.ts';
import type { ApiDeps } from '../deps.ts';
import { isHttps, sessionCookieName } from '../middleware/authenticate.ts';
import { hashToken, newSessionToken } from './secrets.ts';

/** As long as a sign-in's session (routes/auth.ts). */
const sessionDays = 7;

/** Signs a member in as the sign-in route does: a new session, its cookie on the answer. */
export async function startSession(deps: ApiDeps, req: Request, res: Response, member: { id: string; workspaceId: string }): Promise<void> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + sessionDays * 24 * 3600 * 1000);
  await insertSession(deps.db, { tokenHash: hashToken(token), memberId: member.id, workspaceId: member.workspaceId, expiresAt });
  res.cookie(sessionCookieName(deps, req), token, { httpOnly: true, sameSite: 'lax', secure: isHttps(deps, req), path: '/', expires: expiresAt });
}
