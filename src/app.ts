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
import { installAuthentication, SessionCookie } from './platform/http/authentication.js';
import { installApiKeyAuthentication } from './platform/http/api-key-auth.js';
import { installCsrf } from './platform/http/csrf.js';
import { installErrorHandlers } from './platform/http/errors.js';
import { installHealthRoutes } from './platform/http/health.js';
import { installI18n } from './platform/http/i18n.js';
import { badUrlRewriter, installInputSafety, parseFormBody } from './platform/http/input-safety.js';
import { loggerOptions } from './platform/http/logger.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { requestId } from './platform/http/request-id.js';
import type { App } from './platform/http/types.js';
import { loadAssetManifest, PUBLIC_DIR, STATIC_PREFIX } from './platform/views/assets.js';
import { createViewEnvironment } from './platform/views/environment.js';
import { installViews, type NavigationItem } from './platform/views/render.js';
import { modules, type Services } from './services.js';
import type { HttpContext } from './modules/manifest.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_PARAM_LENGTH = 200;

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

/** The main menu: every module's entries, by position. */
function navigation(): NavigationItem[] {
  return modules
    .flatMap((module) => module.menu ?? [])
    .sort((a, b) => a.position - b.position)
    .map(({ position: _position, ...item }) => item);
}

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
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // A URL the router cannot read is answered through the hooks and the error handler below.
    rewriteUrl: badUrlRewriter({ maxParamLength: MAX_PARAM_LENGTH }),
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
    navigation: navigation(),
  });
  installErrorHandlers(app);
  // Control characters, broken encoding, non-UTF-8 bodies: a named 400 before any route.
  installInputSafety(app);
  // Who is asking (session cookie), then CSRF on every unsafe request. Before the routes and
  // before the API-key hook of the /api scope.
  const sessionCookie = new SessionCookie({ secure: config.env === 'production' });
  const http: HttpContext = { config, sessionCookie };
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
      for (const module of modules) await module.api?.(api, services, http);
    },
    { prefix: '/api/v1' },
  );

  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: BODY_LIMIT_BYTES, parser: parseFormBody });
    for (const module of modules) await module.pages?.(pages, services, http);
  });

  return app;
}
