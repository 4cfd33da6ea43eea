import { ApiError, createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { readFilters } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url, parent }) => {
  const { member } = await parent();
  const filters = readFilters(url, member.role);
  try {
    const { handovers, nextCursor } = await createApi(fetch).listHandovers(filters);
    return { filters, handovers, nextCursor, notice: null };
  } catch (failure) {
    // Not on the handover team: the page explains how to join instead of failing.
    if (failure instanceof ApiError && failure.code === 'not_a_handover_member') {
      return { filters, handovers: [], nextCursor: null, notice: failure.message };
    }
    throwLoadError(failure, url);
  }
};
