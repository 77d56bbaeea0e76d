import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREENSHOTS } from './axe.js';
import { checkPageWithoutScript } from './no-script.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';

/**
 * The eligibility self-assessment on a small phone with JavaScript off, in English and Arabic:
 * the list, each step, the occupation found from the reader's words, the result with its code;
 * axe and a screenshot of each page. Relies on the demo schemes the server seeds at start.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

describe.skipIf(skip)('eligibility in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const lang of ['en', 'ar']) {
    it(`a reader checks the skilled worker scheme without JavaScript on a phone (${lang})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const page = await context.newPage();
      const audit = (name: string) =>
        checkPageWithoutScript(page, `eligibility-${name}`, lang, { sideways: true });
      await page.goto(`${baseUrl}/eligibility?lang=${lang}`);
      await audit('list');
      await page.locator('a[href="/eligibility/ae-skilled-worker-demo"]').click();
      await page.waitForURL(/\/eligibility\/ae-skilled-worker-demo/);
      await audit('step-about');
      // A named error first.
      await page.locator('button[value="next"]').click();
      expect(await page.locator('.govuk-error-summary').count()).toBe(1);
      await audit('step-about-errors');
      await page.locator('#age').fill('30');
      await page.locator('#educationLevel').selectOption('6');
      await page.locator('#experienceYears').fill('5');
      await page.locator('button[value="next"]').click();
      await page.locator('#lang_en').waitFor();
      await audit('step-more');
      await page.locator('#lang_en').selectOption('B2');
      await page.locator('#lang_ar').selectOption('none');
      await page.locator('#jobOffer-2').check();
      await page.locator('button[value="next"]').click();
      await page.locator('#occupationText').waitFor();
      await page.locator('#occupationText').fill(lang === 'ar' ? 'مهندس مدني' : 'civil engineer');
      await page.locator('button[value="search"]').click();
      await page.locator('input[name="occupation"]').first().waitFor();
      await audit('step-occupation');
      await page.locator('input[name="occupation"]').first().check();
      await page.locator('button[value="next"]').click();
      await page.waitForURL(/\/eligibility\/results\/[0-9A-Z]{10}/);
      expect(await page.locator('#code').textContent()).toMatch(/^[0-9A-Z]{10}$/);
      expect(await page.locator('table.govuk-table tbody tr').count()).toBeGreaterThan(4);
      await audit('result');
      await context.close();
    }, 120_000);
  }
});
