import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * The pages of organisations, API keys, invitations, the audit trail and personal data, with
 * the demo accounts that the server seeded at start: axe and a screenshot of each, in English
 * and Arabic.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

async function check(page: Page, path: string, name: string, lang: string, status = 200) {
  const separator = path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
  expect({ name, status: response?.status() }).toEqual({ name, status });
  await audit(page, name, lang);
}

/** axe and a screenshot of the page as it stands. */
const audit = (page: Page, name: string, lang: string) => checkPage(page, `staff-${name}`, lang);

/** One signed-in browser per demo user (a second sign-in would replay the TOTP code). */
async function signedIn(
  email: string,
  twoFactor = true,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  if (twoFactor) {
    await passDemoTwoFactor(page);
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

describe.skipIf(skip)('staff and personal-data pages in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('organisations, API keys and invitations (system administrator, employer administrator)', async () => {
    const admin = await signedIn('admin@demo.corridor.example');
    for (const lang of ['en', 'ar']) {
      await check(admin.page, '/organisations', 'organisations', lang);
      await check(admin.page, '/organisations/new', 'organisation-new', lang);
    }
    // The form's error summary, as a person sees it.
    await admin.page.goto(`${baseUrl}/organisations/new?lang=en`);
    await admin.page
      .locator(
        'form[action="/organisations"] button[type="submit"], form[action="/organisations"] .govuk-button',
      )
      .first()
      .click();
    expect(await admin.page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await admin.page.title()).toMatch(/^Error:/);
    await audit(admin.page, 'organisation-new-errors', 'en');
    await admin.context.close();

    const employer = await signedIn('employer@demo.corridor.example');
    await employer.page.goto(`${baseUrl}/organisations`);
    const link = employer.page.locator('table a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/organisations\/[0-9a-f-]{36}$/);
    for (const lang of ['en', 'ar']) {
      await check(employer.page, href!, 'organisation', lang);
      await check(employer.page, `${href}/api-keys`, 'api-keys', lang);
      await check(employer.page, `${href}/invitations/new`, 'invite', lang);
    }
    await employer.context.close();
  });

  it('the audit trail (auditor)', async () => {
    const auditor = await signedIn('auditor@demo.corridor.example');
    for (const lang of ['en', 'ar']) await check(auditor.page, '/audit', 'audit', lang);
    await auditor.context.close();
  });

  it('consents, personal data and the access log (job seeker)', async () => {
    const seeker = await signedIn('jobseeker@demo.corridor.example', false);
    for (const lang of ['en', 'ar']) {
      await check(seeker.page, '/account/consents', 'consents', lang);
      await check(seeker.page, '/account/data', 'my-data', lang);
      await check(seeker.page, '/account/access-log', 'access-log', lang);
    }
    await seeker.context.close();
  });
});
