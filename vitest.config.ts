import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts', 'runtime/**/*.test.ts', 'workflows/**/*.test.ts', 'api/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // One embedded PostgreSQL and one Temporal dev server for the whole run (temporal-notes.md).
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
