import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Db } from '../../src/database.js';
import { totpCode, TOTP_STEP_MS } from '../../src/modules/accounts/totp.js';
import type { OutboxMessage } from '../../src/modules/accounts/outbox.repository.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from '../../src/modules/demo/demo.data.js';
import type { Permission } from '../../src/platform/authz/catalogue.js';
import type { App } from '../../src/platform/http/types.js';
import { seed } from '../../src/seed.js';
import { createServices, type Services } from '../../src/services.js';
import { createFactories, type Factories, type TestUser } from '../factories/index.js';
import { LogCapture, testConfig } from './app.js';
import { TestClient } from './client.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface HarnessOptions {
  /** Load the demo organisations and users first, as a new development database has them. */
  demo?: boolean;
  /** Environment variables for the configuration, over the test defaults. */
  env?: Record<string, string>;
}

/**
 * The real app on a fresh test database, exactly as production builds it
 * (`createApp({ config, services: createServices({ db, config }) })`), with clients that go
 * through its security: sign-in with the form and CSRF, two-factor authentication with a code
 * from the user's TOTP secret, session cookies, and API keys created through the API-keys
 * service. One harness per test file (`beforeAll`), closed in `afterAll`.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase();
  try {
    const config = testConfig(options.env);
    if (options.demo) await seed(database.kysely, { demo: true, config });
    const services = createServices({ db: database.kysely, config });
    const logs = new LogCapture();
    const app = await createApp({ config, services, ping: database.ping, logStream: logs });
    await app.ready();
    return new Harness({ database, config, services, app, logs });
  } catch (error) {
    await database.close();
    throw error;
  }
}

export class Harness {
  readonly database: TestDatabase;
  readonly config: Config;
  readonly services: Services;
  readonly app: App;
  /** What the app logged (tests check that secrets and personal data stay out). */
  readonly logs: LogCapture;
  /** Organisations, users, licences, job orders… made through the real services. */
  readonly factories: Factories;
  private readonly sessions = new Map<string, Promise<TestClient>>();
  private readonly demoUsers = new Map<string, Promise<TestUser>>();

  constructor(parts: {
    database: TestDatabase;
    config: Config;
    services: Services;
    app: App;
    logs: LogCapture;
  }) {
    this.database = parts.database;
    this.config = parts.config;
    this.services = parts.services;
    this.app = parts.app;
    this.logs = parts.logs;
    this.factories = createFactories({ db: parts.database.kysely, services: parts.services });
  }

  get db(): Db {
    return this.database.kysely;
  }

  /** A visitor with no account (cookies kept, CSRF read from the pages it sees). */
  anonymous(options: { lang?: string; remoteAddress?: string } = {}): TestClient {
    return new TestClient(this.app, options);
  }

  /** A system's client calling the JSON API with `Authorization: Bearer <key>`. */
  withKey(key: string, options: { lang?: string } = {}): TestClient {
    return new TestClient(this.app, { ...options, bearer: key });
  }

  /**
   * A key of the organisation with these permissions, made through the API-keys service, and a
   * client that calls with it.
   */
  async apiClient(options: {
    organisationId: string;
    permissions: Permission[];
    name?: string;
    lang?: string;
  }): Promise<{ client: TestClient; key: string; keyId: string }> {
    const { key, record } = await this.factories.people.apiKey(options);
    return {
      client: this.withKey(key, options.lang ? { lang: options.lang } : {}),
      key,
      keyId: record.id,
    };
  }

  /**
   * The user signed in through the pages: the sign-in form (with the anonymous CSRF token),
   * then, where the account has it, the two-factor form with the current code from the user's
   * secret. Once per user and file (argon2 is slow, and a TOTP code is never accepted twice):
   * later calls give the same client, unless `fresh` asks for a new session. `lang` is the
   * client's Accept-Language (first call only).
   */
  signIn(user: TestUser, options: { lang?: string; fresh?: boolean } = {}): Promise<TestClient> {
    const known = this.sessions.get(user.id);
    if (known && !options.fresh) return known;
    const client = this.newSession(user, options.lang);
    if (!known) this.sessions.set(user.id, client);
    return client;
  }

  private async newSession(user: TestUser, lang: string | undefined): Promise<TestClient> {
    const client = new TestClient(this.app, lang ? { lang } : {});
    await client.get('/sign-in');
    const first = await client.post('/sign-in', { email: user.email, password: user.password });
    expectRedirect(first, `sign-in of ${user.email}`);
    if (String(first.headers.location).startsWith('/sign-in/two-factor')) {
      if (!user.totpSecret) throw new Error(`${user.email} has no TOTP secret for two-factor`);
      await client.get('/sign-in/two-factor');
      const second = await client.post('/sign-in/two-factor', {
        code: await nextTotpCode(user),
      });
      expectRedirect(second, `two-factor sign-in of ${user.email}`);
    }
    // The session's own CSRF token, from a page of the signed-in session.
    const account = await client.get('/account');
    if (account.statusCode === 303) await client.get(String(account.headers.location));
    return client;
  }

  /** A user of the demo data (`demo: true`) signed in through the pages, as `signIn` does. */
  async signInDemo(email: string, options: { lang?: string; fresh?: boolean } = {}) {
    return this.signIn(await this.demoUser(email), options);
  }

  /** A user of the demo data (`demo: true`), with the demo password and TOTP secret. */
  demoUser(email: string): Promise<TestUser> {
    let user = this.demoUsers.get(email);
    if (!user) {
      user = (async () => {
        const demo = DEMO_USERS.find((candidate) => candidate.email === email);
        if (!demo) throw new Error(`${email} is not a demo user`);
        const row = await this.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        const grant = (await this.services.accounts.accounts.overview(row.id))?.grants[0];
        return {
          id: row.id,
          email,
          password: DEMO_PASSWORD,
          fullName: demo.fullName,
          role: demo.role,
          organisationId: grant?.organisationId ?? null,
          administrator: demo.administrator,
          totpSecret: demo.role === 'job_seeker' ? null : DEMO_TOTP_SECRET,
          lastTotpStep: null,
        };
      })();
      this.demoUsers.set(email, user);
    }
    return user;
  }

  /** The audit actions recorded about a person (the data subject), oldest first. */
  async auditActionsFor(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('audit_event')
      .select(['action'])
      .where('data_subject_user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.action);
  }

  /** The emails in the outbox to this address, newest first (as the dev outbox shows them). */
  async emailsTo(address: string, limit = 200): Promise<OutboxMessage[]> {
    const messages = await this.services.accounts.mailer.latest(limit);
    return messages.filter((message) => message.recipient === address.toLowerCase());
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }
}

function expectRedirect(
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
  what: string,
): void {
  if (response.statusCode !== 303) {
    const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(response.body)?.[1] ?? '';
    throw new Error(
      `${what} answered ${response.statusCode}: ${summary.replace(/<[^>]+>/g, ' ').trim()}`,
    );
  }
}

/**
 * The code an authenticator app would show, for a time step the app has not accepted yet for
 * this user (the current one, or the next, which the app accepts for clock drift). When both
 * are used, waits for the next step.
 */
export async function nextTotpCode(
  user: Pick<TestUser, 'email' | 'totpSecret' | 'lastTotpStep'>,
): Promise<string> {
  const secret = user.totpSecret;
  if (!secret) throw new Error(`${user.email} has no TOTP secret`);
  const current = Math.floor(Date.now() / TOTP_STEP_MS);
  const step = Math.max(current, (user.lastTotpStep ?? current - 1) + 1);
  if (step > current + 1) {
    await new Promise((resolve) =>
      setTimeout(resolve, (step - 1) * TOTP_STEP_MS - Date.now() + 100),
    );
  }
  user.lastTotpStep = step;
  return totpCode(secret, step * TOTP_STEP_MS + 1_000);
}
