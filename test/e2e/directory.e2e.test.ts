import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * The directory of services on a phone with JavaScript off (choose a country, read the list
 * and the map, open a service), and an origin officer adding a service: axe and a screenshot
 * of each page, in English and Arabic. Relies on the demo directory the server seeds at start.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const PHONE = { width: 375, height: 812 };

let browser: Browser;

const audit = (page: Page, name: string, lang: string) =>
  checkPage(page, `directory-${name}`, lang);

describe.skipIf(skip)('the directory in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('finds a service in a country on a phone with JavaScript off, in English and Arabic', async () => {
    // JavaScript off for the journey; axe needs it on, so a second page audits each step.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    const auditing = await browser.newContext({ viewport: PHONE });
    const auditor = await auditing.newPage();
    const check = async (name: string, lang: string) => {
      await auditor.goto(page.url());
      await audit(auditor, name, lang);
    };
    const markerX: Record<string, number> = {};
    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/directory?lang=${lang}`);
      await check('index', lang);
      await page.locator('#country').selectOption('AE');
      await page.locator('form[action="/directory"] button').click();
      await page.waitForURL(/\/directory\/AE/);
      const map = page.locator('svg.corridor-map');
      expect(await map.count()).toBe(1);
      // The map fits the phone's width; the markers are those of the list's entries with a point.
      const box = await map.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(PHONE.width);
      expect(await map.locator('circle').count()).toBe(3);
      // Not mirrored in Arabic: the markers stand where they stand in English.
      const marker = await map.locator('circle').first().boundingBox();
      markerX[lang] = (marker?.x ?? 0) - (box?.x ?? 0);
      await check('country', lang);
      await page.locator('#kind').selectOption('legal_aid');
      await page.locator('form.corridor-directory-filters button').click();
      await page.waitForURL(/kind=legal_aid/);
      await page.locator('main ol a[href^="/directory/AE/"]').first().click();
      await page.waitForURL(/\/directory\/AE\/[0-9a-f-]{36}/);
      expect(await page.locator('a[href="tel:+97140000004"]').count()).toBe(1);
      await check('entry', lang);
    }
    expect(markerX.ar).toBeCloseTo(markerX.en ?? -1, 0);
    await auditing.close();
    await context.close();
  });

  it('lets an origin officer add a service, with its errors named', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('#email').fill('origin.officer@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await passDemoTwoFactor(page);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/directory/manage?lang=${lang}`);
      await audit(page, 'manage', lang);
      await page.goto(`${baseUrl}/directory/manage/new?lang=${lang}`);
      await page.locator('#phones').fill('0712 000 000');
      await page.locator('form[action="/directory/manage/new"] button').first().click();
      expect(await page.locator('.govuk-error-summary').count()).toBe(1);
      await audit(page, 'form-errors', lang);
    }
    await page.locator('#kind').selectOption('hotline');
    await page.locator('#name').fill('Nakuru helpline (browser test)');
    await page.locator('#countryCode').selectOption('KE');
    await page.locator('#phones').fill('+254 51 000 0077');
    await page.locator('#lastCheckedOn').fill(new Date().toISOString().slice(0, 10));
    await page.locator('form[action="/directory/manage/new"] button').first().click();
    await page.waitForURL(/\/directory\/manage\?done=created/);
    expect(await page.textContent('main')).toContain('Nakuru helpline (browser test)');
    await context.close();
  });
});
