import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import type { Response } from 'express';
import { z } from '../../domain/schemas/zod.ts';
import { AnalyticsExportQuery } from '../../domain/schemas/analytics.ts';
import { agentExportSelect, handoverExportSelect } from '../../db/analytics-export.ts';
import { resolveAnalyticsScope, type AnalyticsScope } from '../../db/analytics-scope.ts';
import { copyCsv } from '../../db/csv-copy.ts';
import { FileReply, route } from '../route.ts';
import type { ApiDeps } from '../deps.ts';

const periodDescription =
  'The period and filters of GET /analytics/handover: `from` and `to` are local days in `tz` (the workspace\'s time zone ' +
  'unless given) or instants; a bad period, zone or member is refused with the JSON error envelope before any CSV is sent. ' +
  'Streamed as PostgreSQL produces it (RFC 4180, UTF-8, a header row); text cells starting with =, +, -, @, a tab or a ' +
  "carriage return get a leading ' so a spreadsheet never runs them as a formula. See docs/analytics.md, Export.";

/** The CSV exports of Analytics > Handover (admins, supervisors), streamed: docs/analytics.md, "Export". */
export const analyticsExportRoutes = [
  route({
    method: 'get',
    path: '/analytics/handover/handovers.csv',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Analytics',
    summary: 'The handovers of a period as CSV, one row per handover, oldest request first',
    description: `${periodDescription} Times are local to \`tz\` with their offset (2026-11-30T09:15:00+01:00).`,
    query: AnalyticsExportQuery,
    status: 200,
    response: z.string(),
    fileResponse: { contentTypes: ['text/csv'], description: 'The handovers, one row each (attachment handovers-<from>-<to>.csv)' },
    errors: [400, 403, 422, 503],
    handler: async ({ deps, caller, query, res }) => {
      const scope = await resolveAnalyticsScope(deps.db, caller.workspaceId, query);
      return csvReply(deps, res, scope, 'handovers', handoverExportSelect(scope));
    },
  }),
  route({
    method: 'get',
    path: '/analytics/handover/agents.csv',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Analytics',
    summary: 'The agent table of a period as CSV, one row per member who claimed a handover in it',
    description: `${periodDescription} The columns are the agents of GET /analytics/handover; times in seconds.`,
    query: AnalyticsExportQuery,
    status: 200,
    response: z.string(),
    fileResponse: { contentTypes: ['text/csv'], description: 'The agent table, one row per member (attachment agents-<from>-<to>.csv)' },
    errors: [400, 403, 422, 503],
    handler: async ({ deps, caller, query, res }) => {
      const scope = await resolveAnalyticsScope(deps.db, caller.workspaceId, query);
      return csvReply(deps, res, scope, 'agents', agentExportSelect(scope));
    },
  }),
];

const maxOpenExports = 3;
let openExports = 0;

/**
 * Starts the COPY and answers with its stream. The copy stops, and its pool client is freed, when the HTTP
 * connection closes, whether the file was sent whole or the client went away before or during the download.
 */
async function csvReply(deps: ApiDeps, res: Response, scope: AnalyticsScope, name: string, select: Parameters<typeof copyCsv>[1]) {
  // Each download holds a database connection of the API's pool for as long as the client reads: a few at a time.
  // The client may have gone already, while the period was resolved: its 'close' has passed.
  if (res.destroyed) return new FileReply(Readable.from([]), {});
  if (openExports >= maxOpenExports) {
    throw new AppError('unavailable', 'Too many exports are being downloaded; retry in a moment', { retryAfterSeconds: 10 });
  }
  openExports += 1;
  const hungUp = new AbortController();
  res.once('close', () => {
    openExports -= 1;
    hungUp.abort();
  });
  let body: Readable;
  try {
    body = await copyCsv(deps.db, select, hungUp.signal);
  } catch (error) {
    // Hung up before the first bytes: no one to answer and nothing went wrong (sendFile sees the closed response).
    if (hungUp.signal.aborted) return new FileReply(Readable.from([]), {});
    throw error;
  }
  return new FileReply(body, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}-${localDay(scope.from, scope.timeZone)}-${localDay(scope.to, scope.timeZone)}.csv"`,
    // Names, emails and comments of customers: no cache keeps them.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** The local day of an instant in the zone, as YYYY-MM-DD (the period's edges in the file name). */
function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
