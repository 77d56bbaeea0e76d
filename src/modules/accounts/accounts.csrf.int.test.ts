import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { createAccountsTestApp, type AccountsTestApp } from './testing/accounts-test-app.js';
import { TestClient } from './testing/client.js';
import { createAccount, PASSWORD } from './testing/factories.js';

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

async function signedIn(): Promise<TestClient> {
  const { email } = await createAccount(t, database.kysely);
  const c = new TestClient(t.app);
  await c.submit('/sign-in', { email, password: PASSWORD });
  await c.get('/account');
  return c;
}

describe('CSRF protection', () => {
  it('puts a token in every form, tied to a signed cookie for anonymous forms', async () => {
    const c = new TestClient(t.app);
    const page = await c.get('/sign-in');
    const cookie = page.cookies.find((item) => item.name === 'corridor_csrf');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // Signed: the cookie is the token plus a signature, so a planted cookie does not verify.
    expect(cookie?.value).toContain(`${c.csrf}.`);
  });

  it.each([
    ['missing', null],
    ['wrong', 'x'.repeat(43)],
  ])('refuses an anonymous form with a %s token with 403', async (_label, token) => {
    const c = new TestClient(t.app);
    await c.get('/sign-in');
    const response = await c.post('/sign-in', {
      _csrf: token,
      email: 'a@example.org',
      password: 'whatever it is',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The form was out of date or did not come from this service');
  });

  it('refuses a token whose cookie was forged (unsigned)', async () => {
    const c = new TestClient(t.app);
    const token = 'y'.repeat(43);
    c.cookies.set('corridor_csrf', token);
    const response = await c.post('/register', {
      _csrf: token,
      fullName: 'X',
      email: 'x@example.org',
    });
    expect(response.statusCode).toBe(403);
  });

  it.each([
    ['missing', null],
    ['wrong', 'z'.repeat(43)],
  ])('refuses a signed-in form with a %s token with 403', async (_label, token) => {
    const c = await signedIn();
    const response = await c.post('/account/sign-out-everywhere', { _csrf: token });
    expect(response.statusCode).toBe(403);
    expect((await c.get('/account')).statusCode).toBe(200);
  });

  it('does not accept the anonymous token once signed in (tokens are per session)', async () => {
    const c = await signedIn();
    const anonymous = new TestClient(t.app);
    await anonymous.get('/sign-in');
    const response = await c.post('/sign-out', { _csrf: anonymous.csrf });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the session token in a form', async () => {
    const c = await signedIn();
    expect((await c.post('/sign-out')).statusCode).toBe(303);
  });

  it('asks JSON calls that carry a session cookie for the token too, in a header', async () => {
    const c = await signedIn();
    const cookie = `corridor_session=${c.session()}`;
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { cookie, 'content-type': 'application/json' },
      payload: { a: 1 },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': c.csrf! },
      payload: { a: 1 },
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('lets JSON calls without a session through (nothing to forge)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { a: 1 },
    });
    expect(response.statusCode).toBe(200);
  });
});
