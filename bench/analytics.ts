// `npm run bench:analytics` (issue 13): GET /analytics/handover at a million handovers. Seeds one workspace with a
// believable year (runtime/seed-analytics.ts, COPY), brings the schema to the latest migration (timing the rollups'
// backfill when it runs on full tables), times `npm run analytics:rebuild`'s work, then times the endpoint's query
// (handoverAnalytics, as the route runs it, minus HTTP) for the windows the Analytics page asks, beside the same
// figures computed from the handovers alone (the baseline, in the same run), and checks the sketches' percentiles
// against the exact ones. Not part of the test suite.
//
//   npm run bench:analytics                                      # 20,000 handovers: a few minutes
//   npm run bench:analytics -- --handovers 1000000 --data-dir .data/bench-analytics   # keep it: seeding takes ~25 min
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { sql } from 'kysely';
import { handoverAnalytics } from '../db/analytics.ts';
import { resolveAnalyticsScope, type AnalyticsPeriodInput } from '../db/analytics-scope.ts';
import { rebuildRollups } from '../db/analytics-rollups.ts';
import { handoverExportSelect } from '../db/analytics-export.ts';
import { copyCsv } from '../db/csv-copy.ts';
import { createDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { fmt, summarize, type Summary } from './stats.ts';

const { values: options } = parseArgs({
  options: {
    handovers: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '30' },
    'baseline-runs': { type: 'string', default: '5' },
    'data-dir': { type: 'string' },
  },
});
const handovers = Number(options.handovers);
const runs = Number(options.runs);
const baselineRuns = Number(options['baseline-runs']);
const workspaceName = 'Analytics history';
const say = (line: string) => console.log(`[analytics-bench] ${line}`);

interface Case {
  name: string;
  input: AnalyticsPeriodInput;
  bucket: 'hour' | 'day';
}

interface CaseResult {
  name: string;
  handovers: number;
  rollups: Summary;
  baseline: Summary;
  /** The largest relative difference of a p50 or p90 (period, agents) from the exact one. */
  percentileError: number;
}

async function main() {
  const kept = options['data-dir'];
  const scratch = kept ? path.resolve(kept) : await mkdtemp(path.join(tmpdir(), 'handover-analytics-bench-'));
  await mkdir(scratch, { recursive: true });
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(scratch, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(scratch, 'postgres'),
    port: await findFreePort(),
    logger: createLogger('silent', 'bench'),
    persistent: Boolean(kept),
  });
  const db = createDb(postgres.url, { max: 4 });
  const timings: Record<string, number> = {};
  try {
    let workspace = await findWorkspace(db);
    if (!workspace) {
      say(`seeding ${handovers.toLocaleString('en')} handovers (runtime/seed-analytics.ts) ...`);
      const started = performance.now();
      await promisify(execFile)('npx', ['tsx', 'runtime/seed-analytics.ts', '--handovers', String(handovers), '--database-url', postgres.url], {
        maxBuffer: 64 * 1024 * 1024,
      });
      timings.seedSeconds = (performance.now() - started) / 1000;
      workspace = (await findWorkspace(db))!;
    } else {
      say(`reusing the database in ${scratch}`);
    }
    // A kept database may have run a migration that later ones were numbered before (branches merged since).
    const migrationStart = performance.now();
    const migrated = await migrateToLatest(db, { allowUnorderedMigrations: Boolean(kept) });
    for (const result of migrated.results ?? []) say(`migration ${result.migrationName}: ${result.status}`);
    timings.migrationSeconds = (performance.now() - migrationStart) / 1000;
    await sql`vacuum analyze`.execute(db);

    // A history seeded before the rollups (or restored) waits for them; one seeded after has them from its triggers.
    // Either way the rebuild is timed: it is what `npm run analytics:rebuild` and the API's start-up build do.
    const rebuildStart = performance.now();
    const blocks = await rebuildRollups(db, workspace.id);
    timings.rebuildSeconds = (performance.now() - rebuildStart) / 1000;
    say(`rebuild: ${blocks} blocks of 28 days in ${fmt(timings.rebuildSeconds)} s`);
    await sql`vacuum analyze`.execute(db);

    const size = await sql<{ handovers: number; messages: number; last: Date }>`
      select (select count(*) from handovers where workspace_id = ${workspace.id})::int as handovers,
             (select count(*) from messages where workspace_id = ${workspace.id})::int as messages,
             (select max(requested_at) from handovers where workspace_id = ${workspace.id}) as last`.execute(db);
    const { last } = size.rows[0]!;
    say(`${size.rows[0]!.handovers.toLocaleString('en')} handovers, ${size.rows[0]!.messages.toLocaleString('en')} messages, the last requested ${last.toISOString()}`);

    // The windows end where the history does, as the page's would on the day it was seeded.
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() + 1));
    const daysBefore = (days: number) => new Date(end.getTime() - days * 86_400_000);
    const agent = await db.selectFrom('members').select('id').where('workspace_id', '=', workspace.id).where('role', '=', 'agent').executeTakeFirstOrThrow();
    const cases: Case[] = [
      { name: '7 days, by day', input: { from: day(daysBefore(7)), to: day(end), tz: 'UTC' }, bucket: 'day' },
      { name: '7 days, by hour', input: { from: day(daysBefore(7)), to: day(end), tz: 'UTC' }, bucket: 'hour' },
      { name: '90 days, by day', input: { from: day(daysBefore(90)), to: day(end), tz: 'UTC' }, bucket: 'day' },
      { name: '90 days, by day, Europe/Paris', input: { from: day(daysBefore(90)), to: day(end), tz: 'Europe/Paris' }, bucket: 'day' },
      {
        name: '30 days to the minute (the page by default)',
        input: { from: new Date(last.getTime() - 30 * 86_400_000 - 123_456).toISOString(), to: last.toISOString(), tz: 'UTC' },
        bucket: 'day',
      },
      { name: '90 days, one agent', input: { from: day(daysBefore(90)), to: day(end), tz: 'UTC', memberId: agent.id }, bucket: 'day' },
    ];
    const results: CaseResult[] = [];
    for (const one of cases) {
      const scope = await resolveAnalyticsScope(db, workspace.id, one.input);
      const time = async (count: number, source: 'auto' | 'raw') => {
        const samples: number[] = [];
        let answer = await handoverAnalytics(db, scope, one.bucket, { source });
        for (let run = 0; run < count + 2; run += 1) {
          const started = performance.now();
          answer = await handoverAnalytics(db, scope, one.bucket, { source });
          if (run >= 2) samples.push(performance.now() - started);
        }
        return { summary: summarize(samples), answer };
      };
      const rollups = await time(runs, 'auto');
      const baseline = await time(baselineRuns, 'raw');
      results.push({
        name: one.name,
        handovers: rollups.answer.totals.total,
        rollups: rollups.summary,
        baseline: baseline.summary,
        percentileError: percentileError(rollups.answer, baseline.answer),
      });
      const last = results.at(-1)!;
      say(`${one.name}: ${last.handovers} handovers, p50 ${fmt(last.rollups.p50)} ms, p95 ${fmt(last.rollups.p95)} ms; from the handovers p50 ${fmt(last.baseline.p50)} ms; percentiles within ${fmt(last.percentileError * 100)}%`);
    }
    // The 90 days' handovers as CSV, streamed as the API streams it: its time, size and the process's memory meanwhile.
    const exportScope = await resolveAnalyticsScope(db, workspace.id, cases[2]!.input);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let bytes = 0;
    const exportStart = performance.now();
    const csv = await copyCsv(db, handoverExportSelect(exportScope));
    for await (const chunk of csv) {
      bytes += (chunk as Buffer).length;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    timings.export90DaysSeconds = (performance.now() - exportStart) / 1000;
    timings.export90DaysMegabytes = bytes / 1e6;
    timings.export90DaysRssGrowthMegabytes = (rssPeak - rssBefore) / 1e6;
    say(`export of 90 days: ${fmt(timings.export90DaysMegabytes)} MB in ${fmt(timings.export90DaysSeconds)} s, memory grew ${fmt(timings.export90DaysRssGrowthMegabytes)} MB`);

    const report = { date: new Date().toISOString(), handovers: size.rows[0]!.handovers, messages: size.rows[0]!.messages, timings, results };
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/analytics-${report.date.slice(0, 10)}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(render(report));
    say(`wrote ${file}`);
  } finally {
    await db.destroy();
    await postgres.stop();
  }
}

async function findWorkspace(db: Db): Promise<{ id: string } | null> {
  const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'workspaces'`.execute(db);
  if (tables.rows[0]?.n === 0) return null;
  return (await db.selectFrom('workspaces').select('id').where('name', '=', workspaceName).executeTakeFirst()) ?? null;
}

type Answer = Awaited<ReturnType<typeof handoverAnalytics>>;

function percentileError(ours: Answer, exact: Answer): number {
  const pairs: [number | null, number | null][] = [];
  for (const key of ['waitTime', 'firstResponseTime', 'resolutionTime'] as const) {
    pairs.push([ours[key].p50, exact[key].p50], [ours[key].p90, exact[key].p90]);
  }
  for (const agent of exact.agents) {
    const mine = ours.agents.find((row) => row.member.id === agent.member.id);
    pairs.push([mine?.firstResponse.p50 ?? null, agent.firstResponse.p50], [mine?.resolution.p50 ?? null, agent.resolution.p50]);
  }
  return Math.max(0, ...pairs.filter(([, b]) => b !== null && b !== 0).map(([a, b]) => Math.abs((a ?? 0) - b!) / b!));
}

function render(report: { date: string; handovers: number; messages: number; timings: Record<string, number>; results: CaseResult[] }): string {
  const lines = [
    `${report.handovers.toLocaleString('en')} handovers, ${report.messages.toLocaleString('en')} messages (${report.date.slice(0, 10)})`,
    '',
    '| window | handovers | p50 | p95 | max | from the handovers, p50 | ratio | percentiles within |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...report.results.map(
      (row) =>
        `| ${row.name} | ${row.handovers.toLocaleString('en')} | ${fmt(row.rollups.p50)} ms | ${fmt(row.rollups.p95)} ms | ${fmt(row.rollups.max)} ms | ` +
        `${fmt(row.baseline.p50)} ms | ${fmt(row.baseline.p50 / row.rollups.p50)}× faster | ${fmt(row.percentileError * 100)}% |`,
    ),
    '',
    Object.entries(report.timings)
      .map(([name, value]) => `${name}: ${fmt(value)}`)
      .join(', '),
  ];
  return lines.join('\n');
}

await main();
