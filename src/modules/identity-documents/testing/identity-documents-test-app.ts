import formbody from '@fastify/formbody';
import { expect } from 'vitest';
import { LogCapture, testConfig } from '../../../../test/helpers/app.js';
import type { TestDatabase } from '../../../../test/helpers/database.js';
import { BODY_LIMIT_BYTES, createApp } from '../../../app.js';
import { installApiKeyAuthentication } from '../../../platform/http/api-key-auth.js';
import type { App } from '../../../platform/http/types.js';
import { createServices, type Services } from '../../../services.js';
import { TestClient } from '../../accounts/testing/client.js';
import { totpCode } from '../../accounts/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../demo/demo.data.js';
import { identityDocumentsApi } from '../identity-documents.api.js';
import { IdentityDocumentsRepository } from '../identity-documents.repository.js';
import { identityDocumentsRoutes } from '../identity-documents.routes.js';
import { IdentityDocumentsService } from '../identity-documents.service.js';
import type { IdentityDocumentTables } from '../identity-documents.tables.js';

export interface IdentityDocumentsTestApp {
  app: App;
  services: Services;
  identityDocuments: IdentityDocumentsService;
  logs: LogCapture;
  /** The database with this module's table known to Kysely. */
  db: ReturnType<typeof tablesOf>;
  /** A demo user signed in (staff with their second factor), once per user. */
  signIn(email: string, options?: { twoFactor?: boolean; lang?: string }): Promise<TestClient>;
}

export function tablesOf(database: TestDatabase) {
  return database.kysely.withTables<Pick<IdentityDocumentTables, 'identity_document'>>();
}

/**
 * The real app (createServices + createApp) on a test database, with this module's pages and
 * API registered as src/app.ts registers them. Once the composition root wires the module in,
 * the app's own registration is used and nothing is added here.
 */
export async function createIdentityDocumentsTestApp(
  database: TestDatabase,
): Promise<IdentityDocumentsTestApp> {
  const config = testConfig();
  const logs = new LogCapture();
  const services = createServices({ db: database.kysely, config });
  const db = tablesOf(database);
  const identityDocuments = new IdentityDocumentsService({
    repository: new IdentityDocumentsRepository(db),
    audit: services.audit,
    cipher: services.cipher,
    countries: {
      countryExists: async (code) => (await services.reference.getCountry(code)) !== null,
    },
  });
  const app = await createApp({ config, services, ping: database.ping, logStream: logs });
  if (!app.hasRoute({ method: 'GET', url: '/account/identity-documents' })) {
    await app.register(
      async (api) => {
        installApiKeyAuthentication(api, (key) => services.apiKeys.authenticate(key));
        await api.register(identityDocumentsApi, { identityDocuments });
      },
      { prefix: '/api/v1' },
    );
    await app.register(async (pages) => {
      await pages.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
      await pages.register(identityDocumentsRoutes, {
        identityDocuments,
        reference: services.reference,
      });
    });
  }
  await app.ready();

  // A second sign-in in the same 30 seconds would replay the TOTP code, which is refused.
  const clients = new Map<string, TestClient>();
  const signIn = async (email: string, options: { twoFactor?: boolean; lang?: string } = {}) => {
    const known = clients.get(email);
    if (known) return known;
    const client = new TestClient(app, options.lang ? { lang: options.lang } : {});
    clients.set(email, client);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { email, password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(303);
    if (options.twoFactor ?? true) {
      await client.get('/sign-in/two-factor');
      const second = await client.post('/sign-in/two-factor', {
        code: totpCode(DEMO_TOTP_SECRET),
      });
      expect(second.statusCode).toBe(303);
    }
    return client;
  };
  return { app, services, identityDocuments, logs, db, signIn };
}

export const SEEKER = 'jobseeker@demo.corridor.example';
export const ORIGIN_OFFICER = 'origin.officer@demo.corridor.example';
export const EMBASSY_OFFICER = 'embassy.officer@demo.corridor.example';
export const BORDER_OFFICER = 'border.officer@demo.corridor.example';
