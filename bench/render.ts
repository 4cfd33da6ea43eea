// Writes the tables of a saved run again, without running anything: after a change to report.ts, or to put an
// earlier run's figures back into docs/benchmarks.md. `npx tsx bench/render.ts [bench/results/latest.json] [--docs]`
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, writeDocs, type Results } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--')) ?? path.join(root, 'bench', 'results', 'latest.json');
const markdown = renderMarkdown(JSON.parse(await readFile(file, 'utf8')) as Results);
if (args.includes('--docs')) await writeDocs(path.join(root, 'docs', 'benchmarks.md'), markdown);
else console.log(markdown);
