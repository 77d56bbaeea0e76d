import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';
import { register } from './registration.js';

/**
 * The home region (bio step) and the intended stay abroad (destinations step) on a phone, in
 * English and in Arabic, for a person who registers: the region list appears once the
 * nationality is saved; a region that is no longer in a changed nationality is refused with a
 * named error; the stay's radios; both on the CV. Axe and a screenshot of each page.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const MOVED: Record<string, string> = {
  en: 'Choose your home region again:',
  ar: 'اختر منطقتك الأصلية من جديد:',
};
const ONE_TO_TWO_YEARS: Record<string, string> = { en: '1 to 2 years', ar: 'من سنة إلى سنتين' };

async function save(page: Page, action: string) {
  await page.locator(`form[action="${action}"] button.govuk-button`).click();
}

describe.skipIf(skip)('home region and intended stay, in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const lang of ['en', 'ar']) {
    it(`sets the home region and the intended stay (${lang})`, async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await register(page, baseUrl, {
        fullName: lang === 'ar' ? 'سارة نيبال' : 'Sita Home',
        email: `home-stay-${lang}-${Date.now()}@example.org`,
        password: 'a long passphrase for e2e tests 16',
        lang,
      });

      // Before a nationality is saved: the step says where the list will come from.
      await page.goto(`${baseUrl}/profile/bio?lang=${lang}`);
      expect(await page.locator('select#homeSubdivision').count()).toBe(0);
      await expectNoSidewaysScroll(page, `profile-bio-no-region-${lang}`);
      await checkPage(page, 'profile-bio-no-region', lang);
      await page.locator('#givenNames').fill(lang === 'ar' ? 'سارة' : 'Sita');
      await page.locator('#birthDate').fill('1994-05');
      await page.locator('input[name="sex"][value="F"]').check();
      await page.locator('#nationality').selectOption('NP');
      await save(page, '/profile/bio');
      await page.waitForURL((url) => url.pathname !== '/profile/bio');

      // Then the regions of Nepal; one chosen and saved.
      await page.goto(`${baseUrl}/profile/bio?lang=${lang}`);
      await page.locator('select#homeSubdivision').selectOption('NP-P3');
      await expectNoSidewaysScroll(page, `profile-bio-region-${lang}`);
      await checkPage(page, 'profile-bio-region', lang);
      await save(page, '/profile/bio');
      await page.waitForURL((url) => url.pathname !== '/profile/bio');

      // The nationality changed with the old region still chosen: a named error, input kept.
      await page.goto(`${baseUrl}/profile/bio?lang=${lang}`);
      expect(await page.locator('select#homeSubdivision').inputValue()).toBe('NP-P3');
      await page.locator('#nationality').selectOption('KE');
      await save(page, '/profile/bio');
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(MOVED[lang]);
      expect(await page.locator('#givenNames').inputValue()).toBe(lang === 'ar' ? 'سارة' : 'Sita');
      await page.locator('.govuk-error-summary a[href="#homeSubdivision"]').click();
      await expectNoSidewaysScroll(page, `profile-bio-region-error-${lang}`);
      await checkPage(page, 'profile-bio-region-error', lang);
      await page.locator('select#homeSubdivision').selectOption('KE-30');
      await save(page, '/profile/bio');
      await page.waitForURL((url) => url.pathname !== '/profile/bio');

      // How long abroad: radios on the destinations step.
      await page.goto(`${baseUrl}/profile/destinations?lang=${lang}`);
      expect(await page.locator('input[name="intendedStay"][value="unknown"]').isChecked()).toBe(
        true,
      );
      await page.locator('input[name="intendedStay"][value="13-24"]').check();
      await expectNoSidewaysScroll(page, `profile-destinations-stay-${lang}`);
      await checkPage(page, 'profile-destinations-stay', lang);
      await page
        .locator('.govuk-form-group:has(input[name="intendedStay"])')
        .screenshot({ path: `${SCREENSHOTS}/profile-intended-stay-${lang}.png` });
      await save(page, '/profile/destinations');
      await page.waitForURL((url) => url.pathname !== '/profile/destinations');

      await page.goto(`${baseUrl}/profile/cv?lang=${lang}`);
      const cv = (await page.locator('main').textContent()) ?? '';
      expect(cv).toContain(ONE_TO_TWO_YEARS[lang]);
      expect(cv).toContain(lang === 'ar' ? 'مقاطعة نايروبي' : 'Nairobi County');
      await checkPage(page, 'profile-cv-region-stay', lang);
      await context.close();
    }, 180_000);
  }
});
