import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES, LANGUAGE_INFO, type Language } from '../../src/platform/i18n/languages.js';
import { SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { register } from './registration.js';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  openPublicPage,
  PHONE,
  PUBLIC_PAGES,
  smallTargets,
} from './phone.js';

/**
 * Every public page, and a job seeker's signed-in pages, on a small phone (360 × 740) in English
 * and Arabic: axe clean (best practices included), nothing to scroll sideways, tap targets as
 * phone.ts describes, the results of the vacancy search before its filters. With JavaScript, as
 * most phones have it; the filters are also checked without.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const PASSWORD = 'correct horse battery staple';
const PHONE_LANGUAGES: Language[] = ['en', 'ar'];
// Seventeen pages with axe each: about 20 s on a quiet machine; room for a busy one.

let browser: Browser;

async function checkOnPhone(page: Page, name: string, lang: Language): Promise<void> {
  await expectAccessible(page, name, lang);
  await expectNoSidewaysScroll(page, `${name}/${lang}`);
  expect(await smallTargets(page), `${name}/${lang}`).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/phone-${name}-${lang}.png`, fullPage: true });
}

describe.skipIf(skip)('pages on a phone', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const lang of PHONE_LANGUAGES) {
    it(`every public page fits a phone in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      for (const target of PUBLIC_PAGES) {
        await openPublicPage(page, baseUrl, target, lang);
        await checkOnPhone(page, target.name, lang);
      }
      await context.close();
    }, 240_000);

    it(`a job seeker's pages fit a phone in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?lang=${lang}`);
      await register(page, baseUrl, {
        fullName: lang === 'ar' ? 'فاطمة الزهراء' : 'Amina Yusuf',
        email: `phone.${lang}.${Date.now()}@example.org`,
        password: PASSWORD,
        lang,
      });
      await checkOnPhone(page, 'account', lang);
      for (const path of [
        '/account/password',
        '/account/two-factor',
        '/account/data',
        '/account/access-log',
        '/account/consents',
        '/account/identity-documents',
      ]) {
        const response = await page.goto(`${baseUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        await checkOnPhone(page, `account${path.slice('/account'.length).replace('/', '-')}`, lang);
      }
      await context.close();
    }, 180_000);
  }

  it('shows the vacancy search results before its filters, which open without JavaScript', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/vacancies?group=2&posted=30&lang=en`);
    const summary = page.locator('.corridor-filters__summary');
    const panel = page.locator('.corridor-filters__panel');
    const firstResult = page.locator('#results li h3 a').first();
    expect(await summary.textContent()).toContain('Filter results (2 applied)');
    // Closed: not one filter is shown, so the first result is the first thing after the search.
    expect(await panel.isVisible()).toBe(false);
    expect(await page.locator('input[name="group"]').first().isVisible()).toBe(false);
    const summaryBox = (await summary.boundingBox())!;
    expect(summaryBox.height).toBeLessThan(60);
    expect((await firstResult.boundingBox())!.y).toBeGreaterThan(summaryBox.y);
    // Opened by a tap, with no script: the filters, and the applied ones ticked.
    await summary.click();
    expect(await panel.isVisible()).toBe(true);
    expect(await page.locator('input[name="group"][value="2"]').isChecked()).toBe(true);
    await page.locator('input[name="group"][value="3"]').check();
    await panel.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/group=3/);
    expect(await page.locator('.corridor-filters__summary').textContent()).toContain('(3 applied)');

    // A filter with an error: open, so that the error summary's link leads to the field.
    await page.goto(`${baseUrl}/vacancies?destination=ARE&lang=en`);
    expect(await page.locator('.corridor-filters__panel').isVisible()).toBe(true);

    // On a wide screen the filters are a column beside the results, open, with no summary.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/vacancies?lang=en`);
    expect(await page.locator('.corridor-filters__summary').isVisible()).toBe(false);
    const column = (await page.locator('.corridor-filters__panel').boundingBox())!;
    const results = (await page.locator('#results').boundingBox())!;
    expect(column.x + column.width).toBeLessThanOrEqual(results.x);
    expect(Math.abs(column.y - results.y)).toBeLessThan(100);
    await context.close();
  });

  it('offers every language by its own name, with its lang, hreflang and dir, in 44 px targets', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?lang=ar`);
    const items = page.locator('.corridor-language-switcher li > *');
    expect(await items.count()).toBe(LANGUAGES.length);
    for (const code of LANGUAGES) {
      const item = page.locator(`.corridor-language-switcher [lang="${code}"]`);
      expect(await item.textContent()).toBe(LANGUAGE_INFO[code].nativeName);
      expect(await item.getAttribute('dir')).toBe(LANGUAGE_INFO[code].dir);
      if (code !== 'ar') expect(await item.getAttribute('hreflang')).toBe(code);
      expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await page.locator('.corridor-language-switcher [lang="fr"]').click();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await context.close();
  });
});
