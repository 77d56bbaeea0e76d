import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_INFO } from '../../src/platform/i18n/languages.js';

export const SCREENSHOTS = 'test-results/screenshots';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * What every page must pass in the browser: the direction of its language (as the app declares
 * it; an unknown language falls back to the default), no axe violation of WCAG 2.2 AA, and a
 * full-page screenshot (`<name>-<lang>.png`) to look at.
 */
export async function checkPage(page: Page, name: string, lang: string): Promise<void> {
  const { dir } = LANGUAGE_INFO[isLanguage(lang) ? lang : DEFAULT_LANGUAGE];
  expect(await page.getAttribute('html', 'dir')).toBe(dir);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (v) => `${name}/${lang} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}.png`, fullPage: true });
}
