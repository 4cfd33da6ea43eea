// maxConcurrentPerAgent, kept when claims arrive at once: a member's place is reserved (under their row's lock)
// before the claim or transfer goes to the workflow, and released once its answer is known.
import { sql } from 'kysely';
import { AppError } from '../domain/errors.ts';
import type { Db } from './connect.ts';
import { lockMemberRow } from './members.ts';

export interface PlaceRequest {
  workspaceId: string;
  memberId: string;
  handoverId: string;
  /** A claim by the member, or a transfer to them. */
  kind: 'claim' | 'transfer';
  limit: number;
  /** How long the reservation counts at most if nobody releases it (its process died). */
  holdSeconds: number;
}

/**
 * Reserves a place for `handoverId` among the member's handovers in progress, unless they hold `limit` already,
 * counting the places reserved for their other claims and transfers that could still land: a claim's while its
 * handover is pending, a transfer's while someone else holds it. False when at capacity.
 */
export async function reserveCapacity(db: Db, place: PlaceRequest): Promise<boolean> {
  const { workspaceId, memberId, handoverId, limit } = place;
  return db.transaction().execute(async (tx) => {
    // Claims of one member queue here, so each counts the places the ones before it reserved. The caller or a
    // target was checked just before: gone only if removed in between.
    if (!(await lockMemberRow(tx, workspaceId, memberId))) throw new AppError('not_found', 'No such member');
    await tx.deleteFrom('capacity_reservations').where('member_id', '=', memberId).where('expires_at', '<=', sql<Date>`now()`).execute();
    const inProgress = tx
      .selectFrom('handovers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', '=', memberId)
      .where('status', '=', 'in_progress')
      .where('id', '<>', handoverId);
    const onTheirWay = tx
      .selectFrom('capacity_reservations as reserved')
      .innerJoin('handovers', 'handovers.id', 'reserved.handover_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('reserved.workspace_id', '=', workspaceId)
      .where('reserved.member_id', '=', memberId)
      .where('reserved.handover_id', '<>', handoverId)
      .where((eb) =>
        eb.or([
          eb.and([eb('reserved.kind', '=', 'claim'), eb('handovers.status', '=', 'pending')]),
          eb.and([eb('reserved.kind', '=', 'transfer'), eb('handovers.status', '=', 'in_progress'), eb('handovers.assignee_id', 'is distinct from', memberId)]),
        ]),
      );
    const { held } = await tx.selectNoFrom((eb) => [eb(inProgress, '+', onTheirWay).as('held')]).executeTakeFirstOrThrow();
    if (Number(held) >= limit) return false;
    const expiresAt = sql<Date>`now() + make_interval(secs => ${place.holdSeconds})`;
    await tx
      .insertInto('capacity_reservations')
      .values({ workspace_id: workspaceId, member_id: memberId, handover_id: handoverId, kind: place.kind, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['member_id', 'handover_id']).doUpdateSet({ kind: place.kind, expires_at: expiresAt }))
      .execute();
    return true;
  });
}

/** The claim or transfer has its answer: won, the handover counts as in progress; lost, the place is free. */
export async function releaseCapacity(db: Db, workspaceId: string, memberId: string, handoverId: string): Promise<void> {
  await db
    .deleteFrom('capacity_reservations')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('handover_id', '=', handoverId)
    .execute();
}
