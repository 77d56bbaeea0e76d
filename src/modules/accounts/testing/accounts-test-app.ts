import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../../../config.js';
import { AuditLog } from '../../../platform/audit/audit.js';
import type { AuditTables } from '../../../platform/audit/audit.tables.js';
import type { Permission } from '../../../platform/authz/catalogue.js';
import { FieldCipher } from '../../../platform/crypto/field-cipher.js';
import {
  installAuthentication,
  requirePermission,
  SessionCookie,
} from '../../../platform/http/authentication.js';
import { installCsrf } from '../../../platform/http/csrf.js';
import { installErrorHandlers } from '../../../platform/http/errors.js';
import { installI18n } from '../../../platform/http/i18n.js';
import type { App } from '../../../platform/http/types.js';
import { Translator } from '../../../platform/i18n/translator.js';
import { loadAssetManifest } from '../../../platform/views/assets.js';
import { createViewEnvironment } from '../../../platform/views/environment.js';
import { installViews } from '../../../platform/views/render.js';
import { RolesRepository } from '../../organisations/roles.repository.js';
import type { Database, Db } from '../../../database.js';
import type { AccountsDatabase } from '../accounts.tables.js';
import { createAccounts, type Accounts } from '../accounts.module.js';
import { requestMeta } from '../accounts.http.js';
import { accountsRoutes } from '../accounts.routes.js';
import type { EmailMessage } from '../mailer.js';

/**
 * The accounts module in an app built in the order of src/app.ts (cookie → i18n → views →
 * errors → authentication → CSRF → pages), for integration tests. Once src/app.ts wires the
 * module in, `createTestApp` does the same; this stays as the small, explicit version.
 */
export interface AccountsTestApp {
  app: App;
  accounts: Accounts;
  roles: RolesRepository;
  clock: { readonly now: Date; advance(ms: number): void };
  sent: EmailMessage[];
}

export async function createAccountsTestApp(options: {
  db: Db;
  config: Config;
  /** Test routes that need a permission: GET <path> answers "ok". */
  guarded?: Record<string, Permission>;
  /** Deliver email to `sent` (as SMTP would) instead of leaving it in the outbox. */
  captureEmail?: boolean;
}): Promise<AccountsTestApp> {
  const { config, db } = options;
  // The clock follows real time unless a test moves it: `now` is real time plus the offset.
  let offset = 0;
  const advance = (ms: number) => {
    offset += ms;
  };
  const sent: EmailMessage[] = [];
  const roles = new RolesRepository(db);
  const accounts = createAccounts({
    db: db,
    config,
    audit: new AuditLog(db),
    cipher: FieldCipher.fromConfig(config),
    roles,
    translator: new Translator(),
    now: () => new Date(Date.now() + offset),
    log: { info: () => undefined, warn: () => undefined },
    ...(options.captureEmail
      ? { transport: { deliver: async (message: EmailMessage) => void sent.push(message) } }
      : {}),
  });

  const app = Fastify({ logger: false, trustProxy: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie, { secret: config.sessionSecret });
  installI18n(app, {
    translator: new Translator(),
    defaultLanguage: config.defaultLanguage,
    secureCookies: false,
  });
  installViews(app, {
    environment: createViewEnvironment({ watch: false }),
    asset: loadAssetManifest(),
    navigation: [],
  });
  installErrorHandlers(app);
  const sessionCookie = new SessionCookie({ secure: config.env === 'production' });
  installAuthentication(app, {
    cookie: sessionCookie,
    resolveSession: (token, request) => accounts.sessions.resolve(token, requestMeta(request)),
  });
  installCsrf(app, {
    secureCookies: config.env === 'production',
    detailKey: 'accounts.csrf.detail',
  });

  await app.register(async (api) => {
    api.post('/api/v1/test/echo', async (request) => ({ ok: true, body: request.body }));
  });
  await app.register(async (pages) => {
    await pages.register(formbody);
    await pages.register(accountsRoutes, {
      accounts,
      cookie: sessionCookie,
      devOutbox: config.env !== 'production',
    });
    for (const [path, permission] of Object.entries(options.guarded ?? {})) {
      pages.get(path, { preHandler: requirePermission(permission) }, async () => 'ok');
      pages.post(path, { preHandler: requirePermission(permission) }, async () => 'ok');
    }
  });
  await app.ready();
  return {
    app,
    accounts,
    roles,
    clock: {
      get now() {
        return new Date(Date.now() + offset);
      },
      advance,
    },
    sent,
  };
}

/** The test database with the tables tests look at directly (audit, sessions, links). */
export function tablesOf(db: Db): Kysely<Database & AccountsDatabase & AuditTables> {
  return db;
}

/** The audit actions recorded about a person, oldest first. */
export async function auditActionsFor(db: Db, userId: string): Promise<string[]> {
  const rows = await tablesOf(db)
    .selectFrom('audit_event')
    .select(['action'])
    .where('data_subject_user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.action);
}
