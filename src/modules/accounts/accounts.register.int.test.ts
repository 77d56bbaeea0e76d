import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** Job seekers register themselves, on the real app. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';

async function register(client: TestClient, form: Record<string, string>) {
  return client.submit('/register', { preferredLanguage: 'en', password: PASSWORD, ...form });
}

describe('registration', () => {
  it('opens a job seeker account, signs the person in and audits both', async () => {
    const client = h.anonymous();
    const response = await register(client, {
      fullName: 'Amina Yusuf',
      email: 'Amina@Example.org',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account?registered=1');
    const cookie = response.cookies.find((c) => c.name === 'corridor_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const account = await client.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Amina Yusuf');
    expect(account.body).toContain('amina@example.org');
    expect(account.body).toContain('Job seeker');

    const user = await h.services.accounts.accounts.findActiveUserIdByEmail('amina@example.org');
    expect(user).not.toBeNull();
    expect(await h.auditActionsFor(user!)).toEqual(['user.registered', 'session.created']);
    const grants = (await h.services.accounts.accounts.overview(user!))?.grants ?? [];
    expect(grants.map((grant) => grant.role)).toEqual(['job_seeker']);
  });

  it('stores the password as an argon2id hash and the session id only as a SHA-256', async () => {
    const client = h.anonymous();
    await register(client, { fullName: 'Hash Check', email: 'hash@example.org' });
    const row = await h.db
      .selectFrom('app_user')
      .select(['password_hash'])
      .where('email', '=', 'hash@example.org')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await h.db.selectFrom('user_session').select(['token_hash']).execute();
    const token = client.session()!;
    const hashes = sessions.map((session) => session.token_hash);
    expect(hashes).not.toContain(token);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
  });

  it.each([
    ['Arabic', 'فاطمة الزهراء', 'fatima@example.org'],
    ['Chinese', '王秀英', 'wang@example.org'],
    ['a mononym', 'Sukarno', 'sukarno@example.org'],
    ['Devanagari with combining marks', 'अनीता शर्मा', 'anita@example.org'],
  ])('accepts a name in %s', async (_label, fullName, email) => {
    const client = h.anonymous();
    const response = await register(client, { fullName, email });
    expect(response.statusCode).toBe(303);
    const account = await client.get('/account');
    expect(account.body).toContain(fullName);
  });

  it('shows every problem in Arabic, with an error summary and status 400', async () => {
    const client = h.anonymous({ lang: 'ar' });
    const response = await client.submit('/register', {
      fullName: '  ',
      email: 'not-an-email',
      password: 'short',
      preferredLanguage: 'xx',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="ar" dir="rtl"');
    expect(errorSummary(response.body)).toEqual([
      'أدخل اسمك الكامل',
      'أدخل بريدًا إلكترونيًا بالصيغة الصحيحة، مثل name@example.com',
      'يجب أن تتكون كلمة المرور من 12 حرفًا على الأقل',
      'اختر لغتك المفضلة',
    ]);
    expect(response.body).toContain('href="#fullName"');
    expect(response.body).toContain('id="fullName-error"');
    // The password is never sent back.
    expect(response.body).not.toContain('value="short"');
  });

  it('refuses common passwords, the email as password, and a taken address', async () => {
    const client = h.anonymous();
    const common = await register(client, {
      fullName: 'A',
      email: 'a1@example.org',
      password: 'Password1234!',
    });
    expect(common.statusCode).toBe(400);
    expect(errorSummary(common.body)).toEqual([
      'This password is too common. Choose one that is harder to guess',
    ]);
    const leet = await register(client, {
      fullName: 'A',
      email: 'a1@example.org',
      password: 'P@ssw0rd2024',
    });
    expect(errorSummary(leet.body)).toEqual([
      'This password is too common. Choose one that is harder to guess',
    ]);
    const same = await register(client, {
      fullName: 'A',
      email: 'longaddress@example.org',
      password: 'LongAddress@example.org',
    });
    expect(errorSummary(same.body)).toEqual(['Password must not be your email address']);
    const taken = await register(client, { fullName: 'Other', email: 'AMINA@example.org' });
    expect(taken.statusCode).toBe(400);
    expect(errorSummary(taken.body)[0]).toMatch(/already an account/);
  });

  it('sends a signed-in person from /register and /sign-in to their account', async () => {
    const client = h.anonymous();
    await register(client, { fullName: 'Signed In', email: 'signedin@example.org' });
    expect((await client.get('/register')).headers.location).toBe('/account');
    expect((await client.get('/sign-in')).headers.location).toBe('/account');
  });
});
