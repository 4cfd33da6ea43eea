import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../domain/errors.ts';
import { concurrencyLimit } from '../../platform/concurrency.ts';

const scryptOnce = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>;
const params = { N: 16384, r: 8, p: 1 };

// Each hash takes a thread of libuv's pool (4 by default, shared with DNS and files) for tens of milliseconds: a
// flood of sign-ins must not take them all, nor queue without bound. Beyond the queue, 503 with a retry.
const hashing = concurrencyLimit(2, 64, () => new AppError('unavailable', 'Too many sign-ins at once; try again in a moment', { retryAfterSeconds: 1 }));
const scryptAsync = (password: string, salt: Buffer, length: number, options: object) => hashing(() => scryptOnce(password, salt, length, options));

/** Password hashes: scrypt with a random salt, stored as `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** Session tokens and API keys are stored as this hash only: high-entropy secrets need no salt. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares a sent secret with the expected one in constant time: their hashes, equal in length whatever was sent. */
export function sameSecret(sent: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(sent)), Buffer.from(hashToken(expected)));
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API key: `hk_` + 32 random bytes; the prefix shown in lists is its first 10 characters. */
export function newApiKey(): { key: string; prefix: string } {
  const key = `hk_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10) };
}

/** A webhook signing secret as the Standard Webhooks scheme keys its HMAC: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
