// maxConcurrentPerAgent for claims and transfers: the member's place is reserved before the Update goes to the
// workflow and released once its answer is known (db/capacity.ts), so claims sent at once cannot all pass a check
// that each made before any of them was recorded.
import { AppError } from '../domain/errors.ts';
import { releaseCapacity, reserveCapacity } from '../db/capacity.ts';
import type { ApiDeps } from './deps.ts';

/**
 * How long a reservation counts if its answer never comes (the process died): past the longest an Update is
 * waited for, so a slow claim still holds its place while it runs.
 */
const holdMs = 30_000;

/**
 * Runs `work` (the claim or transfer) with a place reserved for the member, or throws `atCapacity` without running
 * it. Unless the answer was 503 `unavailable` (the Update may still be applied), the place is released after.
 */
export async function withPlaceReserved<T>(
  deps: ApiDeps,
  place: { workspaceId: string; memberId: string; handoverId: string; limit: number },
  atCapacity: () => AppError,
  work: () => Promise<T>,
): Promise<T> {
  if (!(await reserveCapacity(deps.db, { ...place, holdMs }))) throw atCapacity();
  let answered = true;
  try {
    return await work();
  } catch (error) {
    // The workflow may take the Update after all: the place stays reserved until it counts as in progress or expires.
    if (error instanceof AppError && error.code === 'unavailable') answered = false;
    throw error;
  } finally {
    if (answered) await releaseCapacity(deps.db, place.memberId, place.handoverId);
  }
}
