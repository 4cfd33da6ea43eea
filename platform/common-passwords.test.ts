import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords.ts';

describe('commonPasswords', () => {
  it('reads the bundled list without its header, lower-case', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(10_000);
    expect(list.has('123456')).toBe(true);
    expect(list.has('qwerty123456')).toBe(true);
    expect([...list].some((entry) => entry.startsWith('#') || entry !== entry.toLowerCase())).toBe(false);
  });
});
