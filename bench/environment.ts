// The servers and processes of a benchmark run, started as `npm start` starts them: an embedded PostgreSQL, the
// Temporal dev server on a file-backed SQLite store with WAL (runtime/temporal-dev-server.ts), the workflow bundle
// built from source, and the product (API + worker) in a process of its own; beside it the baseline's worker.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../runtime/embedded-postgres.ts';
import { findTemporalCli } from '../runtime/temporal-cli.ts';
import { startTemporalDevServer, type DevServerHandle } from '../runtime/temporal-dev-server.ts';
import { buildWorkflowBundle } from '../worker/bundle.ts';
import { Forked, type Usage } from './ipc.ts';
import { machineBusySeconds, serverCpu } from './system.ts';

export interface Environment {
  scratch: string;
  postgres: EmbeddedPostgresHandle;
  temporal: DevServerHandle;
  /** The benchmark's own connections: setup (workspace, members) and checks, never the measured path. */
  db: Db;
  client: Client;
  /** The product process: replaced by `restartProduct`. */
  product: Forked;
  baseline: Forked;
  baseUrl: string;
  /** Stops the product process and starts a fresh one (a new task queue, nothing cached, no profiler). */
  restartProduct(): Promise<void>;
  baselineTaskQueue: string;
  temporalCli: string;
  stop(): Promise<void>;
}

export interface CpuSample {
  at: number;
  productPid: number;
  product: Usage;
  baseline: Usage;
  driverCpuSeconds: number;
  temporalCpuSeconds: number;
  postgresCpuSeconds: number;
  temporalRssBytes: number;
  postgresRssBytes: number;
  machineBusySeconds: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startEnvironment(options: { profileDir: string | null; say: (line: string) => void }): Promise<Environment> {
  const { say } = options;
  const scratch = await mkdtemp(path.join(tmpdir(), 'handover-bench-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(scratch, 0o755);
  const stops: (() => Promise<unknown>)[] = [async () => rm(scratch, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => console.error(`[bench] while stopping: ${String(error)}`));
  };
  try {
    say('starting the embedded PostgreSQL and the Temporal dev server (file-backed SQLite, WAL) ...');
    const logger = createLogger('silent', 'bench');
    const temporalCli = await findTemporalCli(process.env.TEMPORAL_CLI, say);
    const [postgres, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await findFreePort(), logger, persistent: false }),
      startTemporalDevServer({
        cli: temporalCli,
        port: await findFreePort(),
        uiPort: await findFreePort(),
        namespace: 'default',
        dbFile: path.join(scratch, 'temporal.sqlite'),
      }),
    ]);
    stops.push(() => postgres.stop(), () => temporal.stop());
    const db = createDb(postgres.url, { max: 4 });
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    say('bundling the workflows and starting the product (API + worker) and the baseline worker ...');
    const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
    await writeFile(workflowBundlePath, (await buildWorkflowBundle()).code);
    const productFlags = ['--expose-gc'];
    if (options.profileDir) {
      // One profile per thread (the main thread, the workflow thread, tsx's loader), named by pid and thread.
      await rm(options.profileDir, { recursive: true, force: true });
      await mkdir(options.profileDir, { recursive: true });
      productFlags.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
    }
    const baselineTaskQueue = `bench-baseline-${randomUUID()}`;
    const startProduct = (flags: string[]) =>
      Forked.start(
        path.join(here, 'product-process.ts'),
        { BENCH_DATABASE_URL: postgres.url, BENCH_TEMPORAL_ADDRESS: temporal.address, BENCH_WORKFLOW_BUNDLE: workflowBundlePath },
        flags,
      );
    const [product, baseline] = await Promise.all([
      startProduct(productFlags),
      Forked.start(path.join(here, 'baseline-process.ts'), {
        BENCH_TEMPORAL_ADDRESS: temporal.address,
        BENCH_BASELINE_TASK_QUEUE: baselineTaskQueue,
      }),
    ]);
    const environment: Environment = {
      scratch,
      postgres,
      temporal,
      db,
      client,
      product,
      baseline,
      baseUrl: product.info.baseUrl as string,
      baselineTaskQueue,
      temporalCli,
      async restartProduct() {
        await environment.product.stop();
        environment.product = await startProduct(['--expose-gc']);
        environment.baseUrl = environment.product.info.baseUrl as string;
      },
      stop,
    };
    // Stopped in reverse: the processes first, then the servers, then the scratch folder.
    stops.push(() => environment.product.stop(), () => baseline.stop());
    return environment;
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function sampleCpu(env: Environment): Promise<CpuSample> {
  const [product, baseline] = await Promise.all([env.product.request<Usage>('usage'), env.baseline.request<Usage>('usage')]);
  const servers = serverCpu();
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    productPid: env.product.pid,
    product,
    baseline,
    driverCpuSeconds: (own.user + own.system) / 1e6,
    temporalCpuSeconds: servers.temporal,
    postgresCpuSeconds: servers.postgres,
    temporalRssBytes: servers.temporalRssBytes,
    postgresRssBytes: servers.postgresRssBytes,
    machineBusySeconds: machineBusySeconds(),
  };
}
