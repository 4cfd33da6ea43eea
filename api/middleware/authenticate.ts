import type { Request } from 'express';
import { AppError } from '../../domain/errors.ts';
import { useApiKey } from '../../db/api-keys.ts';
import { findSessionMember } from '../../db/members.ts';
import { deleteSession, touchSession } from '../../db/sessions.ts';
import { hashToken } from '../auth/secrets.ts';
import type { ApiDeps } from '../deps.ts';
import type { Auth, Caller } from '../route.ts';

/**
 * The session cookie's name. Over https it takes the `__Host-` prefix: the browser then keeps it only when it is
 * Secure, for `/`, with no Domain, so a sibling subdomain cannot plant one; and only that name is read there.
 */
export function sessionCookieName(deps: Pick<ApiDeps, 'publicUrl'>, req: Request): string {
  return isHttps(deps, req) ? '__Host-handover_session' : 'handover_session';
}

/** Served over https: the request came over TLS (or through a trusted proxy that says so), or PUBLIC_URL is https. */
export function isHttps(deps: Pick<ApiDeps, 'publicUrl'>, req: Request): boolean {
  return req.secure || (deps.publicUrl?.startsWith('https://') ?? false);
}

/** The session token the request carries, under the name this request's scheme uses; null without one. */
export function sessionToken(deps: Pick<ApiDeps, 'publicUrl'>, req: Request): string | null {
  const token: unknown = req.cookies?.[sessionCookieName(deps, req)];
  return typeof token === 'string' && token.length > 0 ? token : null;
}

/** How long a session may go unused (SESSION_IDLE_TIMEOUT): 12 hours unless configured. */
export function sessionIdleSeconds(deps: Pick<ApiDeps, 'sessionIdleSeconds'>): number {
  return deps.sessionIdleSeconds ?? 12 * 3600;
}

/** Establishes the caller for a route's kind of auth, or throws 401/403 in the envelope. */
export async function authenticate<A extends Auth>(deps: ApiDeps, req: Request, auth: A): Promise<Caller<A>> {
  if (auth === 'none') return {} as Caller<A>;
  if (auth === 'apiKey') return (await authenticateApiKey(deps, req)) as Caller<A>;
  // Either: the request says which by sending an Authorization header or not.
  if (auth === 'apiKeyOrMember' && req.get('authorization') !== undefined) return (await authenticateApiKey(deps, req)) as Caller<A>;
  return (await authenticateMember(deps, req)) as Caller<A>;
}

async function authenticateApiKey(deps: ApiDeps, req: Request): Promise<Caller<'apiKey'>> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated', 'Send your API key as "Authorization: Bearer <key>"');
  const key = await useApiKey(deps.db, hashToken(match[1]));
  if (!key) throw new AppError('unauthenticated', 'The API key is not valid or was revoked');
  return { workspaceId: key.workspaceId, apiKeyId: key.id };
}

async function authenticateMember(deps: ApiDeps, req: Request): Promise<Caller<'member'>> {
  const token = sessionToken(deps, req);
  if (!token) throw new AppError('unauthenticated', 'Sign in first');
  const tokenHash = hashToken(token);
  const found = await findSessionMember(deps.db, tokenHash, sessionIdleSeconds(deps));
  if (!found) throw new AppError('unauthenticated', 'Your session has expired; sign in again');
  if (found.isIdle) {
    await deleteSession(deps.db, tokenHash);
    throw new AppError('unauthenticated', 'You were signed out after a while without using the console; sign in again');
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertSameOrigin(deps, req);
  // The idle timeout counts from the last use, marked at most once a minute rather than written by every request.
  // A reload the console made on its own (x-handover-background: 1) is no use; the header can only ever not extend a session.
  if (found.isStale && req.get('x-handover-background') !== '1') await touchSession(deps.db, tokenHash, req.ip ?? null);
  return {
    workspaceId: found.member.workspaceId,
    member: found.member,
    session: { id: found.sessionId, mustEnrolTwoFactor: found.mustEnrolTwoFactor },
  };
}

/** CSRF: a cookie-authenticated write must come from our own origin (PUBLIC_URL, else the request's host). */
function assertSameOrigin(deps: ApiDeps, req: Request): void {
  const origin = parseOrigin(req.get('origin'));
  const allowed = deps.publicUrl ? parseOrigin(deps.publicUrl)?.origin : undefined;
  const sameSite = allowed ? origin?.origin === allowed : origin?.host === req.get('host');
  if (!sameSite) throw new AppError('forbidden', 'Cross-site request refused');
}

function parseOrigin(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
