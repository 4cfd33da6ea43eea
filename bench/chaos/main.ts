// `npm run chaos`: faults one at a time under load through the public API, and the checks after each
// (bench/chaos/chaos.ts). Prints the report, writes docs/chaos.md (between its markers) and bench/results/chaos*.json;
// exits non-zero when a check failed.
//
//   npm run chaos                          the full run (PostgreSQL and Temporal down 10 s, receiver 30 s + 30 s)
//   npm run chaos -- --quick               shortened faults and lighter load; writes docs only with --docs
//   npm run chaos -- --faults=worker-kill,postgres-stop --keep   some faults; keep the scratch folder (process logs)
//   npm run chaos -- --postgresDownMs=20000 --afterMs=5000       any number of ChaosOptions
//   npm run chaos -- --render              the report of bench/results/chaos.json into docs/chaos.md again
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chaosOptions, faultNames, runChaos, type ChaosOptions, type ChaosResults, type FaultName } from './chaos.ts';
import { stopAllClusters } from './cluster.ts';
import { renderMarkdown, writeDocs, writeJson } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
if (flag('render')) {
  // The report of the last full run again (bench/results/chaos.json), into docs/chaos.md.
  const saved = JSON.parse(await readFile(path.join(root, 'bench', 'results', flag('quick') ? 'chaos-quick.json' : 'chaos.json'), 'utf8')) as ChaosResults;
  const markdown = renderMarkdown(saved);
  console.log(markdown);
  await writeDocs(path.join(root, 'docs', 'chaos.md'), markdown);
  console.log('wrote docs/chaos.md');
  process.exit(0);
}
const quick = flag('quick');
const overrides: Partial<ChaosOptions> = { keepScratch: flag('keep') };
for (const arg of args) {
  const match = /^--(\w+)=(.*)$/.exec(arg);
  if (!match) continue;
  const [, name, value] = match as unknown as [string, string, string];
  if (name === 'faults') {
    const chosen = value.split(',').filter(Boolean);
    const unknown = chosen.filter((fault) => !(faultNames as readonly string[]).includes(fault));
    if (unknown.length > 0) throw new Error(`Unknown faults ${unknown.join(', ')}; the faults are ${faultNames.join(', ')}`);
    overrides.faults = chosen as FaultName[];
  } else if (['concurrency', 'rounds', 'pauseMs', 'ladderEvery'].includes(name)) {
    overrides.load = { ...(overrides.load ?? chaosOptions(quick).load), [name]: Number(value) };
  } else if (name in chaosOptions(quick)) {
    (overrides as Record<string, unknown>)[name] = Number(value);
  } else {
    throw new Error(`Unknown option --${name}`);
  }
}
const options = chaosOptions(quick, overrides);
// Ctrl-C: stop what the run started (the product processes, PostgreSQL, the dev server) before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping the processes and servers of the run ...`);
    void stopAllClusters().finally(() => process.exit(130));
  });
}
const started = Date.now();
const say = (line: string) => console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const results = await runChaos(options, say, `npm run chaos${args.length ? ` -- ${args.join(' ')}` : ''}`);
const markdown = renderMarkdown(results);
console.log(`\n${markdown}\n`);
const json = path.join(root, 'bench', 'results', quick ? 'chaos-quick.json' : 'chaos.json');
await writeJson(json, results);
console.log(`wrote ${path.relative(root, json)}`);
if (!quick || flag('docs')) {
  await writeDocs(path.join(root, 'docs', 'chaos.md'), markdown);
  console.log('wrote docs/chaos.md');
}
if (results.scratch) console.log(`the processes' logs are in ${results.scratch}/logs`);
process.exit(results.passed ? 0 : 1);
