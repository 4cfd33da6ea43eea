import { sql } from 'kysely';
import type { HandoverAnalytics } from '../domain/schemas/analytics.ts';
import type { Trigger } from '../domain/handover.ts';
import { filterConditions, inScope, type AnalyticsScope } from './analytics-scope.ts';
import type { Db } from './connect.ts';

// The definitions of docs/analytics.md, computed in PostgreSQL over the handovers read model (indexed
// by workspace and requested time), never over Temporal. "In the period": requested_at in [from, to).

const seconds = (expression: string) => sql.raw(`extract(epoch from ${expression})`);

function times(expression: string) {
  return sql<{ p50: number | null; p90: number | null; mean: number | null; count: string }>`
    percentile_cont(0.5) within group (order by ${seconds(expression)}) as p50,
    percentile_cont(0.9) within group (order by ${seconds(expression)}) as p90,
    avg(${seconds(expression)}) as mean,
    count(${sql.raw(expression)}) as count`;
}

export async function handoverAnalytics(db: Db, scope: AnalyticsScope, bucket: 'hour' | 'day'): Promise<HandoverAnalytics> {
  const { workspaceId, timeZone } = scope;
  const inPeriod = inScope(scope);
  const filtered = sql.join([sql`true`, ...filterConditions(scope.filters)], sql` and `);
  const [totals, now, waits, firstResponses, resolutions, csat, rate, triggers, reasons, agents, series] = await Promise.all([
    sql<Record<'total' | 'completed' | 'missed' | 'abandoned' | 'timed_out' | 'escalated' | 'requeued' | 'requeues', string>>`
      select count(*) as total,
             count(*) filter (where h.status = 'completed') as completed,
             count(*) filter (where h.status = 'missed') as missed,
             count(*) filter (where h.status = 'missed' and h.outcome = 'customer_left') as abandoned,
             count(*) filter (where h.status = 'missed' and h.outcome = 'timed_out') as timed_out,
             count(*) filter (where h.escalation_level >= 1) as escalated,
             count(*) filter (where h.requeues > 0) as requeued,
             coalesce(sum(h.requeues), 0) as requeues
      from handovers h where ${inPeriod}`.execute(db),
    // Now, whatever the period (the filters still apply): the two live statuses, each read by its own index.
    sql<{ pending: string; in_progress: string }>`
      select (select count(*) from handovers h where h.workspace_id = ${workspaceId} and h.status = 'pending' and ${filtered}) as pending,
             (select count(*) from handovers h where h.workspace_id = ${workspaceId} and h.status = 'in_progress' and ${filtered}) as in_progress
    `.execute(db),
    sql`select ${times('h.claimed_at - h.requested_at')} from handovers h where ${inPeriod} and h.claimed_at is not null`.execute(db),
    sql`select ${times('h.first_response_at - h.requested_at')} from handovers h where ${inPeriod} and h.first_response_at is not null`.execute(db),
    sql`select ${times('h.ended_at - h.claimed_at')} from handovers h
        where ${inPeriod} and h.status = 'completed' and h.claimed_at is not null`.execute(db),
    sql<{ mean: number | null; count: string; satisfied: string }>`
      select avg(h.rating_score)::float as mean, count(h.rating_score) as count,
             count(*) filter (where h.rating_score >= 4) as satisfied
      from handovers h where ${inPeriod}`.execute(db),
    sql<{ conversations: string }>`
      select count(distinct m.conversation_id) as conversations from messages m
      where m.workspace_id = ${workspaceId} and m.created_at >= ${scope.from} and m.created_at < ${scope.to}`.execute(db),
    sql<{ trigger: Trigger; count: string }>`
      select h.trigger, count(*) as count from handovers h where ${inPeriod} group by h.trigger order by count desc`.execute(db),
    sql<{ reason: string; count: string }>`
      select h.reason, count(*) as count from handovers h where ${inPeriod}
      group by h.reason order by count desc, h.reason limit 10`.execute(db),
    agentPerformance(db, scope),
    // Buckets start at local midnights (or hours) in the zone: a DST change makes a 23- or 25-hour day.
    sql<{ start: Date; total: string; completed: string; missed: string; abandoned: string; timed_out: string }>`
      select date_trunc(${bucket}, h.requested_at at time zone ${timeZone}) at time zone ${timeZone} as start, count(*) as total,
             count(*) filter (where h.status = 'completed') as completed,
             count(*) filter (where h.status = 'missed') as missed,
             count(*) filter (where h.status = 'missed' and h.outcome = 'customer_left') as abandoned,
             count(*) filter (where h.status = 'missed' and h.outcome = 'timed_out') as timed_out
      from handovers h where ${inPeriod} group by 1 order by 1`.execute(db),
  ]);
  const total = totals.rows[0];
  const live = now.rows[0];
  const handovers = Number(total?.total ?? 0);
  const conversations = Number(rate.rows[0]?.conversations ?? 0);
  const ratings = csat.rows[0];
  const ratingCount = Number(ratings?.count ?? 0);
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    timeZone,
    filters: scope.filters,
    totals: {
      total: handovers,
      pending: Number(live?.pending ?? 0),
      inProgress: Number(live?.in_progress ?? 0),
      completed: Number(total?.completed ?? 0),
      missed: Number(total?.missed ?? 0),
      abandoned: Number(total?.abandoned ?? 0),
      timedOut: Number(total?.timed_out ?? 0),
      requeued: Number(total?.requeued ?? 0),
      requeues: Number(total?.requeues ?? 0),
    },
    waitTime: toTimes(waits.rows[0]),
    firstResponseTime: toTimes(firstResponses.rows[0]),
    resolutionTime: toTimes(resolutions.rows[0]),
    escalationRate: handovers === 0 ? null : Number(total?.escalated ?? 0) / handovers,
    csat: {
      mean: ratings?.mean == null ? null : round(Number(ratings.mean)),
      count: ratingCount,
      satisfiedShare: ratingCount === 0 ? null : Number(ratings?.satisfied ?? 0) / ratingCount,
    },
    handoverRate: conversations === 0 ? null : handovers / conversations,
    reasons: {
      byTrigger: triggers.rows.map((row) => ({ trigger: row.trigger, count: Number(row.count) })),
      topReasons: reasons.rows.map((row) => ({ reason: row.reason, count: Number(row.count) })),
    },
    agents,
    series: series.rows.map((row) => ({
      start: new Date(row.start).toISOString(),
      total: Number(row.total),
      completed: Number(row.completed),
      missed: Number(row.missed),
      abandoned: Number(row.abandoned),
      timedOut: Number(row.timed_out),
    })),
  };
}

/** One row per member who claimed anything in the period. */
async function agentPerformance(db: Db, scope: AnalyticsScope): Promise<HandoverAnalytics['agents']> {
  const { workspaceId } = scope;
  const { rows } = await sql<{
    id: string;
    name: string;
    handled: string;
    completed: string;
    in_progress_now: string;
    first_response_p50: number | null;
    first_response_mean: number | null;
    resolution_p50: number | null;
    resolution_mean: number | null;
    rating_mean: number | null;
    rating_count: string;
    transfers_out: string;
  }>`
    with period as (select h.* from handovers h where ${inScope(scope)}),
    claims as (
      select e.actor_id as member_id, count(*) as handled from handover_events e
      join period p on p.id = e.handover_id where e.type = 'claimed' and e.actor_id is not null group by e.actor_id
    ),
    transfers as (
      select (e.data -> 'from' ->> 'id')::uuid as member_id, count(*) as transfers_out from handover_events e
      join period p on p.id = e.handover_id where e.type = 'transferred' group by 1
    )
    select m.id, m.name, c.handled,
      (select count(*) from period p where p.assignee_id = m.id and p.status = 'completed') as completed,
      (select count(*) from handovers h where h.workspace_id = ${workspaceId} and h.assignee_id = m.id and h.status = 'in_progress') as in_progress_now,
      (select percentile_cont(0.5) within group (order by extract(epoch from p.first_response_at - p.requested_at))
         from period p where p.assignee_id = m.id and p.first_response_at is not null) as first_response_p50,
      (select avg(extract(epoch from p.first_response_at - p.requested_at))::float
         from period p where p.assignee_id = m.id and p.first_response_at is not null) as first_response_mean,
      (select percentile_cont(0.5) within group (order by extract(epoch from p.ended_at - p.claimed_at))
         from period p where p.assignee_id = m.id and p.status = 'completed' and p.claimed_at is not null) as resolution_p50,
      (select avg(extract(epoch from p.ended_at - p.claimed_at))::float
         from period p where p.assignee_id = m.id and p.status = 'completed' and p.claimed_at is not null) as resolution_mean,
      (select avg(p.rating_score)::float from period p where p.assignee_id = m.id) as rating_mean,
      (select count(p.rating_score) from period p where p.assignee_id = m.id) as rating_count,
      coalesce(t.transfers_out, 0) as transfers_out
    from claims c
    join members m on m.id = c.member_id and m.workspace_id = ${workspaceId}
    left join transfers t on t.member_id = m.id
    order by c.handled desc, m.name`.execute(db);
  return rows.map((row) => ({
    member: { id: row.id, name: row.name },
    handled: Number(row.handled),
    completed: Number(row.completed),
    inProgressNow: Number(row.in_progress_now),
    firstResponse: { p50: roundOrNull(row.first_response_p50), mean: roundOrNull(row.first_response_mean) },
    resolution: { p50: roundOrNull(row.resolution_p50), mean: roundOrNull(row.resolution_mean) },
    rating: { mean: roundOrNull(row.rating_mean), count: Number(row.rating_count) },
    transfersOut: Number(row.transfers_out),
  }));
}

function toTimes(row: unknown): HandoverAnalytics['waitTime'] {
  const values = (row ?? {}) as { p50?: number | null; p90?: number | null; mean?: number | string | null; count?: string };
  return {
    p50: roundOrNull(values.p50 ?? null),
    p90: roundOrNull(values.p90 ?? null),
    mean: roundOrNull(values.mean == null ? null : Number(values.mean)),
    count: Number(values.count ?? 0),
  };
}

function roundOrNull(value: number | null): number | null {
  return value == null ? null : round(Number(value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
