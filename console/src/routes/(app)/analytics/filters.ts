/**
 * The Analytics page's filters (`?trigger=keyword&memberId=…&outcome=timed_out`) and the URLs made of them and the
 * period: the page's own links, the query it sends the API, and the CSV exports, which take the same query.
 */
import { outcomes, triggers, type Outcome, type Trigger } from '$domain/handover.ts';
import type { AnalyticsFilters } from '$domain/schemas/analytics.ts';
import { periodParams, type Period } from './period';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of a typed or edited URL; a value the API would refuse is left out (the select then shows "All"). */
export function readFilters(url: URL): AnalyticsFilters {
  const trigger = url.searchParams.get('trigger') ?? '';
  const outcome = url.searchParams.get('outcome') ?? '';
  const memberId = url.searchParams.get('memberId') ?? '';
  const filters: AnalyticsFilters = {};
  if (isTrigger(trigger)) filters.trigger = trigger;
  if (uuid.test(memberId)) filters.memberId = memberId.toLowerCase();
  if (isOutcome(outcome)) filters.outcome = outcome;
  return filters;
}

export function hasFilters(filters: AnalyticsFilters): boolean {
  return Boolean(filters.trigger || filters.memberId || filters.outcome);
}

/** The page's URL for this period and these filters. */
export function analyticsHref(period: Parameters<typeof periodParams>[0], filters: AnalyticsFilters): string {
  return `/analytics?${new URLSearchParams([...periodParams(period), ...filterParams(filters)])}`;
}

/** What the page asks `GET /analytics/handover`: the period (`to` exclusive), its bucket and the filters. */
export function analyticsQuery(period: Period, filters: AnalyticsFilters): { from: string; to: string; bucket: Period['bucket'] } & AnalyticsFilters {
  return { from: period.from, to: period.to, bucket: period.bucket, ...filters };
}

/**
 * A CSV export of what the page shows: the same period and filters, and the zone the page's figures were counted
 * in (the API's answer), so local days mean the same midnights even if the workspace's zone changes meanwhile.
 */
export function exportHref(kind: 'handovers' | 'agents', period: Period, filters: AnalyticsFilters, timeZone: string): string {
  const query = new URLSearchParams([['from', period.from], ['to', period.to], ['tz', timeZone], ...filterParams(filters)]);
  return `/api/v1/analytics/handover/${kind}.csv?${query}`;
}

/** The filters as URL parameters, in a fixed order; absent ones left out. */
export function filterParams(filters: AnalyticsFilters): [string, string][] {
  const params: [string, string][] = [];
  if (filters.trigger) params.push(['trigger', filters.trigger]);
  if (filters.memberId) params.push(['memberId', filters.memberId]);
  if (filters.outcome) params.push(['outcome', filters.outcome]);
  return params;
}

function isTrigger(value: string): value is Trigger {
  return (triggers as readonly string[]).includes(value);
}

function isOutcome(value: string): value is Outcome {
  return (outcomes as readonly string[]).includes(value);
}
