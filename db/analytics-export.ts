import { sql, type RawBuilder } from 'kysely';
import { inScope, type AnalyticsScope } from './analytics-scope.ts';

// The selects of the CSV exports (docs/analytics.md, "Export"), written to be run by COPY (db/csv-copy.ts): plain
// selects whose columns are already the CSV's cells, named as its header. Text a person typed (a reason, a name, a
// comment) is guarded against formula injection here, in SQL, so no path to the file skips it.

/** One row per handover of the scope, oldest request first; times local to the scope's zone, with their offset. */
export function handoverExportSelect(scope: AnalyticsScope): RawBuilder<unknown> {
  const zone = scope.timeZone;
  return sql`
    select h.id as handover_id,
      ${guarded(sql`c.external_id`)} as conversation_id,
      ${localTime(sql`h.requested_at`, zone)} as requested_at,
      h.trigger, ${guarded(sql`h.reason`)} as reason, h.status, h.outcome, h.escalation_level, h.requeues, h.transfers,
      ${guarded(sql`m.name`)} as assignee,
      ${localTime(sql`h.claimed_at`, zone)} as claimed_at,
      ${localTime(sql`h.first_response_at`, zone)} as first_response_at,
      ${localTime(sql`h.ended_at`, zone)} as ended_at,
      ${seconds(sql`h.claimed_at - h.requested_at`)} as wait_seconds,
      ${seconds(sql`h.first_response_at - h.requested_at`)} as first_response_seconds,
      ${seconds(sql`case when h.status = 'completed' then h.ended_at - h.claimed_at end`)} as resolution_seconds,
      h.rating_score as rating, ${guarded(sql`h.rating_comment`)} as rating_comment,
      ${guarded(sql`h.customer ->> 'name'`)} as customer_name,
      ${guarded(sql`h.customer ->> 'email'`)} as customer_email
    from handovers h
    join conversations c on c.id = h.conversation_id and c.workspace_id = h.workspace_id
    left join members m on m.id = h.assignee_id and m.workspace_id = h.workspace_id
    where ${inScope(scope, 'h')}
    order by h.requested_at, h.id`;
}

/**
 * The agent table of GET /analytics/handover, a row per member who claimed a handover of the scope: the same
 * definitions as db/analytics.ts's agentPerformance, rounded the same way (to hundredths).
 */
export function agentExportSelect(scope: AnalyticsScope): RawBuilder<unknown> {
  const { workspaceId } = scope;
  return sql`
    with period as (select h.* from handovers h where ${inScope(scope, 'h')}),
    claims as (
      select e.actor_id as member_id, count(*) as handled from handover_events e
      join period p on p.id = e.handover_id where e.type = 'claimed' and e.actor_id is not null group by e.actor_id
    ),
    transfers as (
      select (e.data -> 'from' ->> 'id')::uuid as member_id, count(*) as transfers_out from handover_events e
      join period p on p.id = e.handover_id where e.type = 'transferred' group by 1
    ),
    mine as (
      select p.assignee_id as member_id,
        count(*) filter (where p.status = 'completed') as completed,
        percentile_cont(0.5) within group (order by extract(epoch from p.first_response_at - p.requested_at)) as first_response_p50,
        avg(extract(epoch from p.first_response_at - p.requested_at)) as first_response_mean,
        percentile_cont(0.5) within group (order by extract(epoch from p.ended_at - p.claimed_at))
          filter (where p.status = 'completed') as resolution_p50,
        avg(extract(epoch from p.ended_at - p.claimed_at)) filter (where p.status = 'completed') as resolution_mean,
        avg(p.rating_score) as rating_mean, count(p.rating_score) as rating_count
      from period p where p.assignee_id is not null group by p.assignee_id
    ),
    now_in_progress as (
      select h.assignee_id as member_id, count(*) as in_progress_now from handovers h
      where h.workspace_id = ${workspaceId} and h.status = 'in_progress' and h.assignee_id is not null group by h.assignee_id
    )
    select m.id as member_id, ${guarded(sql`m.name`)} as member_name, c.handled,
      coalesce(mine.completed, 0) as completed, coalesce(n.in_progress_now, 0) as in_progress_now,
      ${hundredths(sql`mine.first_response_p50`)} as first_response_p50_seconds,
      ${hundredths(sql`mine.first_response_mean`)} as first_response_mean_seconds,
      ${hundredths(sql`mine.resolution_p50`)} as resolution_p50_seconds,
      ${hundredths(sql`mine.resolution_mean`)} as resolution_mean_seconds,
      ${hundredths(sql`mine.rating_mean`)} as rating_mean,
      coalesce(mine.rating_count, 0) as rating_count,
      coalesce(t.transfers_out, 0) as transfers_out
    from claims c
    join members m on m.id = c.member_id and m.workspace_id = ${workspaceId}
    left join mine on mine.member_id = m.id
    left join now_in_progress n on n.member_id = m.id
    left join transfers t on t.member_id = m.id
    order by c.handled desc, m.name, m.id`;
}

/**
 * A text cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP advises for CSV injection; the apostrophe shows, the formula never runs.
 */
function guarded(text: RawBuilder<unknown>): RawBuilder<unknown> {
  // Parenthesised: `'''' || h.customer ->> 'name'` would concatenate before extracting (same precedence).
  const cell = sql`(${text})`;
  return sql`case when left(${cell}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${cell} else ${cell} end`;
}

/**
 * An instant as local time in `zone` with that moment's offset, e.g. 2026-03-29T03:15:00+02:00 (to the second). The
 * offset is the local time minus UTC at that instant (`at time zone` both ways), so the session's own TimeZone,
 * which a pooled connection must not have changed, plays no part.
 */
function localTime(instant: RawBuilder<unknown>, zone: string): RawBuilder<unknown> {
  const local = sql`(${instant} at time zone ${zone})`;
  const offset = sql`(${local} - (${instant} at time zone 'UTC'))`;
  return sql`to_char(${local}, 'YYYY-MM-DD"T"HH24:MI:SS') ||
    case when ${offset} < interval '0' then '-' || to_char(-${offset}, 'HH24:MI') else '+' || to_char(${offset}, 'HH24:MI') end`;
}

/** An interval in seconds, to hundredths (as the analytics JSON rounds them); empty when it is null. */
function seconds(interval: RawBuilder<unknown>): RawBuilder<unknown> {
  return hundredths(sql`extract(epoch from ${interval})`);
}

function hundredths(value: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`round((${value})::numeric, 2)::float8`;
}
