import fs from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TOTP_STEP_MS, totpCode } from '../../src/modules/accounts/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.data.js';
import { LANGUAGE_INFO, LANGUAGES } from '../../src/platform/i18n/languages.js';
import { SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';

/**
 * Right to left, measured in the browser for every right-to-left language: the page's
 * direction, the computed direction and place of isolated runs (an English title on an Arabic
 * page is a left-to-right run at the right-hand edge), and which way the back link's chevron and
 * the pagination arrows point. One browser and one page per language; screenshots to look at.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const RTL = LANGUAGES.filter((language) => LANGUAGE_INFO[language].dir === 'rtl');

let browser: Browser;

/** -1 when the chevron drawn by `element::before` (two borders, turned) points left, 1 right. */
async function chevronPoints(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const style = getComputedStyle(node, '::before');
    const has = (width: string) => parseFloat(width) > 0;
    // A chevron's point is the corner where its two borders meet.
    const x = (has(style.borderRightWidth) ? 1 : 0) - (has(style.borderLeftWidth) ? 1 : 0);
    const y = (has(style.borderBottomWidth) ? 1 : 0) - (has(style.borderTopWidth) ? 1 : 0);
    const turn = new DOMMatrix(style.transform === 'none' ? undefined : style.transform);
    return Math.sign(Math.round((turn.a * x + turn.c * y) * 1000));
  });
}

/** Which way a GOV.UK pagination arrow points once the stylesheet has turned it. */
async function arrowPoints(icon: Locator, drawn: 'left' | 'right'): Promise<number> {
  const scaleX = await icon.evaluate((node) => {
    const transform = getComputedStyle(node).transform;
    return new DOMMatrix(transform === 'none' ? undefined : transform).a;
  });
  return Math.sign(scaleX) * (drawn === 'left' ? -1 : 1);
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not rendered');
  return found;
}

async function direction(locator: Locator): Promise<string> {
  return locator.evaluate((node) => getComputedStyle(node).direction);
}

async function open(page: Page, path: string, name: string, lang: string): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
  expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  await page.screenshot({ path: `${SCREENSHOTS}/rtl-${name}-${lang}.png`, fullPage: true });
}

/** The previous step's code first (accepted for drift), so the current one stays free. */
async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(/\/sign-in\/two-factor/);
  for (const timestamp of [Date.now() - TOTP_STEP_MS, Date.now(), Date.now() + TOTP_STEP_MS]) {
    await page.locator('#code').fill(totpCode(DEMO_TOTP_SECRET, timestamp));
    await page.locator('form[action="/sign-in/two-factor"] button[type="submit"]').first().click();
    await page.waitForLoadState();
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) break;
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

describe.skipIf(skip)('right-to-left pages in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('has at least one right-to-left language to check', () => {
    expect(RTL.length).toBeGreaterThan(0);
  });

  it.each(RTL)('%s: public pages, isolated runs and mirrored arrows', async (lang) => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();

    await open(page, '/', 'home', lang);

    // The search, page 2: results whose titles are in English, and pagination both ways.
    await open(page, '/vacancies?page=2', 'search', lang);
    const title = page.locator('#results h3 a[lang="en"]').first();
    expect(await direction(title)).toBe('ltr');
    const heading = await box(title.locator('xpath=..'));
    // At the start (right-hand) edge of the page's direction, not on the left.
    expect(
      Math.abs(heading.x + heading.width - ((await box(title)).x + (await box(title)).width)),
    ).toBeLessThan(2);
    const previous = page.locator('.govuk-pagination__prev');
    const next = page.locator('.govuk-pagination__next');
    expect((await box(previous)).x).toBeGreaterThan((await box(next)).x);
    expect(await arrowPoints(page.locator('.govuk-pagination__icon--prev'), 'left')).toBe(1);
    expect(await arrowPoints(page.locator('.govuk-pagination__icon--next'), 'right')).toBe(-1);
    // The page numbers and the landmark are labelled in the language, not GOV.UK's English.
    expect(await page.getAttribute('nav.govuk-pagination', 'aria-label')).not.toBe('Pagination');
    const pageLabel = await page
      .locator('.govuk-pagination__item a')
      .first()
      .getAttribute('aria-label');
    expect(pageLabel).not.toMatch(/^Page /);

    // A tick is not a direction: drawn as in English, not mirrored into a down arrow.
    const tick = await page
      .locator('.govuk-checkboxes__label')
      .first()
      .evaluate((node) => {
        const style = getComputedStyle(node, '::after');
        return {
          left: parseFloat(style.borderLeftWidth) > 0,
          right: parseFloat(style.borderRightWidth) > 0,
          turn: Math.sign(new DOMMatrix(style.transform).b),
        };
      });
    expect(tick).toEqual({ left: true, right: false, turn: -1 });

    // A vacancy whose title is in English.
    const href = await title.getAttribute('href');
    await open(page, href!, 'vacancy', lang);
    const h1 = page.locator('h1');
    const run = h1.locator('span[dir="auto"]');
    expect(await direction(h1)).toBe('rtl');
    expect(await direction(run)).toBe('ltr');
    const [h1Box, runBox] = [await box(h1), await box(run)];
    expect(Math.abs(h1Box.x + h1Box.width - (runBox.x + runBox.width))).toBeLessThan(2);
    // Every value of the terms is an isolated run; English description paragraphs read ltr.
    const values = page.locator('.govuk-summary-list__value > span[dir="auto"]');
    expect(await values.count()).toBeGreaterThan(3);
    expect(await values.first().evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe(
      'isolate',
    );
    expect(
      await direction(
        page.locator('p[dir="auto"][lang="en"], [lang="en"] > p[dir="auto"]').first(),
      ),
    ).toBe('ltr');
    // "Back" points right, towards where a right-to-left reader has come from, at the start.
    const back = page.locator('.govuk-back-link');
    expect(await chevronPoints(back)).toBe(1);
    const chevronAtStart = await back.evaluate((node) => {
      const style = getComputedStyle(node, '::before');
      return parseFloat(style.right) < parseFloat(style.left);
    });
    expect(chevronAtStart).toBe(true);

    // Check a recruiter: the agency's name (Latin) isolated in the heading.
    await open(page, '/recruiters?q=savannah', 'recruiters', lang);
    const recruiterHref = await page
      .locator('a[href^="/recruiters/"]')
      .first()
      .getAttribute('href');
    await open(page, recruiterHref!, 'recruiter', lang);
    expect(await direction(page.locator('h1 bdi'))).toBe('ltr');

    await open(page, '/sign-in', 'sign-in', lang);
    await context.close();
  });

  it('a staff page with pagination (the audit trail), signed in once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'auditor@demo.corridor.example');
    for (const lang of RTL) {
      await open(page, '/audit', 'audit', lang);
      // The demo has fewer events than a page: older events, from the middle of the trail, have
      // the link back to the newest, whose arrow points right and which sits on the right.
      const newest = Number(
        /#(\d+)/.exec((await page.locator('main tbody td').first().textContent()) ?? '')?.[1],
      );
      expect(newest).toBeGreaterThan(2);
      await open(page, `/audit?beforeId=${Math.ceil(newest / 2)}`, 'audit-older', lang);
      expect(await arrowPoints(page.locator('.govuk-pagination__icon--prev'), 'left')).toBe(1);
      const previous = await box(page.locator('.govuk-pagination__prev'));
      const main = await box(page.locator('main'));
      expect(previous.x + previous.width).toBeGreaterThan(main.x + main.width / 2);
    }
    await context.close();
  });
});
