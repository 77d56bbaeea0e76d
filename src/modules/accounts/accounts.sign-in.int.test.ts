import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** Sign-in, throttling, sessions and sign-out on the real app. */
let h: Harness;
let ipCounter = 0;
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
  overrides: { email?: string } = {},
): Promise<{ userId: string; email: string }> {
  const user = await h.factories.people.user({ password: PASSWORD, ...overrides });
  return { userId: user.id, email: user.email };
}

/** Moves every running sign-in lock's end this much earlier, as if that much time had passed. */
async function lockTimePasses(minutes: number): Promise<void> {
  const locks = await h.db
    .selectFrom('sign_in_throttle')
    .select(['scope', 'key_hash', 'locked_until'])
    .where('locked_until', 'is not', null)
    .execute();
  for (const lock of locks) {
    await h.db
      .updateTable('sign_in_throttle')
      .set({ locked_until: new Date(lock.locked_until!.getTime() - minutes * 60_000) })
      .where('scope', '=', lock.scope)
      .where('key_hash', '=', lock.key_hash)
      .execute();
  }
}

/** A client from its own IP address, so that per-IP throttling does not mix tests. */
function client(): TestClient {
  ipCounter += 1;
  return h.anonymous({ remoteAddress: `10.0.0.${ipCounter}` });
}

/** Signs in as a browser would: the form, then the page it leads to (with its CSRF token). */
async function signIn(c: TestClient, email: string, password: string, next?: string) {
  const response = await c.submit(
    next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in',
    { email, password, ...(next ? { next } : {}) },
    '/sign-in',
  );
  const location = response.headers.location;
  if (
    response.statusCode === 303 &&
    typeof location === 'string' &&
    location.startsWith('/account')
  ) {
    await c.get(location);
  }
  return response;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('sign-in', () => {
  it('signs in with the right password and opens a session', async () => {
    const { email, userId } = await createAccount();
    const c = client();
    const response = await signIn(c, email.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
    expect((await c.get('/account')).statusCode).toBe(200);
    expect(await h.auditActionsFor(userId)).toContain('session.created');
  });

  it('answers a wrong password and an unknown email the same way, in about the same time', async () => {
    const { email } = await createAccount({
      email: 'known.person@example.org',
    });
    const unknown = 'unkn0wn.person@example.org';
    const c = client();
    await c.get('/sign-in');
    // Warm up both paths (the dummy hash is made on first use).
    await c.post('/sign-in', { email: 'warm.up@example.org', password: 'whatever-password' });
    // The real app gives every page a fresh CSP nonce; nothing else may differ.
    const normalise = (body: string, address: string) =>
      body.replaceAll(address, 'EMAIL').replace(/nonce="[^"]*"/g, 'nonce=""');
    const wrong = await c.post('/sign-in', { email, password: 'not the right password' });
    const missing = await c.post('/sign-in', {
      email: unknown,
      password: 'not the right password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(missing.statusCode).toBe(wrong.statusCode);
    expect(normalise(missing.body, unknown)).toBe(normalise(wrong.body, email));
    expect(errorSummary(wrong.body)).toEqual(['The email address or password is not correct']);

    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 3; i += 1) {
      for (const [kind, address] of [
        ['known', email],
        ['unknown', unknown],
      ] as const) {
        const started = performance.now();
        await c.post('/sign-in', { email: address, password: `wrong password ${i}` });
        times[kind].push(performance.now() - started);
      }
    }
    const [known, unknownMedian] = [median(times.known), median(times.unknown)];
    // Generous: both run one argon2 verification; a missing one would be ~10× faster.
    expect(unknownMedian).toBeGreaterThan(known / 3);
    expect(unknownMedian).toBeLessThan(known * 3);
  });

  it('replaces a session id that was set before sign-in (no session fixation)', async () => {
    const { email } = await createAccount();
    const c = client();
    const planted = 'A'.repeat(43);
    c.cookies.set('corridor_session', planted);
    await signIn(c, email, PASSWORD);
    expect(c.session()).toBeDefined();
    expect(c.session()).not.toBe(planted);

    // A real earlier session (someone else's, on a shared computer) is ended, not reused.
    const before = c.session()!;
    const other = await createAccount();
    await c.post('/sign-out');
    c.cookies.set('corridor_session', before);
    await signIn(c, other.email, PASSWORD);
    expect(c.session()).not.toBe(before);
    const replayed = h.anonymous();
    replayed.cookies.set('corridor_session', before);
    expect((await replayed.get('/account')).statusCode).toBe(303);
  });

  it('locks the account for 15 minutes after 5 failures, and says how long', async () => {
    const { email, userId } = await createAccount();
    const c = client();
    await c.get('/sign-in');
    for (let i = 0; i < 4; i += 1) {
      expect((await c.post('/sign-in', { email, password: `guess number ${i}` })).statusCode).toBe(
        400,
      );
    }
    const fifth = await c.post('/sign-in', { email, password: 'guess number 5' });
    expect(fifth.statusCode).toBe(429);
    expect(errorSummary(fifth.body)).toEqual([
      'There have been too many attempts to sign in. Wait 15 minutes and try again',
    ]);
    // Even the right password, from another address, is refused while the lock lasts.
    const elsewhere = client();
    const right = await signIn(elsewhere, email, PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(await h.auditActionsFor(userId)).toContain('account.locked');

    await lockTimePasses(10);
    const later = await signIn(elsewhere, email, PASSWORD);
    expect(errorSummary(later.body)[0]).toContain('Wait 5 minutes');
    await lockTimePasses(5 + 1 / 60);
    expect((await signIn(elsewhere, email, PASSWORD)).statusCode).toBe(303);
  });

  it('locks an unknown address the same way (no hint that it has no account)', async () => {
    const c = client();
    const email = uniqueEmail('nobody');
    await c.get('/sign-in');
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await c.post('/sign-in', { email, password: `guess ${i}` })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });

  it('locks an IP address after 20 failures, whatever the accounts', async () => {
    const c = client();
    await c.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      statuses.push(
        (await c.post('/sign-in', { email: uniqueEmail('spray'), password: `guess ${i}` }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 19).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(19)).toEqual([429, 429]);
    const { email } = await createAccount();
    expect((await c.post('/sign-in', { email, password: PASSWORD })).statusCode).toBe(429);
    expect((await signIn(client(), email, PASSWORD)).statusCode).toBe(303);
  });

  it('ends a session after the idle timeout', async () => {
    const { email, userId } = await createAccount();
    const c = client();
    await signIn(c, email, PASSWORD);
    expect((await c.get('/account')).statusCode).toBe(200);
    const idle = new Date(Date.now() - 31 * 60_000);
    await h.db
      .updateTable('user_session')
      .set({ last_seen_at: idle })
      .where('user_id', '=', userId)
      .execute();
    const response = await c.get('/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Faccount');
    expect(c.session()).toBeUndefined();
    const rows = await h.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(rows).toEqual([]);
    expect(await h.auditActionsFor(userId)).toContain('session.expired');
  });

  it('purges timed-out sessions in housekeeping', async () => {
    const { email, userId } = await createAccount();
    const c = client();
    await signIn(c, email, PASSWORD);
    await h.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 24 * 3600_000) })
      .where('user_id', '=', userId)
      .execute();
    const purged = await h.services.accounts.sessions.purgeExpired();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    const left = await h.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(left).toEqual([]);
  });

  it('ends a session at the absolute timeout, however active', async () => {
    const { email, userId } = await createAccount();
    const c = client();
    await signIn(c, email, PASSWORD);
    await h.db
      .updateTable('user_session')
      .set({
        expires_at: new Date(Date.now() - 1000),
        created_at: new Date(Date.now() - 13 * 3600_000),
      })
      .where('user_id', '=', userId)
      .execute();
    expect((await c.get('/account')).statusCode).toBe(303);
  });

  it('signs out, and signs out everywhere', async () => {
    const { email, userId } = await createAccount();
    const [laptop, phone, tablet] = [client(), client(), client()];
    for (const device of [laptop, phone, tablet]) await signIn(device, email, PASSWORD);
    const out = await laptop.post('/sign-out');
    expect(out.headers.location).toBe('/sign-in?signedOut=1');
    expect((await laptop.get('/account')).statusCode).toBe(303);
    expect((await phone.get('/account')).statusCode).toBe(200);

    const account = await phone.get('/account');
    expect(account.body).toContain('This device');
    const everywhere = await phone.post('/account/sign-out-everywhere');
    expect(everywhere.headers.location).toBe('/sign-in?signedOutEverywhere=1');
    expect((await phone.get('/account')).statusCode).toBe(303);
    expect((await tablet.get('/account')).statusCode).toBe(303);
    const actions = await h.auditActionsFor(userId);
    expect(actions.filter((action) => action === 'session.ended')).toHaveLength(2);
  });

  it('returns to the page asked for, but only on this site', async () => {
    const { email } = await createAccount();
    const anonymous = await client().get('/account/password');
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Faccount%2Fpassword');
    const cases: Array<[string, string]> = [
      ['/account/password', '/account/password'],
      ['//evil.example/', '/account'],
      ['https://evil.example/', '/account'],
      ['/\\evil.example', '/account'],
      ['/%0d%0aSet-Cookie:x=y', '/%0d%0aSet-Cookie:x=y'],
      ['javascript:alert(1)', '/account'],
    ];
    for (const [next, expected] of cases) {
      const c = client();
      const response = await signIn(c, email, PASSWORD, next);
      expect({ next, location: response.headers.location }).toEqual({ next, location: expected });
    }
  });

  it('answers 403 to a signed-in person without the permission a route needs', async () => {
    const { email } = await createAccount();
    const c = client();
    await signIn(c, email, PASSWORD);
    // The officers' minimum wages need minimum_wage.manage, which a job seeker does not hold.
    const response = await c.get('/minimum-wages');
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('You do not have permission to see this page');
    expect((await client().get('/minimum-wages')).headers.location).toBe(
      '/sign-in?next=%2Fminimum-wages',
    );
  });
});
