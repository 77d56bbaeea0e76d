import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { App } from '../../src/platform/http/types.js';
import { createServices } from '../../src/services.js';
import type { TestDatabase } from './database.js';

/**
 * The anchors a test run writes (an auditor's button in a page test) go to a file of its own,
 * never to the working tree's DATA_DIR, whose development database they do not describe.
 */
const TEST_ANCHOR_FILE = path.join(os.tmpdir(), `corridor-test-anchors-${process.pid}.jsonl`);

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    AUDIT_ANCHOR_FILE: TEST_ANCHOR_FILE,
    ...overrides,
  });
}

/** Collects what the app logs, so that tests can read it. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/**
 * The real app on a test database, for `app.inject()`. Routes for a test may be added before
 * `await app.ready()`.
 */
export async function createTestApp(
  database: TestDatabase,
  options: { config?: Config; logs?: LogCapture } = {},
): Promise<App> {
  const config = options.config ?? testConfig();
  return createApp({
    config,
    services: createServices({ db: database.kysely, config }),
    ping: database.ping,
    logStream: options.logs ?? new LogCapture(),
  });
}
