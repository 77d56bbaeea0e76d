import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { readCatalogue } from '../../platform/i18n/translator.js';
import type { App } from '../../platform/http/types.js';
import { AUDIENCE_LINKS } from './home.routes.js';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** The links of the audiences' lists on the home page, in page order. */
function audienceLinks(html: string): string[] {
  const start = html.indexOf('corridor-audiences');
  expect(start).toBeGreaterThan(-1);
  const lists = [...html.slice(start).matchAll(/<ul class="govuk-list[^"]*">([\s\S]*?)<\/ul>/g)];
  return lists.flatMap(([, list]) =>
    [...list!.matchAll(/<a class="govuk-link" href="([^"]+)">/g)].map(([, href]) => href!),
  );
}

/** What a reader sees: the text of the body, tags removed and entities decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

describe('the home page', () => {
  it('links, for each audience, the pages of the map, and only those', async () => {
    const response = await app.inject({ url: '/?lang=en' });
    expect(response.statusCode).toBe(200);
    const expected = Object.values(AUDIENCE_LINKS).flatMap((links) => Object.values(links));
    expect(audienceLinks(response.body)).toEqual(expected);
  });

  it('promises nothing that is not built: no word of the old promises', async () => {
    const text = visibleText((await app.inject({ url: '/?lang=en' })).body);
    // Guides and the cost of sending money home are built now (issue 14), statistics too (16).
    for (const unbuilt of [
      'timeline',
      'ranked candidates',
      'contracts',
      'clearances',
      'border crossings',
      'every step',
    ]) {
      expect(text.toLowerCase()).not.toContain(unbuilt);
    }
  });

  it('every link answers an anonymous visitor: the page, or sign in first; never 404', async () => {
    const html = (await app.inject({ url: '/?lang=en' })).body;
    const links = audienceLinks(html);
    expect(links.length).toBeGreaterThan(10);
    for (const href of new Set(links)) {
      const response = await app.inject({ url: href });
      const answer = `${href} → ${response.statusCode} ${response.headers.location ?? ''}`;
      if (response.statusCode === 200) continue;
      expect(answer).toMatch(/ 30[23] \/sign-in/);
    }
  });

  it.each(['ne', 'ur'] as const)('shows no English message text in %s', async (lang) => {
    const response = await app.inject({ url: `/?lang=${lang}` });
    expect(response.statusCode).toBe(200);
    const text = visibleText(response.body);
    const english = readCatalogue('en');
    const translated = readCatalogue(lang);
    const leaks = Object.entries(english).filter(
      ([, message]) =>
        // Words, not names such as "Corridor" or "API" that every language writes alike; a
        // message with placeholders is looked for by its words before the first one.
        /[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(message.split('{')[0]!) &&
        text.includes(message.split('{')[0]!.trim()),
    );
    expect(leaks).toEqual([]);
    // The texts of this page are all there, in the reader's language.
    for (const [key, message] of Object.entries(translated)) {
      if (key.startsWith('home.audiences.') && key.includes('.links.')) {
        expect(text).toContain(message);
      }
    }
  });
});
