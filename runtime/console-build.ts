import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtHandler = path.join(root, 'console', 'build', 'handler.js');

// What the build reads: its own sources and configuration, and the shared domain code it imports ($domain).
const sources = ['console/src', 'console/svelte.config.js', 'console/vite.config.ts', 'domain', 'packages/client/src'].map((entry) => path.join(root, entry));

/** Builds the console when it has never been built or its sources changed since (npm start). */
export async function ensureConsoleBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(builtHandler) && Math.max(...sources.map(newestMtime)) < statSync(builtHandler).mtimeMs) return;
  log('Building the console (vite build) ...');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the console build failed (exit code ${code})`))));
  });
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
