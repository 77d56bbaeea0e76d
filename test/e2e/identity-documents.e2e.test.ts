import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { td3 } from '../../src/modules/identity-documents/testing/mrz-specimens.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';
import { signInDemo } from './two-factor.js';

/**
 * Identity documents with the demo accounts that the server seeded at start: the job seeker
 * adds a passport and sees it masked; the origin officer (Kenya) finds her by its number. Axe
 * and a screenshot of each page, in English and Arabic.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const NUMBER = 'KE0041772';
const EXPIRY_YEAR = String(new Date().getUTCFullYear() + 6);

let browser: Browser;

/** axe and a screenshot of the page as it stands. */
const audit = (page: Page, name: string, lang: string) =>
  checkPage(page, `identity-documents-${name}`, lang);

async function check(page: Page, path: string, name: string, lang: string) {
  const response = await page.goto(`${baseUrl}${path}?lang=${lang}`);
  expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
  await audit(page, name, lang);
}

/** Signs a demo user in (staff through the two-factor step: two-factor.ts). */
async function signedIn(
  email: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await signInDemo(page, email);
  return { context, page };
}

describe.skipIf(skip)('identity documents in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('the job seeker adds a passport and sees it masked', async () => {
    const { context, page } = await signedIn('jobseeker@demo.corridor.example');
    for (const lang of ['en', 'ar']) {
      await check(page, '/account/identity-documents', 'documents', lang);
    }
    // The form's errors, as a person sees them.
    await page.goto(`${baseUrl}/account/identity-documents?lang=en`);
    await page.locator('#documentNumber').fill('ПАСПОРТ');
    await page.locator('#expiryDate-day').fill('31');
    await page.locator('#expiryDate-month').fill('2');
    await page.locator('#expiryDate-year').fill(EXPIRY_YEAR);
    await page.locator('form[action="/account/identity-documents"] .govuk-button').click();
    expect(await page.title()).toMatch(/^Error:/);
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select the type of document');
    expect(summary).toContain('The document number must only include letters A to Z');
    expect(summary).toContain('Enter a real date');
    expect(summary).not.toContain('ПАСПОРТ');
    await audit(page, 'documents-errors', 'en');

    await page.locator('#documentType').check();
    await page.locator('#documentNumber').fill('ke 004-1772');
    await page.locator('#issuingCountry').selectOption('KE');
    await page.locator('#expiryDate-day').fill('28');
    await page.locator('#expiryDate-month').fill('2');
    await page.locator('#expiryDate-year').fill(EXPIRY_YEAR);
    await page.locator('form[action="/account/identity-documents"] .govuk-button').click();
    await page.waitForURL(/added=1/);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('••••••772');
    expect(main).not.toContain(NUMBER);
    await audit(page, 'documents-added', 'en');
    await check(page, '/account/identity-documents', 'documents-added', 'ar');
    await context.close();
  });

  it('the origin officer finds her by the number, in English and Arabic', async () => {
    const { context, page } = await signedIn('origin.officer@demo.corridor.example');
    for (const lang of ['en', 'ar']) {
      await check(page, '/people/lookup', 'lookup', lang);
      await page.locator('#documentType').check();
      await page.locator('#documentNumber').fill('KE0041772');
      await page.locator('#issuingCountry').selectOption('KE');
      await page
        .locator('#purpose')
        .fill(lang === 'ar' ? 'التحقق قبل المغادرة' : 'Exit clearance check');
      await page.locator('form[action="/people/lookup"] .govuk-button').click();
      await page.waitForSelector('#result');
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Wairimu');
      expect(main).toContain('••••••772');
      await audit(page, 'lookup-found', lang);
    }
    await page.goto(`${baseUrl}/people/lookup?lang=en`);
    await page.locator('#documentType').check();
    await page.locator('#documentNumber').fill('KE0000000');
    await page.locator('#issuingCountry').selectOption('KE');
    await page.locator('#purpose').fill('Exit clearance check');
    await page.locator('form[action="/people/lookup"] .govuk-button').click();
    await page.waitForSelector('#result');
    expect(await page.textContent('#result')).toContain('No person found');
    await audit(page, 'lookup-none', 'en');
    await context.close();
  });

  // After the officer: the passport read from the MRZ is the one added above (same number,
  // country and expiry), so what the tests before and after it find stays true.
  it('the job seeker pastes the MRZ on a phone, checks what was read and saves', async () => {
    const { context, page } = await signedIn('jobseeker@demo.corridor.example', PHONE);
    const expiry = `${EXPIRY_YEAR.slice(2)}0228`;
    const [first = '', second = ''] = td3({ country: 'KEN', number: NUMBER, expiry });
    for (const lang of ['ar', 'en']) {
      await page.goto(`${baseUrl}/account/identity-documents?lang=${lang}`);
      if (lang === 'ar') {
        // A wrong expiry date check digit, as a slip of the keyboard makes it.
        const slip = second.charAt(27) === '0' ? '1' : '0';
        await page
          .locator('#mrz')
          .fill(`${first}\n${second.slice(0, 27)}${slip}${second.slice(28)}`);
        await page
          .locator('form[action="/account/identity-documents/read-mrz"] .govuk-button')
          .click();
        await page.waitForSelector('.govuk-error-summary');
        await audit(page, 'mrz-errors', lang);
      }
      // Pasted as a person pastes: lower case, with a blank line and spaces.
      await page.locator('#mrz').fill(`${first.toLowerCase()}\n\n ${second} `);
      await page
        .locator('form[action="/account/identity-documents/read-mrz"] .govuk-button')
        .click();
      await page.waitForSelector('#read-from-mrz');
      expect(await page.locator('#documentNumber').inputValue()).toBe(NUMBER);
      expect(await page.locator('#issuingCountry').inputValue()).toBe('KE');
      expect(await page.locator('#expiryDate-year').inputValue()).toBe(EXPIRY_YEAR);
      expect(await page.textContent('#read-from-mrz')).toContain('WANJIKU');
      // Nothing wider than the phone: the table of documents scrolls in a region of its own.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      await audit(page, 'mrz-read', lang);
    }
    await page.locator('form[action="/account/identity-documents"] .govuk-button').click();
    await page.waitForURL(/added=1/);
    expect((await page.textContent('main')) ?? '').toContain('••••••772');
    await context.close();
  });

  it('the job seeker sees who looked, and why', async () => {
    const { context, page } = await signedIn('jobseeker@demo.corridor.example');
    await page.goto(`${baseUrl}/account/access-log?lang=en`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('National Employment Authority (demo)');
    expect(main).toContain('Exit clearance check');
    await context.close();
  });
});
