import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Analytics rollups (docs/analytics.md, "How the figures are kept"): what the Analytics page sums instead of reading
// a year of handovers. PostgreSQL triggers keep them, in the transaction of each change to a handover, a timeline
// event or a conversation, so no code path can forget them; `npm run analytics:rebuild` recomputes them from the
// tables. Each change subtracts the row's old contribution and adds its new one.
//
// - analytics_hours and analytics_days: per workspace, UTC hour (and UTC day) of the request and member (the assignee;
//   the nil id for none), the counts and sums of every headline figure, the agent table's, the series' and the
//   conversations begun (durations summed in microseconds, as exact as the timestamps). A read takes whole days from
//   the days, the rest of whole hours from the hours.
// - analytics_reasons: per workspace, UTC hour or day (span 1 or 24 hours), member (and "all", for the page
//   unfiltered) and reason text, the handovers.
// - analytics_sketches: per workspace, block of days (1, 7 or 28 days, aligned to Monday 1970-01-05), member and
//   metric (1 wait, 2 first response, 3 resolution), how many durations fall in each logarithmic bin (bins[i] holds
//   counts[i]): a sketch whose percentiles are within 2% of the exact ones (bin i ≥ 1 holds [10·1.04^(i-1),
//   10·1.04^i) ms).
// Frozen in time: imports nothing from the app (domain/analytics-sketch.ts holds the same bin rule for reading).
const nil = '00000000-0000-0000-0000-000000000000';
/** The member of the reasons' rows for everyone (the page unfiltered reads them alone). */
const everyone = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table analytics_hours (
      workspace_id uuid not null,
      start timestamptz not null,
      member_id uuid not null,
      conversations integer not null default 0,
      handovers integer not null default 0,
      completed integer not null default 0,
      missed integer not null default 0,
      abandoned integer not null default 0,
      timed_out integer not null default 0,
      escalated integer not null default 0,
      requeued integer not null default 0,
      requeues integer not null default 0,
      rated integer not null default 0,
      rating_sum integer not null default 0,
      satisfied integer not null default 0,
      wait_count integer not null default 0,
      wait_us bigint not null default 0,
      first_response_count integer not null default 0,
      first_response_us bigint not null default 0,
      resolution_count integer not null default 0,
      resolution_us bigint not null default 0,
      user_request integer not null default 0,
      ai_escalation integer not null default 0,
      keyword integer not null default 0,
      sentiment integer not null default 0,
      other integer not null default 0,
      claims integer not null default 0,
      transfers_out integer not null default 0,
      primary key (workspace_id, start, member_id)
    )`.execute(db);
  // The same counts per UTC day (start at its midnight): a 90-day read sums 90 rows a member, not 2,160.
  await sql`create table analytics_days (like analytics_hours including defaults, primary key (workspace_id, start, member_id))`.execute(db);
  await sql`
    create table analytics_reasons (
      workspace_id uuid not null,
      span smallint not null check (span in (1, 24)),
      start timestamptz not null,
      member_id uuid not null,
      reason text not null,
      handovers integer not null default 0,
      primary key (workspace_id, span, start, member_id, reason)
    )`.execute(db);
  await sql`
    create table analytics_sketches (
      workspace_id uuid not null,
      span smallint not null check (span in (1, 7, 28)),
      start date not null,
      member_id uuid not null,
      metric smallint not null check (metric in (1, 2, 3)),
      bins integer[] not null,
      counts integer[] not null,
      primary key (workspace_id, span, start, member_id, metric)
    )`.execute(db);

  // The sketch's bin of a duration in milliseconds (null: no such duration).
  await sql`
    create function analytics_bin(ms double precision) returns integer language sql immutable as $$
      select case when ms is null then null when ms < 10 then 0
                  else least(599, 1 + floor(ln(ms / 10.0) / ln(1.04))::integer) end
    $$`.execute(db);

  // One handover's contribution to the hour of its request, under its assignee (the nil id for none).
  await sql`
    create function analytics_handover_hour(h handovers) returns analytics_hours language sql immutable as $$
      select h.workspace_id, date_trunc('hour', h.requested_at, 'UTC'), coalesce(h.assignee_id, ${sql.lit(nil)}::uuid),
        0, 1, (h.status = 'completed')::int, (h.status = 'missed')::int,
        coalesce(h.status = 'missed' and h.outcome = 'customer_left', false)::int,
        coalesce(h.status = 'missed' and h.outcome = 'timed_out', false)::int,
        (h.escalation_level >= 1)::int, (h.requeues > 0)::int, h.requeues,
        (h.rating_score is not null)::int, coalesce(h.rating_score, 0), coalesce(h.rating_score >= 4, false)::int,
        (h.claimed_at is not null)::int, coalesce(round(extract(epoch from h.claimed_at - h.requested_at) * 1000000), 0)::bigint,
        (h.first_response_at is not null)::int, coalesce(round(extract(epoch from h.first_response_at - h.requested_at) * 1000000), 0)::bigint,
        (h.status = 'completed' and h.claimed_at is not null and h.ended_at is not null)::int,
        (case when h.status = 'completed' then coalesce(round(extract(epoch from h.ended_at - h.claimed_at) * 1000000), 0) else 0 end)::bigint,
        (h.trigger = 'user_request')::int, (h.trigger = 'ai_escalation')::int, (h.trigger = 'keyword')::int,
        (h.trigger = 'sentiment')::int, (h.trigger = 'other')::int, 0, 0
    $$`.execute(db);

  // The 28-day block of an instant (as the rebuild works through them): every change to the rollups takes its
  // block's lock shared, the rebuild takes it alone, so no change lands between the rebuild's delete and its recount.
  await sql`
    create function analytics_block(at timestamptz) returns integer language sql immutable as $$
      select ((at at time zone 'UTC')::date - date '1970-01-05') / 28
    $$`.execute(db);

  // Adds a row of counts (of one hour) to the rollups of its hour and of its day, for its member (sign -1 takes it away).
  await sql`
    create function analytics_add_hour(r analytics_hours, sign integer) returns void language plpgsql as $$
    begin
      perform pg_advisory_xact_lock_shared(hashtext(r.workspace_id::text), analytics_block(r.start));
      insert into analytics_hours as a values (r.workspace_id, r.start, r.member_id, sign * r.conversations, sign * r.handovers,
        sign * r.completed, sign * r.missed, sign * r.abandoned, sign * r.timed_out, sign * r.escalated, sign * r.requeued,
        sign * r.requeues, sign * r.rated, sign * r.rating_sum, sign * r.satisfied, sign * r.wait_count, sign * r.wait_us,
        sign * r.first_response_count, sign * r.first_response_us, sign * r.resolution_count, sign * r.resolution_us,
        sign * r.user_request, sign * r.ai_escalation, sign * r.keyword, sign * r.sentiment, sign * r.other, sign * r.claims,
        sign * r.transfers_out)
      on conflict (workspace_id, start, member_id) do update set
        conversations = a.conversations + excluded.conversations,
        handovers = a.handovers + excluded.handovers, completed = a.completed + excluded.completed,
        missed = a.missed + excluded.missed, abandoned = a.abandoned + excluded.abandoned,
        timed_out = a.timed_out + excluded.timed_out, escalated = a.escalated + excluded.escalated,
        requeued = a.requeued + excluded.requeued, requeues = a.requeues + excluded.requeues,
        rated = a.rated + excluded.rated, rating_sum = a.rating_sum + excluded.rating_sum,
        satisfied = a.satisfied + excluded.satisfied, wait_count = a.wait_count + excluded.wait_count,
        wait_us = a.wait_us + excluded.wait_us, first_response_count = a.first_response_count + excluded.first_response_count,
        first_response_us = a.first_response_us + excluded.first_response_us,
        resolution_count = a.resolution_count + excluded.resolution_count, resolution_us = a.resolution_us + excluded.resolution_us,
        user_request = a.user_request + excluded.user_request, ai_escalation = a.ai_escalation + excluded.ai_escalation,
        keyword = a.keyword + excluded.keyword, sentiment = a.sentiment + excluded.sentiment, other = a.other + excluded.other,
        claims = a.claims + excluded.claims, transfers_out = a.transfers_out + excluded.transfers_out;
      insert into analytics_days as a values (r.workspace_id, date_trunc('day', r.start, 'UTC'), r.member_id, sign * r.conversations, sign * r.handovers,
        sign * r.completed, sign * r.missed, sign * r.abandoned, sign * r.timed_out, sign * r.escalated, sign * r.requeued,
        sign * r.requeues, sign * r.rated, sign * r.rating_sum, sign * r.satisfied, sign * r.wait_count, sign * r.wait_us,
        sign * r.first_response_count, sign * r.first_response_us, sign * r.resolution_count, sign * r.resolution_us,
        sign * r.user_request, sign * r.ai_escalation, sign * r.keyword, sign * r.sentiment, sign * r.other, sign * r.claims,
        sign * r.transfers_out)
      on conflict (workspace_id, start, member_id) do update set
        conversations = a.conversations + excluded.conversations,
        handovers = a.handovers + excluded.handovers, completed = a.completed + excluded.completed,
        missed = a.missed + excluded.missed, abandoned = a.abandoned + excluded.abandoned,
        timed_out = a.timed_out + excluded.timed_out, escalated = a.escalated + excluded.escalated,
        requeued = a.requeued + excluded.requeued, requeues = a.requeues + excluded.requeues,
        rated = a.rated + excluded.rated, rating_sum = a.rating_sum + excluded.rating_sum,
        satisfied = a.satisfied + excluded.satisfied, wait_count = a.wait_count + excluded.wait_count,
        wait_us = a.wait_us + excluded.wait_us, first_response_count = a.first_response_count + excluded.first_response_count,
        first_response_us = a.first_response_us + excluded.first_response_us,
        resolution_count = a.resolution_count + excluded.resolution_count, resolution_us = a.resolution_us + excluded.resolution_us,
        user_request = a.user_request + excluded.user_request, ai_escalation = a.ai_escalation + excluded.ai_escalation,
        keyword = a.keyword + excluded.keyword, sentiment = a.sentiment + excluded.sentiment, other = a.other + excluded.other,
        claims = a.claims + excluded.claims, transfers_out = a.transfers_out + excluded.transfers_out;
    end $$`.execute(db);

  // A handover's three durations as the sketch's bins (null where it has none): wait, first response, resolution.
  await sql`
    create function analytics_handover_bins(h handovers) returns integer[] language sql immutable as $$
      select array[analytics_bin(extract(epoch from h.claimed_at - h.requested_at) * 1000),
                   analytics_bin(extract(epoch from h.first_response_at - h.requested_at) * 1000),
                   case when h.status = 'completed' then analytics_bin(extract(epoch from h.ended_at - h.claimed_at) * 1000) end]
    $$`.execute(db);

  // A handover in or out of the rollups: its hour's counts, and (when asked: they moved) its reason and its durations.
  await sql`
    create function analytics_add_handover(h handovers, sign integer, with_reason boolean, with_durations boolean) returns void language plpgsql as $$
    declare
      bins integer[] := analytics_handover_bins(h);
    begin
      perform analytics_add_hour(analytics_handover_hour(h), sign);
      if with_reason then
        insert into analytics_reasons as r (workspace_id, span, start, member_id, reason, handovers)
        select h.workspace_id, spans.span, date_trunc(case spans.span when 1 then 'hour' else 'day' end, h.requested_at, 'UTC'), who.id, h.reason, sign
        from (values (1), (24)) spans(span), (values (coalesce(h.assignee_id, ${sql.lit(nil)}::uuid)), (${sql.lit(everyone)}::uuid)) who(id)
        on conflict (workspace_id, span, start, member_id, reason) do update set handovers = r.handovers + excluded.handovers;
      end if;
      if with_durations and (bins[1] is not null or bins[2] is not null or bins[3] is not null) then
        perform analytics_add_durations(h.workspace_id, (h.requested_at at time zone 'UTC')::date,
          coalesce(h.assignee_id, ${sql.lit(nil)}::uuid), bins[1], bins[2], bins[3], sign);
      end if;
    end $$`.execute(db);

  // A handover's three durations (their bins) into the sketches of the day, the week and the 28 days of its request.
  await sql`
    create function analytics_add_durations(workspace uuid, day date, member uuid, wait_bin integer, first_response_bin integer,
                                            resolution_bin integer, sign integer) returns void language plpgsql as $$
    declare
      block_span integer;
      one record;
    begin
      foreach block_span in array array[1, 7, 28] loop
        for one in select * from (values (1, wait_bin), (2, first_response_bin), (3, resolution_bin)) m(metric, bin) where m.bin is not null loop
          insert into analytics_sketches as s values
            (workspace, block_span, day - ((day - date '1970-01-05') % block_span), member, one.metric, array[one.bin], array[sign])
          on conflict (workspace_id, span, start, member_id, metric) do update
            set (bins, counts) = (select b.bins, b.counts from analytics_bump(s.bins, s.counts, one.bin, sign) b);
        end loop;
      end loop;
    end $$`.execute(db);

  // Adds sign to a sketch's bin; a bin at zero goes (so an emptied sketch holds no bins).
  await sql`
    create function analytics_bump(old_bins integer[], old_counts integer[], bin integer, sign integer, out bins integer[], out counts integer[])
    language plpgsql immutable as $$
    declare
      i integer := array_position(old_bins, bin);
    begin
      bins := old_bins;
      counts := old_counts;
      if i is null then
        bins := bins || bin;
        counts := counts || sign;
      elsif counts[i] + sign = 0 then
        bins := bins[:i - 1] || bins[i + 1:];
        counts := counts[:i - 1] || counts[i + 1:];
      else
        counts[i] := counts[i] + sign;
      end if;
    end $$`.execute(db);

  // A change to a handover: its old contribution out, its new one in, only when a figure it feeds changed.
  await sql`
    create function analytics_handover_changed() returns trigger language plpgsql as $$
    declare
      reason_moved boolean := true;
      durations_moved boolean := true;
    begin
      if tg_op = 'UPDATE' and (old.workspace_id, old.requested_at, old.assignee_id, old.status, old.outcome, old.trigger,
          old.reason, old.escalation_level, old.requeues, old.rating_score, old.claimed_at, old.first_response_at, old.ended_at)
        is not distinct from (new.workspace_id, new.requested_at, new.assignee_id, new.status, new.outcome, new.trigger,
          new.reason, new.escalation_level, new.requeues, new.rating_score, new.claimed_at, new.first_response_at, new.ended_at) then
        return null;
      end if;
      -- A status change moves only the counts; the reason and the durations' bins move only when they (or the member,
      -- the hour, the day they are kept under) changed.
      if tg_op = 'UPDATE' then
        reason_moved := (old.workspace_id, old.reason, old.assignee_id, date_trunc('hour', old.requested_at, 'UTC'))
          is distinct from (new.workspace_id, new.reason, new.assignee_id, date_trunc('hour', new.requested_at, 'UTC'));
        durations_moved := (old.workspace_id, old.assignee_id, (old.requested_at at time zone 'UTC')::date, analytics_handover_bins(old))
          is distinct from (new.workspace_id, new.assignee_id, (new.requested_at at time zone 'UTC')::date, analytics_handover_bins(new));
      end if;
      if tg_op in ('UPDATE', 'DELETE') then perform analytics_add_handover(old, -1, reason_moved, durations_moved); end if;
      if tg_op in ('UPDATE', 'INSERT') then perform analytics_add_handover(new, 1, reason_moved, durations_moved); end if;
      if tg_op = 'UPDATE' and old.requested_at is distinct from new.requested_at then
        perform analytics_add_hour(analytics_event_hour(e, old.requested_at), -1), analytics_add_hour(analytics_event_hour(e, new.requested_at), 1)
        from handover_events e where e.handover_id = new.id and e.type in ('claimed', 'transferred') and analytics_event_hour(e, new.requested_at) is not null;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger handovers_analytics after insert or update or delete on handovers
    for each row execute function analytics_handover_changed()`.execute(db);

  // Before a handover goes, its claims and transfers leave the rollups: its events go after it (by the foreign
  // key's cascade), when the hour of its request can no longer be read.
  await sql`
    create function analytics_handover_deleting() returns trigger language plpgsql as $$
    begin
      perform analytics_add_hour(analytics_event_hour(e, old.requested_at), -1)
      from handover_events e where e.handover_id = old.id and e.type in ('claimed', 'transferred') and analytics_event_hour(e, old.requested_at) is not null;
      return old;
    end $$`.execute(db);
  await sql`
    create trigger handovers_analytics_deleting before delete on handovers
    for each row execute function analytics_handover_deleting()`.execute(db);

  // A timeline event's contribution: a claim counts for who claimed, a transfer out for who handed it on, in the hour
  // of the handover's request (null for any other event).
  await sql`
    create function analytics_event_hour(e handover_events, requested timestamptz) returns analytics_hours language sql immutable as $$
      select e.workspace_id, date_trunc('hour', requested, 'UTC'), who.member_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, (e.type = 'claimed')::int, (e.type = 'transferred')::int
      from (select case e.type when 'claimed' then e.actor_id when 'transferred' then (e.data -> 'from' ->> 'id')::uuid end as member_id) who
      where who.member_id is not null and requested is not null
    $$`.execute(db);

  await sql`
    create function analytics_event_changed() returns trigger language plpgsql as $$
    declare
      e handover_events := case when tg_op = 'DELETE' then old else new end;
      contribution analytics_hours;
    begin
      if e.type not in ('claimed', 'transferred') then return null; end if;
      -- A handover deleted takes its events' counts with it first (analytics_handover_deleting): gone, it counts nothing.
      contribution := analytics_event_hour(e, (select h.requested_at from handovers h where h.id = e.handover_id));
      if contribution.member_id is not null then
        perform analytics_add_hour(contribution, case when tg_op = 'DELETE' then -1 else 1 end);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger handover_events_analytics after insert or delete on handover_events
    for each row execute function analytics_event_changed()`.execute(db);

  // Conversations begun, for the handover rate, in the hour they began.
  await sql`
    create function analytics_conversation_changed() returns trigger language plpgsql as $$
    declare
      c conversations := case when tg_op = 'DELETE' then old else new end;
      sign integer := case when tg_op = 'DELETE' then -1 else 1 end;
    begin
      perform analytics_add_hour(row(c.workspace_id, date_trunc('hour', c.created_at, 'UTC'), ${sql.lit(nil)}::uuid, 1, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)::analytics_hours, sign);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger conversations_analytics after insert or delete on conversations
    for each row execute function analytics_conversation_changed()`.execute(db);

  // What the rollups hold for the handovers requested (and the conversations begun) in [from_at, to_at), computed from
  // the tables: the rebuild stores it, and the analytics read it for the edges of a period the rollups do not cover.
  await sql`
    create function analytics_hour_rows(workspace uuid, from_at timestamptz, to_at timestamptz)
    returns setof analytics_hours language sql stable as $$
      select workspace, start, member_id, sum(conversations)::int, sum(handovers)::int, sum(completed)::int, sum(missed)::int,
        sum(abandoned)::int, sum(timed_out)::int, sum(escalated)::int, sum(requeued)::int, sum(requeues)::int, sum(rated)::int,
        sum(rating_sum)::int, sum(satisfied)::int, sum(wait_count)::int, sum(wait_us)::bigint, sum(first_response_count)::int,
        sum(first_response_us)::bigint, sum(resolution_count)::int, sum(resolution_us)::bigint, sum(user_request)::int,
        sum(ai_escalation)::int, sum(keyword)::int, sum(sentiment)::int, sum(other)::int, sum(claims)::int, sum(transfers_out)::int
      from (
        -- Through lateral, so each function runs once a row (not once a column, as (f(h)).* would).
        select r.* from handovers h cross join lateral analytics_handover_hour(h) r
        where h.workspace_id = workspace and h.requested_at >= from_at and h.requested_at < to_at
        union all
        select r.* from handovers h join handover_events e on e.handover_id = h.id and e.type in ('claimed', 'transferred')
        cross join lateral analytics_event_hour(e, h.requested_at) r
        where h.workspace_id = workspace and h.requested_at >= from_at and h.requested_at < to_at and r.member_id is not null
        union all
        select workspace, date_trunc('hour', c.created_at, 'UTC'), ${sql.lit(nil)}::uuid, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 0
        from conversations c where c.workspace_id = workspace and c.created_at >= from_at and c.created_at < to_at
      ) contributions
      group by start, member_id
    $$`.execute(db);

  await sql`
    create function analytics_reason_rows(workspace uuid, from_at timestamptz, to_at timestamptz)
    returns setof analytics_reasons language sql stable as $$
      select workspace, 1::smallint, date_trunc('hour', h.requested_at, 'UTC'), coalesce(h.assignee_id, ${sql.lit(nil)}::uuid), h.reason,
        count(*)::int
      from handovers h where h.workspace_id = workspace and h.requested_at >= from_at and h.requested_at < to_at
      group by 3, 4, 5
    $$`.execute(db);

  // The durations' bins, per UTC day of the request, member and metric.
  await sql`
    create function analytics_duration_rows(workspace uuid, from_at timestamptz, to_at timestamptz)
    returns table (day date, member_id uuid, metric text, bin integer, count integer) language sql stable as $$
      select d.day, d.member_id, m.metric, m.bin, count(*)::int
      from (
        select (h.requested_at at time zone 'UTC')::date as day, coalesce(h.assignee_id, ${sql.lit(nil)}::uuid) as member_id,
          analytics_bin(extract(epoch from h.claimed_at - h.requested_at) * 1000) as wait,
          analytics_bin(extract(epoch from h.first_response_at - h.requested_at) * 1000) as first_response,
          case when h.status = 'completed' then analytics_bin(extract(epoch from h.ended_at - h.claimed_at) * 1000) end as resolution
        from handovers h where h.workspace_id = workspace and h.requested_at >= from_at and h.requested_at < to_at
        -- A fence: pulled up, the bins would be computed again for each of the three rows (ten times slower).
        offset 0
      ) d
      cross join lateral (values ('wait', d.wait), ('first_response', d.first_response), ('resolution', d.resolution)) m(metric, bin)
      where m.bin is not null
      group by 1, 2, 3, 4
    $$`.execute(db);

  // Recomputes one workspace's rollups for the 28 days from block (a 28-day block's first day), in the caller's
  // transaction. It holds the block's lock alone: changes in flight finish first (the recount then sees them), later
  // ones wait for its commit (and then add their deltas to the recount), so nothing counts twice or goes missing.
  await sql`
    create function analytics_rebuild_block(workspace uuid, block date) returns void language plpgsql as $$
    declare
      first_hour timestamptz := block::timestamp at time zone 'UTC';
      end_hour timestamptz := (block + 28)::timestamp at time zone 'UTC';
    begin
      -- Each statement must see what committed before the lock was granted: a snapshot taken earlier would miss it.
      if current_setting('transaction_isolation') <> 'read committed' then
        raise exception 'analytics_rebuild_block needs read committed, not %', current_setting('transaction_isolation');
      end if;
      perform pg_advisory_xact_lock(hashtext(workspace::text), analytics_block(first_hour));
      delete from analytics_hours where workspace_id = workspace and start >= first_hour and start < end_hour;
      delete from analytics_days where workspace_id = workspace and start >= first_hour and start < end_hour;
      delete from analytics_reasons where workspace_id = workspace and start >= first_hour and start < end_hour;
      delete from analytics_sketches where workspace_id = workspace and start >= block and start < block + 28;

      perform analytics_add_hour(r, 1) from analytics_hour_rows(workspace, first_hour, end_hour) r;

      insert into analytics_reasons as r
      select workspace_id, spans.span, case spans.span when 1 then start else date_trunc('day', start, 'UTC') end, who.id, reason,
        sum(handovers)
      from analytics_reason_rows(workspace, first_hour, end_hour) r
      cross join (values (1::smallint), (24::smallint)) spans(span)
      cross join lateral (values (r.member_id), (${sql.lit(everyone)}::uuid)) who(id)
      group by 1, 2, 3, 4, 5
      on conflict (workspace_id, span, start, member_id, reason) do update set handovers = r.handovers + excluded.handovers;

      insert into analytics_sketches
      select workspace, block_span, block_start, member_id, metric, array_agg(bin order by bin), array_agg(count order by bin)
      from (
        select block_span, d.day - ((d.day - date '1970-01-05') % block_span) as block_start, d.member_id,
          case d.metric when 'wait' then 1 when 'first_response' then 2 else 3 end as metric, d.bin, sum(d.count)::int as count
        from analytics_duration_rows(workspace, first_hour, end_hour) d cross join (values (1), (7), (28)) spans(block_span)
        group by 1, 2, 3, 4, 5
      ) binned
      group by block_span, block_start, member_id, metric;
    end $$`.execute(db);

  // The rollups have no foreign key to their workspace: deleting one cascades to its handovers, whose triggers write
  // the rollups as they go, which a key would refuse. Once the workspace and all of it are gone, so are its rollups.
  await sql`
    create function analytics_workspace_deleted() returns trigger language plpgsql as $$
    begin
      delete from analytics_hours where workspace_id = old.id;
      delete from analytics_days where workspace_id = old.id;
      delete from analytics_reasons where workspace_id = old.id;
      delete from analytics_sketches where workspace_id = old.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger workspaces_analytics after delete on workspaces
    for each row execute function analytics_workspace_deleted()`.execute(db);

  // The raw reads the rollups leave (the period's edges, filtered views) go by an index holding what they need.
  await sql`
    create index handovers_analytics_idx on handovers (workspace_id, requested_at)
    include (status, outcome, trigger, assignee_id, escalation_level, requeues, rating_score, claimed_at, first_response_at, ended_at)`.execute(db);
  await sql`create index conversations_workspace_created_idx on conversations (workspace_id, created_at)`.execute(db);

  // Rollups are read only once complete: a workspace with nothing stored yet has them (its triggers start from
  // zero), one with history waits for \`npm run analytics:rebuild\` (or the API's own, at its start), reading the
  // handovers until then. So the migration itself stays short at a million handovers.
  await sql`alter table workspaces add column analytics_ready_at timestamptz default now()`.execute(db);
  await sql`
    update workspaces w set analytics_ready_at = null
    where exists (select 1 from handovers h where h.workspace_id = w.id) or exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table workspaces drop column analytics_ready_at`.execute(db);
  await sql`drop trigger workspaces_analytics on workspaces`.execute(db);
  await sql`drop trigger conversations_analytics on conversations`.execute(db);
  await sql`drop trigger handover_events_analytics on handover_events`.execute(db);
  await sql`drop trigger handovers_analytics_deleting on handovers`.execute(db);
  await sql`drop trigger handovers_analytics on handovers`.execute(db);
  await sql`drop function analytics_workspace_deleted, analytics_rebuild_block, analytics_duration_rows, analytics_reason_rows, analytics_hour_rows, analytics_conversation_changed, analytics_event_changed, analytics_event_hour, analytics_handover_deleting,
    analytics_handover_changed, analytics_add_handover, analytics_add_hour, analytics_block, analytics_handover_hour, analytics_handover_bins, analytics_add_durations, analytics_bump, analytics_bin`.execute(db);
  await sql`drop index conversations_workspace_created_idx`.execute(db);
  await sql`drop index handovers_analytics_idx`.execute(db);
  await sql`drop table analytics_sketches, analytics_reasons, analytics_days, analytics_hours`.execute(db);
}
