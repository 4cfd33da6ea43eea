/** The list's tab, status filter and search, kept in the URL (`?view=all&status=pending,in_progress&q=refund`). */
import { handoverStatuses, type HandoverStatus, type MemberRole } from '$domain/handover.ts';
import { canSeeAllHandovers } from '$lib/vocabulary';

export type ListView = 'mine' | 'all';

/** What the search form holds; empty strings for "not given" (form fields are strings). */
export interface ListSearch {
  q: string;
  /** Requested from/to, each a day (YYYY-MM-DD) as a date input gives it. */
  from: string;
  to: string;
  /** The member the handovers are assigned to: a filter of the All tab only (on My Handover, that is the caller). */
  assigneeId: string;
}

export interface ListFilters {
  view: ListView;
  statuses: HandoverStatus[];
  search: ListSearch;
  cursor: string | null;
}

export const noSearch: ListSearch = { q: '', from: '', to: '', assigneeId: '' };
/** The API's limit on the search text. */
export const maxSearchLength = 200;
const day = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readFilters(url: URL, role: MemberRole): ListFilters {
  const view = url.searchParams.get('view') === 'all' && canSeeAllHandovers(role) ? 'all' : 'mine';
  const requested = url.searchParams.getAll('status').flatMap((value) => value.split(','));
  const statuses = handoverStatuses.filter((status) => requested.includes(status));
  const search = readSearch(url);
  return { view, statuses, search: view === 'all' ? search : { ...search, assigneeId: '' }, cursor: url.searchParams.get('cursor') };
}

/**
 * The search of a typed or edited URL, made into one the API accepts rather than an error page: the text trimmed
 * and cut to length, a day that is not one left out, and a range given backwards read the right way round.
 */
function readSearch(url: URL): ListSearch {
  const q = (url.searchParams.get('q') ?? '').replaceAll('\u0000', '').trim().slice(0, maxSearchLength).trim();
  const dayOf = (name: string) => {
    const value = url.searchParams.get(name) ?? '';
    // A real day (30 February is not), in a year PostgreSQL takes.
    const parsed = new Date(value);
    return day.test(value) && value >= '0001' && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value ? value : '';
  };
  const [from, to] = [dayOf('from'), dayOf('to')];
  const assignee = url.searchParams.get('assigneeId') ?? '';
  const assigneeId = uuid.test(assignee) ? assignee.toLowerCase() : '';
  return from && to && from > to ? { q, from: to, to: from, assigneeId } : { q, from, to, assigneeId };
}

export function isSearching(search: ListSearch): boolean {
  return Boolean(search.q || search.from || search.to || search.assigneeId);
}

/**
 * The list's URL for these filters; a new tab or filter starts again from the top. The search goes with it, but
 * the agent filter belongs to the All tab (on My Handover the assignee is the caller).
 */
export function filtersHref(
  filters: Omit<ListFilters, 'cursor' | 'search'> & { search?: ListSearch; cursor?: string | null },
): string {
  const query = new URLSearchParams();
  if (filters.view !== 'mine') query.set('view', filters.view);
  if (filters.statuses.length > 0) query.set('status', filters.statuses.join(','));
  const search = filters.search ?? noSearch;
  if (search.q) query.set('q', search.q);
  if (search.from) query.set('from', search.from);
  if (search.to) query.set('to', search.to);
  if (search.assigneeId && filters.view === 'all') query.set('assigneeId', search.assigneeId);
  if (filters.cursor) query.set('cursor', filters.cursor);
  const text = query.toString();
  return text ? `/conversations?${text}` : '/conversations';
}
