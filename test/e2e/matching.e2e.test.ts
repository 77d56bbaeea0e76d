import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';
import { signInDemo } from './two-factor.js';

/**
 * Matching (issue 15) in the browser on the demo server, at phone width, in English and in
 * Arabic: a demo job seeker sees their recommended vacancies and how they compare for the first;
 * the demo agency's staff member opens the matching candidates of one of its published vacancies
 * and invites the first. axe, no sideways scrolling and a screenshot of each page.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const AGENCY_STAFF = 'agency@demo.corridor.example';
// A demo job seeker who can sign in and has recommendations (matching.engine.int.test.ts
// lists them).
const SEEKER = 'achieng.wanjiru.21@seekers.demo.corridor.example';

let browser: Browser;

async function visit(page: Page, path: string, lang: string): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
  expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
}

async function check(page: Page, name: string, lang: string): Promise<void> {
  await expectNoSidewaysScroll(page, `${name}/${lang}`);
  await checkPage(page, name, lang);
}

async function signIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in?lang=en`);
  await signInDemo(page, email);
  return { context, page };
}

describe.skipIf(skip)('matching in the browser (issue 15)', () => {
  let seeker: { context: BrowserContext; page: Page };
  let staff: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    seeker = await signIn(SEEKER);
    staff = await signIn(AGENCY_STAFF);
  });
  afterAll(async () => {
    await seeker?.context.close();
    await staff?.context.close();
    await browser?.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`a job seeker sees recommended vacancies and how they compare (${lang})`, async () => {
      const { page } = seeker;
      await visit(page, '/recommended', lang);
      const compare = page.locator('main a[href$="/how-you-compare"]').first();
      expect(await compare.count(), 'a recommended vacancy').toBe(1);
      await check(page, 'matching-recommended', lang);
      const href = (await compare.getAttribute('href'))!;
      await visit(page, href, lang);
      expect(await page.locator('main a[href$="/apply"]').count()).toBe(1);
      expect(await page.locator('main ul.govuk-list li').count()).toBeGreaterThan(0);
      await check(page, 'matching-compare', lang);
    });

    it(`the agency sees matching candidates and invites one (${lang})`, async () => {
      const { page } = staff;
      await visit(page, '/job-orders?state=published', lang);
      const references = await page
        .locator('table tbody tr span[dir="ltr"]')
        .evaluateAll((spans) => spans.map((span) => span.textContent?.trim() ?? ''));
      let found: number | null = null;
      for (const reference of references.filter((r) => /^JO-\d+$/.test(r))) {
        const number = Number(reference.slice(3));
        await visit(page, `/vacancies/${number}/candidates`, lang);
        if ((await page.locator('main li.govuk-summary-card').count()) > 0) {
          found = number;
          break;
        }
      }
      expect(found, 'a published vacancy of the demo agency with candidates').not.toBeNull();
      await check(page, 'matching-candidates', lang);
      const invite = page.locator('main li.govuk-summary-card form button').first();
      if ((await invite.count()) > 0) {
        await invite.click();
        await page.waitForLoadState();
        expect(new URL(page.url()).searchParams.get('invited')).toBe('1');
        expect(await page.locator('.govuk-notification-banner--success').count()).toBe(1);
        await check(page, 'matching-invited', lang);
      }
    });
  }
});
