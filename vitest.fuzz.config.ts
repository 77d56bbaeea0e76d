import { defineConfig } from 'vitest/config';

/**
 * The fuzzer (`npm run fuzz`, test/fuzz): its own configuration, so that `npm test` does not
 * run it; on the integration tier's template database.
 */
export default defineConfig({
  test: {
    env: { NODE_ENV: 'test' },
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
