import { defineConfig } from 'vitest/config';

// Three projects: `unit` is pure and fast, `e2e` spawns real local processes (no Docker),
// `integration` needs components .ci/run installs (Docker, InfluxDB, a browser). Every test
// file runs in a private temp dir and fails if it leaves a `loadrig-*` entry behind.
const setupFiles = ['test/helpers/temp-hygiene-setup.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts', 'test/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          setupFiles,
          include: ['test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles,
          include: ['test/**/*.int.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
