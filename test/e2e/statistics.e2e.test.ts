import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * Issue 16's "done when", on a phone: the demo analyst opens the demand and supply dashboards
 * with exact figures, filters by corridor (Kenya → United Arab Emirates, the demo's) and by
 * occupation, downloads the table as SDMX-CSV; the public page shows the same table perturbed
 * and says so. The pages work with JavaScript off; axe and a screenshot of each page in English
 * and Arabic, nothing to scroll sideways.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

async function signInAnalyst(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill('analyst@demo.corridor.example');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await passDemoTwoFactor(page);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/** The figures table's row headers and the total row's first cell. */
async function figures(page: Page) {
  return {
    rows: await page.$$eval('main table.govuk-table tbody th[scope="row"]', (cells) =>
      cells.map((cell) => cell.textContent?.trim() ?? ''),
    ),
    total: (await page.locator('main table.govuk-table tfoot td').first().textContent())?.trim(),
  };
}

/** Chooses the demo corridor and an occupation on a table page's filter form, and submits. */
async function filterCorridor(page: Page, occupation: string) {
  await page.selectOption('#origin', 'KE');
  await page.selectOption('#destination', 'AE');
  await page.locator('#occupation').fill(occupation);
  await page.locator('main form button').click();
  await page.waitForURL(/origin=KE/);
}

describe.skipIf(skip)('statistics in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it(
    'lets the analyst filter demand and supply by corridor and occupation and download SDMX-CSV; the public sees the same table perturbed',
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const page = await signInAnalyst(context);

      // The menu has the restricted statistics; the overview says what it shows.
      await page.goto(`${baseUrl}/statistics/restricted?lang=en`);
      expect(await page.locator('a[href="/statistics/restricted"]').count()).toBeGreaterThan(0);
      expect(await page.locator('main').textContent()).toContain(
        'Exact figures — not for publication.',
      );

      // Demand by occupation (major groups), the demo corridor: the first occupation it has.
      await page.goto(`${baseUrl}/statistics/restricted/demand?by=occupation&level=1&lang=en`);
      const byOccupation = await figures(page);
      expect(byOccupation.rows.length).toBeGreaterThan(0);
      const occupation = (
        await page
          .locator('main table.govuk-table tbody th[scope="row"] .corridor-code')
          .first()
          .textContent()
      )
        ?.replace(/[\u2066-\u2069]/g, '')
        .trim();
      expect(occupation).toMatch(/^[0-9]$/);
      await filterCorridor(page, occupation!);
      expect(page.url()).toContain(`occupation=${occupation}`);
      expect(page.url()).toContain('by=occupation');
      const demand = await figures(page);
      expect(demand.rows.length).toBeGreaterThan(0);
      expect(await page.locator('.govuk-error-summary').count()).toBe(0);
      // The World Bank's figures for the corridor beside Corridor's own.
      expect(await page.locator('#world-bank').count()).toBe(1);

      // SDMX-CSV of the same table, with the filters kept.
      const href = await page.locator('a[href*="/data.sdmx.csv"]').getAttribute('href');
      expect(href).toContain('origin=KE');
      expect(href).toContain('destination=AE');
      const download = await context.request.get(`${baseUrl}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toMatch(/^application\/vnd\.sdmx\.data\+csv/);
      expect(download.headers()['content-disposition']).toMatch(
        /attachment; filename="corridor-demand/,
      );
      // Every dimension of the structure, the corridor filtered on in each record.
      const [header, first] = (await download.text()).split(/\r?\n/);
      expect(header).toBe(
        'DATAFLOW,DESTINATION,ORIGIN,CORRIDOR,OCCUPATION,CONTRACT_DURATION,WAGE_BAND,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
      );
      expect(first?.split(',').slice(0, 4)).toEqual(['CORRIDOR:DF_DEMAND(1.0)', 'AE', 'KE', '_T']);

      // Supply, the same corridor and occupation (destination: a preferred destination).
      await page.goto(`${baseUrl}/statistics/restricted/supply?lang=en`);
      await filterCorridor(page, occupation!);
      expect(await page.locator('.govuk-error-summary').count()).toBe(0);
      expect(await page.locator('main table.govuk-table').count()).toBeGreaterThan(0);

      // The public page: the same table, perturbed, and it says so; no "exact" warning.
      const query = `by=occupation&level=1&origin=KE&destination=AE&occupation=${occupation}`;
      const publicContext = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const reader = await publicContext.newPage();
      await reader.goto(`${baseUrl}/statistics/demand?${query}&lang=en`);
      const text = (await reader.locator('main').textContent()) ?? '';
      expect(text).toContain('changed slightly at random');
      expect(text).not.toContain('not for publication');
      expect((await figures(reader)).rows.length).toBeGreaterThanOrEqual(0);
      // The restricted page is not the public's.
      const refused = await reader.goto(`${baseUrl}/statistics/restricted/demand`);
      expect(
        new URL(reader.url()).pathname.startsWith('/sign-in') || refused?.status() === 403,
      ).toBe(true);
      await publicContext.close();
      await context.close();
    },
  );

  it('shows a bad filter as a translated error on the form, not a failure', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    for (const lang of ['en', 'ar'] as const) {
      const answer = await page.goto(
        `${baseUrl}/statistics/supply?occupation=71120&from=2026-05&to=2026-01&lang=${lang}`,
      );
      expect(answer?.status()).toBe(400);
      expect(await page.locator('.govuk-error-summary a[href="#occupation"]').count()).toBe(1);
      expect(await page.locator('.govuk-error-summary a[href="#to"]').count()).toBe(1);
      expect(await page.locator('#occupation').inputValue()).toBe('71120');
    }
    await context.close();
  });

  it(
    'passes axe with nothing to scroll sideways on a phone, in English and Arabic',
    { timeout: 120_000 },
    async () => {
      // axe runs as a script in the page, so these contexts have JavaScript on.
      const context = await browser.newContext({ viewport: PHONE });
      const analyst = await signInAnalyst(context);
      const publicContext = await browser.newContext({ viewport: PHONE });
      const reader = await publicContext.newPage();
      const pages: [Page, string, string][] = [
        [reader, 'statistics', '/statistics'],
        [reader, 'statistics-demand', '/statistics/demand?by=destination'],
        [
          reader,
          'statistics-supply-subdivisions',
          '/statistics/supply?by=origin-subdivision&origin=KE',
        ],
        [reader, 'statistics-corridor', '/statistics/matching?origin=KE&destination=AE'],
        [reader, 'statistics-error', '/statistics/demand?occupation=abc'],
        [analyst, 'statistics-restricted', '/statistics/restricted'],
        [
          analyst,
          'statistics-restricted-demand',
          '/statistics/restricted/demand?by=occupation&level=2',
        ],
        [analyst, 'statistics-restricted-processing', '/statistics/restricted/processing'],
      ];
      for (const lang of ['en', 'ar']) {
        for (const [page, name, url] of pages) {
          await page.goto(`${baseUrl}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
          await expectNoSidewaysScroll(page, `${name}`);
          await checkPage(page, name, lang);
        }
      }
      await publicContext.close();
      await context.close();
    },
  );
});
