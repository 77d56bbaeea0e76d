import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';
import { chromiumMissingReason } from './browser.js';

/**
 * Starts Corridor as `npm start` does — a new PGlite database, migrated and seeded at start —
 * on a free port, for the browser tests. Without Chromium the tests are skipped with a plain
 * explanation, except under CI=true where that is a failure.
 */
export default async function setup(project: TestProject) {
  const missing = chromiumMissingReason();
  if (missing) {
    if (process.env.CI === 'true') throw new Error(missing);
    console.warn(`\n⚠ ${missing} Skipping them.\n`);
    project.provide('browserSkipReason', missing);
    project.provide('baseUrl', '');
    return;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-e2e-'));
  const server = await startServer(
    loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
  );
  project.provide('browserSkipReason', '');
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserSkipReason: string;
  }
}
