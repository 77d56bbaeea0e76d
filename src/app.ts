import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { requestMeta } from './modules/accounts/accounts.http.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { auditTrailApi } from './modules/audit-trail/audit-trail.api.js';
import { auditTrailRoutes } from './modules/audit-trail/audit-trail.routes.js';
import { consentApi } from './modules/consent/consent.api.js';
import { consentRoutes } from './modules/consent/consent.routes.js';
import { identityDocumentsApi } from './modules/identity-documents/identity-documents.api.js';
import { identityDocumentsRoutes } from './modules/identity-documents/identity-documents.routes.js';
import { jobOrdersApi } from './modules/vacancies/job-orders.api.js';
import { jobOrdersRoutes } from './modules/vacancies/job-orders.routes.js';
import { vacanciesPublicApi } from './modules/vacancies/vacancies-public.api.js';
import { vacanciesPublicRoutes } from './modules/vacancies/vacancies-public.routes.js';
import { licensingApi } from './modules/licensing/licensing.api.js';
import { licensingRoutes } from './modules/licensing/licensing.routes.js';
import { recruitersApi } from './modules/licensing/recruiters.api.js';
import { recruitersRoutes } from './modules/licensing/recruiters.routes.js';
import { vettingRoutes } from './modules/licensing/vetting.routes.js';
import { developersRoutes } from './modules/developers/developers.routes.js';
import { apiKeyRoutes } from './modules/organisations/api-keys.routes.js';
import { memberRoutes } from './modules/organisations/members.routes.js';
import { invitationRoutes } from './modules/organisations/invitations.routes.js';
import { organisationsApi } from './modules/organisations/organisations.api.js';
import { organisationRoutes } from './modules/organisations/organisations.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { referenceApi } from './modules/reference/reference.api.js';
import { installAuthentication, SessionCookie } from './platform/http/authentication.js';
import { installApiKeyAuthentication } from './platform/http/api-key-auth.js';
import { installCsrf } from './platform/http/csrf.js';
import { installErrorHandlers } from './platform/http/errors.js';
import { installHealthRoutes } from './platform/http/health.js';
import { installI18n } from './platform/http/i18n.js';
import { loggerOptions } from './platform/http/logger.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { requestId } from './platform/http/request-id.js';
import type { App } from './platform/http/types.js';
import { loadAssetManifest, PUBLIC_DIR, STATIC_PREFIX } from './platform/views/assets.js';
import { createViewEnvironment } from './platform/views/environment.js';
import { installViews, type NavigationItem } from './platform/views/render.js';
import type { Services } from './services.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  config: Config;
  services: Services;
  /** Answers when the database answers; used by /readyz. */
  ping: () => Promise<void>;
  /** True once a shutdown has begun: /readyz then answers 503. */
  isShuttingDown?: () => boolean;
  /** A log destination other than stdout (tests capture logs with it). */
  logStream?: NodeJS.WritableStream;
  version?: string;
}

/** The main menu. Modules add their entry points here as they arrive. */
const NAVIGATION: NavigationItem[] = [
  { href: '/', labelKey: 'nav.home' },
  { href: '/vacancies', labelKey: 'vacancySearch.nav' },
  { href: '/recruiters', labelKey: 'licensing.nav.recruiters' },
  { href: '/licences', labelKey: 'licensing.nav.licences', permission: 'licence.decide' },
  { href: '/job-orders', labelKey: 'jobOrders.nav', permission: 'vacancy.update' },
  { href: '/job-orders/review', labelKey: 'jobOrders.reviewNav', permission: 'vacancy.decide' },
  { href: '/licences', labelKey: 'licensing.nav.ourLicence', role: 'agency_staff' },
  { href: '/employers/vetting', labelKey: 'licensing.nav.vetting', permission: 'employer.vet' },
  { href: '/organisations', labelKey: 'nav.organisations', permission: 'organisation.read' },
  { href: '/audit', labelKey: 'nav.audit', permission: 'audit.read' },
  {
    href: '/people/lookup',
    labelKey: 'identityDocuments.lookupNav',
    permission: 'person.read',
    beyondOwn: true,
  },
  {
    href: '/account/identity-documents',
    labelKey: 'identityDocuments.nav',
    permission: 'person.update',
  },
  { href: '/about/data', labelKey: 'nav.data' },
  { href: '/api/docs', labelKey: 'nav.api' },
];

/** The whole middleware order, top to bottom. Returns the app, not yet listening. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, services } = options;
  const app = Fastify({
    logger: {
      ...loggerOptions(config.logLevel),
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: requestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON for the API, url-encoded forms for pages (registered below); anything else is 415.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.env === 'production',
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: STATIC_PREFIX,
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: false,
  });

  installI18n(app, {
    translator: services.translator,
    defaultLanguage: config.defaultLanguage,
    secureCookies: config.env === 'production',
  });
  installViews(app, {
    environment: createViewEnvironment({ watch: config.env === 'development' }),
    asset: loadAssetManifest(),
    navigation: NAVIGATION,
  });
  installErrorHandlers(app);
  // Who is asking (session cookie), then CSRF on every unsafe request. Before the routes and
  // before the API-key hook of the /api scope.
  const sessionCookie = new SessionCookie({ secure: config.env === 'production' });
  installAuthentication(app, {
    cookie: sessionCookie,
    resolveSession: (token, request) =>
      services.accounts.sessions.resolve(token, requestMeta(request)),
  });
  installCsrf(app, {
    secureCookies: config.env === 'production',
    detailKey: 'accounts.csrf.detail',
  });
  await registerOpenApi(app, options.version ?? '0.0.0');
  installHealthRoutes(app, {
    ping: options.ping,
    isShuttingDown: options.isShuttingDown ?? (() => false),
  });

  await app.register(
    async (api) => {
      installApiKeyAuthentication(api, (key) => services.apiKeys.authenticate(key));
      await api.register(referenceApi, { reference: services.reference });
      await api.register(organisationsApi, { organisations: services.organisations });
      await api.register(consentApi, { consent: services.consent });
      await api.register(auditTrailApi, { auditTrail: services.auditTrail });
      await api.register(recruitersApi, { licensing: services.licensing });
      await api.register(identityDocumentsApi, { identityDocuments: services.identityDocuments });
      await api.register(licensingApi, {
        licensing: services.licensing,
        vetting: services.vetting,
      });
      await api.register(vacanciesPublicApi, { vacancySearch: services.vacancySearch });
      await api.register(jobOrdersApi, {
        jobOrders: services.jobOrders,
        minimumWages: services.minimumWages,
      });
    },
    { prefix: '/api/v1' },
  );

  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
    await pages.register(homeRoutes);
    await pages.register(developersRoutes);
    await pages.register(accountsRoutes, {
      accounts: services.accounts,
      cookie: sessionCookie,
      devOutbox: config.env !== 'production',
    });
    await pages.register(organisationRoutes, {
      organisations: services.organisations,
      reference: services.reference,
    });
    await pages.register(invitationRoutes, {
      invitations: services.invitations,
      organisations: services.organisations,
    });
    await pages.register(memberRoutes, {
      members: services.members,
      organisations: services.organisations,
    });
    await pages.register(apiKeyRoutes, { apiKeys: services.apiKeys });
    await pages.register(consentRoutes, { consent: services.consent });
    await pages.register(privacyRoutes, { privacy: services.privacy });
    await pages.register(auditTrailRoutes, { auditTrail: services.auditTrail });
    await pages.register(recruitersRoutes, { licensing: services.licensing });
    await pages.register(identityDocumentsRoutes, {
      identityDocuments: services.identityDocuments,
      reference: services.reference,
    });
    await pages.register(licensingRoutes, { licensing: services.licensing });
    await pages.register(vettingRoutes, { vetting: services.vetting });
    await pages.register(vacanciesPublicRoutes, {
      vacancySearch: services.vacancySearch,
      reference: services.reference,
      licensing: services.licensing,
      publicUrl: config.publicUrl,
    });
    await pages.register(jobOrdersRoutes, {
      jobOrders: services.jobOrders,
      minimumWages: services.minimumWages,
      reference: services.reference,
    });
  });

  return app;
}
