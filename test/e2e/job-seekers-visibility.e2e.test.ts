import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';

/**
 * The visibility step on a phone, in English and in Arabic, with the demo job seeker: "visible
 * in the countries I chose" and who may see it (employers, licensed agencies, both ticked);
 * visible to nobody is refused with a named error in the error summary; agencies only is saved
 * and the profile's overview says so. Axe and a screenshot of each page.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const REQUIRED: Record<string, string> = {
  en: 'Choose who may see your profile: employers, licensed recruitment agencies, or both.',
  ar: 'اختر من يمكنه رؤية ملفك: أصحاب العمل، أو وكالات التوظيف المرخّصة، أو كلاهما.',
};
const AGENCIES: Record<string, string> = {
  en: 'Licensed recruitment agencies',
  ar: 'وكالات التوظيف المرخّصة',
};

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe.skipIf(skip)('who may see a profile, in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('chooses the kinds of organisation, is refused none, and saves agencies only', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('#email').fill('jobseeker@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    // A destination first: visibility is in the chosen countries.
    await page.goto(`${baseUrl}/profile/destinations?lang=en`);
    const details = page.locator('form[action="/profile/destinations"] details');
    if ((await details.getAttribute('open')) === null) {
      await details.locator('summary').click();
    }
    await page.locator('input[name="countries"][value="AE"]').check();
    await page.locator('form[action="/profile/destinations"] button.govuk-button').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/profile/destinations'));

    for (const lang of ['en', 'ar']) {
      const response = await page.goto(`${baseUrl}/profile/visibility?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await page.locator('input[name="visibility"][value="destinations"]').check();
      const employer = page.locator('input[name="visibleTo"][value="employer"]');
      const agency = page.locator('input[name="visibleTo"][value="recruitment_agency"]');
      await expect.poll(() => employer.isVisible()).toBe(true);
      expect(await employer.isChecked()).toBe(true);
      expect(await agency.isChecked()).toBe(true);
      await fitsThePhone(page);
      await checkPage(page, 'profile-visibility', lang);

      // Visible to nobody: refused, named in the error summary, nothing saved.
      await employer.uncheck();
      await agency.uncheck();
      await page.locator('form[action="/profile/visibility"] button.govuk-button').click();
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(REQUIRED[lang]);
      await page.locator('.govuk-error-summary a[href="#visibleTo"]').click();
      await fitsThePhone(page);
      await checkPage(page, 'profile-visibility-error', lang);

      // Agencies only.
      await page.locator('input[name="visibility"][value="destinations"]').check();
      await page.locator('input[name="visibleTo"][value="recruitment_agency"]').check();
      await page.locator('form[action="/profile/visibility"] button.govuk-button').click();
      await page.waitForURL((url) => url.search.includes('saved=1'));
      await page.goto(`${baseUrl}/profile?lang=${lang}`);
      const shown = await page.locator('#visible-to').textContent();
      expect(shown).toContain(AGENCIES[lang]);
      await fitsThePhone(page);
      await checkPage(page, 'profile-overview-visible-to', lang);

      // Back to private with both kinds, for the next language.
      await page.goto(`${baseUrl}/profile/visibility?lang=${lang}`);
      await page.locator('input[name="visibility"][value="destinations"]').check();
      await page.locator('input[name="visibleTo"][value="employer"]').check();
      await page.locator('input[name="visibility"][value="private"]').check();
      await page.locator('form[action="/profile/visibility"] button.govuk-button').click();
      await page.waitForURL((url) => url.search.includes('saved=1'));
    }
    await context.close();
  });
});
