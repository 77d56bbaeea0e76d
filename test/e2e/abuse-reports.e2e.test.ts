import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * Reporting abuse on a small phone with JavaScript off (search the agency, file, keep the
 * reference, follow the report), and an origin officer's queue and report with the demo's
 * urgent report first: axe and a screenshot of each page, in English and Arabic.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const audit = (page: Page, name: string, lang: string) =>
  checkPage(page, `abuse-reports-${name}`, lang);

async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe.skipIf(skip)('reporting abuse in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /** Search the agency, file, keep the reference, follow the report; the reference. */
  async function fileAndFollow(page: Page, lang: string, check: (name: string) => Promise<void>) {
    await page.goto(`${baseUrl}/report?lang=${lang}`);
    await fitsThePhone(page);
    await check('form');
    await page.locator('#q').fill('rift valley');
    await page.locator('form[action="/report"][method="get"] button').click();
    await page.waitForURL(/q=rift/);
    await page.locator('input[name="organisationId"]').first().check();
    await page.locator('input[name="categories"][value="illegal_fees"]').check();
    await page.locator('#occurredCountry').selectOption('KE');
    await page.locator('#description').fill('طلبوا منا رسومًا قبل السفر. They asked for fees.');
    await check('form-found');
    await page.locator('form[action="/report"][method="post"] button[type="submit"]').click();
    await page.waitForLoadState();
    const reference = (await page.locator('.govuk-panel strong').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(page.url()).not.toContain(reference);
    await fitsThePhone(page);
    await check('sent');
    await page.goto(`${baseUrl}/report/follow?lang=${lang}`);
    await page.locator('#reference').fill(reference.toLowerCase());
    await page.locator('form[action="/report/follow"] button').click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-summary-list').count()).toBe(1);
    await fitsThePhone(page);
    await check('follow');
  }

  it('files a report and follows it on a phone with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    await fileAndFollow(await context.newPage(), 'en', async () => undefined);
    await context.close();
  });

  for (const lang of ['en', 'ar']) {
    it(`passes axe on the reporter's pages on a phone, in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await fileAndFollow(page, lang, (name) => audit(page, name, lang));
      await context.close();
    }, 120_000);
  }

  it(
    'shows an origin officer the queue, urgent first, and a report',
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/sign-in`);
      await page.locator('#email').fill('origin.officer@demo.corridor.example');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type="submit"]').click();
      await passDemoTwoFactor(page);
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      for (const lang of ['en', 'ar']) {
        await page.goto(`${baseUrl}/abuse-reports?lang=${lang}`);
        const first = page.locator('tbody tr').first();
        expect(await first.locator('.govuk-tag--red').count()).toBe(1);
        await audit(page, 'queue', lang);
        await first.locator('a').click();
        await page.waitForURL(/\/abuse-reports\/R-/);
        expect(await page.locator('.govuk-warning-text').count()).toBe(1);
        await audit(page, 'report', lang);
      }
      await context.close();
    },
  );
});
