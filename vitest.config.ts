import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/slowest-first.ts';

export default defineConfig({
  test: {
    // The slowest integration files first, so that neither worker ends the run alone on one of them.
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        // The console's pure modules import the domain as SvelteKit names it (svelte.config.js).
        resolve: { alias: { $domain: fileURLToPath(new URL('./domain', import.meta.url)) } },
        test: {
          name: 'unit',
          // Unit tests first, on their own: they need no servers.
          sequence: { groupOrder: 0 },
          include: ['domain/**/*.test.ts', 'platform/**/*.test.ts', 'runtime/**/*.test.ts', 'workflows/**/*.test.ts', 'api/**/*.test.ts', 'db/**/*.test.ts', 'examples/**/*.test.ts', 'packages/**/*.test.ts', 'console/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.test.ts'],
          // One embedded PostgreSQL and one Temporal dev server for the whole run (a dev server per file would cost seconds each).
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share the servers; a couple at a time suits these 2-core machines.
          maxWorkers: 2,
        },
      },
    ],
  },
});
