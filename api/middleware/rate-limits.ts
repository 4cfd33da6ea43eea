import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../domain/errors.ts';
import type { Auth, Caller } from '../route.ts';
import { errorBody } from './errors.ts';

export interface RateLimits {
  /** Requests a minute per API key or per member, counted once the caller is known. */
  perMinute: number;
  /** Requests a minute per client address, counted before any credential is looked at; default twice `perMinute`. */
  perAddressPerMinute?: number;
  /** Failed sign-ins of one email from one address before each further attempt from there waits, the wait doubling. */
  loginFailures: number;
  /** Failed sign-ins from one address in 15 minutes, whatever the emails (password spraying); default five times `loginFailures`. */
  loginFailuresPerAddress?: number;
  /** Password reset requests for one email in an hour, whatever the address (its owner's inbox is not flooded); default 5. */
  passwordResetsPerEmail?: number;
  /** Password reset requests from one address in an hour, whatever the emails; default 20. */
  passwordResetsPerAddress?: number;
}

// 100 requests a second per key: a busy AI service handing over a hundred conversations a minute and relaying
// every message of each, with room for retries. Sign-in guessing has its own, much tighter limits.
export const defaultRateLimits: RateLimits = { perMinute: 6000, loginFailures: 10 };

const common = { standardHeaders: 'draft-8', legacyHeaders: false } as const;

/**
 * Per client address, before authentication: a caller sending a fresh random key or cookie with each request
 * still counts against one bucket. IPv6 addresses are grouped by their /56 so one host cannot rotate around it.
 * The counts live in this process: with several API instances each counts its own share.
 */
export function addressRateLimit(limits: RateLimits): RequestHandler {
  return rateLimit({
    ...common,
    windowMs: 60_000,
    limit: limits.perAddressPerMinute ?? 2 * limits.perMinute,
    keyGenerator: (req) => `ip:${addressKey(req)}`,
    handler: (req, res) => tooMany(req, res, 'Too many requests from this address; slow down and retry after the time in Retry-After'),
  });
}

/**
 * Per authenticated caller (the API key, or the member whatever their session): run by the route once it knows
 * who calls, so a key spread over many addresses is still one caller. Refuses by throwing `rate_limited`.
 */
export function principalRateLimit(limits: RateLimits): (req: Request, res: Response, caller: Caller<Auth>) => Promise<void> {
  const limiter = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: limits.perMinute,
    keyGenerator: (_req, res) => String(res.locals.principal),
    handler: (req, _res, next) =>
      next(new AppError('rate_limited', 'Too many requests; slow down and retry after the time in Retry-After', { retryAfterSeconds: retryAfterSeconds(req) })),
  });
  return async (req, res, caller) => {
    if ('apiKeyId' in caller) res.locals.principal = `key:${caller.apiKeyId}`;
    else if ('member' in caller) res.locals.principal = `member:${caller.member.id}`;
    else return;
    await new Promise<void>((resolve, reject) => {
      void limiter(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
    });
  };
}

/** Password spraying: failed sign-ins per address, whatever the emails. One instance serves every step that checks a credential. */
export function loginAddressRateLimit(limits: RateLimits): RequestHandler {
  return rateLimit({
    ...common,
    windowMs: 15 * 60_000,
    limit: limits.loginFailuresPerAddress ?? 5 * limits.loginFailures,
    // Only wrong passwords (and second factors) count: not this or another limit's 429, nor a 503 while hashing is busy.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.locals.credentialsRejected !== true,
    keyGenerator: (req) => `login:${addressKey(req)}`,
    handler: (req, res) => tooMany(req, res, 'Too many failed sign-ins from this address; wait a few minutes and try again'),
  });
}

/**
 * Password reset requests, per address and per email whatever the address. Counted for every email alike,
 * known or not, so a 429 tells nothing of whether it has an account.
 */
export function passwordResetRateLimits(limits: RateLimits): RequestHandler[] {
  const hour = 60 * 60_000;
  return [
    rateLimit({
      ...common,
      windowMs: hour,
      limit: limits.passwordResetsPerAddress ?? 20,
      keyGenerator: (req) => `reset:${addressKey(req)}`,
      handler: (req, res) => tooMany(req, res, 'Too many password reset requests from this address; wait a while and try again'),
    }),
    rateLimit({
      ...common,
      windowMs: hour,
      limit: limits.passwordResetsPerEmail ?? 5,
      skip: (req) => typeof req.body?.email !== 'string',
      keyGenerator: (req) => `reset-email:${emailKey(String(req.body.email))}`,
      handler: (req, res) => tooMany(req, res, 'Too many password reset requests for this email; check your inbox (and spam folder), or wait a while'),
    }),
  ];
}

/**
 * One-time links (invitations, password resets): links that do not work, per address. A token is 256 random bits,
 * so this guards against floods rather than guessing.
 */
export function oneTimeLinkRateLimit(limits: RateLimits): RequestHandler {
  return rateLimit({
    ...common,
    windowMs: 15 * 60_000,
    limit: limits.loginFailuresPerAddress ?? 5 * limits.loginFailures,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 410,
    keyGenerator: (req) => `link:${addressKey(req)}`,
    handler: (req, res) => tooMany(req, res, 'Too many links that do not work from this address; wait a few minutes and try again'),
  });
}

function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}

function retryAfterSeconds(req: Request): number {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
}

function tooMany(req: Request, res: Response, message: string): void {
  const seconds = retryAfterSeconds(req);
  res.setHeader('Retry-After', String(seconds));
  res.status(429).json(errorBody('rate_limited', message, { retryAfterSeconds: seconds }));
}

/** An email as a key of the limits: hashed, so the process never keeps the addresses people typed. */
export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}
