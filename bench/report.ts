// The results of a run: a JSON file for machines, and Markdown tables for docs/benchmarks.md and the terminal.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchOptions } from './options.ts';
import type { ProfileSummary } from './profile-summary.ts';
import type { HistoryShape } from './scenarios/history-shape.ts';
import type { LifecycleResults } from './scenarios/lifecycles.ts';
import type { LongHandoverResults } from './scenarios/long-handover.ts';
import type { OpenHandoverResults } from './scenarios/open-handovers.ts';
import type { OperationResults } from './scenarios/operations.ts';
import type { PgFloor } from './scenarios/pg-floor.ts';
import type { Arrived, OpenLoopResults, SaturationResults } from './scenarios/relay.ts';
import type { ClaimResults, StartResults } from './scenarios/starts-and-claims.ts';
import { fmt, ratio, type Summary } from './stats.ts';
import type { machine } from './system.ts';

export interface PhaseCpu {
  key: string;
  phase: string;
  productRssBytes: number;
  wallSeconds: number;
  product: number;
  temporal: number;
  postgres: number;
  driver: number;
  baseline: number;
  /** The whole machine's busy CPU seconds: what is not ours is other work on this shared machine. */
  machine: number;
}

export interface Results {
  command: string;
  date: string;
  machine: ReturnType<typeof machine>;
  versions: Record<string, string>;
  options: BenchOptions;
  pgFloor: PgFloor;
  starts: StartResults;
  claims: { ours: ClaimResults; baseline: ClaimResults };
  relay: { ours: OpenLoopResults; baseline: OpenLoopResults };
  saturation: { ours: SaturationResults; baseline: SaturationResults };
  /** One live handover's history and one baseline workflow's, after the same `messages`. */
  histories: { messages: number; ours: HistoryShape; baseline: HistoryShape };
  /** Each lifecycle request on its own, `inFlight` at a time (absent from runs before it was measured). */
  operations?: { ours: OperationResults; baseline: OperationResults };
  lifecycles: { ours: LifecycleResults; baseline: LifecycleResults };
  longHandover: LongHandoverResults;
  openHandovers: OpenHandoverResults;
  integrity: { webhooksVerified: number; signaturesRejected: number; redeliveries: number; streamFailures: string[]; baselineDuplicates: number };
  cpu: PhaseCpu[];
  totalSeconds: number;
  profile: (ProfileSummary & { file: string })[] | null;
}

/** What each lifecycle request is called in the tables, ours and the baseline's. */
const ourRequest = { start: '`POST /handovers` → 201', claim: 'claim → 200', end: 'End → 200' } as const;
const baselineRequest = { start: 'workflow start', claim: 'claim Update', end: 'End Update + result' } as const;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const latencyCells = (summary: Summary) => [summary.n, fmt(summary.p50), fmt(summary.p95), fmt(summary.p99), fmt(summary.max)];

function arrivedRow(name: string, ours: Arrived, baseline: Arrived): string {
  return row([
    name,
    ours.sent,
    ...latencyCells(ours.latency).slice(1),
    `${ours.neverArrived}${ours.refused ? ` (+${ours.refused} refused)` : ''}`,
    ratio(ours.latency.p50, baseline.latency.p50),
    ratio(ours.latency.p99, baseline.latency.p99),
  ]);
}

export function renderMarkdown(results: Results): string {
  const { options, relay, saturation, lifecycles, operations, starts, longHandover: long, openHandovers: open, pgFloor, machine: host } = results;
  const { ours: claims, baseline: baseClaims } = results.claims;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const total = totalCpu(results.cpu);
  const others = Math.max(0, total.machine - ours(total));
  push(
    `Run of ${results.date}: \`${results.command}\`${options.quick ? ' (quick sizes)' : ''}, ${results.totalSeconds.toFixed(0)} s.`,
    `Machine: ${host.cores} × ${host.cpuModel}, ${host.memoryGiB} GiB, ${host.platform}; load average ${host.loadAverageAtStart.join(' / ')} at the start (the machine is shared).`,
    `Versions: ${Object.entries(results.versions).map(([name, version]) => `${name} ${version}`).join(', ')}.`,
    '',
    `Other processes on this machine used ${fmt(others, 0)} CPU seconds during the measured phases, ${fmt(others / Math.max(1, total.wallSeconds), 2)} ` +
      `of its ${host.cores} cores on average${others / Math.max(1, total.wallSeconds) > 0.25 ? ': the figures are lower than a quiet machine would give (see "other processes" by phase below)' : ''}.`,
    '',
    `#### Relay latency at ${relay.ours.handovers} live handovers (the headline)`,
    '',
    `${relay.ours.rate} messages/s offered open-loop for ${relay.ours.seconds} s, spread over ${relay.ours.handovers} claimed handovers, half from ` +
      `customers and half from agents; latency counts from the moment each message was due. The baseline gets the same ` +
      `schedule as signals to ${relay.baseline.handovers} workflows of its own. Milliseconds; "× baseline" divides ours by the baseline's same-side figure.`,
    '',
    row(['path', 'sent', 'p50', 'p95', 'p99', 'max', 'never arrived', 'p50 × baseline', 'p99 × baseline']),
    row(Array(9).fill('---')),
    arrivedRow("customer message → `message.created` on the assignee's stream", relay.ours.customer, relay.baseline.customer),
    arrivedRow('agent message → signed `handover.message` at the receiver', relay.ours.agent, relay.baseline.agent),
    arrivedRow('baseline: customer signal → batch activity', relay.baseline.customer, relay.baseline.customer),
    arrivedRow('baseline: agent signal → batch activity', relay.baseline.agent, relay.baseline.agent),
    row(['ours: message sent → 202', relay.ours.accept.n, ...latencyCells(relay.ours.accept).slice(1), '', ratio(relay.ours.accept.p50, relay.baseline.accept.p50), ratio(relay.ours.accept.p99, relay.baseline.accept.p99)]),
    row(['baseline: signal sent → signal call returns', relay.baseline.accept.n, ...latencyCells(relay.baseline.accept).slice(1), '', '', '']),
    '',
    `The load generator fired its latest message ${fmt(relay.ours.maxLagMs)} ms late (ours) and ${fmt(relay.baseline.maxLagMs)} ms late (baseline). ` +
      `CPU per message offered in this phase: ${fmt(cpuPerMessage(results.cpu, 'relay', relay.ours.customer.sent + relay.ours.agent.sent))} ms ` +
      `(product + dev server + PostgreSQL) against ${fmt(cpuPerMessage(results.cpu, 'baselineRelay', relay.baseline.customer.sent + relay.baseline.agent.sent))} ms ` +
      '(baseline worker + dev server).',
    '',
    '#### Throughput',
    '',
    row(['', 'ours', 'baseline', 'ours ÷ baseline']),
    row(['---', '---', '---', '---']),
    row([
      `customer messages, ${saturation.ours.messages} with ${saturation.ours.inFlight} in flight, until all are on the stream: messages/s`,
      fmt(saturation.ours.perSecond),
      fmt(saturation.baseline.perSecond),
      `${fmt(saturation.ours.perSecond / saturation.baseline.perSecond)}`,
    ]),
    row(['  … accepted (202 / signal returned): messages/s', fmt(saturation.ours.acceptedPerSecond), fmt(saturation.baseline.acceptedPerSecond), fmt(saturation.ours.acceptedPerSecond / saturation.baseline.acceptedPerSecond)]),
    row([
      '  … never arrived (refused: not 202)',
      `${saturation.ours.neverArrived} (${saturation.ours.refused})`,
      `${saturation.baseline.neverArrived} (${saturation.baseline.refused})`,
      '',
    ]),
    row([
      '  … CPU ms per message: product + dev server + PostgreSQL (ours), baseline worker + dev server (baseline)',
      fmt(cpuPerMessage(results.cpu, 'saturation', saturation.ours.messages)),
      fmt(cpuPerMessage(results.cpu, 'baselineSaturation', saturation.baseline.messages)),
      fmt(cpuPerMessage(results.cpu, 'saturation', saturation.ours.messages) / cpuPerMessage(results.cpu, 'baselineSaturation', saturation.baseline.messages)),
    ]),
    row([
      `  … history events of one workflow after its ${results.histories.messages} messages, per message`,
      fmt(results.histories.ours.events / results.histories.messages),
      fmt(results.histories.baseline.events / results.histories.messages),
      fmt(results.histories.ours.events / results.histories.baseline.events),
    ]),
    row([
      `complete lifecycles (request → claim → ${lifecycles.ours.messagesEachWay} messages each way → end → rating), ${lifecycles.ours.inFlight} at a time: lifecycles/s`,
      fmt(lifecycles.ours.perSecond),
      fmt(lifecycles.baseline.perSecond),
      fmt(lifecycles.ours.perSecond / lifecycles.baseline.perSecond),
    ]),
    row(['  … one lifecycle, p50 / p99 ms', `${fmt(lifecycles.ours.duration.p50)} / ${fmt(lifecycles.ours.duration.p99)}`, `${fmt(lifecycles.baseline.duration.p50)} / ${fmt(lifecycles.baseline.duration.p99)}`, ratio(lifecycles.ours.duration.p50, lifecycles.baseline.duration.p50)]),
    row(['  … completed / failed', `${lifecycles.ours.completed} / ${lifecycles.ours.failures.length}`, `${lifecycles.baseline.completed} / ${lifecycles.baseline.failures.length}`, '']),
    '',
    '#### Single operations',
    '',
    `Handovers requested one after another with nothing else running (after ${options.warmup} unmeasured); then ${claims.rounds} claim races ` +
      `of ${claims.contenders} members at once on a pending handover (the baseline: ${claims.contenders} claim Updates at once on a fresh workflow); ` +
      `then the start, claim and End of the lifecycles above, ${lifecycles.ours.inFlight} running at once` +
      (operations
        ? `; then each of those requests on its own, ${operations.ours.inFlight} in flight and nothing else running: ${operations.ours.count} handovers ` +
          'requested, then (their webhooks out) each claimed by one member, then each ended (the baseline: as many workflow starts, claim Updates, End Updates)'
        : '') +
      '. Milliseconds.',
    '',
    row(['operation', 'n', 'p50', 'p95', 'p99', 'max', 'p50 × baseline', 'p99 × baseline']),
    row(Array(8).fill('---')),
    row(['`POST /handovers` → 201', ...latencyCells(starts.created), '', '']),
    row(["  → `handover.updated` on an agent's stream", ...latencyCells(starts.onStream), '', '']),
    row(['  → first webhook at the receiver', ...latencyCells(starts.firstWebhook), '', '']),
    row([`claim, ${claims.contenders} contenders: the winner's 200`, ...latencyCells(claims.winner), ratio(claims.winner.p50, baseClaims.winner.p50), ratio(claims.winner.p99, baseClaims.winner.p99)]),
    row([`claim, ${claims.contenders} contenders: the others' 409 \`already_claimed\``, ...latencyCells(claims.losers), ratio(claims.losers.p50, baseClaims.losers.p50), ratio(claims.losers.p99, baseClaims.losers.p99)]),
    ...(['start', 'claim', 'end'] as const).map((request) =>
      row([
        `${ourRequest[request]}, ${lifecycles.ours.inFlight} lifecycles at once`,
        ...latencyCells(lifecycles.ours.requests[request]),
        ratio(lifecycles.ours.requests[request].p50, lifecycles.baseline.requests[request].p50),
        ratio(lifecycles.ours.requests[request].p99, lifecycles.baseline.requests[request].p99),
      ]),
    ),
    ...(operations
      ? (['start', 'claim', 'end'] as const).map((request) =>
          row([
            `${ourRequest[request]}, ${operations.ours.inFlight} in flight, alone`,
            ...latencyCells(operations.ours[request]),
            ratio(operations.ours[request].p50, operations.baseline[request].p50),
            ratio(operations.ours[request].p99, operations.baseline[request].p99),
          ]),
        )
      : []),
    row([`baseline: claim Update, ${claims.contenders} at once: the winner`, ...latencyCells(baseClaims.winner), '', '']),
    row([`baseline: claim Update, ${claims.contenders} at once: the others (rejected by the validator)`, ...latencyCells(baseClaims.losers), '', '']),
    ...(['start', 'claim', 'end'] as const).map((request) =>
      row([
        `baseline: ${baselineRequest[request]}, ${lifecycles.baseline.inFlight} lifecycles at once`,
        ...latencyCells(lifecycles.baseline.requests[request]),
        '',
        '',
      ]),
    ),
    ...(operations
      ? (['start', 'claim', 'end'] as const).map((request) =>
          row([
            `baseline: ${baselineRequest[request]}, ${operations.baseline.inFlight} in flight, alone`,
            ...latencyCells(operations.baseline[request]),
            '',
            '',
          ]),
        )
      : []),
    '',
    ...(operations && [...operations.ours.failures, ...operations.baseline.failures].length
      ? [`Requests on their own that failed: ${[...operations.ours.failures, ...operations.baseline.failures].join('; ')}.`, '']
      : []),
    `Never on the stream: ${starts.neverOnStream}; never a webhook: ${starts.neverWebhook}. Claim races with exactly one winner: ${claims.cleanRounds} of ${claims.rounds} ` +
      `(baseline ${baseClaims.cleanRounds} of ${baseClaims.rounds})${[...claims.otherAnswers, ...baseClaims.otherAnswers].length ? ` (other answers: ${[...claims.otherAnswers, ...baseClaims.otherAnswers].slice(0, 5).join(', ')})` : ''}.`,
    '',
    `#### One handover of ${long.messages} messages across continue-as-new`,
    '',
    `${long.messages} messages into one claimed handover, ${long.inFlight} in flight, ${long.agentMessages} of them (one in ${options.longAgentEvery}) from the agent; ` +
      'then the transcript read back with `GET /conversations/:id/messages`.',
    '',
    row(['all accepted (202)', 'sent again after a 503', 'last customer message on the stream', 'last agent message at the receiver', 'messages/s', 'runs', 'stored', 'once', 'duplicated', 'accepted, not stored', 'seq 1…n unbroken', 'never on stream / webhook']),
    row(Array(12).fill('---')),
    row([
      `${fmt(long.acceptedSeconds, 1)} s${long.refused ? ` (${long.refused} never accepted)` : ''}`,
      `${long.retried}${long.retryReasons.length ? ` (${long.retryReasons.join('; ')})` : ''}`,
      `${fmt(long.lastOnStreamSeconds, 1)} s`,
      `${fmt(long.lastWebhookSeconds, 1)} s`,
      fmt(long.perSecond),
      long.runs ?? '?',
      long.stored,
      long.storedOnce,
      long.duplicates,
      long.missing,
      long.seqContinuous ? `yes (${long.firstSeq}…${long.lastSeq})` : 'NO',
      `${long.neverOnStream} / ${long.neverWebhook}`,
    ]),
    '',
    long.runs !== null && long.runs > 1
      ? `The workflow continued as new ${long.runs - 1} time(s) on the way (its \`state\` query counts ${long.runs} runs and ${long.messagesRelayed} messages relayed).`
      : `The workflow did not continue as new at this size (runs = ${long.runs}): the dev server suggests it after about 4,000 history events, which the full run's 5,000 messages pass.`,
    '',
    '#### Memory, PostgreSQL commit floor',
    '',
    row(['figure', 'value']),
    row(['---', '---']),
    row(['product process (API + worker) that ran the load phases, at their end, after a full GC', `RSS ${mib(open.loadedProcess.rssBytes)} (main heap ${mib(open.loadedProcess.heapUsedBytes)})`]),
    row(['a fresh product process, idle, after a full GC', `RSS ${mib(open.idle.rssBytes)} (main heap ${mib(open.idle.heapUsedBytes)})`]),
    row([
      `  … with ${open.open} pending handovers open (requested at ${fmt(open.requestedPerSecond)}/s, 8 at a time; ` +
        (open.settled === open.open
          ? `their webhooks all delivered ${fmt(open.settleSeconds, 1)} s after the last 201)`
          : `${open.settled} of their \`handover.requested\` webhooks delivered ${fmt(open.settleSeconds, 1)} s after the last 201, when memory was read)`),
      `RSS ${mib(open.withOpen.rssBytes)} (main heap ${mib(open.withOpen.heapUsedBytes)}): ${fmt(open.perHandoverKiB)} KiB RSS per open handover`,
    ]),
    row(['Temporal dev server RSS / PostgreSQL RSS (all its processes) at that point', `${mib(open.temporalRssBytes)} / ${mib(open.postgresRssBytes)}`]),
    row([
      `PostgreSQL: single-row INSERT + COMMIT, one at a time (${pgFloor.commits.n}), p50 / p99 ms`,
      `${fmt(pgFloor.commits.p50)} / ${fmt(pgFloor.commits.p99)} = ${fmt(pgFloor.commitsPerSecond)} commits/s on one connection`,
    ]),
    row(['PostgreSQL: `select 1` round trip, p50 ms', fmt(pgFloor.selectOne.p50)]),
    row(['PostgreSQL settings', Object.entries(pgFloor.settings).map(([name, value]) => `${name}=${value}`).join(', ')]),
    '',
    '#### CPU seconds by phase',
    '',
    'Product: `process.cpuUsage()` of the API + worker process; dev server and PostgreSQL: `/proc/<pid>/stat` (PostgreSQL: all its processes); ' +
      'load generator: this benchmark process (HTTP client, stream parsing, webhook receiver with signature checks, Temporal client of the baseline). ' +
      `The machine has ${host.cores} cores: "cores busy" is our processes' CPU over wall time; "other processes" is CPU seconds the ` +
      'rest of this shared machine used meanwhile (from /proc/stat): where it is large, the figures of that phase are low.',
    '',
    row(['phase', 'wall s', 'product', 'dev server', 'PostgreSQL', 'load generator', 'baseline worker', 'cores busy (ours)', 'other processes', 'product RSS at end']),
    row(Array(10).fill('---')),
    ...[...results.cpu, totalCpu(results.cpu)].map((phase) =>
      row([
        phase.phase,
        fmt(phase.wallSeconds, 1),
        fmt(phase.product, 1),
        fmt(phase.temporal, 1),
        fmt(phase.postgres, 1),
        fmt(phase.driver, 1),
        fmt(phase.baseline, 1),
        fmt(ours(phase) / Math.max(0.001, phase.wallSeconds), 2),
        fmt(Math.max(0, phase.machine - ours(phase)), 1),
        phase.productRssBytes ? mib(phase.productRssBytes) : '',
      ]),
    ),
    '',
    `Integrity: ${results.integrity.webhooksVerified} webhook deliveries verified (${results.integrity.signaturesRejected} signatures rejected, ` +
      `${results.integrity.redeliveries} redeliveries of an acknowledged event); live streams failed: ${results.integrity.streamFailures.length}; ` +
      `baseline messages stored twice: ${results.integrity.baselineDuplicates}.`,
  );
  for (const profile of results.profile ?? []) {
    push(
      '',
      `#### Profile of the product process: ${profile.thread} (\`--cpu-prof\`, ${fmt(profile.busySeconds, 1)} s busy of ${fmt(profile.wallSeconds, 1)} s)`,
      '',
      row(['what the stack was doing', 'share']),
      row(['---', '---']),
      ...profile.paths.slice(0, 10).map((entry) => row([entry.path, `${(entry.share * 100).toFixed(1)}%`])),
      '',
      row(['self time by area', 'share']),
      row(['---', '---']),
      ...profile.areas.slice(0, 10).map((area) => row([area.area, `${(area.share * 100).toFixed(1)}%`])),
      '',
      row(['function (self time)', 'area', 'share']),
      row(['---', '---', '---']),
      ...profile.functions.slice(0, 10).map((fn) => row([`\`${fn.name}\``, fn.area, `${(fn.share * 100).toFixed(1)}%`])),
      '',
      row(['our function (total time: itself and what it calls)', 'share']),
      row(['---', '---']),
      ...profile.ours.slice(0, 10).map((fn) => row([`\`${fn.name}\``, `${(fn.share * 100).toFixed(1)}%`])),
    );
  }
  return lines.join('\n');
}

/** CPU milliseconds per message in a phase, of the processes on the measured path (not the load generator). */
function cpuPerMessage(cpu: PhaseCpu[], key: string, messages: number): number {
  const phase = cpu.find((entry) => entry.key === key);
  if (!phase || !messages) return Number.NaN;
  return ((phase.product + phase.temporal + phase.postgres + phase.baseline) * 1000) / messages;
}

const ours = (phase: PhaseCpu) => phase.product + phase.temporal + phase.postgres + phase.driver + phase.baseline;

function totalCpu(cpu: PhaseCpu[]): PhaseCpu {
  const sum = (pick: (phase: PhaseCpu) => number) => cpu.reduce((total, phase) => total + pick(phase), 0);
  return {
    key: 'total',
    phase: '**whole run** (without starting and stopping)',
    productRssBytes: 0,
    wallSeconds: sum((phase) => phase.wallSeconds),
    product: sum((phase) => phase.product),
    temporal: sum((phase) => phase.temporal),
    postgres: sum((phase) => phase.postgres),
    driver: sum((phase) => phase.driver),
    baseline: sum((phase) => phase.baseline),
    machine: sum((phase) => phase.machine),
  };
}

const begin = '<!-- bench:begin: written by `npm run bench`; edit outside these markers -->';
const end = '<!-- bench:end -->';

/** Replaces what is between the markers in docs/benchmarks.md, or writes the file when it has none. */
export async function writeDocs(file: string, markdown: string): Promise<void> {
  const block = `${begin}\n${markdown}\n${end}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `# Benchmarks\n\nMeasured by \`npm run bench\` (see bench/README.md).\n\n## Results\n\n${block}\n`;
  await writeFile(file, next);
}

export async function writeJson(file: string, results: Results): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
