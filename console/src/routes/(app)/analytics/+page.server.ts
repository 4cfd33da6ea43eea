import { createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { canSeeAllHandovers } from '$lib/vocabulary';
import type { PageServerLoad } from './$types';

/** How many of the newest handovers the cards count. */
const SAMPLE_SIZE = 100;

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  if (!canSeeAllHandovers(member.role)) return { handovers: null, sampleSize: SAMPLE_SIZE, hasMore: false };
  try {
    const { handovers, nextCursor } = await createApi(fetch).listHandovers({ view: 'all', limit: SAMPLE_SIZE });
    return { handovers, sampleSize: SAMPLE_SIZE, hasMore: nextCursor !== null };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};
