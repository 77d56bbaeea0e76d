import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.js';

const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const SCREENSHOTS = 'test-results/screenshots';

const PAGES = [
  { name: 'home', path: '/', status: 200 },
  { name: 'data-sources', path: '/about/data', status: 200 },
  { name: 'api-docs', path: '/api/docs', status: 200 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser: Browser;
let context: BrowserContext;

async function open(page: Page, path: string, lang: string) {
  const separator = path.includes('?') ? '&' : '?';
  return page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
}

describe.skipIf(skip)('pages in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  for (const lang of ['en', 'ar']) {
    for (const target of PAGES) {
      it(`${target.name} in ${lang} has no accessibility violations`, async () => {
        const page = await context.newPage();
        const response = await open(page, target.path, lang);
        expect(response?.status()).toBe(target.status);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const violations = results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(violations).toEqual([]);
        await page.screenshot({
          path: `${SCREENSHOTS}/${target.name}-${lang}.png`,
          fullPage: true,
        });
        await page.close();
      });
    }
  }

  for (const lang of ['fr', 'es']) {
    it(`home in ${lang} has no accessibility violations`, async () => {
      const page = await context.newPage();
      await open(page, '/', lang);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/home-${lang}.png` });
      await page.close();
    });
  }

  it('mirrors the layout in Arabic: the logo sits on the right, the switcher on the left', async () => {
    const page = await context.newPage();
    const width = page.viewportSize()!.width;
    await open(page, '/', 'en');
    const logoEn = (await page.locator('.corridor-header__logo').boundingBox())!;
    expect(logoEn.x).toBeLessThan(width / 2);
    await open(page, '/', 'ar');
    const logoAr = (await page.locator('.corridor-header__logo').boundingBox())!;
    const switcherAr = (await page.locator('.corridor-language-switcher').boundingBox())!;
    expect(logoAr.x + logoAr.width).toBeGreaterThan(width / 2);
    expect(switcherAr.x).toBeLessThan(logoAr.x);
    const textAlign = await page.locator('h1').evaluate((el) => getComputedStyle(el).direction);
    expect(textAlign).toBe('rtl');
    await page.close();
  });

  it('works with JavaScript off: switching language by link', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await open(page, '/', 'en');
    await page.getByRole('link', { name: 'Français' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    // The choice is remembered without the URL parameter.
    await page.goto(`${baseUrl}/about/data`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await noJs.close();
  });

  it('fits a small phone screen without sideways scrolling, in both directions', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    for (const lang of ['en', 'ar']) {
      await open(page, '/', lang);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await page.screenshot({ path: `${SCREENSHOTS}/home-phone-${lang}.png`, fullPage: true });
    }
    await phone.close();
  });

  it('loads no script without a CSP nonce (no CSP violations)', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await open(page, '/', 'en');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    expect(
      await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')),
    ).toBe(true);
    await page.close();
  });
});
