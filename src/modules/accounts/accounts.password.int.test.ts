import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { ANONYMOUS } from '../../platform/authz/principal.js';
import {
  auditActionsFor,
  createAccountsTestApp,
  type AccountsTestApp,
} from './testing/accounts-test-app.js';
import { errorSummary, TestClient } from './testing/client.js';
import { createAccount, PASSWORD, uniqueEmail } from './testing/factories.js';

let database: TestDatabase;
let t: AccountsTestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await createAccountsTestApp({ db: database.kysely, config: testConfig() });
});
afterAll(async () => {
  await t?.app.close();
  await database?.close();
});

const NEW_PASSWORD = 'violet kettle under moonlight';

/** The link in the newest outbox email to this address. */
async function linkFor(email: string): Promise<string> {
  const page = await new TestClient(t.app).get('/dev/outbox');
  expect(page.statusCode).toBe(200);
  const messages = await t.accounts.mailer.latest(50);
  const message = messages.find((item) => item.recipient === email);
  const link = /https?:\/\/\S+\/password-reset\/([A-Za-z0-9_-]{43})/.exec(message?.bodyText ?? '');
  if (!link) throw new Error(`No link for ${email}`);
  expect(page.body).toContain(link[1]);
  return `/password-reset/${link[1]}`;
}

async function signIn(c: TestClient, email: string, password: string) {
  const response = await c.submit('/sign-in', { email, password });
  if (response.statusCode === 303) await c.get('/account');
  return response;
}

describe('password reset', () => {
  it('gives the same answer whether or not the address has an account', async () => {
    const { email } = await createAccount(t, database.kysely);
    const known = await new TestClient(t.app).submit('/password-reset', { email });
    const unknown = await new TestClient(t.app).submit('/password-reset', {
      email: uniqueEmail('ghost'),
    });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(known.headers.location);
    const sent = await new TestClient(t.app).get(known.headers.location as string);
    expect(sent.body).toContain('If there is an account with the address you entered');
  });

  it('sets a new password through the emailed link, once, and ends every session', async () => {
    const { email, userId } = await createAccount(t, database.kysely);
    const phone = new TestClient(t.app);
    await signIn(phone, email, PASSWORD);
    await new TestClient(t.app).submit('/password-reset', { email });
    const link = await linkFor(email);

    const c = new TestClient(t.app);
    const form = await c.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    const mismatch = await c.post(link, {
      newPassword: NEW_PASSWORD,
      confirmPassword: 'something else entirely',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(errorSummary(mismatch.body)).toEqual(['The passwords do not match']);
    const done = await c.post(link, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.headers.location).toBe('/sign-in?passwordReset=1');

    expect((await phone.get('/account')).statusCode).toBe(303);
    expect((await c.get(link)).statusCode).toBe(404);
    const again = await c.post(link, {
      newPassword: 'another fine password here',
      confirmPassword: 'another fine password here',
    });
    expect(again.statusCode).toBe(404);
    expect((await signIn(new TestClient(t.app), email, PASSWORD)).statusCode).toBe(400);
    expect((await signIn(new TestClient(t.app), email, NEW_PASSWORD)).statusCode).toBe(303);
    const actions = await auditActionsFor(database.kysely, userId);
    expect(actions).toContain('password.reset_requested');
    expect(actions).toContain('password.reset');
  });

  it('stops working after an hour', async () => {
    const { email } = await createAccount(t, database.kysely);
    await new TestClient(t.app).submit('/password-reset', { email });
    const link = await linkFor(email);
    t.clock.advance(59 * 60_000);
    expect((await new TestClient(t.app).get(link)).statusCode).toBe(200);
    t.clock.advance(2 * 60_000);
    const expired = await new TestClient(t.app).get(link);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('The link has expired or has already been used');
  });

  it('refuses an unknown or malformed token', async () => {
    expect((await new TestClient(t.app).get(`/password-reset/${'a'.repeat(43)}`)).statusCode).toBe(
      404,
    );
    expect((await new TestClient(t.app).get('/password-reset/not-a-token')).statusCode).toBe(404);
  });

  it('sends at most 3 reset emails an hour for one account', async () => {
    const { email } = await createAccount(t, database.kysely);
    for (let i = 0; i < 5; i += 1) await new TestClient(t.app).submit('/password-reset', { email });
    const messages = (await t.accounts.mailer.latest(200)).filter(
      (message) => message.recipient === email,
    );
    expect(messages).toHaveLength(3);
  });
});

describe('password change', () => {
  it('needs the current password, applies the rules, and ends the other sessions', async () => {
    const { email, userId } = await createAccount(t, database.kysely);
    const [laptop, phone] = [new TestClient(t.app), new TestClient(t.app)];
    await signIn(laptop, email, PASSWORD);
    await signIn(phone, email, PASSWORD);
    await laptop.get('/account/password');
    const wrong = await laptop.post('/account/password', {
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual(['Your current password is not correct']);
    const weak = await laptop.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'qwertyuiop123',
      confirmPassword: 'qwertyuiop123',
    });
    expect(errorSummary(weak.body)).toEqual([
      'This password is too common. Choose one that is harder to guess',
    ]);
    const done = await laptop.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.headers.location).toBe('/account?passwordChanged=1');
    expect((await laptop.get('/account')).statusCode).toBe(200);
    expect((await phone.get('/account')).statusCode).toBe(303);
    expect(await auditActionsFor(database.kysely, userId)).toContain('password.changed');
  });
});

describe('accounts made by others', () => {
  it('lets a system administrator create an authority user, who sets a password by link', async () => {
    const admin = await createAccount(t, database.kysely, { role: 'system_admin' });
    const principal = {
      ...ANONYMOUS,
      userId: admin.userId,
      twoFactorVerified: true,
      grants: await t.roles.grantsFor(admin.userId),
    };
    const email = uniqueEmail('officer');
    const userId = await t.accounts.accounts.createAuthorityUser(
      { principal, requestId: 'test', ipAddress: '127.0.0.1' },
      { email, fullName: 'Officer Ocampo' },
    );
    expect(await t.accounts.accounts.findActiveUserIdByEmail(email)).toBeNull();
    const link = await linkFor(email);
    const c = new TestClient(t.app);
    expect((await c.get(link)).body).toContain('Choose your password');
    await c.post(link, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(await t.accounts.accounts.findActiveUserIdByEmail(email)).toBe(userId);
    await expect(
      t.accounts.accounts.createAuthorityUser(
        { principal: ANONYMOUS, requestId: null, ipAddress: null },
        { email: uniqueEmail(), fullName: 'Nobody' },
      ),
    ).rejects.toThrow('errors.forbidden.title');
  });
});

describe('development outbox', () => {
  it('is not served in production', async () => {
    const production = await createAccountsTestApp({
      db: database.kysely,
      config: testConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
        LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
        PUBLIC_URL: 'https://corridor.example.org',
      }),
    });
    expect((await production.app.inject({ url: '/dev/outbox' })).statusCode).toBe(404);
    await production.app.close();
  });
});
