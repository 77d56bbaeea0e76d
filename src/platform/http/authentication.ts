import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission, Scope } from '../authz/catalogue.js';
import { ANONYMOUS, can, type Principal } from '../authz/principal.js';
import { STATIC_PREFIX } from '../views/assets.js';
import { UnauthorisedError } from './api-key-auth.js';
import { wantsJson } from './errors.js';
import { ForbiddenError } from './problem.js';

/**
 * Who is asking, from the session cookie. The accounts module decides what a cookie means (it
 * passes `resolveSession`); this file only carries the answer on the request, keeps the cookie
 * in step, and gives routes the preHandlers that declare who may use them.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** Anonymous unless a session cookie (or, under /api, an API key) says otherwise. */
    principal: Principal;
    /** The session the cookie names, signed in or half-way (two-factor step), or null. */
    session: SessionContext | null;
  }
}

export interface SessionContext {
  id: string;
  /** The token forms of this session carry in their `_csrf` field. */
  csrfToken: string;
  /** 'two_factor': the password was right and a code is owed; the principal is still anonymous. */
  stage: 'two_factor' | 'active';
  /**
   * Something the user must do before anything else (set up two-factor authentication): its
   * page, and the paths that stay reachable meanwhile. Every other request is sent there.
   */
  requiredStep: { path: string; allowedPaths: readonly string[] } | null;
}

export interface ResolvedSession extends SessionContext {
  principal: Principal;
}

export type SessionResolver = (
  token: string,
  request: FastifyRequest,
) => Promise<ResolvedSession | null>;

/** The session cookie: a random 256-bit id; the database keeps only its SHA-256. */
export class SessionCookie {
  /** `__Host-` (production): only over HTTPS, only for this host, path `/`. */
  readonly name: string;

  constructor(private readonly options: { secure: boolean }) {
    this.name = options.secure ? '__Host-corridor_session' : 'corridor_session';
  }

  read(request: FastifyRequest): string | null {
    const value = request.cookies[this.name];
    return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }

  /** No max-age: the browser forgets it when closed; the server enforces both timeouts. */
  set(reply: FastifyReply, token: string): void {
    reply.setCookie(this.name, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.options.secure,
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.options.secure,
    });
  }
}

// Requests that never need to know who is asking: no database round trip for them.
const UNAUTHENTICATED_PATHS = ['/healthz', '/readyz'];

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

function isAllowedDuringStep(path: string, allowed: readonly string[]): boolean {
  return allowed.some((prefix) =>
    prefix.endsWith('/')
      ? path.startsWith(prefix)
      : path === prefix || path.startsWith(`${prefix}/`),
  );
}

/**
 * Sets `request.principal` and `request.session` on every request. Install after the cookie
 * plugin and i18n, before the routes and before the API-key hook (a key wins over a cookie).
 */
export function installAuthentication(
  app: FastifyInstance,
  options: { cookie: SessionCookie; resolveSession: SessionResolver },
): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('session', null);
  const declared: DeclaredRoute[] = [];
  DECLARED_ROUTES.set(app, declared);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const requirement = guardOf(route.onRequest, route.preHandler);
    for (const method of methods) declared.push({ method, url: route.url, requirement });
  });

  app.addHook('onRequest', async (request, reply) => {
    request.principal = ANONYMOUS;
    request.session = null;
    const path = pathOf(request);
    if (path.startsWith(STATIC_PREFIX) || UNAUTHENTICATED_PATHS.includes(path)) return;
    const token = options.cookie.read(request);
    if (!token) {
      if (request.cookies[options.cookie.name] !== undefined) options.cookie.clear(reply);
      return;
    }
    const resolved = await options.resolveSession(token, request);
    if (!resolved) {
      options.cookie.clear(reply);
      return;
    }
    const { principal, ...session } = resolved;
    request.principal = principal;
    request.session = session;
    const step = session.requiredStep;
    if (step && !isAllowedDuringStep(path, step.allowedPaths)) {
      if (wantsJson(request)) throw new ForbiddenError();
      return reply.redirect(step.path, 303);
    }
  });
}

/**
 * A `next` parameter that is safe to redirect to: a path on this site, never another origin
 * ("//evil.example", "/\\evil.example", "https://…", control characters). Null otherwise.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers read a backslash as a slash, and drop tabs and newlines from URLs.
  if (
    [...value].some(
      (char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f,
    )
  ) {
    return null;
  }
  const base = 'http://corridor.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page, coming back here afterwards (only for pages fetched with GET). */
export function signInPath(request: FastifyRequest): string {
  const next = request.method === 'GET' ? safeNextPath(request.url) : null;
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

function isSignedIn(principal: Principal): boolean {
  return principal.userId !== null || principal.apiKeyId !== null;
}

async function refuseAnonymous(request: FastifyRequest, reply: FastifyReply) {
  if (wantsJson(request)) throw new UnauthorisedError();
  return reply.redirect(signInPath(request), 303);
}

/**
 * For routes any signed-in person may use (their own account, sign-out). Anonymous: pages
 * redirect to the sign-in page and come back; the API answers 401.
 */
export function requireSignedIn() {
  return guard({ permission: null }, async function signedIn(request, reply) {
    if (!isSignedIn(request.principal)) return refuseAnonymous(request, reply);
  });
}

/**
 * For routes that need a permission of the catalogue. Anonymous as for `requireSignedIn`;
 * signed in without the permission: 403 (a page, or problem details under /api). Records the
 * caller may not see are the services' business ("not found").
 */
export function requirePermission(permission: Permission, options: { apiKeys?: false } = {}) {
  const apiKeys = options.apiKeys ?? true;
  return guard(
    { permission, ...(apiKeys ? {} : { apiKeys }) },
    async function permitted(request, reply) {
      if (!isSignedIn(request.principal)) return refuseAnonymous(request, reply);
      if (!can(request.principal, permission)) throw new ForbiddenError();
      if (!apiKeys && request.principal.apiKeyId !== null) throw new ForbiddenError();
      // The audit row names the grant that gave this permission (auditActorOf).
      request.principal = { ...request.principal, authorisedBy: permission };
    },
  );
}

/** For routes that any of several permissions opens (the job-order pages: owners, deciders). */
export function requireAnyPermission(permissions: readonly Permission[]) {
  return guard(
    { permission: null, anyOf: permissions },
    async function permittedByAny(request, reply) {
      if (!isSignedIn(request.principal)) return refuseAnonymous(request, reply);
      const held = permissions.find((permission) => can(request.principal, permission));
      if (!held) throw new ForbiddenError();
      request.principal = { ...request.principal, authorisedBy: held };
    },
  );
}

/**
 * For an operation whose permission depends on a field of its body (a job order's owner
 * events: `submit` needs vacancy.submit, `close` vacancy.close). On request the caller must
 * hold one of them; the handler checks the one the body names (`permissionFor`).
 */
export function requirePermissionByField<Value extends string>(
  field: string,
  permissions: Readonly<Record<Value, Permission>>,
) {
  const any = [...new Set(Object.values<Permission>(permissions))];
  return guard(
    { permission: null, byField: { field, permissions } },
    async function permittedByField(request, reply) {
      if (!isSignedIn(request.principal)) return refuseAnonymous(request, reply);
      const held = any.find((permission) => can(request.principal, permission));
      if (!held) throw new ForbiddenError();
      // Until the handler checks the body's own permission, the audit row's grant is this one's.
      request.principal = { ...request.principal, authorisedBy: held };
    },
  );
}

/**
 * What a guard asks of the caller: signed in, and a permission of the catalogue (with a
 * minimum scope, where a narrower one is not enough) or none;
 * `apiKeys: false` for what only a person may do (an agency applying for its licence);
 * `byField` when the permission depends on a field of the body.
 */
export interface GuardRequirement {
  permission: Permission | null;
  /**
   * The permission counts only with one of these scopes (a person lookup: over a jurisdiction,
   * not a job seeker's own record; one's own documents: "own", not an officer's jurisdiction).
   * A module's own guard checks it.
   */
  scopes?: readonly Scope[];
  /** Any one of these permissions (a staff page for owners and deciders alike). */
  anyOf?: readonly Permission[];
  apiKeys?: false;
  byField?: { field: string; permissions: Readonly<Record<string, Permission>> };
}

const GUARD = Symbol('corridor.guard');
type Guard = ((request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) & {
  [GUARD]?: GuardRequirement;
};

/**
 * Marks a check as the route's guard, for the OpenAPI document: a module's own guard (one that
 * asks more than a permission) says what it asks at least.
 */
export function guard(requirement: GuardRequirement, check: Guard): Guard {
  check[GUARD] = requirement;
  return check;
}

/** A route as registered, with the requirement of its guard (null: public). */
export interface DeclaredRoute {
  method: string;
  url: string;
  requirement: GuardRequirement | null;
}

const DECLARED_ROUTES = new WeakMap<FastifyInstance, readonly DeclaredRoute[]>();

/**
 * Every route registered after `installAuthentication`, pages and API alike, with what its
 * guard asks: the permission test calls each one as each role and each API key.
 */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return DECLARED_ROUTES.get(app) ?? [];
}

/**
 * The requirement of the guard among a route's hooks, or null for a public route: the
 * OpenAPI document declares from it which operations need a key and which permission.
 */
export function guardOf(...hooks: unknown[]): GuardRequirement | null {
  const handlers = hooks.flatMap((hook): unknown[] => (Array.isArray(hook) ? hook : [hook]));
  for (const handler of handlers) {
    const requirement = typeof handler === 'function' ? (handler as Guard)[GUARD] : undefined;
    if (requirement) return requirement;
  }
  return null;
}
