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
    const api = createApi(fetch);
    // The All tab filters by agent: the team, deactivated members too (they may have had handovers).
    const [{ handovers, nextCursor }, agents] = await Promise.all([
      api.listHandovers(filters),
      filters.view === 'all' ? api.listMembers() : Promise.resolve(null),
    ]);
    return { filters, handovers, nextCursor, onTeam, agents: agents?.map(({ id, name, active }) => ({ id, name, active })) ?? null };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};
