import type { FastifyInstance } from 'fastify';
import { formatters, type Formatters } from '../i18n/format.js';
import { LANGUAGE_INFO, isLanguage, type Language } from '../i18n/languages.js';
import { negotiateLanguage } from '../i18n/negotiate.js';
import type { Translate, Translator } from '../i18n/translator.js';

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
    t: Translate;
    fmt: Formatters;
  }
}

const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Gives every request its language (URL `?lang=`, then cookie, then Accept-Language), a
 * translator and Intl formatters. Choosing a language in the URL remembers it in a cookie.
 */
export function installI18n(
  app: FastifyInstance,
  options: { translator: Translator; defaultLanguage: Language; secureCookies: boolean },
): void {
  app.decorateRequest('language', options.defaultLanguage);
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('fmt', null as unknown as Formatters);

  app.addHook('onRequest', async (request, reply) => {
    const query = (request.query as Record<string, unknown> | undefined)?.lang;
    const language = negotiateLanguage({
      query: typeof query === 'string' ? query : undefined,
      cookie: request.cookies[LANGUAGE_COOKIE],
      acceptLanguage: request.headers['accept-language'],
      fallback: options.defaultLanguage,
    });
    request.language = language;
    request.t = options.translator.forLanguage(language);
    request.fmt = formatters(language);
    if (isLanguage(query) && request.cookies[LANGUAGE_COOKIE] !== query) {
      reply.setCookie(LANGUAGE_COOKIE, query, {
        path: '/',
        maxAge: ONE_YEAR_SECONDS,
        sameSite: 'lax',
        httpOnly: true,
        secure: options.secureCookies,
      });
    }
    reply.header('content-language', language);
    reply.header('vary', 'Accept-Language, Cookie');
  });
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return LANGUAGE_INFO[language].dir;
}
