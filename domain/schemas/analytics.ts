import { z } from './zod.ts';
import { Trigger } from './handovers.ts';

/** GET /analytics/handover: the definitions are docs/analytics.md; times are seconds. */
export const AnalyticsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Start of the period (inclusive); default 30 days ago' }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: 'End of the period (exclusive); default now' }),
    bucket: z.enum(['hour', 'day']).default('day'),
  })
  .strict()
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), { message: 'from must be before to', path: ['from'] });
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

const Times = z
  .object({ p50: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable(), count: z.number().int() })
  .meta({ id: 'AnalyticsTimes' });

export const HandoverAnalytics = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object({
      total: z.number().int(),
      pending: z.number().int().meta({ description: 'Now, whatever the period' }),
      inProgress: z.number().int().meta({ description: 'Now, whatever the period' }),
      completed: z.number().int(),
      missed: z.number().int(),
    }),
    waitTime: Times,
    firstResponseTime: Times,
    resolutionTime: Times,
    escalationRate: z.number().nullable(),
    csat: z.object({ mean: z.number().nullable(), count: z.number().int(), satisfiedShare: z.number().nullable() }),
    handoverRate: z.number().nullable().meta({ description: 'Handovers / conversations with any message in the period' }),
    reasons: z.object({
      byTrigger: z.array(z.object({ trigger: Trigger, count: z.number().int() })),
      topReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    }),
    agents: z.array(
      z.object({
        member: z.object({ id: z.string(), name: z.string() }),
        handled: z.number().int(),
        completed: z.number().int(),
        inProgressNow: z.number().int(),
        firstResponse: z.object({ p50: z.number().nullable(), mean: z.number().nullable() }),
        resolution: z.object({ p50: z.number().nullable(), mean: z.number().nullable() }),
        rating: z.object({ mean: z.number().nullable(), count: z.number().int() }),
        transfersOut: z.number().int(),
      }),
    ),
    series: z.array(z.object({ start: z.string(), total: z.number().int(), completed: z.number().int(), missed: z.number().int() })),
  })
  .meta({ id: 'HandoverAnalytics' });
export type HandoverAnalytics = z.infer<typeof HandoverAnalytics>;
