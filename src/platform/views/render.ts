import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { lazyCsrfToken } from '../http/csrf.js';
import { BAD_URL_PATHS } from '../http/input-safety.js';
import { requiresTwoFactor, type Permission, type Role } from '../authz/catalogue.js';
import { can, scopeFilter, type Principal } from '../authz/principal.js';
import { LANGUAGES, LANGUAGE_INFO } from '../i18n/languages.js';
import { termMarker, translateWithTerms } from './terms.js';

declare module 'fastify' {
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

export interface NavigationItem {
  href: string;
  /** Locale key of the link text. */
  labelKey: string;
  /** Shown only to those who hold it: a link the reader may not follow is not drawn. */
  permission?: Permission;
  /** Shown only when the permission reaches beyond the reader's own records (officers' tools). */
  beyondOwn?: boolean;
  /** Shown only to holders of this role (with two-factor authentication done where needed). */
  role?: Role;
}

export function shown(item: NavigationItem, principal: Principal | undefined): boolean {
  if (item.role) {
    const role = item.role;
    const active = principal?.twoFactorVerified || !requiresTwoFactor(role);
    if (!active || !principal?.grants.some((grant) => grant.role === role)) return false;
  }
  if (!item.permission) return true;
  if (!principal || !can(principal, item.permission)) return false;
  if (!item.beyondOwn) return true;
  const scope = scopeFilter(principal, item.permission);
  return (
    scope !== null && (scope.all || scope.organisationIds.length + scope.countryCodes.length > 0)
  );
}

export interface ViewOptions {
  environment: nunjucks.Environment;
  asset: (name: string) => string;
  navigation: NavigationItem[];
}

/** The URL of the current page in another language (the `lang` parameter replaced). */
export function urlInLanguage(url: string, language: string): string {
  const parsed = new URL(url, 'http://corridor.invalid');
  parsed.searchParams.set('lang', language);
  return parsed.pathname + parsed.search;
}

/** What every page gets: language, direction, translator, formatters, assets, nonce, menus. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, options: ViewOptions) {
  const path = request.url.split('?')[0] ?? '/';
  const terms = termMarker(request.language);
  return {
    lang: request.language,
    // term(text, lang): a standard term marked with its language when it is not the page's.
    term: terms.term,
    termsInOtherLanguage: terms.termsInOtherLanguage,
    // tTerms(key, values): a message some of whose values are marked terms.
    tTerms: (key: string, values?: Record<string, unknown>) =>
      translateWithTerms(request.t, key, values),
    dir: LANGUAGE_INFO[request.language].dir,
    t: request.t,
    fmt: request.fmt,
    asset: options.asset,
    cspNonce: reply.cspNonce?.script,
    requestId: request.id,
    currentPath: path,
    // The header shows "Your account" and "Sign out", or "Sign in".
    signedIn: request.principal?.userId != null,
    csrfToken: lazyCsrfToken(reply),
    navigation: options.navigation
      .filter((item) => shown(item, request.principal))
      .map((item) => ({
        href: item.href,
        text: request.t(item.labelKey),
        active: item.href === '/' ? path === '/' : path.startsWith(item.href),
      })),
    languages: LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_INFO[code].nativeName,
      // Each name in its own language and direction (the switcher lists them all on every page).
      dir: LANGUAGE_INFO[code].dir,
      // The page for an address the router could not read has no address of its own to repeat.
      href: urlInLanguage(path === BAD_URL_PATHS.page ? '/' : request.url, code),
      current: code === request.language,
    })),
  };
}

export function installViews(app: FastifyInstance, options: ViewOptions): void {
  app.decorateReply('view', function view(this: FastifyReply, template, context = {}) {
    const html = options.environment.render(template, {
      ...pageContext(this.request, this, options),
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}
