import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';

/**
 * Names in the reader's language (ADR 12) on a vacancy page: the country and the region by
 * their CLDR names (Arabic on an Arabic page, "Dubai" rather than the ISO "Dubayy" in English),
 * English skills marked lang="en", and the note that some standard terms are in English, once.
 * Relies on the demo vacancies in Dubai that the server seeds at start.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

/** The first vacancy in Dubai, found through the search's destination filter. */
async function openDubaiVacancy(page: Page, lang: string): Promise<void> {
  await page.goto(`${baseUrl}/vacancies?destination=AE&lang=${lang}`);
  const links = await page
    .locator('#results li h3 a')
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  for (const href of links) {
    await page.goto(`${baseUrl}${href}${href.includes('?') ? '&' : '?'}lang=${lang}`);
    if ((await page.content()).includes(lang === 'ar' ? 'امارة دبي' : 'Dubai')) return;
  }
  throw new Error('No demo vacancy in Dubai');
}

describe.skipIf(skip)('names in the reader’s language in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('shows an Arabic country and region name on an Arabic vacancy page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await openDubaiVacancy(page, 'ar');
    const terms = page.locator('.govuk-summary-list');
    await expect.poll(() => terms.textContent()).toContain('الإمارات العربية المتحدة');
    const place = terms.locator('span[dir="auto"]', { hasText: 'امارة دبي' });
    expect(await place.count()).toBe(1);
    // In the page's language: no lang of its own, right to left as the page.
    expect(await place.getAttribute('lang')).toBeNull();
    expect(await place.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.content()).not.toContain('Dubayy');
    // ESCO skills are English only: marked, left to right, and the page says so once.
    const skills = terms.locator('span[lang="en"]');
    expect(await skills.count()).toBeGreaterThan(0);
    expect(await skills.first().evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await page.locator('.corridor-terms-note').count()).toBe(1);
    await checkPage(page, 'names-vacancy', 'ar');

    await openDubaiVacancy(page, 'en');
    expect(await terms.textContent()).toContain('Dubai');
    expect(await page.content()).not.toContain('Dubayy');
    expect(await terms.locator('span[lang]').count()).toBe(0);
    expect(await page.locator('.corridor-terms-note').count()).toBe(0);
    await checkPage(page, 'names-vacancy', 'en');
    await context.close();
  });
});
