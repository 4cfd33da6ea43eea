// `npm run seed:analytics`: a believable support history (runtime/history/) written straight into PostgreSQL with
// COPY, in batches, so a year of a busy team's handovers loads in minutes with flat memory. Into DATABASE_URL's
// database, or an embedded PostgreSQL in a data folder it prints (`DATA_DIR=<folder> npm start` then opens it).
//
//   npm run seed:analytics -- --handovers 1000000 [--messages-per-handover 10] [--days 365]
//     [--database-url postgres://…] [--workspace NAME] [--agents 12] [--seed 1] [--data-dir .data/analytics-history]
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { generateHistory, type HistorySummary } from './history/generate.ts';
import { prepareHistoryWorkspace } from './history/workspace.ts';
import { createCopySink, writeHistory } from './history/write.ts';

const say = (line: string) => console.log(`[seed:analytics] ${line}`);
const { values: args } = parseArgs({
  options: {
    handovers: { type: 'string', default: '10000' },
    'messages-per-handover': { type: 'string', default: '10' },
    'contained-per-handover': { type: 'string', default: '1.5' },
    days: { type: 'string', default: '365' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string', default: path.join('.data', 'analytics-history') },
    workspace: { type: 'string', default: 'Analytics history' },
    agents: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    password: { type: 'string', default: 'demo-password' },
    batch: { type: 'string', default: '2000' },
  },
});

const handovers = wholeNumber('handovers', 0);
const messagesPerHandover = positive('messages-per-handover', 2);
const containedPerHandover = positive('contained-per-handover', 0);
const days = positive('days', 1);
const agentCount = wholeNumber('agents', 1);
const batchSize = wholeNumber('batch', 1);

const started = performance.now();
let databaseUrl = args['database-url'] ?? process.env.DATABASE_URL;
let stopPostgres: (() => Promise<void>) | null = null;
if (!databaseUrl) {
  const dataDir = path.resolve(args['data-dir'] as string);
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: await findFreePort(),
    logger: createLogger('warn', 'seed-analytics'),
    persistent: true,
  });
  stopPostgres = () => postgres.stop();
  databaseUrl = postgres.url;
  say(`embedded PostgreSQL, data in ${dataDir} (open it with DATA_DIR=${dataDir} npm start)`);
}

const db = createDb(databaseUrl, { max: 3 });
const client = new pg.Client({ connectionString: databaseUrl });
try {
  await migrateToLatest(db);
  const workspace = await prepareHistoryWorkspace(db, { name: args.workspace as string, agentCount, password: args.password as string });
  const prefix = `history-${args.seed}-`;
  const seeded = await db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspace.workspaceId)
    .where('external_id', '=', `${prefix}1`)
    .executeTakeFirst();
  if (seeded) throw new Error(`Workspace "${args.workspace}" already has the history of seed ${args.seed}: choose another --seed or --workspace`);

  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  say(`workspace "${args.workspace}" (${workspace.workspaceId}), ${workspace.agents.length} agents; ${handovers} handovers over ${days} days`);
  await client.connect();
  // A batch lost to a crash is written again by a new run: no need to wait for each commit's flush to disk.
  await client.query('set synchronous_commit = off');
  const history = generateHistory({
    seed: args.seed as string,
    handovers,
    from,
    to,
    messagesPerHandover,
    containedPerHandover,
    agents: workspace.agents,
    policy: workspace.policy,
    conversationPrefix: prefix,
    idNamespace: workspace.workspaceId,
  });
  let reported = 0;
  const summary = await writeHistory(db, createCopySink(client), history, {
    workspaceId: workspace.workspaceId,
    policy: workspace.policy,
    batchSize,
    onProgress: (counts) => {
      // About every 5%, and at the end.
      if (counts.handovers < handovers && counts.handovers - reported < handovers / 20) return;
      reported = counts.handovers;
      say(`${fmt(counts.handovers)} of ${fmt(handovers)} handovers, ${fmt(counts.messages)} messages (${elapsed()} s)`);
    },
  });
  say(`analyzing the tables (${elapsed()} s) ...`);
  for (const table of ['conversations', 'handovers', 'messages', 'handover_events']) await sql`analyze ${sql.table(table)}`.execute(db);
  report(summary);
  if (workspace.admin) say(`sign in as ${workspace.admin.email} (password: ${args.password}) to look at it`);
} catch (error) {
  console.error(`[seed:analytics] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await db.destroy();
  await stopPostgres?.();
}

function report(summary: HistorySummary): void {
  const share = (count: number) => `${((100 * count) / Math.max(1, summary.handovers)).toFixed(1)}%`;
  say(`done in ${elapsed()} s`);
  console.log(
    [
      `  conversations      ${fmt(summary.conversations)} (${fmt(summary.conversations - summary.handovers)} answered by the AI alone)`,
      `  handovers          ${fmt(summary.handovers)}: ${fmt(summary.completed)} completed, ${fmt(summary.missed)} missed (${share(summary.missed)})`,
      `  escalated          ${fmt(summary.escalated)} (${share(summary.escalated)}); requeued ${fmt(summary.requeued)}, transferred ${fmt(summary.transferred)}`,
      `  rated              ${fmt(summary.rated)} (${share(summary.rated)}); scores 1-5: ${summary.scores.slice(1).map(fmt).join(' / ')}`,
      `  messages           ${fmt(summary.messages)}`,
      `  timeline entries   ${fmt(summary.events)}`,
    ].join('\n'),
  );
}

function elapsed(): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function fmt(value: number): string {
  return value.toLocaleString('en-US');
}

function wholeNumber(name: keyof typeof args, min: number): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be a whole number of at least ${min}`);
  return value;
}

function positive(name: keyof typeof args, min: number): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < min) fail(`--${name} must be a number of at least ${min}`);
  return value;
}

function fail(message: string): never {
  console.error(`[seed:analytics] ${message}`);
  process.exit(2);
}
