import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertPortFree, waitForPort } from '../platform/ports.ts';
import { searchAttributeRegistrations } from '../workflows/handover/definitions.ts';

export interface DevServerHandle {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cli: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** An SQLite file kept between runs; in memory when omitted (tests). */
  dbFile?: string;
  /** Extra `--dynamic-config-value KEY=VALUE` settings (tests lower history limits with these). */
  dynamicConfig?: Record<string, string | number | boolean>;
  onOutput?: (line: string) => void;
}

/** Starts `temporal server start-dev` with our search attributes registered, and waits until it answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  await assertPortFree(options.port, 'the Temporal dev server', 'TEMPORAL_PORT');
  await assertPortFree(options.uiPort, 'the Temporal Web UI', 'TEMPORAL_UI_PORT');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    // WAL keeps the SQLite store about ten times faster than its defaults.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
  ];
  for (const [name, type] of Object.entries(searchAttributeRegistrations)) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const child = spawn(options.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await Promise.race([
      waitForPort(options.port, '127.0.0.1', 60_000),
      exited.then((code) => {
        throw new Error(`the Temporal dev server exited with code ${code}:\n${output.join('\n')}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: `http://localhost:${options.uiPort}`,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
