import { defineConfig } from 'vitest/config';

// Three projects: `unit` is pure and fast, `e2e` spawns real local processes (no Docker),
// `integration` needs components .ci/run installs (Docker, InfluxDB, a browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts', 'test/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'integration', include: ['test/**/*.int.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
