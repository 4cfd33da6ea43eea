// What the benchmark reads of the machine: the processes it started, from /proc (Linux only), and the host.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
const pageSize = 4096;

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself, in seconds. */
  cpuSeconds: number;
  /** cutime + cstime: children it has waited for (a PostgreSQL postmaster's ended backends). */
  reapedChildrenCpuSeconds: number;
  rssBytes: number;
}

export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  // Field k of proc(5) is rest[k - 3]: the pid and the comm come before.
  const field = (k: number) => Number(rest[k - 3]);
  return {
    pid,
    ppid: field(4),
    comm: text.slice(open + 1, close),
    cpuSeconds: (field(14) + field(15)) / clockTicks,
    reapedChildrenCpuSeconds: (field(16) + field(17)) / clockTicks,
    rssBytes: field(24) * pageSize,
  };
}

/** Every live process below `root` (its children, their children, ...). */
export function descendants(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat) all.push(stat);
  }
  const byParent = new Map<number, ProcStat[]>();
  for (const stat of all) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  const found: ProcStat[] = [];
  const walk = (pid: number) => {
    for (const child of byParent.get(pid) ?? []) {
      found.push(child);
      walk(child.pid);
    }
  };
  walk(root);
  return found;
}

/** CPU seconds so far of the servers this process started: the Temporal dev server, and PostgreSQL (all its processes). */
export function serverCpu(): { temporal: number; postgres: number; temporalRssBytes: number; postgresRssBytes: number } {
  let temporal = 0;
  let postgres = 0;
  let temporalRssBytes = 0;
  let postgresRssBytes = 0;
  for (const stat of descendants(process.pid)) {
    if (stat.comm === 'temporal') {
      temporal += stat.cpuSeconds + stat.reapedChildrenCpuSeconds;
      temporalRssBytes += stat.rssBytes;
    } else if (stat.comm === 'postgres') {
      // The postmaster's reaped-children time holds the backends that have ended.
      postgres += stat.cpuSeconds + stat.reapedChildrenCpuSeconds;
      postgresRssBytes += stat.rssBytes;
    }
  }
  return { temporal, postgres, temporalRssBytes, postgresRssBytes };
}

/** CPU seconds the whole machine has been busy (every core, every process: /proc/stat less idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return (total - idle) / clockTicks;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}
