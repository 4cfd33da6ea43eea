// One chaos run: the product in separate processes (cluster.ts), load through its public API (load.ts), one fault
// at a time, and after each fault, once the system has settled, the checks (checks.ts). `npm run chaos`
// (bench/chaos/main.ts) and the test (test/chaos/chaos.test.ts) are thin callers of `runChaos`.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createWorkspace, addHandoverAgents } from '../../test/support/factories.ts';
import { ApiClient } from '../../test/support/http.ts';
import { sessionCookie } from '../../test/support/sse.ts';
import { attemptStats, settleAndCheck, type AttemptStats, type CheckContext, type CheckResult, type ConnectionAllowance } from './checks.ts';
import { ChaosClient, sleep, type Attempt } from './client.ts';
import { startCluster, type Cluster } from './cluster.ts';
import { Load, type LoadOptions } from './load.ts';
import { ChaosReceiver } from './receiver.ts';
import { checkTheChecks, type SabotageResult } from './check-the-checks.ts';

export const faultNames = ['worker-kill', 'api-kill', 'postgres-stop', 'temporal-stop', 'webhook-outage'] as const;
export type FaultName = (typeof faultNames)[number];

export interface ChaosOptions {
  quick: boolean;
  faults: FaultName[];
  load: LoadOptions;
  /** Load before each fault, and after it before the load drains. */
  beforeMs: number;
  afterMs: number;
  /** How long each fault lasts. */
  workerDownMs: number;
  apiDownMs: number;
  postgresDownMs: number;
  temporalDownMs: number;
  webhookUnavailableMs: number;
  webhookHangMs: number;
  /** The escalation ladder of the workspace: handovers nobody takes escalate, then fall back to the AI. */
  escalateAfterSeconds: number;
  fallbackAfterSeconds: number;
  agents: number;
  /** A request answered later than this fails the run; one with no answer by `hangLimitMs` is a hang. */
  slowLimitMs: number;
  hangLimitMs: number;
  /** How long the load's client keeps sending one request again (after 503s and dead connections). */
  giveUpAfterMs: number;
  settleTimeoutMs: number;
  /** After the run, break the stored state in known ways and make sure the checks catch each (check-the-checks.ts). */
  checkTheChecks: boolean;
  keepScratch: boolean;
}

export function chaosOptions(quick: boolean, overrides: Partial<ChaosOptions> = {}): ChaosOptions {
  const base: ChaosOptions = quick
    ? {
        quick,
        faults: [...faultNames],
        load: { concurrency: 3, rounds: 2, pauseMs: 200, ladderEvery: 5 },
        beforeMs: 2_000,
        afterMs: 3_000,
        workerDownMs: 1_000,
        apiDownMs: 1_000,
        postgresDownMs: 4_000,
        temporalDownMs: 4_000,
        webhookUnavailableMs: 4_000,
        // Past the product's 10 s delivery timeout, so each delivery attempt in the window times out.
        webhookHangMs: 11_000,
        escalateAfterSeconds: 2,
        fallbackAfterSeconds: 5,
        agents: 3,
        slowLimitMs: 10_000,
        hangLimitMs: 15_000,
        giveUpAfterMs: 30_000,
        settleTimeoutMs: 60_000,
        checkTheChecks: true,
        keepScratch: false,
      }
    : {
        quick,
        faults: [...faultNames],
        load: { concurrency: 8, rounds: 4, pauseMs: 250, ladderEvery: 6 },
        beforeMs: 10_000,
        afterMs: 15_000,
        workerDownMs: 5_000,
        apiDownMs: 5_000,
        postgresDownMs: 10_000,
        temporalDownMs: 10_000,
        webhookUnavailableMs: 30_000,
        webhookHangMs: 30_000,
        escalateAfterSeconds: 5,
        fallbackAfterSeconds: 15,
        agents: 4,
        slowLimitMs: 10_000,
        hangLimitMs: 15_000,
        giveUpAfterMs: 90_000,
        settleTimeoutMs: 180_000,
        checkTheChecks: true,
        keepScratch: false,
      };
  return { ...base, ...overrides, load: { ...base.load, ...overrides.load } };
}

export interface FaultResult {
  name: FaultName | 'final';
  title: string;
  /** Seconds since the run began. */
  faultFrom: number;
  faultTo: number;
  episodeFrom: number;
  episodeTo: number;
  /** Attempts sent while the fault lasted, and over the whole episode (before, during, after). */
  duringFault: AttemptStats;
  episode: AttemptStats;
  acknowledged: { handoversRequested: number; customerMessages: number; agentMessages: number; ends: number };
  notes: string[];
  settledAfterSeconds: number;
  checks: CheckResult[];
  passed: boolean;
}

export interface ChaosResults {
  date: string;
  command: string;
  options: ChaosOptions;
  totalSeconds: number;
  machine: { cpus: number; loadAverage: number[] };
  faults: FaultResult[];
  /** Each sabotage of the stored state after the run, and whether the checks caught it. */
  checkTheChecks: SabotageResult[];
  /** Every request attempt of the load: when (ms since the run began), which API process, status, latency. */
  attempts: Attempt[];
  passed: boolean;
  /** The scratch folder with the processes' logs, when kept. */
  scratch: string | null;
  /** The API processes' logged request failures (a 500's cause), kept even when the scratch folder is not. */
  serverErrors: string[];
}

interface Fault {
  title: string;
  /** Runs the fault from start to end; returns notes for the report. */
  inject(cluster: Cluster, receiver: ChaosReceiver, clock: () => number): Promise<{ notes: string[]; allowance: ConnectionAllowance | null }>;
}

function faults(options: ChaosOptions): Record<FaultName, Fault> {
  const seconds = (ms: number) => `${ms / 1000} s`;
  return {
    'worker-kill': {
      title: `kill -9 the worker, start it again after ${seconds(options.workerDownMs)}`,
      async inject(cluster) {
        const pid = cluster.worker.pid;
        await cluster.worker.kill();
        await sleep(options.workerDownMs);
        const started = performance.now();
        await cluster.worker.start();
        return { notes: [`worker pid ${pid} killed; the new one (pid ${cluster.worker.pid}) polled after ${secondsSince(started)} s`], allowance: null };
      },
    },
    'api-kill': {
      title: `kill -9 API process 1 of 2, start it again after ${seconds(options.apiDownMs)}`,
      async inject(cluster, _receiver, clock) {
        const from = clock();
        const pid = cluster.apis[0]!.pid;
        await cluster.apis[0]!.kill();
        await sleep(options.apiDownMs);
        const started = performance.now();
        await cluster.apis[0]!.start();
        return {
          notes: [`api-1 pid ${pid} killed; the new one (pid ${cluster.apis[0]!.pid}) listened after ${secondsSince(started)} s`],
          // Requests in flight on it when it died, and those sent to it until it listens again.
          allowance: { api: 0, from, to: clock() + 1_000 },
        };
      },
    },
    'postgres-stop': {
      title: `stop PostgreSQL for ${seconds(options.postgresDownMs)} (same data folder and port)`,
      async inject(cluster) {
        await cluster.stopPostgres();
        await sleep(options.postgresDownMs);
        await cluster.startPostgres();
        return { notes: [], allowance: null };
      },
    },
    'temporal-stop': {
      title: `stop the Temporal dev server for ${seconds(options.temporalDownMs)} (same SQLite file and port)`,
      async inject(cluster) {
        await cluster.stopTemporal();
        await sleep(options.temporalDownMs);
        await cluster.startTemporal();
        return { notes: [], allowance: null };
      },
    },
    'webhook-outage': {
      title:
        `the webhook receiver answers 503 for ${seconds(options.webhookUnavailableMs)}` +
        (options.webhookHangMs > 0 ? `, then hangs for ${seconds(options.webhookHangMs)} (each delivery held unanswered past the product's 10 s timeout)` : ''),
      async inject(_cluster, receiver, clock) {
        const from = clock();
        receiver.mode = 'unavailable';
        await sleep(options.webhookUnavailableMs);
        const middle = clock();
        if (options.webhookHangMs > 0) {
          receiver.mode = 'hang';
          await sleep(options.webhookHangMs);
        }
        receiver.mode = 'ok';
        const refused = receiver.deliveries.filter((d) => d.at >= from && d.answer === 'unavailable').length;
        const hung = receiver.deliveries.filter((d) => d.at >= middle && d.answer === 'hung').length;
        return { notes: [`${refused} deliveries answered 503, ${hung} left hanging`], allowance: null };
      },
    },
  };
}

function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

export async function runChaos(
  options: ChaosOptions,
  say: (line: string) => void,
  command = 'npm run chaos',
  environment: { temporalCli?: string } = {},
): Promise<ChaosResults> {
  const began = performance.now();
  const clock = () => performance.now() - began;
  const runStartedAt = new Date();
  const cluster = await startCluster({ say, keepScratch: options.keepScratch, ...environment });
  let serverErrors: string[];
  const receiver = new ChaosReceiver(clock);
  const results: FaultResult[] = [];
  const sabotage: SabotageResult[] = [];
  let httpClient: ChaosClient | undefined;
  try {
    await receiver.start();
    // The escalation ladder is short, so handovers nobody takes escalate and fall back within the run.
    const workspace = await createWorkspace(cluster.db, {
      escalation: {
        levels: [{ afterSeconds: options.escalateAfterSeconds, notify: 'everyone', customerMessage: 'Still looking for a colleague.' }],
        fallback: { afterSeconds: options.fallbackAfterSeconds, action: 'return_to_ai', customerMessage: 'Back to the assistant.' },
      },
    });
    const members = await addHandoverAgents(cluster.db, workspace, options.agents);
    const agents = [];
    for (const [index, member] of members.entries()) {
      agents.push({ memberId: member.id, cookie: await sessionCookie(cluster.apiUrls[index % cluster.apiUrls.length]!, member) });
    }
    const adminCookie = await sessionCookie(cluster.apiUrls[0]!, workspace.admin);
    const admin = new ApiClient(cluster.apiUrls[0]!, { cookie: adminCookie });
    const saved = await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
    if (saved.status !== 200) throw new Error(`PUT /settings/webhook answered ${saved.status}: ${JSON.stringify(saved.body)}`);

    const client = new ChaosClient({ urls: cluster.apiUrls, clock, hangLimitMs: options.hangLimitMs, giveUpAfterMs: options.giveUpAfterMs });
    httpClient = client;
    const load = new Load(client, workspace.apiKey, agents, randomUUID().slice(0, 8), options.load, clock);
    const ended = new Map<string, { status: string; outcome: string | null; endedAt: string }>();
    const catalogue = faults(options);

    let lastContext: CheckContext | null = null;
    const episode = async (name: FaultName | 'final', title: string, fault: Fault | null) => {
      const episodeFrom = clock();
      const counted = { handovers: load.handovers.length, messages: load.messages.length };
      let faultFrom = episodeFrom;
      let faultTo = episodeFrom;
      let notes: string[] = [];
      let allowance: ConnectionAllowance | null = null;
      if (fault) {
        say(`fault ${name}: ${title}`);
        load.start(name);
        await sleep(options.beforeMs);
        faultFrom = clock();
        ({ notes, allowance } = await fault.inject(cluster, receiver, clock));
        faultTo = clock();
        say(`  fault over after ${((faultTo - faultFrom) / 1000).toFixed(1)} s; load goes on for ${options.afterMs / 1000} s, then drains`);
        await sleep(options.afterMs);
        await load.drain();
      }
      const drained = clock();
      const context: CheckContext = {
        cluster,
        receiver,
        load,
        attempts: client.attempts,
        workspaceId: workspace.id,
        apiKey: workspace.apiKey,
        adminCookie,
        runStartedAt,
        ended,
        window: { from: episodeFrom, to: drained },
        transcriptsFrom: fault ? episodeFrom : 0,
        episode: name,
        connectionAllowance: allowance,
        slowLimitMs: options.slowLimitMs,
        settleTimeoutMs: options.settleTimeoutMs,
        clock,
      };
      lastContext = context;
      const { settledAfterMs, checks } = await settleAndCheck(context);
      const during = client.attempts.filter((a) => a.at >= faultFrom && a.at < faultTo);
      const inEpisode = client.attempts.filter((a) => a.at >= episodeFrom && a.at < drained);
      const newMessages = load.messages.slice(counted.messages);
      const newHandovers = load.handovers.slice(counted.handovers);
      const result: FaultResult = {
        name,
        title,
        faultFrom: faultFrom / 1000,
        faultTo: faultTo / 1000,
        episodeFrom: episodeFrom / 1000,
        episodeTo: drained / 1000,
        duringFault: attemptStats(during),
        episode: attemptStats(inEpisode),
        acknowledged: {
          handoversRequested: newHandovers.filter((h) => h.handoverId !== null).length,
          customerMessages: newMessages.filter((m) => m.sender === 'customer').length,
          agentMessages: newMessages.filter((m) => m.sender === 'agent').length,
          ends: newHandovers.filter((h) => h.end !== null).length,
        },
        notes,
        settledAfterSeconds: settledAfterMs / 1000,
        checks,
        passed: checks.every((check) => check.passed),
      };
      results.push(result);
      say(`  ${result.passed ? 'PASS' : 'FAIL'}: ${checks.map((check) => `${check.name} ${check.passed ? 'ok' : 'FAILED'}`).join('; ')}`);
      for (const check of checks.filter((c) => !c.passed)) for (const line of check.details.slice(0, 10)) say(`    ${check.name}: ${line}`);
    };

    for (const name of options.faults) await episode(name, catalogue[name].title, catalogue[name]);
    // At the end, everything again: nothing acknowledged in any episode may have gone missing or changed since.
    await episode('final', 'all processes up, no load: everything of the run checked again', null);
    if (options.checkTheChecks && lastContext) {
      say('checking the checks: breaking the stored state in known ways, one at a time ...');
      const { results: caught, checks } = await checkTheChecks(lastContext);
      sabotage.push(...caught);
      for (const result of caught) say(`  ${result.caught ? 'caught' : 'MISSED'}: ${result.name} (failed: ${result.failed.join(', ') || 'nothing'})`);
      const after = checks.filter((check) => !check.passed);
      if (after.length > 0) throw new Error(`The checks fail after every sabotage was undone: ${after.map((check) => check.details.join(' | ')).join('; ')}`);
    }
  } finally {
    await receiver.stop();
    serverErrors = await requestFailures(cluster.scratch);
    await cluster.stop();
  }
  return {
    date: runStartedAt.toISOString(),
    command,
    options,
    totalSeconds: clock() / 1000,
    machine: { cpus: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg() },
    faults: results,
    checkTheChecks: sabotage,
    attempts: httpClient?.attempts ?? [],
    passed: results.length > 0 && results.every((result) => result.passed) && sabotage.every((result) => result.caught),
    scratch: options.keepScratch ? cluster.scratch : null,
    serverErrors,
  };
}

/** The "request failed" lines the API processes logged (at most 20, each cut to 2,000 characters). */
async function requestFailures(scratch: string): Promise<string[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const logs = path.join(scratch, 'logs');
  const files = (await readdir(logs).catch(() => [])).filter((name) => name.startsWith('api-'));
  const lines: string[] = [];
  for (const name of files) {
    const text = await readFile(path.join(logs, name), 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.includes('"request failed"')) lines.push(`${name}: ${line.slice(0, 2000)}`);
  }
  return lines.slice(0, 20);
}
