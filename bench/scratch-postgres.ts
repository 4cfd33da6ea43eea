// A fresh embedded PostgreSQL for one of the smaller benchmarks: migrated to the newest schema, with one workspace,
// and removed (data folder and all) when `work` ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { createWorkspace, type TestWorkspace } from '../test/support/factories.ts';

export async function withScratchPostgres(
  name: string,
  options: { connections: number },
  work: (db: Db, workspace: TestWorkspace) => Promise<void>,
): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), `handover-${name}-bench-`));
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await findFreePort(), logger: createLogger('silent', 'bench') });
  const db = createDb(postgres.url, { max: options.connections });
  try {
    await migrateToLatest(db);
    await work(db, await createWorkspace(db));
  } finally {
    await db.destroy();
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
