import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../domain/errors.ts';
import { concurrencyLimit } from '../../platform/concurrency.ts';

const scryptOnce = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>;

/** scrypt's cost: N (CPU and memory, a power of two), r (block size), p (parallelism). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

// N = 2^17 with r = 8: 128 MiB and about 0.3-0.5 s a hash, as OWASP advises for scrypt. Stored hashes name their
// own parameters, so hashes made at an older cost keep verifying and are rehashed at this one on sign-in.
export const passwordHashing: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
// What a stored hash may ask of us: no more than twice today's cost, so a row cannot make a sign-in exhaust memory.
const maxN = 2 ** 18;

/**
 * Whether a stored hash's cost is one we spend: at most twice today's memory (128·N·r bytes) and twice its work
 * (N·r·p), however it mixes N, r and p (each is also bounded alone, for a sane hash).
 */
export function withinCostBound(params: ScryptParams): boolean {
  const today = passwordHashing;
  return params.N * params.r <= 2 * today.N * today.r && params.N * params.r * params.p <= 2 * today.N * today.r * today.p;
}

// Each hash takes a thread of libuv's pool (4 by default, shared with DNS and files) and its memory for a few hundred
// milliseconds: a flood of sign-ins must not take them all, nor queue without bound. Beyond the queue, 503 with a retry.
const hashing = concurrencyLimit(2, 64, () => new AppError('unavailable', 'Too many sign-ins at once; try again in a moment', { retryAfterSeconds: 1 }));
const scryptAsync = (password: string, salt: Buffer, length: number, params: ScryptParams) =>
  // scrypt needs 128 * N * r bytes (plus a little per p); Node refuses more than 32 MiB unless told.
  hashing(() => scryptOnce(password, salt, length, { ...params, maxmem: 128 * params.N * params.r + 128 * params.r * params.p + 1024 * 1024 }));

/** Password hashes: scrypt with a random salt, stored as `scrypt$N$r$p$salt$hash` (base64), so the cost travels with each. */
export async function hashPassword(password: string, params: ScryptParams = passwordHashing): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made at a lower cost than `params` (then sign-in hashes the password again). */
export function needsRehash(stored: string, params: ScryptParams = passwordHashing): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  return parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

// One per cost, made on first use and the same for the process's life (a cache of a constant, not state).
const decoys = new Map<string, Promise<string>>();

/** A hash of no one's password at this cost: verifying against it makes an unknown email cost what a wrong password does. */
export function decoyPasswordHash(params: ScryptParams = passwordHashing): Promise<string> {
  const key = `${params.N}$${params.r}$${params.p}`;
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPassword('not-a-real-password', params);
    decoys.set(key, decoy);
    // A refusal (hashing busy) must not stay cached.
    decoy.catch(() => decoys.delete(key));
  }
  return decoy;
}

function parsePasswordHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const isPowerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!isPowerOfTwo || params.N > maxN || !isSmallInteger(params.r) || !isSmallInteger(params.p) || !withinCostBound(params)) return null;
  const decoded = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  if (decoded.salt.length === 0 || decoded.hash.length < 16) return null;
  return { params, ...decoded };
}

function isSmallInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 16;
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
