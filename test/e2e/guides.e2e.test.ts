import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { checkPageWithoutScript } from './no-script.js';
import { PHONE } from './phone.js';
import { signInDemo } from './two-factor.js';

/**
 * Country guides in the browser (demo guides, seedDemoGuides): a reader on a phone without
 * JavaScript finds the United Arab Emirates guide in Arabic (and in English), axe on each page;
 * a guide opened once reads offline after a reload (the service worker); an officer writes a new
 * version, previews it and submits it for review, and is not offered to publish it (four eyes:
 * publishing by a second officer is in guides.int.test.ts, the demo has one per office).
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await signInDemo(page, email);
  return page;
}

describe.skipIf(skip)('country guides in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const lang of ['ar', 'en'] as const) {
    it(`a reader on a phone without JavaScript finds the UAE guide (${lang})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/guides?lang=${lang}`);
      await checkPageWithoutScript(page, 'guides-countries', lang, { sideways: true });
      await page.locator('a[href="/guides/AE"]').click();
      await page.waitForURL(/\/guides\/AE$/);
      await checkPageWithoutScript(page, 'guides-country', lang, { sideways: true });
      await page.locator('a[href="/guides/AE/health-care"]').click();
      await page.waitForURL(/\/guides\/AE\/health-care$/);
      expect(await page.locator('.corridor-guide__body').getAttribute('lang')).toBe(lang);
      expect(await page.locator('.corridor-guide__fallback').count()).toBe(0);
      expect(await page.locator('.corridor-guide__verified').textContent()).toMatch(/\S/);
      await checkPageWithoutScript(page, 'guides-guide', lang, { sideways: true });
      // A guide not written in the language: shown in English, with a notice.
      await page.goto(`${baseUrl}/guides/QA/housing`);
      if (lang === 'ar') {
        expect(await page.locator('.corridor-guide__fallback').count()).toBe(1);
        expect(await page.locator('.corridor-guide__body').getAttribute('dir')).toBe('ltr');
      }
      await checkPageWithoutScript(page, 'guides-guide-fallback', lang, { sideways: true });
      await context.close();
    }, 120_000);
  }

  it('a guide opened once stays readable offline (service worker)', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/guides/AE/housing?lang=en`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first visit installed the worker; this one goes through it and is kept.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const title = await page.locator('h1').textContent();
    await context.setOffline(true);
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe(title);
    await page.screenshot({ path: `${SCREENSHOTS}/guides-offline.png`, fullPage: false });
    await context.setOffline(false);
    await context.close();
  });

  it('an officer writes a new version, previews it and submits it for review', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'destination.officer@demo.corridor.example');
    await page.goto(`${baseUrl}/editing/guides?lang=en`);
    await checkPage(page, 'guides-editing', 'en');
    await page
      .locator('a[lang="en"]', { hasText: /Housing/ })
      .first()
      .click();
    await page.waitForURL(/\/editing\/guides\/[0-9a-f-]+$/);
    await page.locator('a[href$="/edit"]').click();
    const body = page.locator('#body');
    await body.fill(`${await body.inputValue()}\n\nA sentence added by the browser test.`);
    await page.locator('button[value="preview"]').click();
    expect(await page.locator('#preview').count()).toBe(1);
    await checkPage(page, 'guides-edit-preview', 'en');
    await page.locator('button[value="save"]').click();
    await page.waitForURL(/done=revise/);
    await page.locator('#event').check();
    await page.locator('form[action^="/editing/guides/"] button').click();
    await page.waitForURL(/done=submit/);
    expect(await page.locator('input[value="publish"]').count()).toBe(0);
    await checkPage(page, 'guides-editor-guide', 'en');
    await page.locator('a[href*="/diff?"]').first().click();
    expect(await page.locator('ins').count()).toBeGreaterThan(0);
    await checkPage(page, 'guides-diff', 'en');
    await context.close();
  });
});
