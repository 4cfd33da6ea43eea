import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors.ts';
import { emailKey, type RateLimits } from './rate-limits.ts';

const firstWaitMs = 2_000;
const longestWaitMs = 60_000;
/** A failure is forgotten this long after the last one. */
const memoryMs = 15 * 60_000;
/** Bounds the memory a flood of made-up emails can take: the oldest entries go first. */
const maxEmails = 100_000;

/**
 * Slows password guessing of one email, from whatever addresses: after `loginFailures` failures each attempt
 * waits (2 s, doubling to 1 min) after the last failure. The owner is never locked out for longer than that wait,
 * as they were by a fixed lockout anyone could trigger. A success clears the email's count. In this process only.
 */
export function signInDelays(limits: RateLimits, now: () => number = Date.now): RequestHandler {
  const failures = new Map<string, { count: number; lastAt: number }>();
  const waitMs = (key: string): number => {
    const entry = failures.get(key);
    if (!entry || now() - entry.lastAt > memoryMs) return 0;
    const over = entry.count - limits.loginFailures;
    if (over < 0) return 0;
    return Math.max(0, entry.lastAt + Math.min(longestWaitMs, firstWaitMs * 2 ** over) - now());
  };
  return (req, res, next) => {
    const email: unknown = req.body?.email;
    if (typeof email !== 'string') return next();
    const key = emailKey(email);
    const wait = waitMs(key);
    if (wait > 0) {
      return next(new AppError('rate_limited', 'Too many failed sign-ins for this email; wait a moment and try again', { retryAfterSeconds: Math.ceil(wait / 1000) }));
    }
    res.on('finish', () => {
      if (res.statusCode === 200) failures.delete(key);
      else if (res.statusCode === 401) {
        const entry = failures.get(key);
        const count = entry && now() - entry.lastAt <= memoryMs ? entry.count + 1 : 1;
        failures.delete(key);
        failures.set(key, { count, lastAt: now() });
        if (failures.size > maxEmails) failures.delete(failures.keys().next().value as string);
      }
    });
    next();
  };
}
