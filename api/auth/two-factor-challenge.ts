// A sign-in whose password was right, waiting for the second factor: its single-use cookie and its limits.
import type { Request, Response } from 'express';
import { insertTwoFactorChallenge } from '../../db/two-factor.ts';
import type { ApiDeps } from '../deps.ts';
import { isHttps } from '../middleware/authenticate.ts';
import { hashToken, newSessionToken } from './secrets.ts';

/** A sign-in waiting for its second factor: long enough to open the app, short enough to be of little use to a thief. */
const challengeMinutes = 5;
/** Wrong codes one pending sign-in takes before the password must be given again. */
export const maxSecondFactorAttempts = 5;

/**
 * The pending sign-in's cookie: httpOnly like the session's, `__Host-` over https. Its path is `/` because the
 * console's sign-in page (not only the API) must send it on.
 */
export function challengeCookieName(deps: Pick<ApiDeps, 'publicUrl'>, req: Request): string {
  return isHttps(deps, req) ? '__Host-handover_two_factor' : 'handover_two_factor';
}

export function challengeToken(deps: Pick<ApiDeps, 'publicUrl'>, req: Request): string | null {
  const token: unknown = req.cookies?.[challengeCookieName(deps, req)];
  return typeof token === 'string' && token.length > 0 ? token : null;
}

/**
 * Starts a sign-in that waits for a second factor; answers until when it does, or null when the password hash it
 * was checked against is no longer the member's (changed or reset since).
 */
export async function startTwoFactorChallenge(
  deps: ApiDeps,
  req: Request,
  res: Response,
  member: { id: string; workspaceId: string; passwordHash: string },
): Promise<Date | null> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + challengeMinutes * 60_000);
  const started = await insertTwoFactorChallenge(deps.db, {
    tokenHash: hashToken(token),
    memberId: member.id,
    workspaceId: member.workspaceId,
    expiresAt,
    passwordHash: member.passwordHash,
  });
  if (!started) return null;
  res.cookie(challengeCookieName(deps, req), token, { httpOnly: true, sameSite: 'lax', secure: isHttps(deps, req), path: '/', expires: expiresAt });
  return expiresAt;
}

export function clearChallengeCookie(deps: Pick<ApiDeps, 'publicUrl'>, req: Request, res: Response): void {
  res.clearCookie(challengeCookieName(deps, req), { path: '/', secure: isHttps(deps, req) });
}
