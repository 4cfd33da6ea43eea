// The results of a chaos run: Markdown for the terminal and docs/chaos.md (between its markers), JSON for machines.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { attemptStats, type AttemptStats } from './checks.ts';
import type { ChaosResults } from './chaos.ts';

const begin = '<!-- chaos:begin: written by `npm run chaos`; edit outside these markers -->';
const end = '<!-- chaos:end -->';

function load(stats: AttemptStats): string {
  return `${stats.requests} sent: ${stats.acknowledged} 2xx, ${stats.unavailable} 503, ${stats.connection} conn. refused/reset, ${stats.clientErrors + stats.serverErrors + stats.hangs} other`;
}

export function renderMarkdown(results: ChaosResults): string {
  const { options } = results;
  const lines = [
    `Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC: \`${results.command}\`${options.quick ? ' (quick)' : ''}, ${results.totalSeconds.toFixed(0)} s, ` +
      `**${results.passed ? 'every check passed' : 'FAILED'}**.`,
    `Machine: ${results.machine.cpus} CPUs, load average ${results.machine.loadAverage.map((value) => value.toFixed(2)).join(' / ')} at the end (shared).`,
    `Load: ${options.load.concurrency} lifecycles at once (a message for the AI, a handover request, a message while pending, a claim, ` +
      `${options.load.rounds} customer and agent messages, End, a message for the AI), one in ${options.load.ladderEvery} left to the ladder ` +
      `(escalates after ${options.escalateAfterSeconds} s, falls back after ${options.fallbackAfterSeconds} s); ${options.beforeMs / 1000} s of load before each fault and ` +
      `${options.afterMs / 1000} s after it, then the lifecycles in flight finish and the checks run once everything has settled.`,
    '',
    '| fault | load during the fault | load over the episode | acknowledged in the episode | settled after | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const fault of results.faults) {
    const ack = fault.acknowledged;
    lines.push(
      `| ${fault.name}: ${fault.title} | ${fault.name === 'final' ? '-' : load(fault.duringFault)} | ${fault.name === 'final' ? '-' : load(fault.episode)} ` +
        `| ${ack.handoversRequested} handovers, ${ack.customerMessages} customer and ${ack.agentMessages} agent messages, ${ack.ends} Ends ` +
        `| ${fault.settledAfterSeconds.toFixed(1)} s | ${fault.passed ? 'pass' : '**FAIL**'} |`,
    );
  }
  lines.push('', 'What was checked after each fault, and at the end (these are the figures at the end; each check covers everything acknowledged since the run began):', '');
  const last = results.faults.at(-1);
  const all = attemptStats(results.attempts);
  for (const check of last?.checks ?? []) {
    if (check.name === 'settled') {
      const slowest = Math.max(...results.faults.map((fault) => fault.settledAfterSeconds));
      lines.push(`- **settled**: after each fault everything acknowledged arrived, every handover ended and its workflow closed, within the settle time (the slowest took ${slowest.toFixed(1)} s; limit ${options.settleTimeoutMs / 1000} s).`);
    } else if (check.name.startsWith('answers')) {
      lines.push(
        `- **${check.name}**: over the whole run ${all.requests} request attempts: ${all.acknowledged} 2xx, ${all.unavailable} 503 unavailable, ${all.connection} refused or reset ` +
          `(only where a fault had killed that API process, else a failure), ${all.clientErrors} 4xx (allowed: 409 handover_ended for a claim the ladder beat or an End an unanswered attempt applied; any other fails), ` +
          `${all.serverErrors} other 5xx, ${all.hangs} hangs; latency p50 ${all.p50Ms.toFixed(0)} ms, p99 ${all.p99Ms.toFixed(0)} ms, slowest ${(all.slowestMs / 1000).toFixed(1)} s.`,
      );
    } else if (check.name === 'transcripts read back') {
      lines.push(`- **${check.name}**: after each fault the conversations of its episode, at the end all of them: ${check.summary.replace(/^\d+ conversations of this episode read/, 'read')}.`);
    } else {
      lines.push(`- **${check.name}**: ${check.summary}.`);
    }
  }
  const failures = results.faults.flatMap((fault) => fault.checks.filter((check) => !check.passed).map((check) => ({ fault, check })));
  if (failures.length > 0) {
    lines.push('', '### Failures', '');
    for (const { fault, check } of failures) {
      lines.push(`- after **${fault.name}**, ${check.name}: ${check.summary}`);
      for (const detail of check.details) lines.push(`  - ${detail}`);
    }
  }
  if (results.checkTheChecks.length > 0) {
    lines.push('', 'Checking the checks: after the run, each sabotage broke the stored state (or what the receiver and the client saw), the checks ran, and it was undone:', '');
    lines.push('| sabotage | must fail | failed | |', '|---|---|---|---|');
    for (const result of results.checkTheChecks) {
      lines.push(`| ${result.name} | ${result.caughtBy.join(', ')} | ${result.failed.join(', ') || 'nothing'} | ${result.caught ? 'caught' : '**MISSED**'} |`);
    }
  }
  const notes = results.faults.filter((fault) => fault.notes.length > 0);
  if (notes.length > 0) {
    lines.push('', 'Notes:', '');
    for (const fault of notes) lines.push(`- ${fault.name}: ${fault.notes.join('; ')}`);
  }
  return lines.join('\n');
}

export async function writeDocs(file: string, markdown: string): Promise<void> {
  const block = `${begin}\n${markdown}\n${end}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}` : `${current}${current ? '\n\n' : ''}${block}\n`;
  await writeFile(file, next);
}

export async function writeJson(file: string, results: ChaosResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
