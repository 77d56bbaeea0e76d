import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.data.js';
import { checkPage, SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import { passDemoTwoFactor } from './two-factor.js';

/**
 * Administrators' tools in the browser, in English and Arabic: withdrawing an invitation (and
 * its link afterwards), a member's page with the two-factor reset, and the erasure form that
 * asks for a code or tells the only administrator to appoint another. Nothing here resets or
 * erases a demo account: the other browser tests sign in with them.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';

let browser: Browser;

const audit = (page: Page, name: string, lang: string) => checkPage(page, `admin-${name}`, lang);

async function check(page: Page, path: string, name: string, lang: string) {
  const separator = path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
  expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
  await audit(page, name, lang);
}

/** One signed-in browser per demo user (a second sign-in would replay the TOTP code). */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await passDemoTwoFactor(page);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

/** The id of a demo user, from the member links of their organisation's page. */
async function memberHref(page: Page, organisationHref: string, name: string): Promise<string> {
  await page.goto(`${baseUrl}${organisationHref}?lang=en`);
  const row = page.locator('tr', { hasText: name });
  const href = await row.locator('a[href*="/members/"]').first().getAttribute('href');
  expect(href).toMatch(/\/members\/[0-9a-f-]{36}$/);
  return href!;
}

describe.skipIf(skip)('administrators’ tools in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('withdraws an invitation; its link then says so', async () => {
    const officer = await signedIn('origin.officer@demo.corridor.example');
    const { page } = officer;
    await page.goto(`${baseUrl}/organisations?lang=en`);
    const organisationHref = await page
      .locator('tr', { hasText: 'National Employment Authority' })
      .locator('a')
      .first()
      .getAttribute('href');
    await page.goto(`${baseUrl}${organisationHref}/invitations/new?lang=en`);
    // An authority's administrator is not offered the auditor role.
    expect(await page.locator('input[name="role"][value="auditor"]').count()).toBe(0);
    await page.locator('#email').fill('invited.by.mistake@example.org');
    await page.locator('input[name="role"][value="analyst"]').check();
    await page.locator('form[action$="/invitations"] button').click();
    await page.waitForURL(/sent=1/);
    for (const lang of ['en', 'ar']) {
      await check(page, `${organisationHref}/invitations/new?sent=1`, 'invite-pending', lang);
    }

    await page.goto(`${baseUrl}/dev/outbox?lang=en`);
    const link = await page
      .locator('section', { hasText: 'invited.by.mistake@example.org' })
      .locator('a[href*="/invitations/"]')
      .first()
      .getAttribute('href');
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);

    await page.goto(`${baseUrl}${organisationHref}/invitations/new?lang=en`);
    await page
      .locator('li', { hasText: 'invited.by.mistake@example.org' })
      .locator('button')
      .click();
    await page.waitForURL(/revoked=1/);
    await audit(page, 'invite-revoked', 'en');

    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitorPage = await visitor.newPage();
    for (const lang of ['en', 'ar']) {
      await check(visitorPage, new URL(link!).pathname, 'invitation-withdrawn', lang);
    }
    expect(await visitorPage.locator('input[name="password"]').count()).toBe(0);
    await visitor.close();

    // Their own member page: no reset of their own second factor, said plainly.
    const self = await memberHref(page, organisationHref!, 'Daniel Otieno');
    for (const lang of ['en', 'ar']) await check(page, self, 'member-self', lang);
    // The authority's only administrator is asked to appoint another before erasing.
    for (const lang of ['en', 'ar']) await check(page, '/account/data', 'data-last-admin', lang);
    expect(await page.locator('input[name="code"]').count()).toBe(0);
    await officer.context.close();
  }, 180_000);

  it('a member’s page offers the two-factor reset; erasure asks for a code', async () => {
    const admin = await signedIn('admin@demo.corridor.example');
    await admin.page.goto(`${baseUrl}/organisations?lang=en`);
    const organisationHref = await admin.page
      .locator('tr', { hasText: 'National Employment Authority' })
      .locator('a')
      .first()
      .getAttribute('href');
    const member = await memberHref(admin.page, organisationHref!, 'Daniel Otieno');
    for (const lang of ['en', 'ar']) await check(admin.page, member, 'member-reset', lang);
    expect(await admin.page.locator('form[action$="/two-factor/reset"]').count()).toBe(1);
    await admin.context.close();

    const analyst = await signedIn('analyst@demo.corridor.example');
    for (const lang of ['en', 'ar']) await check(analyst.page, '/account/data', 'data-code', lang);
    expect(await analyst.page.locator('input[name="code"]').count()).toBe(1);
    await analyst.context.close();
  }, 180_000);
});
