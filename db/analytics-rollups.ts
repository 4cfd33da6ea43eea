import { sql, type RawBuilder } from 'kysely';
import { DurationSketch } from '../domain/analytics-sketch.ts';
import { triggers, type Trigger } from '../domain/handover.ts';
import type { HandoverAnalytics } from '../domain/schemas/analytics.ts';
import { isUtc } from '../domain/time-zones.ts';
import type { AnalyticsScope } from './analytics-scope.ts';
import type { Db } from './connect.ts';
import { completeWaitingWorkspaces, retryOnConflict } from './workspace-backfill.ts';

// The analytics read from the rollups of migrations/0016_analytics_rollups.ts: the period's whole UTC days from the day
// rows, the rest of its whole hours from the hour rows (the percentiles: its whole days as 28-, 7- and 1-day sketch
// blocks), its ragged edges from the tables through the same SQL functions the rebuild uses, so both sides count
// alike. docs/analytics.md says how.

/** The member id of "no one" in the rollups: handovers nobody has. */
export const nobody = '00000000-0000-0000-0000-000000000000';
/** The member id of the reasons' rows for everyone. */
const everyone = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const hourMs = 3600 * 1000;
const dayMs = 24 * hourMs;
/** Monday 1970-01-05, where the 7- and 28-day blocks start. */
const blockEpochMs = Date.UTC(1970, 0, 5);

/** A period's counts for one member (the assignee; for claims and transfers, who did them). */
export interface MemberCounts {
  conversations: number;
  handovers: number;
  completed: number;
  missed: number;
  abandoned: number;
  timedOut: number;
  escalated: number;
  requeued: number;
  requeues: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
  waitCount: number;
  waitUs: number;
  firstResponseCount: number;
  firstResponseUs: number;
  resolutionCount: number;
  resolutionUs: number;
  byTrigger: Record<Trigger, number>;
  claims: number;
  transfersOut: number;
}

export interface RollupRead {
  members: Map<string, MemberCounts>;
  series: HandoverAnalytics['series'];
  topReasons: HandoverAnalytics['reasons']['topReasons'];
}

const countColumns = [
  'conversations', 'handovers', 'completed', 'missed', 'abandoned', 'timed_out', 'escalated', 'requeued', 'requeues', 'rated',
  'rating_sum', 'satisfied', 'wait_count', 'wait_us', 'first_response_count', 'first_response_us', 'resolution_count',
  'resolution_us', ...triggers, 'claims', 'transfers_out',
] as const;

/**
 * The period [from, to) as SQL sources of rollup rows (analytics_hours' columns, or analytics_reasons'): its whole UTC
 * days from the day rows, the rest of its whole hours from the hour rows, and its two partial hours from the tables
 * (analytics_hour_rows, analytics_reason_rows). `hours` only: no day rows (for buckets that do not fall on UTC days).
 */
function rollupSources(scope: AnalyticsScope, kind: 'counts' | 'reasons', hoursOnly = false): RawBuilder<unknown> {
  const workspace = scope.workspaceId;
  // The reasons' rollups hold a row for each member and one for everyone; the tables' rows are each a member's.
  const member = scope.filters.memberId;
  const fromTables = (from: Date, to: Date) =>
    kind === 'counts'
      ? sql`select * from analytics_hour_rows(${workspace}, ${from}, ${to})`
      : sql`select * from analytics_reason_rows(${workspace}, ${from}, ${to}) ${member ? sql`where member_id = ${member}` : sql``}`;
  const rollups = (span: 1 | 24, from: Date, to: Date) =>
    kind === 'counts'
      ? sql`select * from ${sql.table(span === 1 ? 'analytics_hours' : 'analytics_days')} where workspace_id = ${workspace} and start >= ${from} and start < ${to}`
      : sql`select * from analytics_reasons where workspace_id = ${workspace} and span = ${span} and member_id = ${member ?? everyone}
              and start >= ${from} and start < ${to}`;
  const [firstHour, lastHour] = [ceilTo(scope.from, hourMs), floorTo(scope.to, hourMs)];
  if (firstHour >= lastHour) return fromTables(scope.from, scope.to);
  const [firstDay, lastDay] = hoursOnly ? [lastHour, lastHour] : [ceilTo(scope.from, dayMs), floorTo(scope.to, dayMs)];
  const parts: RawBuilder<unknown>[] = [];
  if (firstDay < lastDay) {
    parts.push(rollups(24, firstDay, lastDay));
    if (firstHour < firstDay) parts.push(rollups(1, firstHour, firstDay));
    if (lastDay < lastHour) parts.push(rollups(1, lastDay, lastHour));
  } else {
    parts.push(rollups(1, firstHour, lastHour));
  }
  if (scope.from < firstHour) parts.push(fromTables(scope.from, firstHour));
  if (lastHour < scope.to) parts.push(fromTables(lastHour, scope.to));
  return sql.join(parts, sql` union all `);
}


/** Counts per member, the series and the top reasons of the scope (a member filter narrows the series and reasons). */
export async function readRollups(db: Db, scope: AnalyticsScope, bucket: 'hour' | 'day'): Promise<RollupRead> {
  const member = scope.filters.memberId;
  const seriesByDayRows = bucket === 'day' && isUtc(scope.timeZone);
  const sums = sql.join(countColumns.map((column) => sql`sum(${sql.ref(column)})::float8 as ${sql.ref(column)}`));
  const [byMember, series, topReasons] = await Promise.all([
    sql<Record<(typeof countColumns)[number], number> & { member_id: string }>`
      select member_id, ${sums} from (${rollupSources(scope, 'counts')}) r group by member_id`.execute(db),
    sql<{ start: Date; total: number; completed: number; missed: number; abandoned: number; timed_out: number }>`
      select date_trunc(${bucket}, start at time zone ${scope.timeZone}) at time zone ${scope.timeZone} as start,
             sum(handovers)::int as total, sum(completed)::int as completed, sum(missed)::int as missed,
             sum(abandoned)::int as abandoned, sum(timed_out)::int as timed_out
      -- Summed by hour (or day) first: the zone's rules then apply once an hour, not once a member and hour.
      from (
        select start, sum(handovers) as handovers, sum(completed) as completed, sum(missed) as missed,
               sum(abandoned) as abandoned, sum(timed_out) as timed_out
        from (${rollupSources(scope, 'counts', !seriesByDayRows)}) r ${member ? sql`where member_id = ${member}` : sql``}
        group by start
      ) hours
      group by 1 having sum(handovers) > 0 order by 1`.execute(db),
    readTopReasons(db, scope),
  ]);
  const members = new Map<string, MemberCounts>();
  for (const row of byMember.rows) {
    members.set(row.member_id, {
      conversations: row.conversations,
      handovers: row.handovers,
      completed: row.completed,
      missed: row.missed,
      abandoned: row.abandoned,
      timedOut: row.timed_out,
      escalated: row.escalated,
      requeued: row.requeued,
      requeues: row.requeues,
      rated: row.rated,
      ratingSum: row.rating_sum,
      satisfied: row.satisfied,
      waitCount: row.wait_count,
      waitUs: row.wait_us,
      firstResponseCount: row.first_response_count,
      firstResponseUs: row.first_response_us,
      resolutionCount: row.resolution_count,
      resolutionUs: row.resolution_us,
      byTrigger: Object.fromEntries(triggers.map((trigger) => [trigger, row[trigger]])) as Record<Trigger, number>,
      claims: row.claims,
      transfersOut: row.transfers_out,
    });
  }
  return {
    members,
    series: series.rows.map((row) => ({
      start: new Date(row.start).toISOString(),
      total: row.total,
      completed: row.completed,
      missed: row.missed,
      abandoned: row.abandoned,
      timedOut: row.timed_out,
    })),
    topReasons,
  };
}

async function readTopReasons(db: Db, scope: AnalyticsScope): Promise<RollupRead['topReasons']> {
  const { rows } = await sql<{ reason: string; count: number }>`
    select reason, sum(handovers)::int as count from (${rollupSources(scope, 'reasons')}) r
    group by reason having sum(handovers) > 0 order by count desc, reason limit 10`.execute(db);
  return rows;
}

export type Metric = 'wait' | 'first_response' | 'resolution';

/** The period's duration sketches per member and metric: whole UTC days from the rollups' blocks, the rest from the tables. */
export async function readSketches(db: Db, scope: AnalyticsScope): Promise<Map<string, Record<Metric, DurationSketch>>> {
  const first = ceilTo(scope.from, dayMs);
  const last = floorTo(scope.to, dayMs);
  const parts: RawBuilder<unknown>[] = [];
  const fromTables = (from: Date, to: Date) =>
    sql`select member_id, metric, bin, count from analytics_duration_rows(${scope.workspaceId}, ${from}, ${to})`;
  if (first >= last) {
    parts.push(fromTables(scope.from, scope.to));
  } else {
    const blocks = blocksCovering(first, last);
    parts.push(sql`
      select s.member_id, (array['wait', 'first_response', 'resolution'])[s.metric] as metric, u.bin, u.count
      from analytics_sketches s cross join lateral unnest(s.bins, s.counts) u(bin, count)
      where s.workspace_id = ${scope.workspaceId}
        and (${sql.join(
          [28, 7, 1].map((span) => sql`(s.span = ${span} and s.start = any(${blocks.filter((block) => block.span === span).map((block) => block.start)}::date[]))`),
          sql` or `,
        )})`);
    if (scope.from < first) parts.push(fromTables(scope.from, first));
    if (last < scope.to) parts.push(fromTables(last, scope.to));
  }
  // One row a member and metric, its bins and counts as arrays: thousands of bins, a few dozen rows to parse.
  const { rows } = await sql<{ member_id: string; metric: Metric; bins: number[]; counts: number[] }>`
    select member_id, metric, array_agg(bin) as bins, array_agg(count) as counts
    from (select member_id, metric, bin, sum(count)::int as count from (${sql.join(parts, sql` union all `)}) x group by 1, 2, 3) summed
    group by 1, 2`.execute(db);
  const sketches = new Map<string, Record<Metric, DurationSketch>>();
  for (const row of rows) {
    let member = sketches.get(row.member_id);
    if (!member) {
      member = { wait: new DurationSketch(), first_response: new DurationSketch(), resolution: new DurationSketch() };
      sketches.set(row.member_id, member);
    }
    for (const [index, bin] of row.bins.entries()) member[row.metric].add(bin, row.counts[index]!);
  }
  return sketches;
}

/** The fewest aligned blocks of 28, 7 and 1 days that cover [first, last) exactly (both UTC midnights). */
export function blocksCovering(first: Date, last: Date): { span: number; start: string }[] {
  const blocks: { span: number; start: string }[] = [];
  let at = first.getTime();
  while (at < last.getTime()) {
    const span = [28, 7, 1].find((days) => (at - blockEpochMs) % (days * dayMs) === 0 && at + days * dayMs <= last.getTime())!;
    blocks.push({ span, start: new Date(at).toISOString().slice(0, 10) });
    at += span * dayMs;
  }
  return blocks;
}

/**
 * Recomputes every rollup of a workspace from its tables, one 28-day block per transaction (each a few seconds at a
 * busy workspace), while the service runs: the block's lock keeps changes out of its recount (see the migration).
 * Then the workspace's analytics read from the rollups. A deadlock with a change (rows locked in another order) or a
 * serialization failure retries the block.
 */
export async function rebuildRollups(db: Db, workspaceId: string, onBlock?: (block: string, index: number, total: number) => void): Promise<number> {
  const { rows } = await sql<{ block: string }>`
    select distinct (day - ((day - date '1970-01-05') % 28))::text as block
    from (select (requested_at at time zone 'UTC')::date as day from handovers where workspace_id = ${workspaceId}
          union select (created_at at time zone 'UTC')::date from conversations where workspace_id = ${workspaceId}
          union select start from analytics_sketches where workspace_id = ${workspaceId}
          union select (start at time zone 'UTC')::date from analytics_days where workspace_id = ${workspaceId}) days
    order by 1`.execute(db);
  for (const [index, { block }] of rows.entries()) {
    await retryOnConflict(() =>
      db.transaction().execute(async (tx) => {
        await sql`select analytics_rebuild_block(${workspaceId}, ${block}::date)`.execute(tx);
      }),
    );
    onBlock?.(block, index + 1, rows.length);
  }
  await db.updateTable('workspaces').set({ analytics_ready_at: new Date() }).where('id', '=', workspaceId).execute();
  return rows.length;
}

/**
 * Builds the rollups of the workspaces whose history predates them (migrations/0016); each API process runs it at
 * its start and hourly. A block's lock orders two processes at once.
 */
export async function completeRollups(db: Db, onWorkspace?: (workspaceId: string, blocks: number, seconds: number) => void): Promise<void> {
  const waiting = await db.selectFrom('workspaces').select('id').where('analytics_ready_at', 'is', null).orderBy('created_at').execute();
  await completeWaitingWorkspaces(
    waiting.map(({ id }) => id),
    (workspaceId) => rebuildRollups(db, workspaceId),
    'analytics rollups',
    onWorkspace,
  );
}

function ceilTo(at: Date, unitMs: number): Date {
  return new Date(Math.ceil(at.getTime() / unitMs) * unitMs);
}

function floorTo(at: Date, unitMs: number): Date {
  return new Date(Math.floor(at.getTime() / unitMs) * unitMs);
}
