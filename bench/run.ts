// `npm run bench` (`-- --quick` for about a minute; `-- --profile` to profile the product process): the product as
// `npm start` runs it, driven through its public HTTP API only, beside a raw-Temporal baseline on the same dev
// server. Writes bench/results/<latest|quick>.json and, for a full run, the tables in docs/benchmarks.md.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BaselineDriver } from './baseline-driver.ts';
import { sampleCpu, startEnvironment, type CpuSample, type Environment } from './environment.ts';
import { parseOptions } from './options.ts';
import { summarizeProfiles } from './profile-summary.ts';
import { renderMarkdown, writeDocs, writeJson, type PhaseCpu, type Results } from './report.ts';
import { lifecyclesBaseline, lifecyclesOurs } from './scenarios/lifecycles.ts';
import { handoverWorkflowId } from '../domain/handover.ts';
import { historyShape } from './scenarios/history-shape.ts';
import { measureLongHandover } from './scenarios/long-handover.ts';
import { measureOpenHandovers } from './scenarios/open-handovers.ts';
import { operationsBaseline, operationsOurs } from './scenarios/operations.ts';
import { measurePgFloor } from './scenarios/pg-floor.ts';
import {
  openLiveHandovers,
  relayOpenLoopBaseline,
  relayOpenLoopOurs,
  saturateBaseline,
  saturateOurs,
  startBaselineLive,
} from './scenarios/relay.ts';
import { measureBaselineClaimRace, measureClaimRace, measureStarts } from './scenarios/starts-and-claims.ts';
import { setUpBench } from './setup.ts';
import { machine } from './system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = parseOptions(process.argv.slice(2));
const began = performance.now();
const say = (line: string) => console.log(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const host = machine();
const resultsDir = path.join(root, 'bench', 'results');
const profileDir = options.profile ? path.join(resultsDir, 'profile') : null;

const env = await startEnvironment({ profileDir, say });
let results: Results;
try {
  results = await runAll(env);
} finally {
  say('stopping ...');
  await env.stop();
}
results.totalSeconds = (performance.now() - began) / 1000;
if (profileDir) {
  // The main thread and the workflow thread; tsx's loader thread has nothing to say.
  const profiles = await summarizeProfiles(profileDir);
  results.profile = profiles
    .filter((profile) => profile.thread === 'main thread' || profile.thread === 'workflow thread')
    .map((profile) => ({ ...profile, file: path.relative(root, profile.file) }));
}
const markdown = renderMarkdown(results);
// A profiled run's figures are the profiler's too: kept apart from the plain run's.
const jsonFile = path.join(resultsDir, `${options.quick ? 'quick' : 'latest'}${options.profile ? '-profiled' : ''}.json`);
await writeJson(jsonFile, results);
console.log(`\n${markdown}\n`);
say(`wrote ${path.relative(root, jsonFile)}`);
if (options.writeDocs) {
  await writeDocs(path.join(root, 'docs', 'benchmarks.md'), markdown);
  say('wrote docs/benchmarks.md');
}

async function runAll(env: Environment): Promise<Results> {
  const cpu: PhaseCpu[] = [];
  let last = await sampleCpu(env);
  /** Runs one phase and books the CPU every process spent meanwhile. */
  async function phase<T>(key: string, name: string, work: () => Promise<T>): Promise<T> {
    say(`${name} ...`);
    const value = await work();
    const now: CpuSample = await sampleCpu(env);
    cpu.push({
      key,
      phase: name,
      wallSeconds: (now.at - last.at) / 1000,
      // A product process started during the phase counts from its own start.
      product: now.product.cpuSeconds - (now.productPid === last.productPid ? last.product.cpuSeconds : 0),
      productRssBytes: now.product.rssBytes,
      temporal: now.temporalCpuSeconds - last.temporalCpuSeconds,
      postgres: now.postgresCpuSeconds - last.postgresCpuSeconds,
      driver: now.driverCpuSeconds - last.driverCpuSeconds,
      baseline: now.baseline.cpuSeconds - last.baseline.cpuSeconds,
      machine: now.machineBusySeconds - last.machineBusySeconds,
    });
    last = now;
    return value;
  }

  const bench = await phase('setup', 'setup: workspace, sessions, streams, webhook endpoint', () => setUpBench(env, options, say));
  const driver = new BaselineDriver(env);
  const pgFloor = await phase('pgFloor', 'PostgreSQL commit floor', () => measurePgFloor(env.postgres.url, options.pgCommits));
  const started = await phase('starts', 'requests one at a time', () => measureStarts(bench));
  const claims = await phase('claims', `claim races (${options.contenders} contenders)`, () => measureClaimRace(bench, started.handovers));
  const baselineClaims = await phase('baselineClaims', 'baseline claim races', () => measureBaselineClaimRace(bench, driver));
  const live = await phase('live', `open ${options.liveHandovers} live handovers (request + claim)`, () =>
    openLiveHandovers(bench, options.liveHandovers, 'live'),
  );
  const baselineLive = await phase('baselineLive', `baseline: start + claim ${options.liveHandovers} workflows`, () =>
    startBaselineLive(bench, driver, options.liveHandovers, 'baseline-live'),
  );
  const relayOurs = await phase('relay', `relay, open loop ${options.rate}/s for ${options.relaySeconds} s`, () => relayOpenLoopOurs(bench, live));
  const relayBaseline = await phase('baselineRelay', `baseline relay, open loop ${options.rate}/s`, () =>
    relayOpenLoopBaseline(bench, driver, baselineLive),
  );
  const saturationOurs = await phase('saturation', `saturation, ${options.saturationMessages} customer messages`, () => saturateOurs(bench, live));
  const saturationBaseline = await phase('baselineSaturation', 'baseline saturation', () => saturateBaseline(bench, driver, baselineLive));
  // Handover 0 and baseline workflow 0 got the same messages in the relay and saturation phases.
  const perWorkflow = Math.ceil((options.rate * options.relaySeconds) / options.liveHandovers) + Math.ceil(options.saturationMessages / options.liveHandovers);
  const histories = {
    messages: perWorkflow,
    ours: await historyShape(env.client, handoverWorkflowId(live[0]!.id)),
    baseline: await historyShape(env.client, baselineLive[0]!),
  };
  const lifeOurs = await phase('lifecycles', `${options.lifecycles} lifecycles`, () => lifecyclesOurs(bench));
  const lifeBaseline = await phase('baselineLifecycles', 'baseline lifecycles', () => lifecyclesBaseline(bench, driver));
  // Each request type a phase of its own, so the CPU table says what a start, a claim and an End cost.
  const operationsOfOurs = await operationsOurs(bench, (type, work) =>
    phase(`operations.${type}`, `${options.operations} × ${type === 'end' ? 'End' : type}, ${options.operationsInFlight} in flight`, work),
  );
  const operationsOfBaseline = await operationsBaseline(bench, driver, (type, work) =>
    phase(`baselineOperations.${type}`, `baseline: ${options.operations} × ${type === 'end' ? 'End' : type}, ${options.operationsInFlight} in flight`, work),
  );
  const long = await phase('long', `one handover of ${options.longMessages} messages`, () => measureLongHandover(bench));
  const open = await phase('open', `a fresh product process, ${options.openHandovers} handovers opened`, () => measureOpenHandovers(bench));
  const integrity = {
    webhooksVerified: bench.arrivals.webhooksVerified,
    signaturesRejected: bench.arrivals.signaturesRejected,
    redeliveries: bench.arrivals.redeliveries,
    streamFailures: bench.arrivals.streamFailures(),
    baselineDuplicates: driver.duplicates,
  };
  await bench.arrivals.close();
  return {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: host,
    versions: await versions(env, pgFloor.settings.server_version ?? '?'),
    options,
    pgFloor,
    starts: started.results,
    claims: { ours: claims, baseline: baselineClaims },
    relay: { ours: relayOurs, baseline: relayBaseline },
    saturation: { ours: saturationOurs, baseline: saturationBaseline },
    histories,
    lifecycles: { ours: lifeOurs, baseline: lifeBaseline },
    operations: { ours: operationsOfOurs, baseline: operationsOfBaseline },
    longHandover: long,
    openHandovers: open,
    integrity,
    cpu,
    totalSeconds: 0,
    profile: null,
  };
}

async function versions(env: Environment, postgres: string): Promise<Record<string, string>> {
  const cli = await promisify(execFile)(env.temporalCli, ['--version']).then(
    ({ stdout }) => stdout.trim().replace(/^temporal version /, ''),
    () => '?',
  );
  const sdk = JSON.parse(await readFile(path.join(root, 'node_modules', '@temporalio', 'worker', 'package.json'), 'utf8')) as { version: string };
  return { Node: process.version, 'Temporal TS SDK': sdk.version, 'Temporal CLI': cli, PostgreSQL: `${postgres} (embedded)` };
}
