import { ApiError, createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { canSeeAllHandovers } from '$lib/vocabulary';
import { analyticsQuery, readFilters } from './filters';
import { readPeriod } from './period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  const { period, typed, problem } = readPeriod(url);
  const filters = readFilters(url);
  const view = { period, typed, problem, filters };
  if (!canSeeAllHandovers(member.role)) return { ...view, analytics: null, members: [], refusal: null };
  const api = createApi(fetch);
  try {
    const [analytics, members] = await Promise.all([api.getAnalytics(analyticsQuery(period, filters)), api.listMembers()]);
    return { ...view, analytics, members: members.map(({ id, name, active }) => ({ id, name, active })), refusal: null };
  } catch (failure) {
    // A period or filter the API will not read (a member of no such workspace, a range a DST change makes longer
    // than 400 days): say why beside the forms, which stay to change it, rather than an error page.
    if (failure instanceof ApiError && (failure.status === 400 || failure.status === 422)) {
      const members = await api.listMembers().catch(() => []);
      return { ...view, analytics: null, members: members.map(({ id, name, active }) => ({ id, name, active })), refusal: failure.message };
    }
    throwLoadError(failure, url);
  }
};
