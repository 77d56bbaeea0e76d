import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, nextTotpCode, type Harness } from '../../../test/helpers/harness.js';
import { totpCode, TOTP_STEP_MS } from './totp.js';

/** Two-factor authentication on the real app, with codes from the real clock. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';
/** A page that needs an officer's permission (minimum_wage.manage), and one of one's own. */
const OFFICER_PAGE = '/minimum-wages';
const OWN_PAGE = '/account/access-log';

/** An account (job seeker by default; staff without two-factor authentication yet). */
async function createAccount(
  overrides: { role?: TestUser['role'] } = {},
): Promise<TestUser & { userId: string }> {
  const user = await h.factories.people.user({
    password: PASSWORD,
    twoFactor: false,
    ...overrides,
  });
  return { ...user, userId: user.id };
}

function secretOf(page: string): string {
  const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)?.[1];
  if (!secret) throw new Error('No TOTP secret on the page');
  return secret.replace(/ /g, '');
}

function recoveryCodesOf(page: string): string[] {
  return [...page.matchAll(/<code class="corridor-code">([a-z0-9-]+)<\/code>/g)].map(
    (match) => match[1]!,
  );
}

/**
 * An officer who has set up two-factor authentication; returns the secret and codes. The setup
 * takes the code of the step before (accepted for clock drift; the current one near a step's
 * end), so that the next sign-in has a fresh code without waiting.
 */
async function officerWithTwoFactor() {
  const account = await createAccount({ role: 'origin_officer' });
  const c = h.anonymous();
  await c.submit('/sign-in', { email: account.email, password: PASSWORD });
  const setup = await c.get('/account/two-factor');
  const secret = secretOf(setup.body);
  const now = Date.now();
  const at = now % TOTP_STEP_MS > TOTP_STEP_MS - 5_000 ? now : now - TOTP_STEP_MS;
  const done = await c.post('/account/two-factor', { code: totpCode(secret, at) });
  expect(done.statusCode).toBe(200);
  const codes = recoveryCodesOf(done.body);
  await c.post('/sign-out');
  const officer = { ...account, totpSecret: secret, lastTotpStep: Math.floor(at / TOTP_STEP_MS) };
  return { ...officer, secret, codes, client: c };
}

async function passwordStep(email: string) {
  const c = h.anonymous();
  const response = await c.submit('/sign-in', { email, password: PASSWORD });
  expect(response.headers.location).toBe('/sign-in/two-factor');
  await c.get('/sign-in/two-factor');
  return c;
}

describe('two-factor authentication', () => {
  it('sends an officer without it to the setup page, and nowhere else', async () => {
    const { email } = await createAccount({ role: 'origin_officer' });
    const c = h.anonymous();
    await c.submit('/sign-in', { email, password: PASSWORD });
    for (const path of [OFFICER_PAGE, '/account', OWN_PAGE, '/account/password']) {
      const response = await c.get(path);
      expect({ path, status: response.statusCode, location: response.headers.location }).toEqual({
        path,
        status: 303,
        location: '/account/two-factor',
      });
    }
    const setup = await c.get('/account/two-factor');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('Your role needs two-factor authentication');
    expect(setup.body).toContain('<svg aria-hidden="true"');
    expect(secretOf(setup.body)).toMatch(/^[A-Z2-7]{32}$/);
    // The same secret on reload, stored encrypted.
    expect(secretOf((await c.get('/account/two-factor')).body)).toBe(secretOf(setup.body));
    const row = await h.db
      .selectFrom('app_user')
      .select(['totp_secret_encrypted'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret_encrypted).toMatch(/^v1\./);
    expect(row.totp_secret_encrypted).not.toContain(secretOf(setup.body));
  });

  it('turns on with a code, shows 10 recovery codes once, then opens officer pages', async () => {
    const { email, userId } = await createAccount({ role: 'origin_officer' });
    const c = h.anonymous();
    const otherBrowser = h.anonymous();
    await otherBrowser.submit('/sign-in', { email, password: PASSWORD });
    await c.submit('/sign-in', { email, password: PASSWORD });
    const secret = secretOf((await c.get('/account/two-factor')).body);
    const wrong = await c.post('/account/two-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect((await c.get(OFFICER_PAGE)).statusCode).toBe(303);
    const done = await c.post('/account/two-factor', { code: totpCode(secret) });
    expect(done.headers['cache-control']).toBe('no-store');
    const codes = recoveryCodesOf(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await c.get(OFFICER_PAGE)).statusCode).toBe(200);
    // The other browser never gave a code: its session has ended.
    expect((await otherBrowser.get('/account/two-factor')).headers.location).toBe(
      '/sign-in?next=%2Faccount%2Ftwo-factor',
    );
    const status = await c.get('/account/two-factor');
    expect(status.body).toContain('You have 10 recovery codes left.');
    expect(recoveryCodesOf(status.body)).toEqual([]);
    expect(await h.auditActionsFor(userId)).toContain('two_factor.enabled');
  });

  it('asks for a code after the password, and refuses a replayed code', async () => {
    const officer = await officerWithTwoFactor();
    const c = await passwordStep(officer.email);
    // Half-way: still anonymous.
    expect((await c.get('/account')).headers.location).toBe('/sign-in?next=%2Faccount');
    await c.get('/sign-in/two-factor');
    const code = await nextTotpCode(officer);
    const before = c.session();
    const ok = await c.post('/sign-in/two-factor', { code });
    expect(ok.headers.location).toBe('/account');
    expect(c.session()).not.toBe(before);
    expect((await c.get(OFFICER_PAGE)).statusCode).toBe(200);

    const again = await passwordStep(officer.email);
    const replay = await again.post('/sign-in/two-factor', { code });
    expect(replay.statusCode).toBe(400);
    expect(errorSummary(replay.body)[0]).toMatch(/already been used/);
    expect((await again.get(OFFICER_PAGE)).statusCode).toBe(303);
  });

  it('accepts each recovery code once', async () => {
    const officer = await officerWithTwoFactor();
    const [first, second] = officer.codes as [string, string];
    const c = await passwordStep(officer.email);
    await c.get('/sign-in/two-factor?recovery=1');
    const ok = await c.post('/sign-in/two-factor', { recoveryCode: first.toUpperCase() });
    expect(ok.headers.location).toBe('/account');
    expect((await c.get(OFFICER_PAGE)).statusCode).toBe(200);

    const again = await passwordStep(officer.email);
    await again.get('/sign-in/two-factor?recovery=1');
    const reused = await again.post('/sign-in/two-factor', { recoveryCode: first });
    expect(reused.statusCode).toBe(400);
    const next = await again.post('/sign-in/two-factor', { recoveryCode: second });
    expect(next.statusCode).toBe(303);
    const status = await again.get('/account/two-factor');
    expect(status.body).toContain('You have 8 recovery codes left.');
  });

  it('counts wrong codes towards the lock', async () => {
    const officer = await officerWithTwoFactor();
    const c = await passwordStep(officer.email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await c.post('/sign-in/two-factor', { code: '123456' })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const right = await c.post('/sign-in/two-factor', { code: await nextTotpCode(officer) });
    expect(right.statusCode).toBe(429);
  });

  it('lets a job seeker in without it', async () => {
    const { email } = await createAccount();
    const c = h.anonymous();
    const response = await c.submit('/sign-in', { email, password: PASSWORD });
    expect(response.headers.location).toBe('/account');
    expect((await c.get('/account')).statusCode).toBe(200);
  });
});
