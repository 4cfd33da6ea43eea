import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../domain/errors.ts';
import { emailKey, type RateLimits } from './rate-limits.ts';

const firstWaitMs = 2_000;
const longestWaitMs = 60_000;
/** A failure is forgotten this long after the last one. */
const memoryMs = 15 * 60_000;
/** Bounds the memory a flood of made-up emails can take: the oldest entries go first. */
const maxEntries = 100_000;

/** The delays as a later step of signing in uses them: one that learns the email only once it has read something. */
export interface SignInAttempts {
  /**
   * Counts an attempt to prove who owns `email` from this request's address (the second factor, or the password
   * again before turning it off): refused with `rate_limited` while that email must wait from there, settled by
   * the answer as a sign-in is. The same counts as the password's, so switching steps gains nothing.
   */
  attempt(req: Request, res: Response, email: string): void;
}

/**
 * Slows password guessing of one email from one address: after `loginFailures` failures each attempt waits
 * (2 s, doubling to 1 min) after the last failure. Keyed by email and address, so a guesser elsewhere cannot
 * keep the owner out (a fixed lockout per email let anyone do that); guessing from many addresses meets the
 * per-address limit on failed sign-ins instead. An attempt counts from its start, so guesses sent at once do
 * not slip past; one that turns out not to be a wrong password is taken back, and only a whole sign-in (both
 * factors) clears the count. A failure is a 401, or an answer whose handler set `res.locals.credentialsRejected`.
 * In this process only.
 */
export function signInDelays(limits: RateLimits, now: () => number = Date.now): RequestHandler & SignInAttempts {
  const failures = new Map<string, { count: number; lastAt: number }>();
  const current = (key: string) => {
    const entry = failures.get(key);
    return entry && now() - entry.lastAt <= memoryMs ? entry : undefined;
  };
  const waitMs = (key: string): number => {
    const entry = current(key);
    const over = entry ? entry.count - limits.loginFailures : -1;
    if (!entry || over < 0) return 0;
    return Math.max(0, entry.lastAt + Math.min(longestWaitMs, firstWaitMs * 2 ** over) - now());
  };
  const record = (key: string, change: 1 | -1) => {
    const entry = current(key);
    const count = (entry?.count ?? 0) + change;
    failures.delete(key);
    if (count <= 0) return;
    // Taking an attempt back keeps the time of the last real failure.
    failures.set(key, { count, lastAt: change === 1 ? now() : (entry?.lastAt ?? now()) });
    if (failures.size > maxEntries) failures.delete(failures.keys().next().value as string);
  };
  /** Throws while the key must wait; else counts the attempt and settles it when the answer is sent. */
  const begin = (req: Request, res: Response, email: string) => {
    const key = `${emailKey(email)}:${addressOf(req)}`;
    const wait = waitMs(key);
    if (wait > 0) {
      throw new AppError('rate_limited', 'Too many failed sign-ins for this email; wait a moment and try again', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    record(key, 1);
    res.on('finish', () => {
      if (res.statusCode === 401 || res.locals.credentialsRejected === true) return;
      // A right password that still needs its second factor is no sign-in yet: taken back, not cleared.
      if (res.statusCode === 200 && res.locals.signInIncomplete !== true) failures.delete(key);
      else record(key, -1);
    });
  };
  const middleware: RequestHandler = (req, res, next) => {
    const email: unknown = req.body?.email;
    if (typeof email !== 'string') return next();
    try {
      begin(req, res, email);
    } catch (error) {
      return next(error);
    }
    next();
  };
  return Object.assign(middleware, { attempt: begin });
}

function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}
