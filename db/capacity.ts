// maxConcurrentPerAgent, kept when claims arrive at once: a member's place is reserved (under their row's lock)
// before the claim or transfer goes to the workflow, and released once its answer is known.
import type { Db } from './connect.ts';

/**
 * Reserves a place for `handoverId` among the member's handovers in progress, unless they hold `limit` already
 * (counting the places reserved for other handovers' claims still on their way). False when at capacity. A
 * reservation whose maker never releases it (its process died) stops counting after `holdMs`.
 */
export async function reserveCapacity(
  db: Db,
  reservation: { workspaceId: string; memberId: string; handoverId: string; limit: number; holdMs: number },
): Promise<boolean> {
  const { workspaceId, memberId, handoverId, limit, holdMs } = reservation;
  return db.transaction().execute(async (tx) => {
    // Claims of one member queue here, so each counts the places the ones before it reserved.
    await tx.selectFrom('members').select('id').where('workspace_id', '=', workspaceId).where('id', '=', memberId).forUpdate().execute();
    await tx.deleteFrom('capacity_reservations').where('member_id', '=', memberId).where('expires_at', '<=', new Date()).execute();
    const { held } = await tx
      .selectNoFrom((eb) => [
        eb(
          eb
            .selectFrom('handovers')
            .select((inner) => inner.fn.countAll<string>().as('n'))
            .where('workspace_id', '=', workspaceId)
            .where('assignee_id', '=', memberId)
            .where('status', '=', 'in_progress')
            .where('id', '<>', handoverId),
          '+',
          eb
            .selectFrom('capacity_reservations')
            .select((inner) => inner.fn.countAll<string>().as('n'))
            .where('member_id', '=', memberId)
            .where('handover_id', '<>', handoverId),
        ).as('held'),
      ])
      .executeTakeFirstOrThrow();
    if (Number(held) >= limit) return false;
    const expiresAt = new Date(Date.now() + holdMs);
    await tx
      .insertInto('capacity_reservations')
      .values({ member_id: memberId, handover_id: handoverId, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['member_id', 'handover_id']).doUpdateSet({ expires_at: expiresAt }))
      .execute();
    return true;
  });
}

/** The claim or transfer has its answer: won, the handover counts as in progress; lost, the place is free. */
export async function releaseCapacity(db: Db, memberId: string, handoverId: string): Promise<void> {
  await db.deleteFrom('capacity_reservations').where('member_id', '=', memberId).where('handover_id', '=', handoverId).execute();
}
