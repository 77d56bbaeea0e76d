import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';

/**
 * "Find a job abroad" with JavaScript off: search, a facet, pagination, a vacancy page, the
 * Atom feed parsed by the browser's XML parser; axe and screenshots in English and Arabic.
 * Relies on the demo vacancies that the server seeds at start (seedDemoVacancies).
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const audit = (page: Page, name: string, lang: string) =>
  checkPage(page, `vacancies-${name}`, lang);

/** The number in "123 vacancies found". */
async function total(page: Page): Promise<number> {
  const heading = (await page.textContent('#results h2')) ?? '';
  return Number(/([\d,]+)/.exec(heading)?.[1]?.replace(/,/g, '') ?? 0);
}

describe.skipIf(skip)('vacancy search in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('searches, filters and pages with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/vacancies?lang=en`);
    const all = await total(page);
    expect(all).toBeGreaterThan(20);

    // Pagination keeps the search.
    await page.locator('.govuk-pagination__next a').click();
    await page.waitForURL(/page=2/);
    expect(await page.locator('#results li h3 a').count()).toBeGreaterThan(0);

    // A facet: the first destination, applied with the form's button.
    await page.goto(`${baseUrl}/vacancies?lang=en`);
    const first = page.locator('input[name="destination"]').first();
    const code = await first.getAttribute('value');
    await first.check();
    await page.getByRole('button', { name: 'Apply filters' }).first().click();
    await page.waitForURL(new RegExp(`destination=${code}`));
    const filtered = await total(page);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(all);
    expect(await page.locator(`input[name="destination"][value="${code}"]`).isChecked()).toBe(true);

    // Words, from the search box.
    await page.locator('#q').fill('nurse');
    await page.locator('form[role="search"] button').first().click();
    await page.waitForURL(/q=nurse/);
    expect(await total(page)).toBeLessThanOrEqual(filtered);

    // A vacancy page, every term shown.
    await page.goto(`${baseUrl}/vacancies?lang=en`);
    await page.locator('#results li h3 a').first().click();
    await page.waitForURL(/\/vacancies\/\d+/);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Terms of the job');
    expect(main).toContain('Who recruits for this job');
    await context.close();
  });

  it('serves an Atom feed the browser parses as XML', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/vacancies?lang=en`);
    const href = await page.getAttribute(
      'link[rel="alternate"][type="application/atom+xml"]',
      'href',
    );
    expect(href).toBe('/vacancies/feed.atom');
    const response = await page.request.get(`${baseUrl}${href}`);
    expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    const xml = await response.text();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI,
        entries: doc.getElementsByTagName('entry').length,
      };
    }, xml);
    expect(parsed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom' });
    expect(parsed.entries).toBeGreaterThan(0);
    await context.close();
  });

  it('passes axe on the search and vacancy pages, in English and Arabic', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/vacancies?lang=${lang}`);
      await audit(page, 'search', lang);
      await page.goto(`${baseUrl}/vacancies?q=nurse&sort=wage&lang=${lang}`);
      await audit(page, 'results', lang);
      // A misspelt word is searched as the nearest known one, and the page says so.
      await page.goto(`${baseUrl}/vacancies?q=nurze&lang=${lang}`);
      // The first note is the correction (the second, the occupation found in every language).
      expect(await page.locator('#results .govuk-inset-text').first().textContent()).toContain(
        'nurse',
      );
      expect(await total(page)).toBeGreaterThan(0);
      await audit(page, 'corrected', lang);
      await page.goto(`${baseUrl}/vacancies?destination=ARE&lang=${lang}`);
      expect(await page.locator('.govuk-error-summary a[href="#destination"]').count()).toBe(1);
      await audit(page, 'error', lang);
      await page.goto(`${baseUrl}/vacancies?lang=${lang}`);
      await page.locator('#results li h3 a').first().click();
      await page.waitForURL(/\/vacancies\/\d+/);
      await audit(page, 'vacancy', lang);
    }
    await context.close();
  });
});
