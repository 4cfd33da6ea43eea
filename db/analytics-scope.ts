import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../domain/errors.ts';
import type { AnalyticsFilters } from '../domain/schemas/analytics.ts';
import type { Db } from './connect.ts';
import { isTimeZoneKnownToDatabase } from './workspaces.ts';

/** What an analytics read or export covers: one workspace's handovers requested in [from, to), filtered. */
export interface AnalyticsScope {
  workspaceId: string;
  from: Date;
  to: Date;
  /** IANA name: local days and day buckets are counted in it. */
  timeZone: string;
  filters: AnalyticsFilters;
  /** The workspace's rollups hold all its history (db/analytics-rollups.ts); until then, figures come from the handovers. */
  rollupsReady: boolean;
}

export interface AnalyticsPeriodInput extends AnalyticsFilters {
  /** A local day (YYYY-MM-DD, midnight in the zone) or an instant with its offset. */
  from?: string;
  to?: string;
  tz?: string;
}

const maxPeriodDays = 400;
const dayMs = 24 * 3600 * 1000;
const isLocalDay = (edge: string) => /^\d{4}-\d{2}-\d{2}$/.test(edge);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves a request's period and filters: the zone (asked, else the workspace's), local days to the instants of
 * their midnights there (PostgreSQL's zone rules, so a DST change gives a 23- or 25-hour day), and the defaults (to
 * now, from 30 days before). A period backwards or longer than 400 days, or a member of no such workspace: 400.
 */
export async function resolveAnalyticsScope(db: Db, workspaceId: string, input: AnalyticsPeriodInput, now = new Date()): Promise<AnalyticsScope> {
  const workspace = await db.selectFrom('workspaces').select(['time_zone', 'analytics_ready_at']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const timeZone = input.tz ?? workspace.time_zone;
  // Checked against Node's zones by the schema; PostgreSQL counts the days, and its zone data may be older.
  if (input.tz && !(await isTimeZoneKnownToDatabase(db, input.tz))) throw queryError('tz', `The database does not know the time zone ${input.tz}`);
  const [to, fromAsked] = await Promise.all([
    input.to ? instantOf(db, input.to, timeZone) : now,
    input.from ? instantOf(db, input.from, timeZone) : null,
  ]);
  const from = fromAsked ?? new Date(to.getTime() - 30 * dayMs);
  if (from.getTime() >= to.getTime()) throw new AppError('invalid_request', 'The period must start before it ends: from before to');
  if (to.getTime() - from.getTime() > maxPeriodDays * dayMs) {
    throw new AppError('invalid_request', `The period may be at most ${maxPeriodDays} days`);
  }
  if (input.memberId !== undefined) {
    const member = uuidPattern.test(input.memberId)
      ? await db.selectFrom('members').select('id').where('workspace_id', '=', workspaceId).where('id', '=', input.memberId).executeTakeFirst()
      : undefined;
    if (!member) throw queryError('memberId', 'No such member in this workspace');
  }
  const filters: AnalyticsFilters = {};
  if (input.trigger) filters.trigger = input.trigger;
  if (input.memberId) filters.memberId = input.memberId;
  if (input.outcome) filters.outcome = input.outcome;
  return { workspaceId, from, to, timeZone, filters, rollupsReady: workspace.analytics_ready_at !== null };
}

/** The handovers of the scope, as a condition on `alias` (the handovers table). */
export function inScope(scope: AnalyticsScope, alias = 'h'): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions = [
    sql`${column('workspace_id')} = ${scope.workspaceId}`,
    sql`${column('requested_at')} >= ${scope.from}`,
    sql`${column('requested_at')} < ${scope.to}`,
  ];
  conditions.push(...filterConditions(scope.filters, alias));
  return sql.join(conditions, sql` and `);
}

/** The filters alone, as conditions on `alias`: the live counts take them too, whatever the period. */
export function filterConditions(filters: AnalyticsFilters, alias = 'h'): RawBuilder<unknown>[] {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.trigger) conditions.push(sql`${column('trigger')} = ${filters.trigger}`);
  if (filters.memberId) conditions.push(sql`${column('assignee_id')} = ${filters.memberId}`);
  if (filters.outcome) conditions.push(sql`${column('outcome')} = ${filters.outcome}`);
  return conditions;
}

/** As the query string's own checks answer (api/app.ts): 400, naming the parameter. */
function queryError(parameter: string, message: string): AppError {
  return new AppError('invalid_request', 'The query string is not valid', { issues: [{ path: [parameter], message, code: 'custom' }] });
}

async function instantOf(db: Db, edge: string, timeZone: string): Promise<Date> {
  if (!isLocalDay(edge)) return new Date(edge);
  const { rows } = await sql<{ at: Date }>`select (${edge}::date)::timestamp at time zone ${timeZone} as at`.execute(db);
  return new Date(rows[0]!.at);
}
