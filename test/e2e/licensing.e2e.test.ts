import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * "Check a recruiter" with JavaScript off (no account), and an origin officer reinstating the
 * demo agency whose licence is suspended: axe and a screenshot of each page, in English and
 * Arabic. Relies on the demo licences (seedDemoLicences) that the server seeds at start.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const audit = (page: Page, name: string, lang: string) =>
  checkPage(page, `licensing-${name}`, lang);

describe.skipIf(skip)('licensing in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('lets anyone check a recruiter with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/recruiters?lang=en`);
    await page.locator('#q').fill('rift valley');
    await page.locator('form[action="/recruiters"] button').click();
    await page.waitForURL(/q=rift/);
    await page.locator('a[href^="/recruiters/"]').first().click();
    await page.waitForURL(/\/recruiters\/[0-9a-f-]{36}/);
    expect(await page.locator('.govuk-tag--orange').count()).toBe(1);
    expect(await page.textContent('main')).toContain('recruitment fees');
    await context.close();
  });

  it('passes axe on the public pages, in English and Arabic', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/recruiters?lang=${lang}`);
      await audit(page, 'search', lang);
      await page.goto(`${baseUrl}/recruiters?q=savannah&lang=${lang}`);
      await audit(page, 'results', lang);
      await page.locator('a[href^="/recruiters/"]').first().click();
      await page.waitForURL(/\/recruiters\/[0-9a-f-]{36}/);
      expect(await page.locator('.govuk-tag--green').count()).toBe(1);
      await audit(page, 'recruiter', lang);
      await page.goto(`${baseUrl}/recruiters?q=nobody-by-this-name&lang=${lang}`);
      expect(await page.locator('.govuk-warning-text').count()).toBe(1);
      await audit(page, 'not-found', lang);
    }
    await context.close();
  });

  it('lets an origin officer reinstate a suspended licence, with the reason required', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('#email').fill('origin.officer@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await passDemoTwoFactor(page);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/licences?lang=${lang}`);
      await audit(page, 'licences', lang);
    }
    await page.goto(`${baseUrl}/licences?state=suspended&lang=en`);
    await page.locator('a[href^="/licences/"]').first().click();
    await page.waitForURL(/\/licences\/[0-9a-f-]{36}/);
    await audit(page, 'licence', 'en');
    await page.locator('input[name="event"][value="reinstate"]').check();
    await page.locator('form[action^="/licences/"] button').click();
    expect(await page.locator('.govuk-error-summary a[href="#reason"]').count()).toBe(1);
    await audit(page, 'licence-error', 'en');
    await page.locator('input[name="event"][value="reinstate"]').check();
    await page.locator('#reason').fill('Fees refunded to every worker');
    await page.locator('form[action^="/licences/"] button').click();
    await page.waitForURL(/done=reinstate/);
    expect(await page.textContent('main')).toContain('Fees refunded to every worker');
    await context.close();
  });
});
