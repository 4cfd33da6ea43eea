// As root (as in many containers) PostgreSQL runs as the `postgres` system user, which cannot enter a checkout
// under /root or in any other 0700 folder. These tests lay out in such a folder what `npm ci` there would: the
// embedded server's packages as real copies (so its binaries' real path is in the private folder; a link to our
// node_modules would hide the problem), the rest as links. Then they start it from there, as `npm start` would.
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const asRoot = process.getuid?.() === 0;

// Starts the embedded PostgreSQL of the checkout on its default data folder, runs one statement, stops.
const probe = `
import pg from 'pg';
import { startEmbeddedPostgres } from './runtime/embedded-postgres.ts';
import { createLogger } from './platform/logger.ts';
import { findFreePort } from './platform/ports.ts';

const [sharedDir, statement] = process.argv.slice(2);
const postgres = await startEmbeddedPostgres({
  dataDir: '.data/postgres',
  port: await findFreePort(),
  logger: createLogger('warn', 'probe'),
  sharedDir,
});
try {
  const client = new pg.Client(postgres.url);
  await client.connect();
  const { rows } = await client.query(statement);
  await client.end();
  console.log('rows: ' + JSON.stringify(rows));
} finally {
  await postgres.stop();
}
`;

describe.skipIf(!asRoot)('the embedded PostgreSQL as root, in a checkout the postgres user cannot enter', () => {
  let privateDir: string;
  let checkout: string;
  let sharedDir: string;

  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(tmpdir(), 'handover-private-'));
    await chmod(privateDir, 0o700);
    checkout = path.join(privateDir, 'handover');
    // Where the postgres user is let in (the product's default is a folder under /var/lib).
    sharedDir = await mkdtemp(path.join(tmpdir(), 'handover-shared-'));
    await chmod(sharedDir, 0o755);

    await mkdir(path.join(checkout, 'runtime'), { recursive: true });
    await cp(path.join(repo, 'package.json'), path.join(checkout, 'package.json'));
    await cp(path.join(repo, 'runtime', 'embedded-postgres.ts'), path.join(checkout, 'runtime', 'embedded-postgres.ts'));
    await symlink(path.join(repo, 'platform'), path.join(checkout, 'platform'));
    const modules = path.join(checkout, 'node_modules');
    await mkdir(modules);
    for (const entry of await readdir(path.join(repo, 'node_modules'))) {
      const from = path.join(repo, 'node_modules', entry);
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres') {
        await cp(from, path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
      } else {
        await symlink(from, path.join(modules, entry));
      }
    }
    await writeFile(path.join(checkout, 'probe.ts'), probe);
  }, 60_000);

  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(sharedDir, { recursive: true, force: true });
  });

  async function run(statement: string): Promise<unknown> {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'probe.ts', sharedDir, statement],
        { cwd: checkout, timeout: 60_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${out}\n${err}`)) : resolve({ stdout: out })),
      );
    });
    const line = stdout.split('\n').find((text) => text.startsWith('rows: '));
    return line ? JSON.parse(line.slice('rows: '.length)) : undefined;
  }

  const countKept = "select count(*)::int as n from pg_tables where tablename = 'kept'";

  it('starts, keeps its data between runs, and starts over when .data/ is deleted', async () => {
    await run('create table kept (x int)');
    expect(await run(countKept)).toEqual([{ n: 1 }]);

    await rm(path.join(checkout, '.data'), { recursive: true, force: true });
    expect(await run(countKept)).toEqual([{ n: 0 }]);
  }, 180_000);
});
