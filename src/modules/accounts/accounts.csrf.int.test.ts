import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** CSRF protection on the real app: anonymous forms, signed-in forms, and JSON calls. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A new job seeker, signed in; the client holds the session's token. */
async function signedIn(): Promise<TestClient> {
  return h.signIn(await h.factories.people.user());
}

/** A JSON call with a body, as a script would make it (the floors of minimum wages). */
const FLOOR = { destinationCountry: 'QA', amount: '1800', currency: 'QAR', period: 'month' };

describe('CSRF protection', () => {
  it('puts a token in every form, tied to a signed cookie for anonymous forms', async () => {
    const c = h.anonymous();
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
    const c = h.anonymous();
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
    const c = h.anonymous();
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
    const anonymous = h.anonymous();
    await anonymous.get('/sign-in');
    const response = await c.post('/sign-out', { _csrf: anonymous.csrf });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the session token in a form', async () => {
    const c = await signedIn();
    expect((await c.post('/sign-out')).statusCode).toBe(303);
  });

  it('asks JSON calls that carry a session cookie for the token too, in a header', async () => {
    const officer = await h.signIn(await h.factories.people.user({ role: 'origin_officer' }));
    const refused = await officer.json('PUT', '/api/v1/minimum-wages', FLOOR, {
      'x-csrf-token': '',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toContain('The form was out of date');
    const accepted = await officer.json('PUT', '/api/v1/minimum-wages', FLOOR, {
      'x-csrf-token': officer.csrf!,
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('lets JSON calls without a session through (nothing to forge)', async () => {
    // No cookie, no key: not refused for CSRF (403) but for want of a caller (401).
    const response = await h.anonymous().json('PUT', '/api/v1/minimum-wages', FLOOR);
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('The form was out of date');
  });
});
