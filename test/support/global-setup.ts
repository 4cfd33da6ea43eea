// Starts the real parts once per test run: an embedded PostgreSQL (unless DATABASE_URL names one), a Temporal
// dev server in memory, and the workflow bundle. Test files get their addresses through inject().
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres.ts';
import { createLogger } from '../../platform/logger.ts';
import { findFreePort } from '../../platform/ports.ts';
import { findTemporalCli } from '../../runtime/temporal-cli.ts';
import { startTemporalDevServer } from '../../runtime/temporal-dev-server.ts';
import { buildWorkflowBundle } from '../../worker/bundle.ts';
import { ensureConsoleBuilt } from '../../runtime/console-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    temporalCli: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const logger = createLogger('warn', 'test');
  const scratch = await mkdtemp(path.join(tmpdir(), 'handover-test-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(scratch, 0o755);
  const stops: (() => Promise<unknown>)[] = [];

  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  };
  try {
    return await startAll();
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function startAll() {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'postgres'),
      port: await findFreePort(),
      logger,
      persistent: false,
    });
    stops.push(() => postgres.stop());
    databaseUrl = postgres.url;
  }
  const db = createDb(databaseUrl, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();

  const temporalCli = await findTemporalCli(process.env.TEMPORAL_CLI, (line) => console.log(line));
  const temporal = await startTemporalDevServer({
    cli: temporalCli,
    port: await findFreePort(),
    uiPort: await findFreePort(),
    namespace: 'default',
  });
  stops.push(() => temporal.stop());

  // The browser tests serve the built console; build it when its sources changed.
  await ensureConsoleBuilt((line) => console.log(line));

  const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, (await buildWorkflowBundle()).code);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalCli', temporalCli);
  project.provide('workflowBundlePath', workflowBundlePath);

  return stopAll;
  }
}
