import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/platform/http/types.js';
import { ForbiddenError } from '../../src/platform/http/problem.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  app.get('/test/forbidden', async () => {
    throw new ForbiddenError();
  });
  app.get('/test/crash', async () => {
    throw new Error('secret internal detail: connection string postgres://admin:hunter2@db');
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const HOME_TITLES = {
  en: 'Work abroad safely and legally',
  fr: /<h1[^>]*>[^<]+<\/h1>/,
  es: /<h1[^>]*>[^<]+<\/h1>/,
  ar: /<h1[^>]*>[^<]+<\/h1>/,
};

describe('pages', () => {
  it.each(['en', 'fr', 'es', 'ar'] as const)('serves the home page in %s', async (lang) => {
    const response = await app.inject({ url: `/?lang=${lang}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe(lang);
    expect(response.body).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
    expect(response.body).toMatch(HOME_TITLES[lang]);
    expect(response.body).toContain(lang === 'ar' ? 'corridor.rtl.' : 'corridor.');
  });

  it('home pages differ by language (they are translated)', async () => {
    const bodies = await Promise.all(
      ['en', 'fr', 'es', 'ar'].map(
        async (lang) => (await app.inject({ url: `/?lang=${lang}` })).body,
      ),
    );
    const headings = bodies.map((body) => /<h1[^>]*>([^<]+)<\/h1>/.exec(body)?.[1]?.trim());
    expect(new Set(headings).size).toBe(4);
  });

  it('remembers a language chosen in the URL in a cookie', async () => {
    const first = await app.inject({ url: '/?lang=ar' });
    const cookie = first.cookies.find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('ar');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const next = await app.inject({ url: '/about/data', cookies: { lang: 'ar' } });
    expect(next.body).toContain('<html lang="ar" dir="rtl"');
  });

  it('falls back to Accept-Language, then English', async () => {
    const spanish = await app.inject({
      url: '/',
      headers: { 'accept-language': 'de;q=0.9, es;q=0.8' },
    });
    expect(spanish.headers['content-language']).toBe('es');
    const german = await app.inject({ url: '/', headers: { 'accept-language': 'de' } });
    expect(german.headers['content-language']).toBe('en');
  });

  it('links every language from the switcher, keeping the page', async () => {
    const response = await app.inject({ url: '/about/data?lang=fr' });
    expect(response.body).toContain('href="/about/data?lang=ar"');
    expect(response.body).toContain('href="/about/data?lang=en"');
    expect(response.body).toMatch(/aria-current="true">Français</);
  });

  it('lists the nine languages and says honestly which a native speaker has checked', async () => {
    const english = await app.inject({ url: '/about/languages' });
    expect(english.statusCode).toBe(200);
    for (const name of ['Kiswahili', 'Filipino', 'नेपाली', 'বাংলা', 'اردو', 'العربية']) {
      expect(english.body).toContain(name);
    }
    expect(english.body).toContain('(Nepali)');
    expect(english.body).toMatch(/lang="ur" hreflang="ur" dir="rtl">اردو</);
    expect(english.body.match(/data-review="drafted"/g)).toHaveLength(8);
    expect(english.body).toContain('data-review="source"');
    const nepali = await app.inject({ url: '/about/languages?lang=ne' });
    expect(nepali.body).toContain('<html lang="ne" dir="ltr"');
    expect(nepali.body).toContain('(अङ्ग्रेजी)');
    expect(nepali.body).toContain('href="/about/languages"');
  });

  it('shows the data attributions in the footer', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.body).toContain(
      'This service uses the ESCO classification of the European Commission.',
    );
  });

  it('names Unicode CLDR, the source of names in every language, among the data sources', async () => {
    const response = await app.inject({ url: '/about/data?lang=en' });
    expect(response.body).toContain('Unicode CLDR');
    expect(response.body).toContain('Unicode License v3');
  });

  it('never draws a crown or the GOV.UK logotype', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.body).not.toMatch(/govuk-logo|govuk-header__logotype|crown|GOV\.UK/i);
  });

  it('answers an unknown page with 404 in the user’s language', async () => {
    const english = await app.inject({ url: '/no/such/page' });
    expect(english.statusCode).toBe(404);
    expect(english.body).toContain('Page not found');
    const arabic = await app.inject({ url: '/no/such/page?lang=ar' });
    expect(arabic.statusCode).toBe(404);
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).not.toContain('Page not found');
  });

  it('answers a forbidden page with 403', async () => {
    const response = await app.inject({ url: '/test/forbidden?lang=fr' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('lang="fr"');
  });

  it('answers a crash with a 500 page that says nothing internal, with a reference', async () => {
    const response = await app.inject({ url: '/test/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.body).not.toMatch(/hunter2|secret internal|at .*\.ts:\d+/);
    expect(response.body).toContain(response.headers['x-request-id'] as string);
    const after = await app.inject({ url: '/' });
    expect(after.statusCode).toBe(200);
  });

  it('keeps public pages under 50 KB compressed, stylesheet included', async () => {
    for (const lang of ['en', 'ar']) {
      const plain = await app.inject({ url: `/?lang=${lang}` });
      const css = /href="(\/static\/corridor[^"]+\.css)"/.exec(plain.body)?.[1];
      const page = await app.inject({
        url: `/?lang=${lang}`,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      const style = await app.inject({ url: css!, headers: { 'accept-encoding': 'br, gzip' } });
      expect(page.headers['content-encoding']).toMatch(/br|gzip/);
      expect(style.headers['content-encoding']).toMatch(/br|gzip/);
      expect(page.rawPayload.length + style.rawPayload.length).toBeLessThan(50 * 1024);
    }
  });
});
