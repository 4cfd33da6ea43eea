import { AppError } from '../../domain/errors.ts';
import { AnalyticsQuery, HandoverAnalytics } from '../../domain/schemas/analytics.ts';
import { handoverAnalytics } from '../../db/analytics.ts';
import { route } from '../route.ts';

const maxPeriodDays = 400;

/** Analytics > Handover (admins, supervisors), as docs/analytics.md defines it. */
export const analyticsRoutes = [
  route({
    method: 'get',
    path: '/analytics/handover',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Analytics',
    summary: 'Handover analytics for a period: totals, times (p50, p90, mean), CSAT, reasons, agents, a series',
    description: `\`from\` must be before \`to\` (422 otherwise), and the period at most ${maxPeriodDays} days (400 otherwise).`,
    query: AnalyticsQuery,
    status: 200,
    response: HandoverAnalytics,
    errors: [400, 403],
    handler: ({ deps, caller, query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 24 * 3600 * 1000);
      if (to.getTime() - from.getTime() > maxPeriodDays * 24 * 3600 * 1000) {
        throw new AppError('invalid_request', `The period may be at most ${maxPeriodDays} days`);
      }
      return handoverAnalytics(deps.db, caller.workspaceId, { from, to, bucket: query.bucket });
    },
  }),
];
