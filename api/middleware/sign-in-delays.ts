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
  /**
   * Counts a signed-in member's check of their current password (to change it), with the same waits keyed by the
   * member alone: neither a new session nor another address starts the count afresh. Only their own sessions
   * can make them wait.
   */
  currentPassword(req: Request, res: Response, memberId: string): void;
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
  const keyOf = (req: Request, email: string) => `${emailKey(email)}:${addressOf(req)}`;
  const delays = guessDelays(
    limits,
    {
      keyOf: (req) => (typeof req.body?.email === 'string' ? keyOf(req, req.body.email) : null),
      failureStatus: 401,
      message: 'Too many failed sign-ins for this email; wait a moment and try again',
    },
    now,
  );
  const currentPasswords = guessDelays(
    limits,
    { keyOf: () => null, message: 'Too many wrong current passwords; wait a moment and try again' },
    now,
  );
  const middleware: RequestHandler = (req, res, next) => delays(req, res, next);
  return Object.assign(middleware, {
    attempt: (req: Request, res: Response, email: string) => delays.attempt(req, res, keyOf(req, email)),
    currentPassword: (req: Request, res: Response, memberId: string) => currentPasswords.attempt(req, res, `member:${memberId}`),
  });
}

export interface GuessDelayOptions {
  /** What one guesser guesses at, from where (e.g. an email and the address); null lets the request through uncounted. */
  keyOf(req: Request): string | null;
  /**
   * The status of a wrong guess, if every answer of that status is one; an answer whose handler set
   * `res.locals.credentialsRejected` is one too. A 200 clears the count unless the handler set
   * `res.locals.signInIncomplete` (a right password still waiting for its second factor); any other answer takes
   * the attempt back.
   */
  failureStatus?: number;
  message: string;
}

/** A guess counted by key: throws `rate_limited` while the key must wait, else counts it and settles it by the answer. */
export type GuessAttempt = (req: Request, res: Response, key: string) => void;

/** The growing waits of `signInDelays`, for any password check: keyed and worded by the caller. */
export function guessDelays(limits: RateLimits, options: GuessDelayOptions, now: () => number = Date.now): RequestHandler & { attempt: GuessAttempt } {
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
  const attempt: GuessAttempt = (req, res, key) => {
    const wait = waitMs(key);
    if (wait > 0) throw new AppError('rate_limited', options.message, { retryAfterSeconds: Math.ceil(wait / 1000) });
    record(key, 1);
    res.on('finish', () => {
      if (res.statusCode === options.failureStatus || res.locals.credentialsRejected === true) return;
      if (res.statusCode === 200 && res.locals.signInIncomplete !== true) failures.delete(key);
      else record(key, -1);
    });
  };
  const middleware: RequestHandler = (req, res, next) => {
    const key = options.keyOf(req);
    if (key === null) return next();
    try {
      attempt(req, res, key);
    } catch (error) {
      return next(error);
    }
    next();
  };
  return Object.assign(middleware, { attempt });
}

/** The client's address as a key (IPv6 by its /56). */
export function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}
