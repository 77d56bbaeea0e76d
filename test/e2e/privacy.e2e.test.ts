import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';

/**
 * The privacy notice (public) and the person's own corner on /account, on a
 * phone, in English and Arabic: axe and a screenshot of each, nothing to scroll sideways.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const audit = (page: Page, name: string, lang: string) => checkPage(page, `privacy-${name}`, lang);

describe.skipIf(skip)('the privacy notice and the account page in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('shows the notice on a phone, linked from the footer', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/privacy?lang=${lang}`);
      expect(await page.locator('.govuk-footer a[href="/privacy"]').count()).toBe(1);
      expect(await page.locator('.govuk-summary-list__row').count()).toBe(10);
      await expectNoSidewaysScroll(page, `privacy/${lang}`);
      await audit(page, 'notice', lang);
    }
    await context.close();
  });

  it("links everything on the person's account page, on a phone", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('#email').fill('jobseeker@demo.corridor.example');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL(/\/account$/);
    for (const lang of ['en', 'ar']) {
      await page.goto(`${baseUrl}/account?lang=${lang}`);
      for (const href of ['/account/consents', '/account/access-log', '/account/data', '/privacy'])
        expect(await page.locator(`main a[href="${href}"]`).count(), href).toBe(1);
      await expectNoSidewaysScroll(page, `account/${lang}`);
      await audit(page, 'account', lang);
    }
    await context.close();
  });
});
