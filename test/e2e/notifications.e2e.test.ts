import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { PHONE } from './phone.js';

/**
 * A job seeker's notifications on a small phone with JavaScript off, in English and Arabic: the
 * list (marking read when there is something to mark), and the settings, refused with a named
 * error for SMS without a phone number, then saved; axe and a screenshot of each page.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill('jobseeker@demo.corridor.example');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

describe.skipIf(skip)('notifications in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /** The list (mark one read if any), the settings refused with a named error, then saved. */
  async function journey(page: Page, lang: string, check: (name: string) => Promise<void>) {
    await signIn(page);

    await page.goto(`${baseUrl}/notifications?lang=${lang}`);
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    expect(await page.locator('h1').textContent()).toBe(
      lang === 'ar' ? 'الإشعارات' : 'Notifications',
    );
    await fitsThePhone(page);
    await check('list');
    const markOne = page.locator(
      'form[action$="/read"]:not([action="/notifications/read-all"]) button',
    );
    if ((await markOne.count()) > 0) {
      const before = await markOne.count();
      await markOne.first().click();
      await page.waitForURL(/done=read/);
      expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
      expect(await markOne.count()).toBe(before - 1);
      await check('marked-read');
    } else {
      expect(await page.locator('main p').allTextContents()).toContain(
        lang === 'ar'
          ? 'لا توجد لديك إشعارات بعد. عندما يتغير شيء في أحد طلباتك، نخبرك به هنا.'
          : 'You have no notifications yet. When something changes in one of your applications, we tell you here.',
      );
    }

    await page.locator('a[href="/notifications/settings"]').click();
    await page.waitForURL(/\/notifications\/settings/);
    await fitsThePhone(page);
    await check('settings');
    // The demo job seeker has an email address and no phone: SMS is refused, named.
    await page.locator('#email').check();
    await page.locator('#sms').check();
    await page.locator('form[action="/notifications/settings"] button').click();
    await page.waitForLoadState();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.count()).toBe(1);
    expect(await summary.locator('a[href="#sms"]').count()).toBe(1);
    expect(await page.title()).toMatch(lang === 'ar' ? /^خطأ/ : /^Error/);
    await fitsThePhone(page);
    await check('settings-error');
    await page.locator('#sms').uncheck();
    await page.locator('#email').check();
    await page.locator('form[action="/notifications/settings"] button').click();
    await page.waitForURL(/saved=1/);
    expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
    expect(await page.locator('#email').isChecked()).toBe(true);
    expect(await page.locator('#sms').isChecked()).toBe(false);
    await check('settings-saved');
  }

  it('works on a phone with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    await journey(await context.newPage(), 'en', async () => undefined);
    await context.close();
  }, 120_000);

  for (const lang of ['en', 'ar']) {
    it(`passes axe on a phone, in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await journey(page, lang, (name) => checkPage(page, `notifications-${name}`, lang));
      await context.close();
    }, 120_000);
  }
});
