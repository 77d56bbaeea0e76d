import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';

/**
 * Comparing remittance costs on a phone with JavaScript off, in English and Arabic: choose a
 * corridor with the form, sort the table with its links, type an amount (and a wrong one); axe,
 * nothing to scroll sideways, screenshots. Relies on the demo prices (seedDemoRemittances).
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

/** Each row's provider cell (with its speed) and total, as shown. */
async function table(page: Page) {
  return page.$$eval('.corridor-remittance-table tbody tr', (rows) =>
    rows.map((row) => ({
      total: row.querySelector('td strong')?.textContent?.trim() ?? '',
      provider: row.querySelector('th')?.textContent ?? '',
    })),
  );
}

describe.skipIf(skip)('remittance costs in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const lang of ['en', 'ar'] as const) {
    it(`compares, sorts and prices an amount on a phone without JavaScript (${lang})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/remittances?lang=${lang}`);
      await page.selectOption('#from', 'AE');
      await page.selectOption('#to', 'PH');
      await page.locator('main form button').click();
      await page.waitForURL(/\/remittances\/AE\/PH$/);
      expect(await page.locator('svg.corridor-chart title').count()).toBe(1);
      const cheapestFirst = await table(page);
      expect(cheapestFirst.length).toBeGreaterThan(3);

      // Sorting by speed is a link: the fastest offers come first.
      await page.locator('nav a[href*="sort=speed"]').click();
      await page.waitForURL(/sort=speed/);
      const fastest = await table(page);
      expect(fastest[0]?.provider).toContain(lang === 'en' ? 'Within an hour' : 'خلال ساعة');
      expect(fastest.map((row) => row.total).sort()).toEqual(
        cheapestFirst.map((row) => row.total).sort(),
      );

      // An amount the reader types; then a wrong one, named in the error summary.
      await page.locator('#amount').fill('2000');
      await page.locator('main form button').click();
      await page.waitForURL(/amount=2000/);
      expect(await page.locator('h2').first().textContent()).toMatch(/2,000|٢٬٠٠٠|2٬000/);
      await page.locator('#amount').fill('lots');
      await page.locator('main form button').click();
      await page.waitForURL(/amount=lots/);
      expect(await page.locator('.govuk-error-summary a[href="#amount"]').count()).toBe(1);
      await context.close();
    });
  }

  it('passes axe with nothing to scroll sideways on a phone, in English and Arabic', async () => {
    // axe runs as a script in the page, so this context has JavaScript on.
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const pages = [
      ['choose', '/remittances'],
      ['corridor', '/remittances/AE/PH'],
      ['error', '/remittances/AE/PH?amount=lots&sort=speed'],
    ];
    for (const lang of ['en', 'ar']) {
      for (const [name, url] of pages) {
        await page.goto(`${baseUrl}${url}${url!.includes('?') ? '&' : '?'}lang=${lang}`);
        await expectNoSidewaysScroll(page, `remittances-${name}`);
        await checkPage(page, `remittances-${name}`, lang);
      }
    }
    await context.close();
  });
});
