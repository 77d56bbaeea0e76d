import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANGUAGE_INFO, type Language } from '../../src/platform/i18n/languages.js';
import { WCAG_TAGS } from './axe.js';

/** A small phone: what the pages must fit without sideways scrolling. */
export const PHONE = { width: 360, height: 740 };

/**
 * The public pages: every page reachable without signing in. Those found by following a link
 * (a vacancy, a recruiter) are opened from `from` with the first link matching `link`.
 */
export interface PublicPage {
  name: string;
  path: string;
  status?: number;
  link?: string;
}
export const PUBLIC_PAGES: PublicPage[] = [
  { name: 'home', path: '/' },
  { name: 'data-sources', path: '/about/data' },
  { name: 'languages', path: '/about/languages' },
  { name: 'api-docs', path: '/api/docs' },
  { name: 'vacancies', path: '/vacancies' },
  { name: 'vacancies-filtered', path: '/vacancies?group=2&posted=30' },
  { name: 'vacancy', path: '/vacancies', link: '#results li h3 a' },
  { name: 'recruiters', path: '/recruiters' },
  { name: 'recruiters-results', path: '/recruiters?q=savannah' },
  { name: 'recruiter', path: '/recruiters?q=savannah', link: 'a[href^="/recruiters/"]' },
  { name: 'statistics', path: '/statistics' },
  { name: 'statistics-table', path: '/statistics/supply?by=origin-subdivision&origin=KE' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'register', path: '/register' },
  { name: 'password-reset', path: '/password-reset' },
  { name: 'password-reset-sent', path: '/password-reset/sent' },
  { name: 'password-reset-invalid', path: '/password-reset/not-a-token', status: 404 },
  { name: 'invitation-invalid', path: '/invitations/not-a-token' },
  { name: 'erased', path: '/account/data/erased' },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];

export async function openPublicPage(
  page: Page,
  baseUrl: string,
  target: PublicPage,
  lang: Language,
): Promise<void> {
  const separator = target.path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${target.path}${separator}lang=${lang}`);
  if (target.link) {
    const href = await page.locator(target.link).first().getAttribute('href');
    expect(href, `${target.name}: a link ${target.link}`).toBeTruthy();
    const linked = await page.goto(`${baseUrl}${href!}`);
    expect(linked?.status(), target.name).toBe(200);
  } else {
    expect(response?.status(), `${target.name} ${target.path}`).toBe(target.status ?? 200);
  }
}

/**
 * axe: WCAG 2.2 AA and the best practices (among them `region`: all content inside landmarks),
 * on the page as it is, with its language and direction as LANGUAGE_INFO declares them.
 */
export async function expectAccessible(page: Page, name: string, lang: Language): Promise<void> {
  expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
  expect(await page.getAttribute('html', 'dir'), name).toBe(LANGUAGE_INFO[lang].dir);
  const results = await new AxeBuilder({ page })
    .withTags([...WCAG_TAGS, 'best-practice'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${name}/${lang} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
}

/** The page is no wider than the screen: nothing to scroll sideways to. */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.scrollingElement!;
    // The first element that sticks out, to say what to fix.
    const out = [...document.body.querySelectorAll('*')].find((element) => {
      const box = element.getBoundingClientRect();
      return box.right > root.clientWidth + 1 || box.left < -1;
    });
    const widest = out ? `${out.tagName.toLowerCase()}.${[...out.classList].join('.')}` : '';
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  expect(scrollWidth, `${name} is ${scrollWidth} px wide (${widest})`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/**
 * The controls every page has (header, language switcher, menu, back link, pagination,
 * buttons, footer links, a list's filter disclosure): at least 44 px tall, our bar for primary
 * controls (WCAG 2.5.5's size).
 */
export const PRIMARY_CONTROLS = [
  '.corridor-header a',
  '.corridor-header button',
  '.govuk-service-navigation a',
  '.govuk-service-navigation button',
  '.corridor-back a',
  '.govuk-pagination a',
  '.govuk-button',
  '.govuk-footer a',
  '.corridor-filters__summary',
].join(', ');

/**
 * Tap targets at phone width. Primary controls ({@link PRIMARY_CONTROLS}) must be 44 px tall;
 * every other visible target must meet WCAG 2.5.8 (target size, minimum): at least 24 by 24 px,
 * or a link in a sentence (an inline link among other text), or so spaced that a 24 px circle
 * on its centre touches no other target and no other such circle. A link whose `::after` covers
 * its positioned parent (GOV.UK's pagination) is measured by that parent. Returns what fails.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((primarySelector) => {
    const selector =
      'a[href], button, summary, select, textarea, input:not([type="hidden"]), [role="button"]';
    const targets = [...document.querySelectorAll<HTMLElement>(selector)].flatMap((element) => {
      if (!element.checkVisibility({ visibilityProperty: true })) return [];
      const after = getComputedStyle(element, '::after');
      const covering =
        after.position === 'absolute' && after.content !== 'none' ? element.offsetParent : null;
      const box = (covering ?? element).getBoundingClientRect();
      // Visually hidden until focused (the skip link): not a target while hidden.
      if (box.width <= 1 || box.height <= 1) return [];
      return [{ element, box }];
    });
    const inSentence = (element: HTMLElement) => {
      if (getComputedStyle(element).display !== 'inline') return false;
      const block = element.parentElement?.closest('p, li, dd, td, th, div, label, span');
      const own = (element.textContent ?? '').trim().length;
      return ((block?.textContent ?? '').trim().length ?? 0) > own + 3;
    };
    const centre = (box: DOMRect) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    const distanceToBox = (point: { x: number; y: number }, box: DOMRect) =>
      Math.hypot(
        Math.max(box.left - point.x, 0, point.x - box.right),
        Math.max(box.top - point.y, 0, point.y - box.bottom),
      );
    const undersized = targets.filter(
      ({ element, box }) => (box.width < 24 || box.height < 24) && !inSentence(element),
    );
    const describe = (element: HTMLElement, box: DOMRect, why: string) =>
      `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ` +
      `"${(element.textContent ?? '').trim().slice(0, 30)}" ` +
      `${Math.round(box.width)}×${Math.round(box.height)} px: ${why}`;
    const failures: string[] = [];
    for (const { element, box } of targets) {
      if (element.matches(primarySelector) && box.height < 43.5) {
        failures.push(describe(element, box, 'a primary control under 44 px tall'));
      }
    }
    for (const { element, box } of undersized) {
      const point = centre(box);
      const crowded =
        targets.some(
          (other) => other.element !== element && distanceToBox(point, other.box) < 12,
        ) ||
        undersized.some((other) => {
          if (other.element === element) return false;
          const o = centre(other.box);
          return Math.hypot(o.x - point.x, o.y - point.y) < 24;
        });
      if (crowded) failures.push(describe(element, box, 'under 24 px and not spaced (2.5.8)'));
    }
    return failures;
  }, PRIMARY_CONTROLS);
}
