import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/platform/i18n/languages.js';
import { SCREENSHOTS } from './axe.js';
import { launchBrowser } from './browser.js';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  openPublicPage,
  PHONE,
  PUBLIC_PAGES,
} from './phone.js';

/**
 * A lighter pass over every public page at phone width in each language other than English and
 * Arabic (which phone.e2e.test.ts covers fully): axe clean (on six pages), nothing to scroll sideways, the
 * page's language declared, and no English left. "English left" is any English catalogue
 * message without placeholders, longer than 12 characters and different from this language's
 * message of the same key, visible in the page outside an element marked lang="en" (standard
 * terms shown in English carry it). A language registered in LANGUAGES is covered at once.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const LIGHT_LANGUAGES = LANGUAGES.filter((lang) => lang !== 'en' && lang !== 'ar');
/**
 * axe is the slow check (about a second a page): in these languages it runs on the pages whose
 * layout and forms differ most, and the cheap checks run on every page.
 */
const AXE_PAGES = new Set(['home', 'vacancies', 'vacancy', 'recruiter', 'register', 'languages']);

let browser: Browser;

/** Every message of a language, keyed by file and dotted path. */
function catalogue(lang: Language): Map<string, string> {
  const messages = new Map<string, string>();
  const walk = (file: string, prefix: string, value: unknown) => {
    if (typeof value === 'string') messages.set(`${file}:${prefix}`, value);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        walk(file, prefix ? `${prefix}.${key}` : key, child);
      }
    }
  };
  const dir = path.join(LOCALES, lang);
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    walk(file, '', JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return messages;
}

/** The English messages that must not appear on a page in `lang`. */
function englishLeftovers(lang: Language): string[] {
  const english = catalogue('en');
  const own = catalogue(lang);
  const texts = new Set<string>();
  for (const [key, text] of english) {
    if (text.includes('{') || text.length <= 12 || own.get(key) === text) continue;
    texts.add(text.replace(/\s+/g, ' ').trim());
  }
  return [...texts];
}

describe.skipIf(skip)('pages in every other language, on a phone', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('has an English leftover check that can fail', () => {
    const leftovers = englishLeftovers('fr');
    expect(leftovers).toContain('Skip to main content');
    expect(leftovers.every((text) => !text.includes('{') && text.length > 12)).toBe(true);
  });

  for (const lang of LIGHT_LANGUAGES) {
    it(`every public page in ${lang}: accessible, fits, no English left`, async () => {
      const leftovers = englishLeftovers(lang);
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      for (const target of PUBLIC_PAGES) {
        await openPublicPage(page, baseUrl, target, lang);
        if (AXE_PAGES.has(target.name)) await expectAccessible(page, target.name, lang);
        await expectNoSidewaysScroll(page, `${target.name}/${lang}`);
        // The visible text, leaving out what is marked as English.
        const text = await page.evaluate(() => {
          const parts: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style, noscript')) continue;
            if (/^en\b/i.test(parent.closest('[lang]')?.getAttribute('lang') ?? '')) continue;
            if (!parent.checkVisibility({ visibilityProperty: true })) continue;
            parts.push(node.nodeValue ?? '');
          }
          return parts.join(' ').replace(/\s+/g, ' ');
        });
        const found = leftovers.filter((message) => text.includes(message));
        expect(found, `English on ${target.name} in ${lang}`).toEqual([]);
        if (target.name === 'home') {
          await page.screenshot({ path: `${SCREENSHOTS}/phone-home-${lang}.png` });
        }
      }
      await context.close();
    }, 240_000);
  }
});
