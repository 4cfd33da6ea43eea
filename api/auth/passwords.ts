import type { MemberRow } from '../../db/database.ts';
import { upgradePasswordHash } from '../../db/members.ts';
import type { ApiDeps } from '../deps.ts';
import { hashPassword, needsRehash, passwordHashing, verifyPassword } from './secrets.ts';

type StoredPassword = Pick<MemberRow, 'id' | 'workspace_id' | 'password_hash'>;

/**
 * Checks a member's password wherever they give it (a sign-in, the current password before a change, turning
 * two-factor off): a right one stored at an older cost is hashed again at today's while we have it.
 */
export async function checkPassword(deps: ApiDeps, row: StoredPassword, password: string): Promise<boolean> {
  if (!(await verifyPassword(password, row.password_hash))) return false;
  await rehashIfOlder(deps, row, password);
  return true;
}

/**
 * A password hashed at an older (cheaper) cost is hashed again at today's, now that we have it. The caller does not
 * wait on a failure here (hashing busy, say): the old hash still verifies, and the next check tries again.
 * Answers the hash stored for this password now: the new one if it replaced the checked one, else the checked one
 * (a sign-in makes its session on condition that it is still the member's).
 */
export async function rehashIfOlder(deps: ApiDeps, row: StoredPassword, password: string): Promise<string> {
  const params = deps.passwordHashing ?? passwordHashing;
  if (!needsRehash(row.password_hash, params)) return row.password_hash;
  try {
    const rehashed = await hashPassword(password, params);
    if (await upgradePasswordHash(deps.db, row.workspace_id, row.id, row.password_hash, rehashed)) return rehashed;
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : 'unknown', memberId: row.id }, 'could not rehash a password at the current cost');
  }
  return row.password_hash;
}
