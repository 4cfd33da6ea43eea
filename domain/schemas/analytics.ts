import { z } from './zod.ts';
import { Id } from './common.ts';
import { Outcome, Trigger } from './handovers.ts';
import { canonicalTimeZone } from '../time-zones.ts';

/** A local day (`2026-11-30`, midnight in the period's time zone) or an instant with its offset. */
const PeriodEdge = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'Enter a date (2026-11-30) or a date and time with its offset (2026-11-30T09:00:00Z)',
});

export const TimeZoneName = z
  .string()
  .refine((name) => canonicalTimeZone(name) !== null, { message: 'Enter a time zone by its IANA name, like Europe/Paris or America/New_York' })
  .transform((name) => canonicalTimeZone(name)!)
  .meta({ description: 'An IANA time zone name, like Europe/Paris', example: 'Europe/Paris' });

/** The handovers an analytics read covers, beside its period: the page's filters. */
export const AnalyticsFilters = z.object({
  trigger: Trigger.optional().meta({ description: 'Only handovers of this trigger' }),
  memberId: Id.optional().meta({ description: 'Only handovers assigned to this member (now, or when they ended): one transferred away counts for its new assignee' }),
  outcome: Outcome.optional().meta({ description: 'Only handovers that ended this way (abandoned: customer_left; timed out: timed_out)' }),
});
export type AnalyticsFilters = z.infer<typeof AnalyticsFilters>;

const periodFields = {
  from: PeriodEdge.optional().meta({
    description: 'Start of the period (inclusive): a local day (midnight in `tz`) or an instant; default 30 days before `to`',
  }),
  to: PeriodEdge.optional().meta({
    description: 'End of the period (exclusive): a local day (its midnight in `tz`, so `to=2026-12-01` includes all of November 30) or an instant; default now',
  }),
  tz: TimeZoneName.optional().meta({ description: "Time zone of local days and day buckets; default the workspace's time zone" }),
};

/** GET /analytics/handover: the definitions are docs/analytics.md; times are seconds. */
export const AnalyticsQuery = z
  .object({ ...periodFields, bucket: z.enum(['hour', 'day']).default('day'), ...AnalyticsFilters.shape })
  .strict();
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** The CSV exports: the same period and filters, no buckets. */
export const AnalyticsExportQuery = z.object({ ...periodFields, ...AnalyticsFilters.shape }).strict();
export type AnalyticsExportQuery = z.infer<typeof AnalyticsExportQuery>;

const Times = z
  .object({ p50: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable(), count: z.number().int() })
  .meta({ id: 'AnalyticsTimes' });

export const HandoverAnalytics = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string().meta({ description: 'The zone the period and the day buckets are counted in' }),
    filters: AnalyticsFilters,
    totals: z.object({
      total: z.number().int(),
      pending: z.number().int().meta({ description: 'Now, whatever the period' }),
      inProgress: z.number().int().meta({ description: 'Now, whatever the period' }),
      completed: z.number().int(),
      missed: z.number().int(),
      abandoned: z.number().int().meta({ description: 'Missed because the customer left while waiting' }),
      timedOut: z.number().int().meta({ description: 'Missed because no one took it before the last escalation timed out' }),
      requeued: z.number().int().meta({ description: 'Handovers that went back to the queue at least once (the assignee stayed silent)' }),
      requeues: z.number().int().meta({ description: 'Times handovers went back to the queue' }),
    }),
    waitTime: Times,
    firstResponseTime: Times,
    resolutionTime: Times,
    escalationRate: z.number().nullable(),
    csat: z.object({ mean: z.number().nullable(), count: z.number().int(), satisfiedShare: z.number().nullable() }),
    handoverRate: z.number().nullable().meta({ description: 'Handovers / conversations that began in the period (until 2026-12: with any message in it)' }),
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
    series: z.array(
      z.object({
        start: z.string(),
        total: z.number().int(),
        completed: z.number().int(),
        missed: z.number().int(),
        abandoned: z.number().int(),
        timedOut: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'HandoverAnalytics' });
export type HandoverAnalytics = z.infer<typeof HandoverAnalytics>;
