import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** A member's second factor: its secret, whether enrolment was confirmed, and the last time step a code was taken at. */
export interface TwoFactorRecord {
  secret: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export async function findTwoFactor(db: Db, workspaceId: string, memberId: string): Promise<TwoFactorRecord | undefined> {
  const row = await db
    .selectFrom('two_factor')
    .select(['secret', 'enabled_at', 'last_used_step'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row && { secret: row.secret, enabledAt: row.enabled_at, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) };
}

/** Starts (or starts again) an enrolment with a new secret; an enabled second factor is never replaced here. */
export async function startTwoFactorEnrolment(db: Db, workspaceId: string, memberId: string, secret: string): Promise<boolean> {
  const result = await db
    .insertInto('two_factor')
    .values({ member_id: memberId, workspace_id: workspaceId, secret })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ secret, created_at: new Date(), last_used_step: null }).where('two_factor.enabled_at', 'is', null))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Completes the enrolment: the second factor is on from now, the code that confirmed it is used up, and the
 * recovery codes (their hashes) replace any earlier ones. False when there was no enrolment waiting with `secret`,
 * the one the code matched: an enrolment started again meanwhile has a new secret, and a code of the old one
 * must not turn it on (the app would show codes the server does not take).
 */
export async function enableTwoFactor(
  db: Db,
  workspaceId: string,
  memberId: string,
  secret: string,
  step: number,
  recoveryCodeHashes: string[],
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const enabled = await tx
      .updateTable('two_factor')
      .set({ enabled_at: new Date(), last_used_step: step })
      .where('workspace_id', '=', workspaceId)
      .where('member_id', '=', memberId)
      .where('enabled_at', 'is', null)
      .where('secret', '=', secret)
      .executeTakeFirst();
    if (Number(enabled.numUpdatedRows) === 0) return false;
    await tx.deleteFrom('two_factor_recovery_codes').where('member_id', '=', memberId).execute();
    await tx
      .insertInto('two_factor_recovery_codes')
      .values(recoveryCodeHashes.map((codeHash) => ({ member_id: memberId, workspace_id: workspaceId, code_hash: codeHash })))
      .execute();
    return true;
  });
}

/**
 * Takes a TOTP code of this time step: true once, for a step later than any taken before (no replay, even of an
 * older code still inside the window). The condition is in the statement, so two requests at once cannot both win.
 */
export async function useTotpStep(db: Db, workspaceId: string, memberId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('two_factor')
    .set({ last_used_step: step })
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', sql<string>`${step}`)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Uses up a recovery code (by its hash): true once. */
export async function useRecoveryCode(db: Db, workspaceId: string, memberId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('two_factor_recovery_codes')
    .set({ used_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countRecoveryCodesLeft(db: Db, workspaceId: string, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('two_factor_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Turns the second factor off: the secret, the recovery codes and any sign-in waiting for a code go. */
export async function deleteTwoFactor(db: Db, workspaceId: string, memberId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('two_factor_challenges').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
    await tx.deleteFrom('two_factor_recovery_codes').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
    await tx.deleteFrom('two_factor').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
  });
}

/** Starts a pending sign-in only while the member's stored hash is the one checked (see insertSession); false when refused. */
export async function insertTwoFactorChallenge(
  db: Db,
  challenge: { tokenHash: string; memberId: string; workspaceId: string; expiresAt: Date; passwordHash: string },
): Promise<boolean> {
  const result = await db
    .insertInto('two_factor_challenges')
    .columns(['token_hash', 'member_id', 'workspace_id', 'expires_at'])
    .expression(
      db
        .selectFrom('members')
        .select([
          sql<string>`${challenge.tokenHash}::text`.as('token_hash'),
          'members.id as member_id',
          'members.workspace_id as workspace_id',
          sql<Date>`${challenge.expiresAt}::timestamptz`.as('expires_at'),
        ])
        .where('members.workspace_id', '=', challenge.workspaceId)
        .where('members.id', '=', challenge.memberId)
        .where('members.active', '=', true)
        .where('members.password_hash', '=', challenge.passwordHash),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The pending sign-in of this token, unexpired, with its member's email (the key of the sign-in limits). */
export async function findTwoFactorChallenge(
  db: Db,
  tokenHash: string,
): Promise<{ memberId: string; workspaceId: string; email: string; failedAttempts: number } | undefined> {
  const row = await db
    .selectFrom('two_factor_challenges')
    .innerJoin('members', (join) =>
      join.onRef('members.id', '=', 'two_factor_challenges.member_id').onRef('members.workspace_id', '=', 'two_factor_challenges.workspace_id'),
    )
    .select(['two_factor_challenges.member_id', 'two_factor_challenges.workspace_id', 'members.email', 'two_factor_challenges.failed_attempts'])
    .where('two_factor_challenges.token_hash', '=', tokenHash)
    .where('two_factor_challenges.expires_at', '>', new Date())
    .where('members.active', '=', true)
    .executeTakeFirst();
  return row && { memberId: row.member_id, workspaceId: row.workspace_id, email: row.email, failedAttempts: row.failed_attempts };
}

/**
 * Takes one of the pending sign-in's tries before its code is judged: the count and its limit are in one statement,
 * so codes sent at once cannot be judged more than `maxAttempts` times (a right code ends the sign-in anyway).
 * Answers the tries left after this one, or null when there was none to take (over, expired, or never begun).
 */
export async function takeTwoFactorAttempt(db: Db, tokenHash: string, maxAttempts: number): Promise<number | null> {
  const row = await db
    .updateTable('two_factor_challenges')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('failed_attempts', '<', maxAttempts)
    .where('expires_at', '>', new Date())
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? maxAttempts - row.failed_attempts : null;
}

/** Ends every sign-in of the member still waiting for a code (their password changed: it was given with the old one). */
export async function deleteTwoFactorChallengesOf(db: Db, workspaceId: string, memberId: string): Promise<void> {
  await db.deleteFrom('two_factor_challenges').where('workspace_id', '=', workspaceId).where('member_id', '=', memberId).execute();
}

export async function deleteTwoFactorChallenge(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('two_factor_challenges').where('token_hash', '=', tokenHash).execute();
}
