import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_INFO } from '../../src/platform/i18n/languages.js';
import { SCREENSHOTS, WCAG_TAGS } from './axe.js';
import { expectNoSidewaysScroll } from './phone.js';

/** One JavaScript-enabled context per browser and viewport width, for the copies. */
const auditors = new WeakMap<Browser, Map<number, Promise<BrowserContext>>>();

function auditorFor(page: Page): Promise<BrowserContext> {
  const browser = page.context().browser();
  if (!browser) throw new Error('checkPageWithoutScript: the page has no browser');
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  let byWidth = auditors.get(browser);
  if (!byWidth) auditors.set(browser, (byWidth = new Map<number, Promise<BrowserContext>>()));
  let context = byWidth.get(viewport.width);
  if (!context) {
    context = browser.newContext({ viewport });
    byWidth.set(viewport.width, context);
  }
  return context;
}

/**
 * What {@link checkPage} checks, for a page opened with JavaScript off. axe and `page.evaluate`
 * run scripts in the page, which such a page refuses (they wait until the test times out), so
 * the page's HTML — as the server sent it, after any form it posted — is copied into a page with
 * JavaScript on, at the same width and address (so its stylesheet loads), and the
 * copy is checked: the direction of its language, no axe violation of WCAG 2.2 AA and, for a
 * phone, nothing to scroll sideways. The screenshot is of the page itself.
 */
export async function checkPageWithoutScript(
  page: Page,
  name: string,
  lang: string,
  options: { sideways?: boolean } = {},
): Promise<void> {
  const { dir } = LANGUAGE_INFO[isLanguage(lang) ? lang : DEFAULT_LANGUAGE];
  expect(await page.getAttribute('html', 'dir')).toBe(dir);
  const html = await page.content();
  const url = page.url();
  const copy = await (await auditorFor(page)).newPage();
  try {
    // The copy is served at the page's own address, so its stylesheet and images load as usual.
    await copy.route(
      (target) => target.href === url,
      (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    await copy.goto(url, { waitUntil: 'load' });
    const results = await new AxeBuilder({ page: copy }).withTags(WCAG_TAGS).analyze();
    const violations = results.violations.map(
      (v) => `${name}/${lang} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(violations).toEqual([]);
    if (options.sideways) await expectNoSidewaysScroll(copy, `${name}/${lang}`);
  } finally {
    await copy.close();
  }
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}.png`, fullPage: true });
}
