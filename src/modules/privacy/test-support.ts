/**
 * Test support for the consent, privacy and audit-trail route tests: a Fastify app with the
 * platform's i18n, views, error handling and zod compilers, the route plugins under test, and
 * a principal chosen by the test instead of a session (the accounts module owns sign-in; these
 * tests are about what each principal may do). Also small factories for users, organisations
 * and principals. Used only by *.int.test.ts files.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from '../../database.js';
import type { OrganisationKind, Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { installErrorHandlers } from '../../platform/http/errors.js';
import { installI18n } from '../../platform/http/i18n.js';
import { registerOpenApi } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/types.js';
import { Translator } from '../../platform/i18n/translator.js';
import { createViewEnvironment } from '../../platform/views/environment.js';
import { installViews } from '../../platform/views/render.js';

export const TEST_CSRF_TOKEN = 'test-csrf-token';

export interface TestApp {
  app: App;
  /** Every following request acts as this principal (ANONYMOUS to sign out). */
  actAs(principal: Principal): void;
}

export async function buildTestApp(plugins: {
  pages?: (app: App) => Promise<void>;
  api?: (app: App) => Promise<void>;
}): Promise<TestApp> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie, { secret: 'test-secret-test-secret-test-secret' });
  installI18n(app, { translator: new Translator(), defaultLanguage: 'en', secureCookies: false });
  installViews(app, {
    environment: createViewEnvironment({ watch: false }),
    asset: (name) => `/static/${name}`,
    navigation: [],
  });
  installErrorHandlers(app);
  // The real app's CSRF plugin (platform/http/csrf.ts) checks the token; here pages only show it.
  app.decorateReply('csrfToken', () => TEST_CSRF_TOKEN);
  await registerOpenApi(app, 'test');

  let principal: Principal = ANONYMOUS;
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = principal;
  });

  const { api, pages } = plugins;
  if (api) await app.register(async (scope) => api(scope), { prefix: '/api/v1' });
  if (pages) {
    await app.register(async (scope) => {
      await scope.register(formbody);
      await pages(scope);
    });
  }
  await app.ready();
  return { app, actAs: (next) => (principal = next) };
}

export function principalOf(
  userId: string | null,
  role: Role,
  options: { organisationId?: string; countryCode?: string; apiKeyId?: string } = {},
): Principal {
  return {
    userId,
    apiKeyId: options.apiKeyId ?? null,
    sessionId: userId ? `session-${userId}` : null,
    grants: [
      {
        role,
        organisationId: options.organisationId ?? null,
        countryCode: options.countryCode ?? null,
        administrator: false,
      },
    ],
    permissionLimit: null,
    twoFactorVerified: true,
  };
}

let counter = 0;

export async function createUser(db: Db, overrides: { fullName?: string } = {}): Promise<string> {
  counter += 1;
  const row = await db
    .insertInto('app_user')
    .values({
      email: `person${counter}-${Date.now()}@example.org`,
      full_name: overrides.fullName ?? `Person ${counter}`,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createOrganisation(
  db: Db,
  kind: OrganisationKind,
  name = `Organisation ${(counter += 1)}`,
): Promise<string> {
  const row = await db
    .insertInto('organisation')
    .values({ kind, name, country_code: kind === 'embassy' ? 'NP' : 'QA' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Form bodies as a browser sends them. */
export function form(fields: Record<string, string | string[]>): {
  payload: string;
  headers: Record<string, string>;
} {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  return {
    payload: params.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}
