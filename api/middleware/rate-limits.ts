import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { errorBody } from './errors.ts';

export interface RateLimits {
  /** Requests a minute per API key, per session, or per address for anonymous callers. */
  perMinute: number;
  /** Failed sign-ins per email and address in 15 minutes before sign-in is refused for a while. */
  loginFailures: number;
}

// 100 requests a second per key: a busy AI service handing over a hundred conversations a minute and relaying
// every message of each, with room for retries. Sign-in guessing has its own, much tighter limit.
export const defaultRateLimits: RateLimits = { perMinute: 6000, loginFailures: 10 };

/**
 * Per caller: the API key or the session (hashed, never kept raw), else the address. The counts live in
 * this process: with several API instances each counts its own share.
 */
export function requestRateLimit(limits: RateLimits): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: callerKey,
    handler: (req, res) => tooMany(req, res, 'Too many requests; slow down and retry after the time in Retry-After'),
  });
}

/** Slows down password guessing: failed sign-ins only, per email and address. */
export function loginRateLimit(limits: RateLimits): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: limits.loginFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
      return `login:${digest(email)}:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, res) => tooMany(req, res, 'Too many failed sign-ins; wait a few minutes and try again'),
  });
}

function callerKey(req: Request): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (bearer) return `key:${digest(bearer)}`;
  const session: unknown = req.cookies?.['__Host-handover_session'] ?? req.cookies?.handover_session;
  if (typeof session === 'string' && session) return `session:${digest(session)}`;
  // IPv6 addresses are grouped by their /56 so one host cannot rotate around the limit.
  return `ip:${ipKeyGenerator(req.ip ?? '')}`;
}

function tooMany(req: Request, res: Response, message: string): void {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(429).json(errorBody('rate_limited', message, { retryAfterSeconds }));
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
