import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { ApiDeps } from '../deps.ts';
import { hashPassword, needsRehash, passwordHashing, verifyPassword, withinCostBound } from './secrets.ts';

describe('password hashes', () => {
  it('are scrypt at N = 2^17, r = 8, p = 1, the cost written into the hash with a salt of its own', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');

    expect({ scheme, n, r, p, rest }).toEqual({ scheme: 'scrypt', n: String(2 ** 17), r: '8', p: '1', rest: [] });
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    expect(passwordHashing).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('made at an older cost still verify, and are due for a rehash at today\u2019s', async () => {
    const old = await hashPassword('an old password', { N: 2 ** 14, r: 8, p: 1 });

    expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('an old password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    // A cheaper cost for tests never downgrades a stronger hash.
    expect(needsRehash(old, { N: 2 ** 12, r: 8, p: 1 })).toBe(false);
  });

  it('refuse stored values that are not a hash of ours, or ask for more memory than we allow, without trying', async () => {
    const stored = await hashPassword('pw', { N: 2 ** 10, r: 8, p: 1 });
    const [, , , , salt, hash] = stored.split('$');
    for (const bad of ['', 'plain', `bcrypt$1024$8$1$${salt}$${hash}`, `scrypt$1000$8$1$${salt}$${hash}`, `scrypt$${2 ** 22}$8$1$${salt}$${hash}`, `scrypt$1024$8$1$$${hash}`, `${stored}$extra`]) {
      expect(await verifyPassword('pw', bad), bad).toBe(false);
      expect(needsRehash(bad), bad).toBe(false);
    }
  });

  it('may ask at most twice today’s memory (128·N·r) and work (N·r·p), however N, r and p are mixed', async () => {
    expect(withinCostBound(passwordHashing)).toBe(true);
    expect(withinCostBound({ N: 2 ** 18, r: 8, p: 1 })).toBe(true);
    expect(withinCostBound({ N: 2 ** 17, r: 8, p: 2 })).toBe(true);
    expect(withinCostBound({ N: 2 ** 16, r: 16, p: 2 })).toBe(true);
    // Within every former limit on N, r and p alone, yet 4x the memory, or 4x and 8x the work.
    expect(withinCostBound({ N: 2 ** 18, r: 16, p: 1 })).toBe(false);
    expect(withinCostBound({ N: 2 ** 17, r: 8, p: 4 })).toBe(false);
    expect(withinCostBound({ N: 2 ** 16, r: 8, p: 16 })).toBe(false);
    // Such a stored hash is not ours: refused, never rehashed, without spending the cost.
    const stored = await hashPassword('pw', { N: 2 ** 10, r: 8, p: 1 });
    const [, , , , salt, hash] = stored.split('$');
    const costly = `scrypt$${2 ** 16}$8$16$${salt}$${hash}`;
    expect(needsRehash(costly)).toBe(false);
  });

  it('at a cheaper cost are for tests only: a production app refuses to be built with one', () => {
    const cheap = { production: true, passwordHashing: { N: 2 ** 12, r: 8, p: 1 } } as ApiDeps;
    expect(() => createApp(cheap)).toThrow(/for tests only/);
  });
});
