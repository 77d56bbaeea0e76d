import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one command (`npm test`): unit tests beside the code (no I/O), integration tests
 * on real SQL (`*.int.test.ts`, a fresh database per file), browser tests (`test/e2e`).
 */
export default defineConfig({
  test: {
    env: { NODE_ENV: 'test' },
    // Vitest's default is one worker fewer than the cores: one on CI's two, which ran the whole
    // suite file after file. Two workers keep both cores busy (the browser project still runs
    // its files one at a time, beside the integration files).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'test/e2e/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // Several files load the whole demo (500 job seekers among it), which takes 15 s on a
          // quiet machine and more beside the browser files on CI's two cores.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // A journey checks each page with axe (about a second a page on a quiet machine, several
          // beside the integration files on CI's two cores).
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
