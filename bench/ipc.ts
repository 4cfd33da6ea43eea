// A tiny request/answer protocol over Node's IPC channel, between the benchmark and the processes it forks.
import { fork, type ChildProcess } from 'node:child_process';

export type Message =
  | { kind: 'ready'; info: Record<string, unknown> }
  | { kind: 'request'; id: number; op: string; args?: unknown }
  | { kind: 'answer'; id: number; result?: unknown; error?: string }
  | { kind: 'event'; name: string; data: unknown };

/** What a forked process reports of itself: process.cpuUsage() and process.memoryUsage(). */
export interface Usage {
  cpuSeconds: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export function ownUsage(): Usage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
}

/** The parent's side: fork a TypeScript file (through tsx, as `npm run bench` runs), wait for `ready`, then ask it things. */
export class Forked {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly info: Record<string, unknown>,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.on('message', (message: Message) => {
      if (message.kind !== 'answer') return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    void this.exited.then((code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`the child exited (${code})`));
      this.waiting.clear();
    });
  }

  static async start(script: string, env: Record<string, string>, extraNodeFlags: string[] = []): Promise<Forked> {
    const child = fork(script, [], {
      // tsx's loader, as this process was started with, and any flags of our own (--cpu-prof, --expose-gc).
      execArgv: [...process.execArgv, ...extraNodeFlags],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Message) => {
        if (message.kind !== 'ready') return;
        child.off('message', onMessage);
        resolve(message.info);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
    });
    return new Forked(child, info);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  request<T>(op: string, args?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ kind: 'request', id, op, args } satisfies Message);
    });
  }

  onEvent(listener: (name: string, data: unknown) => void): void {
    this.child.on('message', (message: Message) => {
      if (message.kind === 'event') listener(message.name, message.data);
    });
  }

  /** Asks it to stop (it exits by itself, writing a CPU profile if asked to), and kills it after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.child.exitCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.request('stop').catch(() => undefined);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The child's side: answer the parent's requests with `handlers`, then tell it we are ready. */
export function serveParent(info: Record<string, unknown>, handlers: Record<string, (args: unknown) => unknown>): void {
  process.on('message', (message: Message) => {
    if (message.kind !== 'request') return;
    const handler = handlers[message.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown request ${message.op}`);
        return handler(message.args);
      })
      .then(
        (result) => process.send?.({ kind: 'answer', id: message.id, result } satisfies Message),
        (error: unknown) => process.send?.({ kind: 'answer', id: message.id, error: String(error) } satisfies Message),
      );
  });
  // The parent going away (Ctrl-C, a crash) takes us with it.
  process.on('disconnect', () => process.exit(1));
  process.send?.({ kind: 'ready', info } satisfies Message);
}

export function emitToParent(name: string, data: unknown): void {
  process.send?.({ kind: 'event', name, data } satisfies Message);
}
