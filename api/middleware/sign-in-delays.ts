import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../domain/errors.ts';
import { emailKey, type RateLimits } from './rate-limits.ts';

const firstWaitMs = 2_000;
const longestWaitMs = 60_000;
/** A failure is forgotten this long after the last one. */
const memoryMs = 15 * 60_000;
/** Bounds the memory a flood of made-up emails can take: the oldest entries go first. */
const maxEntries = 100_000;

/**
 * Slows password guessing of one email from one address: after `loginFailures` failures each attempt waits
 * (2 s, doubling to 1 min) after the last failure. Keyed by email and address, so a guesser elsewhere cannot
 * keep the owner out (a fixed lockout per email let anyone do that); guessing from many addresses meets the
 * per-address limit on failed sign-ins instead. An attempt counts from its start, so guesses sent at once do
 * not slip past; one that turns out not to be a wrong password (a success clears the count) is taken back.
 * In this process only.
 */
export function signInDelays(limits: RateLimits, now: () => number = Date.now): RequestHandler {
  return guessDelays(
    limits,
    {
      keyOf: (req) => (typeof req.body?.email === 'string' ? `${emailKey(req.body.email)}:${addressOf(req)}` : null),
      failureStatus: 401,
      message: 'Too many failed sign-ins for this email; wait a moment and try again',
    },
    now,
  );
}

export interface GuessDelayOptions {
  /** What one guesser guesses at, from where (e.g. an email and the address); null lets the request through uncounted. */
  keyOf(req: Request): string | null;
  /** The status of a wrong guess; a 200 clears the count, any other answer takes the attempt back. */
  failureStatus: number;
  message: string;
}

/** The growing waits of `signInDelays`, for any password check: keyed and worded by the caller. */
export function guessDelays(limits: RateLimits, options: GuessDelayOptions, now: () => number = Date.now): RequestHandler {
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
  return (req, res, next) => {
    const key = options.keyOf(req);
    if (key === null) return next();
    const wait = waitMs(key);
    if (wait > 0) return next(new AppError('rate_limited', options.message, { retryAfterSeconds: Math.ceil(wait / 1000) }));
    record(key, 1);
    res.on('finish', () => {
      if (res.statusCode === 200) failures.delete(key);
      else if (res.statusCode !== options.failureStatus) record(key, -1);
    });
    next();
  };
}

/** The client's address as a key (IPv6 by its /56). */
export function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}
