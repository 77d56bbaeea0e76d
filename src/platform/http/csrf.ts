import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual, randomToken } from '../crypto/tokens.js';
import { wantsJson } from './errors.js';
import { ForbiddenError } from './problem.js';

/**
 * Cross-site request forgery protection for every form. A signed-in (or half signed-in)
 * session has its own token, kept with the session; anonymous forms (sign-in, registration,
 * password reset) use a double-submit token: the same random value in a signed cookie and in
 * the form. Every unsafe request must carry the token in the `_csrf` field (or the
 * `x-csrf-token` header for JSON); otherwise it is refused with 403.
 *
 * Exempt: calls authenticated by an API key (no ambient credentials), and JSON calls that
 * carry no session (nothing to forge). JSON calls with a session cookie are not exempt.
 */

declare module 'fastify' {
  interface FastifyReply {
    /** The token to put in this page's forms; sets the anonymous cookie when it is needed. */
    csrfToken(): string;
  }
}

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfError extends ForbiddenError {}

export interface CsrfOptions {
  secureCookies: boolean;
  /** The locale key of the explanation on the 403 page. */
  detailKey?: string;
}

/**
 * The token for page templates, made only if a template prints it: `{{ csrfToken }}` calls
 * toString. So public pages without a form set no cookie (and stay cacheable).
 */
export function lazyCsrfToken(reply: FastifyReply): { toString(): string } {
  let token: string | undefined;
  return { toString: () => (token ??= reply.csrfToken()) };
}

export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-corridor_csrf' : 'corridor_csrf';
}

function submittedToken(request: FastifyRequest): string | null {
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const field = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof field === 'string') return field;
  }
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : null;
}

export function installCsrf(app: FastifyInstance, options: CsrfOptions): void {
  const cookieName = csrfCookieName(options.secureCookies);
  // The token minted during this request, so that a page with several forms sets one cookie.
  const minted = new WeakMap<FastifyRequest, string>();

  const anonymousToken = (request: FastifyRequest): string | null => {
    const fresh = minted.get(request);
    if (fresh) return fresh;
    const raw = request.cookies[cookieName];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value && /^[A-Za-z0-9_-]{43}$/.test(unsigned.value)
      ? unsigned.value
      : null;
  };

  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply): string {
    const request = this.request;
    if (request.session) return request.session.csrfToken;
    const existing = anonymousToken(request);
    if (existing) return existing;
    const token = randomToken(32);
    minted.set(request, token);
    this.setCookie(cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      signed: true,
    });
    return token;
  });

  // preValidation: after the body is parsed, before the route's schema looks at it, so that a
  // forged request is refused as forged rather than as invalid.
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.principal?.apiKeyId) return;
    if (wantsJson(request) && !request.session) return;
    const expected = request.session ? request.session.csrfToken : anonymousToken(request);
    const given = submittedToken(request);
    if (!expected || !given || !constantTimeEqual(expected, given)) {
      request.log.info({ hasSession: request.session !== null }, 'CSRF token missing or wrong');
      throw new CsrfError(options.detailKey);
    }
  });
}
