/** The list's tab and status filter, kept in the URL (`?view=all&status=pending,in_progress`). */
import { handoverStatuses, type HandoverStatus, type MemberRole } from '$domain/handover.ts';
import { canSeeAllHandovers } from '$lib/vocabulary';

export type ListView = 'mine' | 'all';

export interface ListFilters {
  view: ListView;
  statuses: HandoverStatus[];
  cursor: string | null;
}

export function readFilters(url: URL, role: MemberRole): ListFilters {
  const view = url.searchParams.get('view') === 'all' && canSeeAllHandovers(role) ? 'all' : 'mine';
  const requested = url.searchParams.getAll('status').flatMap((value) => value.split(','));
  const statuses = handoverStatuses.filter((status) => requested.includes(status));
  return { view, statuses, cursor: url.searchParams.get('cursor') };
}

/** The list's URL for these filters; a new tab or filter starts again from the newest handovers. */
export function filtersHref(filters: Omit<ListFilters, 'cursor'> & { cursor?: string | null }): string {
  const query = new URLSearchParams();
  if (filters.view !== 'mine') query.set('view', filters.view);
  if (filters.statuses.length > 0) query.set('status', filters.statuses.join(','));
  if (filters.cursor) query.set('cursor', filters.cursor);
  const search = query.toString();
  return search ? `/conversations?${search}` : '/conversations';
}
