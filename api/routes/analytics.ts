import { AnalyticsQuery, HandoverAnalytics } from '../../domain/schemas/analytics.ts';
import { handoverAnalytics } from '../../db/analytics.ts';
import { resolveAnalyticsScope } from '../../db/analytics-scope.ts';
import { route } from '../route.ts';

/** Analytics > Handover (admins, supervisors), as docs/analytics.md defines it. */
export const analyticsRoutes = [
  route({
    method: 'get',
    path: '/analytics/handover',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Analytics',
    summary: 'Handover analytics for a period: totals, times (p50, p90, mean), CSAT, reasons, agents, a series',
    description:
      '`from` and `to` are local days in `tz` (the workspace\'s time zone unless given) or instants. `from` must be before ' +
      '`to` (400 otherwise), and the period at most 400 days (400 otherwise). Day buckets start at local midnights, so a ' +
      'day with a DST change has 23 or 25 hours. The filters narrow every figure, the live counts (pending, in progress) too.',
    query: AnalyticsQuery,
    status: 200,
    response: HandoverAnalytics,
    errors: [400, 403],
    handler: async ({ deps, caller, query }) => {
      const { bucket, ...period } = query;
      return handoverAnalytics(deps.db, await resolveAnalyticsScope(deps.db, caller.workspaceId, period), bucket);
    },
  }),
];
