import { sql } from 'kysely';
import type { HandoverAnalytics } from '../domain/schemas/analytics.ts';
import { triggers, type Trigger } from '../domain/handover.ts';
import { offsetIsWholeHoursThroughout } from '../domain/time-zones.ts';
import { filterConditions, inScope, type AnalyticsScope } from './analytics-scope.ts';
import { nobody, readRollups, readSketches, type MemberCounts } from './analytics-rollups.ts';
import { DurationSketch } from '../domain/analytics-sketch.ts';
import type { Db } from './connect.ts';

// The definitions of docs/analytics.md, computed in PostgreSQL, never over Temporal. "In the period": requested_at
// in [from, to). Two ways to the same figures: from the rollups (migrations/0016_analytics_rollups.ts), which a year
// of handovers needs; and from the handovers themselves, for what the rollups do not split by (a trigger or an
// outcome), a zone whose day does not start on a UTC hour, and as the reference the tests hold the rollups to.

export interface AnalyticsOptions {
  /** `raw`: from the handovers even where the rollups could answer (the reference, for tests and the benchmark). */
  source?: 'auto' | 'raw';
  /**
   * Up to this many handovers in the period, percentiles are exact (percentile_cont over the handovers); above, they
   * come from the rollups' sketches, within 2% (domain/analytics-sketch.ts).
   */
  exactPercentilesUpTo?: number;
}

export const defaultExactPercentilesUpTo = 20_000;

export async function handoverAnalytics(
  db: Db,
  scope: AnalyticsScope,
  bucket: 'hour' | 'day',
  options: AnalyticsOptions = {},
): Promise<HandoverAnalytics> {
  const rollupsAnswer =
    options.source !== 'raw' &&
    scope.rollupsReady &&
    !scope.filters.trigger &&
    !scope.filters.outcome &&
    offsetIsWholeHoursThroughout(scope.timeZone, scope.from, scope.to);
  return rollupsAnswer
    ? fromRollups(db, scope, bucket, options.exactPercentilesUpTo ?? defaultExactPercentilesUpTo)
    : fromHandovers(db, scope, bucket);
}

const seconds = (expression: string) => sql.raw(`extract(epoch from ${expression})`);

function times(expression: string) {
  return sql<{ p50: number | null; p90: number | null; mean: number | null; count: string }>`
    percentile_cont(0.5) within group (order by ${seconds(expression)}) as p50,
    percentile_cont(0.9) within group (order by ${seconds(expression)}) as p90,
    avg(${seconds(expression)}) as mean,
    count(${sql.raw(expression)}) as count`;
}

/** Every figure straight from the handovers of the period. */
async function fromHandovers(db: Db, scope: AnalyticsScope, bucket: 'hour' | 'day'): Promise<HandoverAnalytics> {
  const { workspaceId, timeZone } = scope;
  const inPeriod = inScope(scope);
  const [totals, now, waits, firstResponses, resolutions, csat, rate, byTrigger, reasons, agents, series] = await Promise.all([
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
    liveCounts(db, scope),
    sql`select ${times('h.claimed_at - h.requested_at')} from handovers h where ${inPeriod} and h.claimed_at is not null`.execute(db),
    sql`select ${times('h.first_response_at - h.requested_at')} from handovers h where ${inPeriod} and h.first_response_at is not null`.execute(db),
    sql`select ${times('h.ended_at - h.claimed_at')} from handovers h
        where ${inPeriod} and h.status = 'completed' and h.claimed_at is not null`.execute(db),
    sql<{ mean: number | null; count: string; satisfied: string }>`
      select avg(h.rating_score)::float as mean, count(h.rating_score) as count,
             count(*) filter (where h.rating_score >= 4) as satisfied
      from handovers h where ${inPeriod}`.execute(db),
    sql<{ conversations: string }>`
      select count(*) as conversations from conversations c
      where c.workspace_id = ${workspaceId} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}`.execute(db),
    sql<{ trigger: Trigger; count: string }>`
      select h.trigger, count(*) as count from handovers h where ${inPeriod} group by h.trigger order by count desc, h.trigger`.execute(db),
    topReasonsFromHandovers(db, scope),
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
  const live = now;
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
      ...live,
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
      byTrigger: byTrigger.rows.map((row) => ({ trigger: row.trigger, count: Number(row.count) })),
      topReasons: reasons,
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

/** One row per member who claimed anything in the period; with a member filter, that member's row as it is unfiltered. */
async function agentPerformance(db: Db, filtered: AnalyticsScope): Promise<HandoverAnalytics['agents']> {
  const { memberId, ...filters } = filtered.filters;
  const scope = { ...filtered, filters };
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
    join members m on m.id = c.member_id and m.workspace_id = ${workspaceId} ${memberId ? sql`and m.id = ${memberId}` : sql``}
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

/** Every figure the rollups hold from them; the percentiles exact while the period is small, else from the sketches. */
async function fromRollups(db: Db, scope: AnalyticsScope, bucket: 'hour' | 'day', exactUpTo: number): Promise<HandoverAnalytics> {
  // The sketches are read beside the counts (which say whether they are needed): at a year of history the two
  // together take as long as the slower alone; a small period wastes a small read.
  const sketched = readSketches(db, scope);
  sketched.catch(() => {});
  const [read, live] = await Promise.all([readRollups(db, scope, bucket), liveCounts(db, scope)]);
  const member = scope.filters.memberId;
  const all = sumCounts([...read.members.values()]);
  // A member filter narrows the handovers to theirs; conversations (the handover rate's) stay all of them.
  const counts = member ? sumCounts(read.members.has(member) ? [read.members.get(member)!] : []) : all;
  const claimers = [...read.members.entries()].filter(([id, row]) => id !== nobody && row.claims > 0 && (!member || id === member));
  const [percentiles, names, inProgress] = await Promise.all([
    // Exact while the period's handovers are few: the exact read goes through all of them, a member filter or not.
    all.handovers <= exactUpTo ? exactPercentiles(db, scope, claimers.map(([id]) => id)) : sketchPercentiles(scope, await sketched),
    claimers.length === 0
      ? []
      : db.selectFrom('members').select(['id', 'name']).where('workspace_id', '=', scope.workspaceId).where('id', 'in', claimers.map(([id]) => id)).orderBy('name').execute(),
    inProgressByMember(db, scope.workspaceId),
  ]);
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  // Ties in handled go by name as the database sorts names (its collation), as the handovers' reading does.
  const nameRank = new Map(names.map((row, index) => [row.id, index]));
  const agents = claimers
    .filter(([id]) => nameOf.has(id))
    .map(([id, row]) => ({
      member: { id, name: nameOf.get(id)! },
      handled: row.claims,
      completed: row.completed,
      inProgressNow: inProgress.get(id) ?? 0,
      firstResponse: { p50: roundOrNull(percentiles.agents.get(id)?.firstResponseP50 ?? null), mean: meanSeconds(row.firstResponseUs, row.firstResponseCount) },
      resolution: { p50: roundOrNull(percentiles.agents.get(id)?.resolutionP50 ?? null), mean: meanSeconds(row.resolutionUs, row.resolutionCount) },
      rating: { mean: row.rated === 0 ? null : round(row.ratingSum / row.rated), count: row.rated },
      transfersOut: row.transfersOut,
    }))
    .sort((a, b) => b.handled - a.handled || nameRank.get(a.member.id)! - nameRank.get(b.member.id)!);
  const times = (p: { p50: number | null; p90: number | null }, totalUs: number, count: number) => ({
    p50: roundOrNull(p.p50),
    p90: roundOrNull(p.p90),
    mean: meanSeconds(totalUs, count),
    count,
  });
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    timeZone: scope.timeZone,
    filters: scope.filters,
    totals: {
      total: counts.handovers,
      ...live,
      completed: counts.completed,
      missed: counts.missed,
      abandoned: counts.abandoned,
      timedOut: counts.timedOut,
      requeued: counts.requeued,
      requeues: counts.requeues,
    },
    waitTime: times(percentiles.wait, counts.waitUs, counts.waitCount),
    firstResponseTime: times(percentiles.firstResponse, counts.firstResponseUs, counts.firstResponseCount),
    resolutionTime: times(percentiles.resolution, counts.resolutionUs, counts.resolutionCount),
    escalationRate: counts.handovers === 0 ? null : counts.escalated / counts.handovers,
    csat: {
      mean: counts.rated === 0 ? null : round(counts.ratingSum / counts.rated),
      count: counts.rated,
      satisfiedShare: counts.rated === 0 ? null : counts.satisfied / counts.rated,
    },
    handoverRate: all.conversations === 0 ? null : counts.handovers / all.conversations,
    reasons: {
      byTrigger: triggers
        .map((trigger) => ({ trigger, count: counts.byTrigger[trigger] }))
        .filter((row) => row.count > 0)
        .sort((a, b) => b.count - a.count || a.trigger.localeCompare(b.trigger)),
      topReasons: read.topReasons,
    },
    agents,
    series: read.series,
  };
}

function sumCounts(rows: MemberCounts[]): MemberCounts {
  const sum = (pick: (row: MemberCounts) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    conversations: sum((row) => row.conversations),
    handovers: sum((row) => row.handovers),
    completed: sum((row) => row.completed),
    missed: sum((row) => row.missed),
    abandoned: sum((row) => row.abandoned),
    timedOut: sum((row) => row.timedOut),
    escalated: sum((row) => row.escalated),
    requeued: sum((row) => row.requeued),
    requeues: sum((row) => row.requeues),
    rated: sum((row) => row.rated),
    ratingSum: sum((row) => row.ratingSum),
    satisfied: sum((row) => row.satisfied),
    waitCount: sum((row) => row.waitCount),
    waitUs: sum((row) => row.waitUs),
    firstResponseCount: sum((row) => row.firstResponseCount),
    firstResponseUs: sum((row) => row.firstResponseUs),
    resolutionCount: sum((row) => row.resolutionCount),
    resolutionUs: sum((row) => row.resolutionUs),
    byTrigger: Object.fromEntries(triggers.map((trigger) => [trigger, sum((row) => row.byTrigger[trigger])])) as Record<Trigger, number>,
    claims: sum((row) => row.claims),
    transfersOut: sum((row) => row.transfersOut),
  };
}

interface Percentiles {
  wait: { p50: number | null; p90: number | null };
  firstResponse: { p50: number | null; p90: number | null };
  resolution: { p50: number | null; p90: number | null };
  agents: Map<string, { firstResponseP50: number | null; resolutionP50: number | null }>;
}

/** percentile_cont over the period's handovers (by the analytics index), for the period and for each claimer. */
async function exactPercentiles(db: Db, scope: AnalyticsScope, memberIds: string[]): Promise<Percentiles> {
  const inPeriod = inScope(scope);
  const pair = (expression: string, condition: string) => sql.raw(
    `percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ${expression})) filter (where ${condition})`,
  );
  const wait = pair('h.claimed_at - h.requested_at', 'h.claimed_at is not null');
  const firstResponse = pair('h.first_response_at - h.requested_at', 'h.first_response_at is not null');
  const resolution = pair('h.ended_at - h.claimed_at', "h.status = 'completed' and h.claimed_at is not null");
  const [overall, perMember] = await Promise.all([
    sql<{ wait: number[] | null; first_response: number[] | null; resolution: number[] | null }>`
      select ${wait} as wait, ${firstResponse} as first_response, ${resolution} as resolution
      from handovers h where ${inPeriod}`.execute(db),
    memberIds.length === 0
      ? { rows: [] }
      : sql<{ member_id: string; first_response: number[] | null; resolution: number[] | null }>`
          select h.assignee_id as member_id, ${firstResponse} as first_response, ${resolution} as resolution
          from handovers h where ${inPeriod} and h.assignee_id in (${sql.join(memberIds)}) group by h.assignee_id`.execute(db),
  ]);
  const row = overall.rows[0];
  const pick = (values: number[] | null | undefined) => ({ p50: values?.[0] ?? null, p90: values?.[1] ?? null });
  return {
    wait: pick(row?.wait),
    firstResponse: pick(row?.first_response),
    resolution: pick(row?.resolution),
    agents: new Map(perMember.rows.map((member) => [member.member_id, { firstResponseP50: member.first_response?.[0] ?? null, resolutionP50: member.resolution?.[0] ?? null }])),
  };
}

/** The percentiles read from the period's duration sketches (within 2%). */
function sketchPercentiles(scope: AnalyticsScope, sketches: Awaited<ReturnType<typeof readSketches>>): Percentiles {
  const member = scope.filters.memberId;
  const chosen = [...sketches.entries()].filter(([id]) => !member || id === member).map(([, sketch]) => sketch);
  const merged = (metric: 'wait' | 'first_response' | 'resolution') => {
    const sketch = new DurationSketch();
    for (const one of chosen) sketch.merge(one[metric]);
    return { p50: sketch.percentile(0.5), p90: sketch.percentile(0.9) };
  };
  return {
    wait: merged('wait'),
    firstResponse: merged('first_response'),
    resolution: merged('resolution'),
    agents: new Map(
      [...sketches.entries()].map(([id, sketch]) => [id, { firstResponseP50: sketch.first_response.percentile(0.5), resolutionP50: sketch.resolution.percentile(0.5) }]),
    ),
  };
}

/** Now, whatever the period (the filters still apply): the two live statuses, each read by its own index. */
async function liveCounts(db: Db, scope: AnalyticsScope): Promise<{ pending: number; inProgress: number }> {
  const filtered = sql.join([sql`true`, ...filterConditions(scope.filters)], sql` and `);
  const { rows } = await sql<{ pending: number; in_progress: number }>`
    select (select count(*) from handovers h where h.workspace_id = ${scope.workspaceId} and h.status = 'pending' and ${filtered})::int as pending,
           (select count(*) from handovers h where h.workspace_id = ${scope.workspaceId} and h.status = 'in_progress' and ${filtered})::int as in_progress
  `.execute(db);
  return { pending: rows[0]?.pending ?? 0, inProgress: rows[0]?.in_progress ?? 0 };
}

async function inProgressByMember(db: Db, workspaceId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ member_id: string; count: number }>`
    select assignee_id as member_id, count(*)::int as count from handovers
    where workspace_id = ${workspaceId} and status = 'in_progress' and assignee_id is not null group by assignee_id`.execute(db);
  return new Map(rows.map((row) => [row.member_id, row.count]));
}

async function topReasonsFromHandovers(db: Db, scope: AnalyticsScope): Promise<HandoverAnalytics['reasons']['topReasons']> {
  const { rows } = await sql<{ reason: string; count: number }>`
    select h.reason, count(*)::int as count from handovers h where ${inScope(scope)}
    group by h.reason order by count desc, h.reason limit 10`.execute(db);
  return rows;
}

function meanSeconds(totalUs: number, count: number): number | null {
  return count === 0 ? null : round(totalUs / count / 1_000_000);
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
