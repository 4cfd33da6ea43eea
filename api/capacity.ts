// maxConcurrentPerAgent for claims and transfers: the member's place is reserved before the Update goes to the
// workflow and released once its answer is known (db/capacity.ts), so claims sent at once cannot all pass a check
// that each made before any of them was recorded.
import type { AppError } from '../domain/errors.ts';
import { releaseCapacity, reserveCapacity, type PlaceRequest } from '../db/capacity.ts';
import type { ApiDeps } from './deps.ts';
import { toHttpError } from './middleware/errors.ts';

/**
 * How long a reservation counts at most when its answer never came back. It counts only while its Update could
 * still land (db/capacity.ts), so this bounds the place a dead process or a Temporal outage leaves held.
 */
const holdSeconds = 300;

/**
 * Runs `work` (the claim or transfer) with a place reserved for the member, or throws `atCapacity` without running
 * it. Released after, unless the answer was a 503: the Update may still be applied, and the place stays held
 * while it could.
 */
export async function withPlaceReserved<T>(
  deps: ApiDeps,
  place: Omit<PlaceRequest, 'holdSeconds'>,
  atCapacity: () => AppError,
  work: () => Promise<T>,
): Promise<T> {
  if (!(await reserveCapacity(deps.db, { ...place, holdSeconds }))) throw atCapacity();
  let answered = true;
  try {
    return await work();
  } catch (error) {
    if (toHttpError(error).status === 503) answered = false;
    throw error;
  } finally {
    if (answered) {
      // The claim's own answer matters more: a place left held stops counting once the handover moved on.
      await releaseCapacity(deps.db, place.workspaceId, place.memberId, place.handoverId).catch((error: unknown) => {
        deps.logger.warn({ err: error, handoverId: place.handoverId }, 'capacity reservation not released');
      });
    }
  }
}
