import { mayHandleHandovers } from '$domain/handover.ts';
import { createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { readFilters } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url, parent }) => {
  const { member } = await parent();
  const filters = readFilters(url, member.role);
  // Not on the handover team: the list holds only what is theirs or escalated to everyone, and the page says why.
  const onTeam = mayHandleHandovers(member.role, member.isHandoverMember);
  try {
    const { handovers, nextCursor } = await createApi(fetch).listHandovers(filters);
    return { filters, handovers, nextCursor, onTeam };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};
