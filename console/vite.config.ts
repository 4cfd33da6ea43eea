// Builds the console from the repository root: `vite build --config console/vite.config.ts`.
import { resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// SvelteKit takes its config, output folders and adapter settings from the working directory, and its
// build workers read the config again from there, so the build runs in this folder wherever it starts.
// (Workers inherit the directory and may not change it, hence the check.)
const consoleDir = resolve(fileURLToPath(new URL('.', import.meta.url)));
if (process.cwd() !== consoleDir) process.chdir(consoleDir);
const { sveltekit } = await import('@sveltejs/kit/vite');

// No `root` here: SvelteKit sets it to the working directory, which is now this folder.
export default defineConfig({
  plugins: [sveltekit()],
});
