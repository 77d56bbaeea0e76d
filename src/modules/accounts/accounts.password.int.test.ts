import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { ANONYMOUS } from '../../platform/authz/principal.js';

/** Password reset and change, and accounts made by others, on the real app. */
let h: Harness;
let counter = 0;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';

/** A unique email address for a test. */
function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${counter}@example.org`;
}

/** An active job seeker account with PASSWORD, made through the accounts service. */
async function createAccount(
  overrides: { role?: TestUser['role'] } = {},
): Promise<{ userId: string; email: string; user: TestUser }> {
  const user = await h.factories.people.user({ password: PASSWORD, ...overrides });
  return { userId: user.id, email: user.email, user };
}

/** Makes the user's newest reset link as old as this, as if that much time had passed. */
async function linkIssuedAgo(userId: string, minutes: number): Promise<void> {
  const link = await h.db
    .selectFrom('password_reset')
    .select(['id', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const lifetime = link.expires_at.getTime() - link.created_at.getTime();
  const createdAt = new Date(Date.now() - minutes * 60_000);
  await h.db
    .updateTable('password_reset')
    .set({ created_at: createdAt, expires_at: new Date(createdAt.getTime() + lifetime) })
    .where('id', '=', link.id)
    .execute();
}

const NEW_PASSWORD = 'violet kettle under moonlight';

/** The link in the newest outbox email to this address. */
async function linkFor(email: string): Promise<string> {
  const page = await h.anonymous().get('/dev/outbox');
  expect(page.statusCode).toBe(200);
  const [message] = await h.emailsTo(email, 50);
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
    const { email } = await createAccount();
    const known = await h.anonymous().submit('/password-reset', { email });
    const unknown = await h.anonymous().submit('/password-reset', {
      email: uniqueEmail('ghost'),
    });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(known.headers.location);
    const sent = await h.anonymous().get(known.headers.location as string);
    expect(sent.body).toContain('If there is an account with the address you entered');
  });

  it('sets a new password through the emailed link, once, and ends every session', async () => {
    const { email, userId } = await createAccount();
    const phone = h.anonymous();
    await signIn(phone, email, PASSWORD);
    await h.anonymous().submit('/password-reset', { email });
    const link = await linkFor(email);

    const c = h.anonymous();
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
    expect((await signIn(h.anonymous(), email, PASSWORD)).statusCode).toBe(400);
    expect((await signIn(h.anonymous(), email, NEW_PASSWORD)).statusCode).toBe(303);
    const actions = await h.auditActionsFor(userId);
    expect(actions).toContain('password.reset_requested');
    expect(actions).toContain('password.reset');
  });

  it('stops working after an hour', async () => {
    const { email, userId } = await createAccount();
    await h.anonymous().submit('/password-reset', { email });
    const link = await linkFor(email);
    const issued = await h.db
      .selectFrom('password_reset')
      .select(['created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(issued.expires_at.getTime() - issued.created_at.getTime()).toBe(60 * 60_000);
    await linkIssuedAgo(userId, 59);
    expect((await h.anonymous().get(link)).statusCode).toBe(200);
    await linkIssuedAgo(userId, 61);
    const expired = await h.anonymous().get(link);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('The link has expired or has already been used');
  });

  it('refuses an unknown or malformed token', async () => {
    expect((await h.anonymous().get(`/password-reset/${'a'.repeat(43)}`)).statusCode).toBe(404);
    expect((await h.anonymous().get('/password-reset/not-a-token')).statusCode).toBe(404);
  });

  it('sends at most 3 reset emails an hour for one account', async () => {
    const { email } = await createAccount();
    for (let i = 0; i < 5; i += 1) await h.anonymous().submit('/password-reset', { email });
    const messages = await h.emailsTo(email);
    expect(messages).toHaveLength(3);
  });
});

describe('password change', () => {
  it('needs the current password, applies the rules, and ends the other sessions', async () => {
    const { email, userId } = await createAccount();
    const [laptop, phone] = [h.anonymous(), h.anonymous()];
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
    expect(await h.auditActionsFor(userId)).toContain('password.changed');
  });
});

describe('accounts made by others', () => {
  it('lets a system administrator create an authority user, who sets a password by link', async () => {
    const admin = await createAccount({ role: 'system_admin' });
    const principal = await h.factories.people.principalOf(admin.user);
    const email = uniqueEmail('officer');
    const userId = await h.services.accounts.accounts.createAuthorityUser(
      { principal, requestId: 'test', ipAddress: '127.0.0.1' },
      { email, fullName: 'Officer Ocampo' },
    );
    expect(await h.services.accounts.accounts.findActiveUserIdByEmail(email)).toBeNull();
    const link = await linkFor(email);
    const c = h.anonymous();
    expect((await c.get(link)).body).toContain('Choose your password');
    await c.post(link, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(await h.services.accounts.accounts.findActiveUserIdByEmail(email)).toBe(userId);
    await expect(
      h.services.accounts.accounts.createAuthorityUser(
        { principal: ANONYMOUS, requestId: null, ipAddress: null },
        { email: uniqueEmail(), fullName: 'Nobody' },
      ),
    ).rejects.toThrow('errors.forbidden.title');
  });
});

describe('development outbox', () => {
  it('is not served in production', async () => {
    const production = await createHarness({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
        LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
        STATISTICS_CELL_KEY_SECRET: Buffer.alloc(32, 6).toString('base64'),
        PUBLIC_URL: 'https://corridor.example.org',
      },
    });
    try {
      expect((await production.app.inject({ url: '/dev/outbox' })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });
});
