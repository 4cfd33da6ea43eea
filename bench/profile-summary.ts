// Where the product process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): self time by area (our
// folders, npm packages, Node, the garbage collector) and the functions with the most self time.
// Also runnable on its own: `npx tsx bench/profile-summary.ts bench/results/product.cpuprofile`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** What the thread ran, told from where its time went: the main thread, the workflow thread, tsx's loader. */
  thread: string;
  wallSeconds: number;
  busySeconds: number;
  areas: { area: string; seconds: number; share: number }[];
  /** Self time: where the CPU was when sampled. */
  functions: { name: string; area: string; seconds: number; share: number }[];
  /** Total time (self and everything it called) of our own functions (and the workflow bundle's): the hot paths through our code. */
  ours: { name: string; seconds: number; share: number }[];
  /** Each sample put down to what its stack was doing (the first rule of `pathRules` that matches). */
  paths: { path: string; seconds: number; share: number }[];
}

/** What a stack was doing, told by the frames on it; the first rule that matches wins. */
const pathRules: [string, RegExp][] = [
  ['activities: our side effects (PostgreSQL writes, webhook sends, hand-offs)', /\/activities\//],
  ['live events: LISTEN, reading each event, SSE writes', /api\/(live-event-hub|routes\/stream)\.ts/],
  ['HTTP API: express, auth, validation, our routes', /\/api\//],
  ['workflow code (the bundle: ours and @temporalio/workflow)', /workflow-bundle-/],
  ['Temporal worker: polling, activations, activity dispatch, core bridge', /@temporalio\/(worker|core-bridge)/],
  ['Temporal client: the API\'s starts, signals and Updates (gRPC)', /@temporalio\/client|@grpc\/grpc-js/],
  ['PostgreSQL client, after an await (query building, protocol, socket writes)', /node_modules\/(pg|pg-protocol|pg-pool|kysely)\//],
  ['express outside a route (parsing, rate limit, responses)', /node_modules\/(express|router|body-parser|express-rate-limit)\//],
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Which part of the process a frame belongs to. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (packageMatch) return packageMatch[1] as string;
  // The workflow bundle runs in the worker's V8 context under a name of its own.
  if (/workflow-bundle-/.test(file)) return 'workflow bundle (ours + @temporalio/workflow)';
  if (file.startsWith(root)) return `${path.relative(root, file).split(path.sep)[0]}/ (ours)`;
  return file;
}

export async function summarizeProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const nameOf = (callFrame: ProfileNode['callFrame']) => {
    const where = callFrame.url ? `${callFrame.url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, '')}:${callFrame.lineNumber + 1}` : '';
    return `${callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  // Total time of a node: its own samples and its descendants'. Per function of ours, each stack counted once.
  const oursTotal = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id) as ProfileNode;
    let micros = selfMicros.get(id) ?? 0;
    const name = nameOf(node.callFrame);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    const isOurs = (area.endsWith('(ours)') || area.startsWith('workflow bundle')) && !onStack.has(name);
    if (isOurs) onStack.add(name);
    for (const child of node.children ?? []) micros += walk(child, onStack);
    if (isOurs) {
      onStack.delete(name);
      oursTotal.set(name, (oursTotal.get(name) ?? 0) + micros);
    }
    return micros;
  };
  const rootNode = profile.nodes[0];
  if (rootNode) walk(rootNode.id, new Set());
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const paths = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const leaf = (byId.get(id) as ProfileNode).callFrame;
    if (leaf.functionName === '(idle)') continue;
    const urls: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) urls.push((byId.get(at) as ProfileNode).callFrame.url);
    const found = pathRules.find(([, pattern]) => urls.some((url) => pattern.test(url)));
    const label = found ? found[0] : leaf.functionName.startsWith('(') ? leaf.functionName : 'other (Node internals, timers, microtasks)';
    paths.set(label, (paths.get(label) ?? 0) + micros);
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; micros: number }>();
  let idle = 0;
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id) as ProfileNode;
    total += micros;
    if (callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const area = areaOf(callFrame.url, callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const name = nameOf(callFrame);
    const entry = functions.get(name) ?? { area, micros: 0 };
    entry.micros += micros;
    functions.set(name, entry);
  }
  const busy = total - idle;
  const thread = areas.has('pg') || areas.has('express')
    ? 'main thread'
    : [...areas.keys()].some((area) => area.startsWith('workflow bundle'))
      ? 'workflow thread'
      : "another thread (tsx's module loader)";
  return {
    thread,
    wallSeconds: (profile.endTime - profile.startTime) / 1e6,
    busySeconds: busy / 1e6,
    areas: [...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, micros]) => ({ area, seconds: micros / 1e6, share: micros / busy })),
    functions: [...functions]
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, top)
      .map(([name, { area, micros }]) => ({ name, area, seconds: micros / 1e6, share: micros / busy })),
    paths: [...paths]
      .sort((a, b) => b[1] - a[1])
      .map(([label, micros]) => ({ path: label, seconds: micros / 1e6, share: micros / busy })),
    ours: [...oursTotal]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, seconds: micros / 1e6, share: micros / busy })),
  };
}

/** Every profile in `dir` (one per thread), busiest first. */
export async function summarizeProfiles(dir: string, top = 15): Promise<(ProfileSummary & { file: string })[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
  const summaries = await Promise.all(files.map(async (name) => ({ file: path.join(dir, name), ...(await summarizeProfile(path.join(dir, name), top)) })));
  return summaries.sort((a, b) => b.busySeconds - a.busySeconds);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const target = process.argv[2] ?? path.join(root, 'bench', 'results', 'profile');
  const summaries = target.endsWith('.cpuprofile') ? [{ file: target, ...(await summarizeProfile(target, 30)) }] : await summarizeProfiles(target, 30);
  const percent = (value: number) => `${(value * 100).toFixed(1).padStart(5)}%`;
  for (const summary of summaries) {
    console.log(`\n== ${summary.thread}: ${path.basename(summary.file)}, busy ${summary.busySeconds.toFixed(1)} s of ${summary.wallSeconds.toFixed(1)} s\n`);
    for (const area of summary.areas) console.log(`${percent(area.share)}  ${area.area}`);
    console.log('\nby what the stack was doing:');
    for (const entry of summary.paths) console.log(`${percent(entry.share)}  ${entry.path}`);
    console.log('\nself time:');
    for (const fn of summary.functions) console.log(`${percent(fn.share)}  ${fn.name}  [${fn.area}]`);
    console.log('\ntotal time, our functions:');
    for (const fn of summary.ours) console.log(`${percent(fn.share)}  ${fn.name}`);
  }
}
