import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * The system administrator's background jobs page, on a server of its own (started as `npm
 * start` starts it, with its job runner) holding one failed job: axe in English and Arabic,
 * and "retry now".
 */
const skip = inject('browserSkipReason') !== '';

let browser: Browser;
let server: RunningServer;
let dataDir: string;

const audit = (page: Page, name: string, lang: string) => checkPage(page, `staff-${name}`, lang);

describe.skipIf(skip)('background jobs page in the browser', () => {
  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-e2e-jobs-'));
    server = await startServer(
      loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    );
    const jobs = server.services.jobs;
    jobs.define({
      name: 'test.unreachable',
      maxAttempts: 1,
      run: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:25');
      },
    });
    await jobs.enqueue(server.database.kysely, 'test.unreachable');
    await jobs.runDue();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('shows runs, failures and schedules, and retries a failed job (system administrator)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.locator('#email').fill('admin@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await passDemoTwoFactor(page);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    for (const lang of ['en', 'ar']) {
      const response = await page.goto(`${server.url}/system/jobs?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await audit(page, 'system-jobs', lang);
    }
    await page.goto(`${server.url}/system/jobs?lang=en`);
    // The error, in the failed job's row and in its run's.
    expect(await page.locator('text=connect ECONNREFUSED 10.0.0.7:25').count()).toBe(2);
    expect(await page.locator('form[action$="/retry"]').count()).toBe(1);
    await page.locator('form[action$="/retry"] button').first().click();
    await page.waitForURL(/\/system\/jobs\?retried=/);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    await audit(page, 'system-jobs-retried', 'en');
    await context.close();
  });
});
