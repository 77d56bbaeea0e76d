import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { tinyPdf } from '../../src/modules/documents/testing/fixtures.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';

/**
 * A job seeker's documents on a phone, in English and in Arabic, with the demo job seeker: a
 * PDF uploaded (no script needed: a plain multipart form), listed, downloaded as it was; a text
 * file renamed .pdf refused with a named error. Axe and a screenshot of each page.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const TITLES: Record<string, string> = {
  en: 'Diploma in nursing, 2019',
  ar: 'شهادة التمريض ٢٠١٩',
};
const WRONG_TYPE: Record<string, string> = {
  en: 'The selected file must be a PDF, JPEG or PNG',
  ar: 'يجب أن يكون الملف المختار من نوع PDF أو JPEG أو PNG',
};

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe.skipIf(skip)('documents in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('uploads a PDF, sees it listed, downloads it, and is refused a renamed text file', async () => {
    const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('#email').fill('jobseeker@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    for (const lang of ['en', 'ar']) {
      const response = await page.goto(`${baseUrl}/profile/documents?lang=${lang}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await fitsThePhone(page);
      await checkPage(page, 'documents', lang);

      // A text file renamed .pdf: refused, named, nothing stored.
      await page.locator('input[name="kind"][value="diploma"]').check();
      await page.locator('#title').fill(TITLES[lang]!);
      await page.locator('#file').setInputFiles({
        name: 'notes.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('These are my notes, not a PDF.\n'),
      });
      await page.locator('form[action="/profile/documents"] button.govuk-button').click();
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(WRONG_TYPE[lang]);
      expect(await page.locator('#title').inputValue()).toBe(TITLES[lang]);
      await fitsThePhone(page);
      await checkPage(page, 'documents-error', lang);

      // The real PDF.
      const pdf = tinyPdf(`e2e ${lang}`);
      await page.locator('input[name="kind"][value="diploma"]').check();
      await page.locator('#file').setInputFiles({
        name: `diploma-${lang}.pdf`,
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await page.locator('form[action="/profile/documents"] button.govuk-button').click();
      await page.waitForURL(/uploaded=1/);
      const item = page.locator('#documents li', { hasText: `diploma-${lang}.pdf` });
      expect(await item.locator('h3').textContent()).toContain(TITLES[lang]);
      await fitsThePhone(page);
      await checkPage(page, 'documents-uploaded', lang);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        item.locator('a.govuk-link').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`diploma-${lang}.pdf`);
      const saved = await download.path();
      expect(fs.readFileSync(saved).equals(pdf)).toBe(true);
    }
    await context.close();
  });
});
