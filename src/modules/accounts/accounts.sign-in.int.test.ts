import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, nextTotpCode, type Harness } from '../../../test/helpers/harness.js';
import { hmacSha256 } from '../../platform/crypto/primitives.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import { throttleKeyFrom } from './throttle.js';

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

/** Moves every running wait's end this much earlier, as if that much time had passed. */
async function waitPasses(seconds: number): Promise<void> {
  const locks = await h.db
    .selectFrom('sign_in_throttle')
    .select(['scope', 'key_hash', 'locked_until'])
    .where('locked_until', 'is not', null)
    .execute();
  for (const lock of locks) {
    await h.db
      .updateTable('sign_in_throttle')
      .set({ locked_until: new Date(lock.locked_until!.getTime() - seconds * 1000) })
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

  it('slows one address after 5 failures with growing waits, and not the owner elsewhere', async () => {
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
    expect(fifth.headers['retry-after']).toBe('30');
    expect(errorSummary(fifth.body)).toEqual([
      'There have been too many attempts. Wait 30 seconds and try again',
    ]);
    // While it waits, this address is not even asked for the password.
    expect((await c.post('/sign-in', { email, password: PASSWORD })).statusCode).toBe(429);
    // The right password from another address is not locked out (the old lock was for all).
    expect((await signIn(client(), email, PASSWORD)).statusCode).toBe(303);
    expect(await h.auditActionsFor(userId)).toContain('sign_in.slowed');

    // Each further failure doubles the wait: 30 s, then 1 minute, then 2…
    await waitPasses(31);
    const sixth = await c.post('/sign-in', { email, password: 'guess number 6' });
    expect(errorSummary(sixth.body)).toEqual([
      'There have been too many attempts. Wait 1 minute and try again',
    ]);
    await waitPasses(61);
    const seventh = await c.post('/sign-in', { email, password: 'guess number 7' });
    expect(errorSummary(seventh.body)[0]).toContain('Wait 2 minutes');
    await waitPasses(121);
    expect((await signIn(c, email, PASSWORD)).statusCode).toBe(303);
  });

  it('answers an unknown address exactly as a known one while slowing it', async () => {
    const { email: known } = await createAccount();
    const unknown = uniqueEmail('nobody');
    const answers: Record<string, { statuses: number[]; last: string }> = {};
    for (const email of [known, unknown]) {
      const c = client();
      await c.get('/sign-in');
      const statuses = [];
      let last = '';
      for (let i = 0; i < 6; i += 1) {
        const response = await c.post('/sign-in', { email, password: `guess ${i}` });
        statuses.push(response.statusCode);
        // The fifth starts the wait; a later one would say a second less if a second passed.
        if (i === 4)
          last = response.body
            .replaceAll(email, 'EMAIL')
            .replace(/nonce="[^"]*"/g, 'nonce=""')
            .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');
      }
      answers[email === known ? 'known' : 'unknown'] = { statuses, last };
    }
    expect(answers.known!.statuses).toEqual([400, 400, 400, 400, 429, 429]);
    expect(answers.unknown!.statuses).toEqual(answers.known!.statuses);
    expect(answers.unknown!.last).toBe(answers.known!.last);
  });

  it('counts parallel attempts before checking any password, so none slips past a wait', async () => {
    const { userId, email } = await createAccount();
    const c = client();
    await c.get('/sign-in');
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        c.post('/sign-in', { email, password: `parallel guess ${i}` }).then((r) => r.statusCode),
      ),
    );
    expect(statuses.filter((status) => status === 400)).toHaveLength(4);
    const failed = (await h.auditActionsFor(userId)).filter((a) => a === 'sign_in.failed');
    expect(failed).toHaveLength(5);
  });

  it('slows every address on an account attacked from many, but lets in its known device', async () => {
    const { email, userId } = await createAccount();
    // The owner signed in on this browser before: it holds a known-device cookie.
    const owner = client();
    const first = await signIn(owner, email, PASSWORD);
    const device = first.cookies.find((cookie) => cookie.name === 'corridor_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(device?.maxAge).toBeGreaterThan(90 * 86_400);
    expect(device?.secure).toBeFalsy();
    await owner.post('/sign-out');

    // 20 addresses, one guess each: the account as a whole starts to wait.
    for (let i = 0; i < 20; i += 1) {
      const attacker = client();
      await attacker.get('/sign-in');
      await attacker.post('/sign-in', { email, password: `spread guess ${i}` });
    }
    const newDevice = await signIn(client(), email, PASSWORD);
    expect(newDevice.statusCode).toBe(429);
    expect(errorSummary(newDevice.body)[0]).toMatch(/Wait \d+ seconds?/);
    // Slowed, never locked: the wait is at most a minute.
    await waitPasses(61);
    expect((await signIn(client(), email, PASSWORD)).statusCode).toBe(303);

    for (let i = 20; i < 30; i += 1) {
      const attacker = client();
      await attacker.get('/sign-in');
      await attacker.post('/sign-in', { email, password: `spread guess ${i}` });
    }
    expect((await signIn(client(), email, PASSWORD)).statusCode).toBe(429);
    // The owner's browser gets in at once, from a new address too.
    const back = await signIn(owner, email, PASSWORD);
    expect(back.statusCode).toBe(303);
    const moved = client();
    moved.cookies.set('corridor_device', owner.cookies.get('corridor_device')!);
    expect((await signIn(moved, email, PASSWORD)).statusCode).toBe(303);
    const created = (await h.auditActionsFor(userId)).filter((a) => a === 'session.created');
    expect(created.length).toBeGreaterThanOrEqual(4);
  });

  it("does not take another account's device cookie, or a forged one, as known", async () => {
    const victim = await createAccount();
    const other = await createAccount();
    const attacker = client();
    await signIn(attacker, other.email, PASSWORD);
    const own = attacker.cookies.get('corridor_device')!;
    const [, issued, nonce, mac] = own.split('.');
    const forged = [
      own,
      `${victim.userId}.${issued}.${nonce}.${mac}`,
      `${victim.userId}.${issued}.${nonce}.${'A'.repeat(43)}`,
    ].join('~');
    const c = client();
    c.cookies.set('corridor_device', forged);
    await c.get('/sign-in');
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push(
        (await c.post('/sign-in', { email: victim.email, password: `g${i}` })).statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });

  it('slows an IP address after 50 failures over many accounts, except for known devices', async () => {
    const { email } = await createAccount();
    const c = client();
    await signIn(c, email, PASSWORD);
    const device = c.cookies.get('corridor_device')!;
    await c.post('/sign-out');
    const spray = h.anonymous({ remoteAddress: c.options.remoteAddress! });
    await spray.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 51; i += 1) {
      statuses.push(
        (await spray.post('/sign-in', { email: uniqueEmail('spray'), password: `guess ${i}` }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 49).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(49)).toEqual([429, 429]);
    // Someone else behind the same address, on a new device, waits; the known device does not.
    expect((await spray.post('/sign-in', { email, password: PASSWORD })).statusCode).toBe(429);
    const known = h.anonymous({ remoteAddress: c.options.remoteAddress! });
    known.cookies.set('corridor_device', device);
    expect((await signIn(known, email, PASSWORD)).statusCode).toBe(303);
    expect((await signIn(client(), email, PASSWORD)).statusCode).toBe(303);
  });

  it('keys its counts with an HMAC under the configured key, not a plain hash', async () => {
    const email = uniqueEmail('keyed');
    const c = client();
    await c.get('/sign-in');
    await c.post('/sign-in', { email, password: 'a wrong password' });
    const ip = c.options.remoteAddress!;
    const rows = await h.db.selectFrom('sign_in_throttle').select(['scope', 'key_hash']).execute();
    const hashes = rows.map((row) => row.key_hash);
    for (const plain of [email, `account:${email}`, ip, `ip:${ip}`]) {
      expect(hashes).not.toContain(sha256Hex(plain));
    }
    const key = throttleKeyFrom(h.config.lookupHashKey);
    const keyed = (...parts: string[]) => hmacSha256(key, parts.join('\0')).toString('hex');
    expect(rows).toEqual(
      expect.arrayContaining([
        { scope: 'pair', key_hash: keyed('pair', email, ip) },
        { scope: 'account', key_hash: keyed('account', email) },
        { scope: 'ip', key_hash: keyed('ip', ip) },
      ]),
    );
  });

  it("slows a staff account's two-factor codes too, and lets in its known device", async () => {
    const officer = await h.factories.people.user({ role: 'agency_staff', password: PASSWORD });
    const owner = client();
    await owner.submit('/sign-in', { email: officer.email, password: PASSWORD }, '/sign-in');
    await owner.get('/sign-in/two-factor');
    const done = await owner.post('/sign-in/two-factor', { code: await nextTotpCode(officer) });
    expect(done.statusCode).toBe(303);
    expect(owner.cookies.get('corridor_device')).toBeDefined();
    await owner.post('/sign-out');

    // A stolen password: wrong codes from elsewhere are slowed like passwords.
    const thief = client();
    await thief.submit('/sign-in', { email: officer.email, password: PASSWORD }, '/sign-in');
    await thief.get('/sign-in/two-factor');
    const codes = [];
    for (let i = 0; i < 5; i += 1)
      codes.push((await thief.post('/sign-in/two-factor', { code: '000000' })).statusCode);
    expect(codes).toEqual([400, 400, 400, 400, 429]);
    for (let i = 0; i < 20; i += 1) {
      const attacker = client();
      await attacker.get('/sign-in');
      await attacker.post('/sign-in', { email: officer.email, password: `guess ${i}` });
    }
    expect((await signIn(client(), officer.email, PASSWORD)).statusCode).toBe(429);
    const back = await owner.submit(
      '/sign-in',
      { email: officer.email, password: PASSWORD },
      '/sign-in',
    );
    expect(back.headers.location).toBe('/sign-in/two-factor');
    await owner.get('/sign-in/two-factor');
    const again = await owner.post('/sign-in/two-factor', { code: await nextTotpCode(officer) });
    expect(again.statusCode).toBe(303);
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
