import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/connect.ts';
import { findTwoFactor, useRecoveryCode, useTotpStep } from '../../db/two-factor.ts';
import { hashToken } from './secrets.ts';

// The parameters every authenticator app assumes: SHA-1, 6 digits, a new code every 30 s.
const totpOptions = { issuer: 'Handover', algorithm: 'SHA1', digits: 6, period: 30 } as const;
// A code is taken from the step before or after too: a phone's clock a little off, a code typed as it turned.
const window = 1;
const recoveryCodeCount = 10;
// No 0/o, 1/l/i: codes are read off paper. 31 symbols, 10 of them: about 50 bits each.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new TOTP secret: 20 random bytes (160 bits, as RFC 4226 advises), base32 as apps take it by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an app reads from a QR code: issuer Handover, the member's email as the account. */
export function totpUri(secret: string, accountName: string): string {
  return new TOTP({ ...totpOptions, label: accountName, secret: Secret.fromBase32(secret) }).toString();
}

/** The time step of the code if it is right now (give or take a step), else null. */
export function matchTotp(secret: string, code: string, now: number = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = new TOTP({ ...totpOptions, secret: Secret.fromBase32(secret) }).validate({ token, timestamp: now, window });
  return delta === null ? null : Math.floor(now / 1000 / totpOptions.period) + delta;
}

/** Recovery codes as shown once: `xxxxx-xxxxx`. Stored by `hashRecoveryCode` only. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const symbols = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
    return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
  });
}

/** A recovery code as typed (any case, with or without its dash or spaces), hashed as stored. */
export function hashRecoveryCode(code: string): string {
  return hashToken(code.toLowerCase().replace(/[\s-]/g, ''));
}

/**
 * Takes a second factor of an enrolled member: a current code of their app, accepted once (a code of a step
 * already used is refused, so a code seen over a shoulder cannot be replayed), or an unused recovery code.
 */
export async function acceptSecondFactor(db: Db, workspaceId: string, memberId: string, code: string): Promise<'totp' | 'recovery' | null> {
  const twoFactor = await findTwoFactor(db, workspaceId, memberId);
  if (!twoFactor?.enabledAt) return null;
  if (/^\d{3}\s?\d{3}$/.test(code.trim())) {
    const step = matchTotp(twoFactor.secret, code);
    return step !== null && (await useTotpStep(db, workspaceId, memberId, step)) ? 'totp' : null;
  }
  return (await useRecoveryCode(db, workspaceId, memberId, hashRecoveryCode(code))) ? 'recovery' : null;
}
