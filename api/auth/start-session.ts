import type { Request, Response } from 'express';
import { insertSession } from '../../db/sessions.ts';
import type { ApiDeps } from '../deps.ts';
import { isHttps, sessionCookieName } from '../middleware/authenticate.ts';
import { hashToken, newSessionToken } from './secrets.ts';

/** A session lasts this long whatever happens; unused for the idle timeout, it ends sooner. */
export const sessionDays = 7;
const userAgentLength = 200;

/**
 * The one way a session starts: a sign-in (after its second factor, for a member who has one) and an accepted
 * invitation both come here. Opens a session for the member and sets its cookie, noting the browser and the
 * address (as trusted proxies give it) that Account > Sessions shows. A member whose workspace requires two-factor
 * they have not set up gets a session all the same: the API then answers them only what enrolling needs.
 * A sign-in by password passes the hash it checked: false (no session, no cookie) when the password has changed since.
 */
export async function startSession(
  deps: ApiDeps,
  req: Request,
  res: Response,
  member: { id: string; workspaceId: string; passwordHash?: string },
): Promise<boolean> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + sessionDays * 24 * 3600 * 1000);
  const started = await insertSession(deps.db, {
    tokenHash: hashToken(token),
    memberId: member.id,
    workspaceId: member.workspaceId,
    expiresAt,
    userAgent: req.get('user-agent')?.slice(0, userAgentLength) || null,
    clientAddress: req.ip ?? null,
    ...(member.passwordHash === undefined ? {} : { passwordHash: member.passwordHash }),
  });
  if (!started) return false;
  res.cookie(sessionCookieName(deps, req), token, { httpOnly: true, sameSite: 'lax', secure: isHttps(deps, req), path: '/', expires: expiresAt });
  return true;
}
