// `npm run analytics:rebuild`: recomputes every analytics rollup (migrations/0016_analytics_rollups.ts) from the
// handovers, their timelines and the conversations, one 28-day block per transaction, while the service runs. For
// the database of DATABASE_URL, or else the embedded one of a running `npm start` (EMBEDDED_PG_PORT).
//
//   npm run analytics:rebuild [-- --workspace <id>]
import { parseArgs } from 'node:util';
import { rebuildRollups } from '../db/analytics-rollups.ts';
import { createDb } from '../db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { embeddedPostgresUrl } from './embedded-postgres.ts';

const { values: args } = parseArgs({ options: { workspace: { type: 'string' } } });
const config = loadConfig();
const db = createDb(config.DATABASE_URL ?? embeddedPostgresUrl(config.EMBEDDED_PG_PORT), { max: 1 });
try {
  let query = db.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at');
  if (args.workspace) query = query.where('id', '=', args.workspace);
  const workspaces = await query.execute();
  if (args.workspace && workspaces.length === 0) throw new Error(`No workspace ${args.workspace}`);
  for (const workspace of workspaces) {
    const started = performance.now();
    const blocks = await rebuildRollups(db, workspace.id);
    console.log(`[analytics:rebuild] ${workspace.name}: ${blocks} blocks of 28 days in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await db.destroy();
}
