import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../../src/modules/accounts/totp.js';
import { launchBrowser } from './browser.js';
import { finishRegistration, outboxLink, register } from './registration.js';

const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const SCREENSHOTS = 'test-results/screenshots';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PASSWORD = 'correct horse battery staple';

let browser: Browser;

/** Runs axe on the page as it is, and keeps a screenshot. */
async function checkAccessibility(page: Page, name: string, lang: string) {
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (v) => `${name}/${lang} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/accounts-${name}-${lang}.png`, fullPage: true });
}

async function visit(page: Page, path: string, name: string, lang: string, status = 200) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status()).toBe(status);
  await checkAccessibility(page, name, lang);
}

async function signOut(page: Page) {
  await page.goto(`${baseUrl}/account`);
  await page.locator('form[action="/sign-out"] button').first().click();
  await page.waitForURL(/\/sign-in\?signedOut=1/);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
}

describe.skipIf(skip)('accounts in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ar']) {
    it(`registers, signs in, turns on two-factor authentication and signs out (${lang}), every page accessible`, async () => {
      const context: BrowserContext = await browser.newContext({
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      // Choosing the language once (the cookie keeps it).
      await page.goto(`${baseUrl}/?lang=${lang}`);
      const email = `e2e.${lang}.${Date.now()}@example.org`;

      await visit(page, '/register', 'register', lang);
      // Sending the empty form shows the error summary, still accessible.
      await page.locator('form[action="/register"] button[type="submit"]').click();
      expect(await page.locator('.govuk-error-summary').isVisible()).toBe(true);
      await checkAccessibility(page, 'register-errors', lang);

      await page.locator('#fullName').fill(lang === 'ar' ? 'فاطمة الزهراء' : 'Amina Yusuf');
      await page.locator('#email').fill(email);
      await page.locator(`input[name="preferredLanguage"][value="${lang}"]`).check();
      await page.locator('input[name="privacyNoticeRead"]').check();
      await page.locator('form[action="/register"] button[type="submit"]').click();
      await page.waitForURL(/\/register\/check-email$/);
      await checkAccessibility(page, 'register-check-email', lang);
      await finishRegistration(page, baseUrl, { email, password: PASSWORD });
      await checkAccessibility(page, 'account', lang);

      await visit(page, '/account/password', 'change-password', lang);
      await visit(page, '/account/two-factor', 'two-factor-setup', lang);
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(
        /\s/g,
        '',
      );
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await page.locator('#code').fill(totpCode(secret));
      await page.locator('form[action="/account/two-factor"] button[type="submit"]').click();
      await page.getByTestId('recovery-codes').waitFor();
      expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      await checkAccessibility(page, 'recovery-codes', lang);

      await signOut(page);
      await checkAccessibility(page, 'sign-in', lang);

      await signIn(page, email);
      await page.waitForURL(/\/sign-in\/two-factor/);
      await checkAccessibility(page, 'sign-in-two-factor', lang);
      // The code of the next time step: the current one was used to turn two-factor on.
      await page.locator('#code').fill(totpCode(secret, Date.now() + 30_000));
      await page.locator('form[action="/sign-in/two-factor"] button[type="submit"]').click();
      await page.waitForURL(/\/account$/);
      expect(await page.locator('h1').textContent()).toBeTruthy();
      await visit(page, '/account/two-factor', 'two-factor-status', lang);
      await signOut(page);

      await visit(page, '/password-reset', 'password-reset', lang);
      await page.locator('#email').fill(email);
      await page.locator('form[action="/password-reset"] button[type="submit"]').click();
      await page.waitForURL(/\/password-reset\/sent/);
      await checkAccessibility(page, 'password-reset-sent', lang);
      await visit(page, '/dev/outbox', 'outbox', lang);
      const link = await outboxLink(page, baseUrl, email);
      await visit(page, link, 'password-reset-new', lang);
      await visit(page, '/password-reset/not-a-valid-token', 'password-reset-invalid', lang, 404);
      await context.close();
    }, 300_000);
  }

  it('works with JavaScript off: register and sign out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?lang=en`);
    await register(page, baseUrl, {
      fullName: 'Sukarno',
      email: `nojs.${Date.now()}@example.org`,
      password: PASSWORD,
      lang: 'en',
    });
    expect(await page.locator('body').textContent()).toContain('Sukarno');
    await signOut(page);
    await context.close();
  });
});
