// The product as it runs in production, each part in an OS process of its own so that a fault can take one of
// them away: an embedded PostgreSQL (kept on disk, so it can be stopped and started again on the same data folder
// and port), the Temporal dev server on a file-backed SQLite store (same port, same file, so its state survives a
// restart), one worker process (worker/main.ts) and two API processes (api/main.ts), configured only through
// the environment variables platform/config.ts reads.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createLogger } from '../../platform/logger.ts';
import { findFreePort } from '../../platform/ports.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../runtime/embedded-postgres.ts';
import { findTemporalCli } from '../../runtime/temporal-cli.ts';
import { startTemporalDevServer, type DevServerHandle } from '../../runtime/temporal-dev-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Settings platform/config.ts reads: never inherited from the shell that runs the chaos run. */
const configVariables = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'LOG_LEVEL',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TASK_QUEUE',
  'HANDOVER_DEMO',
  'WEBHOOK_ALLOW_PRIVATE_TARGETS',
  'RATE_LIMIT_PER_MINUTE',
  'LOGIN_FAILURES_PER_15_MINUTES',
  'SESSION_IDLE_TIMEOUT',
];

/**
 * The product processes this run started: if the run's own process exits without stopping them (a test that timed
 * out, an exception), they are killed with it rather than left running.
 */
const livingChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of livingChildren) child.kill('SIGKILL');
});

/** Every cluster running in this process: a test's afterAll (or a signal handler) stops them, whatever happened. */
const runningClusters = new Set<Pick<Cluster, 'stop'>>();

export async function stopAllClusters(): Promise<void> {
  for (const cluster of [...runningClusters]) await cluster.stop();
}

/** A product process (api/main.ts or worker/main.ts) run by node with tsx's loader, so its pid is the process itself. */
export class ProductProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  private log: WriteStream | null = null;
  /** How many times it was started; each start appends to the same log file. */
  starts = 0;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    /** Resolves once the process is ready to serve. */
    private readonly ready: (process: ProductProcess) => Promise<void>,
  ) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines it wrote, for a report of what went wrong. */
  lastLines(count = 20): string[] {
    return this.tail.slice(-count);
  }

  /** Whether it wrote a line containing `text` since its latest start. */
  sawSinceStart(text: string): boolean {
    return this.sinceStart.some((line) => line.includes(text));
  }

  private sinceStart: string[] = [];

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    this.sinceStart = [];
    this.log ??= createWriteStream(this.logFile, { flags: 'a' });
    this.log.write(`---- start ${this.starts} at ${new Date().toISOString()}\n`);
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !configVariables.includes(key))) as Record<string, string>;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, this.entry)], {
      cwd: root,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    livingChildren.add(child);
    child.once('exit', () => livingChildren.delete(child));
    const collect = (chunk: Buffer) => {
      this.log?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        this.tail.push(line);
        this.sinceStart.push(line);
        if (this.tail.length > 200) this.tail.shift();
        if (this.sinceStart.length > 2000) this.sinceStart.shift();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const died = this.exited.then(() => {
      throw new Error(`${this.name} exited while starting:\n${this.lastLines().join('\n')}`);
    });
    await Promise.race([this.ready(this), died]);
    died.catch(() => {});
  }

  /** kill -9: no drain, no goodbye. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  /** SIGTERM, as an orchestrator stops it: the process drains and exits (killed after 15 s). */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    const child = this.child;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }

  close(): void {
    this.log?.end();
    this.log = null;
  }
}

export interface Cluster {
  scratch: string;
  /** The chaos run's own connections (setup and checks), never the product's. */
  db: Db;
  temporal: Client;
  taskQueue: string;
  databaseUrl: string;
  temporalAddress: string;
  apis: ProductProcess[];
  apiUrls: string[];
  worker: ProductProcess;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  postgresRunning(): boolean;
  temporalRunning(): boolean;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  say: (line: string) => void;
  /** How many API processes; the load spreads over them. */
  apiProcesses?: number;
  /** Keep the scratch folder (logs, data) after the run. */
  keepScratch?: boolean;
  /** The Temporal CLI; else TEMPORAL_CLI or the one in .tools/. */
  temporalCli?: string;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { say } = options;
  const scratch = await mkdtemp(path.join(tmpdir(), 'handover-chaos-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(scratch, 0o755);
  await mkdir(path.join(scratch, 'logs'));
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    runningClusters.delete(stopper);
    const steps = stops.splice(0).reverse();
    for (const step of steps) await step().catch((error: unknown) => say(`[chaos] while stopping: ${String(error)}`));
    if (!options.keepScratch) await rm(scratch, { recursive: true, force: true }).catch(() => {});
  };
  // Known from the start, so a test that times out while this is still starting stops what has started.
  const stopper = { stop };
  runningClusters.add(stopper);
  try {
    const logger = createLogger('silent', 'chaos');
    const temporalCli = options.temporalCli ?? (await findTemporalCli(process.env.TEMPORAL_CLI, say));
    const postgresPort = await findFreePort();
    const temporalPort = await findFreePort();
    const temporalUiPort = await findFreePort();
    const postgresDir = path.join(scratch, 'postgres');
    const temporalFile = path.join(scratch, 'temporal.sqlite');

    let postgres: EmbeddedPostgresHandle | null = null;
    let temporalServer: DevServerHandle | null = null;
    // persistent: stopping it keeps the data folder, so it starts again with everything it had.
    const startPostgres = async () => {
      postgres = await startEmbeddedPostgres({ dataDir: postgresDir, port: postgresPort, logger, persistent: true });
    };
    const startTemporal = async () => {
      temporalServer = await startTemporalDevServer({
        cli: temporalCli,
        port: temporalPort,
        uiPort: temporalUiPort,
        namespace: 'default',
        dbFile: temporalFile,
      });
    };
    say('starting the embedded PostgreSQL and the Temporal dev server (file-backed SQLite) ...');
    // Stopped whatever happens next, also if the other one fails to start.
    stops.push(async () => postgres?.stop(), async () => temporalServer?.stop());
    await Promise.all([startPostgres(), startTemporal()]);
    const databaseUrl = postgres!.url;
    const temporalAddress = temporalServer!.address;

    const db = createDb(databaseUrl, { max: 4 });
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: 'default' });

    const taskQueue = `chaos-${randomUUID()}`;
    const common = {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      HANDOVER_DEMO: '0',
      // The receiver listens on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
    };
    const worker = new ProductProcess(
      'worker',
      'worker/main.ts',
      { ...common, LOG_LEVEL: 'info' },
      path.join(scratch, 'logs', 'worker.log'),
      async (process) => {
        const deadline = Date.now() + 120_000;
        while (!process.sawSinceStart('worker started')) {
          if (Date.now() > deadline) throw new Error(`the worker did not start:\n${process.lastLines().join('\n')}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    );
    const apiUrls: string[] = [];
    const apis: ProductProcess[] = [];
    for (let index = 0; index < (options.apiProcesses ?? 2); index += 1) {
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      apiUrls.push(url);
      apis.push(
        new ProductProcess(
          `api-${index + 1}`,
          'api/main.ts',
          {
            ...common,
            PORT: String(port),
            HOST: '127.0.0.1',
            PUBLIC_URL: url,
            LOG_LEVEL: 'warn',
            // All the load comes from one API key and a few sessions (as the benchmark's RATE_LIMIT_PER_MINUTE).
            RATE_LIMIT_PER_MINUTE: '1000000',
            LOGIN_FAILURES_PER_15_MINUTES: '1000',
          },
          path.join(scratch, 'logs', `api-${index + 1}.log`),
          async () => waitForHealth(url, 120_000),
        ),
      );
    }
    say(`starting the worker and ${apis.length} API processes (node --import tsx worker/main.ts, api/main.ts) ...`);
    stops.push(async () => {
      await Promise.all([...apis.map((api) => api.stop()), worker.stop()]);
      for (const each of [...apis, worker]) each.close();
    });
    await Promise.all([worker.start(), ...apis.map((api) => api.start())]);

    const cluster: Cluster = {
      scratch,
      db,
      temporal,
      taskQueue,
      databaseUrl,
      temporalAddress,
      apis,
      apiUrls,
      worker,
      async stopPostgres() {
        const handle = postgres;
        postgres = null;
        await handle?.stop();
      },
      startPostgres,
      async stopTemporal() {
        const handle = temporalServer;
        temporalServer = null;
        await handle?.stop();
      },
      startTemporal,
      postgresRunning: () => postgres !== null,
      temporalRunning: () => temporalServer !== null,
      stop,
    };
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Until the API process answers its liveness probe (it listens only once connected to PostgreSQL and Temporal). */
async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer /healthz within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
