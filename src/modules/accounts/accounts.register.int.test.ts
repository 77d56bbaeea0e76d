import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** Job seekers register themselves, on the real app. */
let h: Harness;
let ipCounter = 0;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';

/** A visitor from an address of its own, so that the per-address limit does not mix tests. */
function client(options: { lang?: string } = {}): TestClient {
  ipCounter += 1;
  return h.anonymous({ ...options, remoteAddress: `10.1.0.${ipCounter}` });
}

async function register(c: TestClient, form: Record<string, string>) {
  return c.submit('/register', { preferredLanguage: 'en', privacyNoticeRead: 'yes', ...form });
}

/** The registration link in the newest email to this address. */
async function linkFor(email: string): Promise<string> {
  const [message] = await h.emailsTo(email, 50);
  const link = /https?:\/\/\S+(\/password-reset\/[A-Za-z0-9_-]{43})/.exec(message?.bodyText ?? '');
  if (!link) throw new Error(`No link for ${email}`);
  return link[1]!;
}

/** Follows the emailed link, chooses PASSWORD, and signs in. */
async function finish(c: TestClient, email: string) {
  const link = await linkFor(email);
  expect((await c.get(link)).statusCode).toBe(200);
  const set = await c.post(link, { newPassword: PASSWORD, confirmPassword: PASSWORD });
  expect(set.headers.location).toBe('/sign-in?passwordReset=1');
  const signedIn = await c.submit('/sign-in', { email, password: PASSWORD }, '/sign-in');
  expect(signedIn.statusCode).toBe(303);
  return c.get('/account');
}

/** What a response shows a visitor, without what differs on every page (nonce, CSRF). */
function visible(response: { statusCode: number; headers: Record<string, unknown> }) {
  const cookies = (response as unknown as { cookies: Array<{ name: string }> }).cookies;
  return {
    status: response.statusCode,
    location: response.headers.location,
    cookies: cookies.map((cookie) => cookie.name).filter((name) => name !== '_csrf'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('registration', () => {
  it('mails a link to choose the password; the account opens with it, as a job seeker', async () => {
    const c = client();
    const response = await register(c, { fullName: 'Amina Yusuf', email: 'Amina@Example.org' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/register/check-email');
    expect(c.session()).toBeUndefined();
    const sent = await c.get('/register/check-email');
    expect(sent.body).toContain('Check your email');
    expect(sent.body).toContain('The link works once, for 3 days');

    const [email] = await h.emailsTo('amina@example.org');
    expect(email?.subject).toBe('Finish creating your Corridor account');
    // Pending until the owner of the address chooses a password: it cannot be signed in to.
    const userId = await h.services.accounts.accounts.findActiveUserIdByEmail('amina@example.org');
    expect(userId).toBeNull();

    const account = await finish(c, 'amina@example.org');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Amina Yusuf');
    expect(account.body).toContain('Job seeker');
    const id = await h.services.accounts.accounts.findActiveUserIdByEmail('amina@example.org');
    expect(await h.auditActionsFor(id!)).toEqual([
      'user.registered',
      'privacy_notice.acknowledged',
      'password.set_link_sent',
      'password.set',
      'session.created',
    ]);
    const row = await h.db
      .selectFrom('app_user')
      .select(['password_hash'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers an existing address as a new one, and mails its owner in their language', async () => {
    const owner = await h.factories.people.user({
      email: 'owner.fr@example.org',
      fullName: 'Claire Martin',
      preferredLanguage: 'fr',
      password: PASSWORD,
    });
    const fresh = await register(client(), { fullName: 'New Person', email: 'new.x@example.org' });
    const taken = await register(client(), { fullName: 'Someone', email: 'OWNER.FR@example.org' });
    expect(visible(taken)).toEqual(visible(fresh));
    const page = (c: { body: string }) =>
      c.body.replace(/nonce="[^"]*"/g, '').replace(/value="[^"]*"/g, '');
    const [freshPage, takenPage] = [
      await client().get('/register/check-email'),
      await client().get('/register/check-email'),
    ];
    expect(page(takenPage)).toBe(page(freshPage));

    const [mail] = await h.emailsTo(owner.email);
    expect(mail?.subject).toBe('Quelqu’un a essayé de s’inscrire avec votre adresse e-mail');
    expect(mail?.bodyText).toContain('Bonjour Claire Martin');
    expect(mail?.bodyText).toContain('/sign-in');
    expect(mail?.bodyText).toContain('/password-reset');
    // Nothing about the account changed: same name, password, one open account.
    expect(await h.auditActionsFor(owner.id)).toContain('user.registration_repeated');
    const rows = await h.db
      .selectFrom('app_user')
      .select(['full_name'])
      .where('email', '=', owner.email)
      .execute();
    expect(rows).toEqual([{ full_name: 'Claire Martin' }]);
    const c = client();
    expect(
      (await c.submit('/sign-in', { email: owner.email, password: PASSWORD })).statusCode,
    ).toBe(303);
  });

  it("tells a staff member, and changes nothing of the staff member's account", async () => {
    const officer = await h.factories.people.user({ role: 'agency_staff', password: PASSWORD });
    const before = await h.services.accounts.accounts.overview(officer.id);
    const response = await register(client(), { fullName: 'Impostor', email: officer.email });
    expect(response.headers.location).toBe('/register/check-email');
    const [mail] = await h.emailsTo(officer.email);
    expect(mail?.subject).toBe('Someone tried to register with your email address');
    const after = await h.services.accounts.accounts.overview(officer.id);
    expect(after?.grants).toEqual(before?.grants);
    expect(after?.user.fullName).toBe(before?.user.fullName);
  });

  it('sends a new link to an address whose registration was never finished', async () => {
    await register(client(), { fullName: 'Late Finisher', email: 'late@example.org' });
    await register(client(), { fullName: 'Late Finisher', email: 'late@example.org' });
    const mails = await h.emailsTo('late@example.org');
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Finish creating your Corridor account',
      'Finish creating your Corridor account',
    ]);
    expect((await finish(client(), 'late@example.org')).statusCode).toBe(200);
  });

  it('takes about as long for an existing address as for a new one', async () => {
    await h.factories.people.user({ email: 'timing.owner@example.org', password: PASSWORD });
    const c = client();
    await c.get('/register');
    const times = { fresh: [] as number[], existing: [] as number[] };
    for (let i = 0; i < 5; i += 1) {
      for (const kind of ['fresh', 'existing'] as const) {
        const email = kind === 'fresh' ? `timing.${i}@example.org` : 'timing.owner@example.org';
        const started = performance.now();
        await c.post('/register', {
          fullName: 'Timing',
          email,
          preferredLanguage: 'en',
          privacyNoticeRead: 'yes',
        });
        times[kind].push(performance.now() - started);
      }
    }
    const [fresh, existing] = [median(times.fresh), median(times.existing)];
    expect(existing).toBeGreaterThan(fresh / 3);
    expect(existing).toBeLessThan(fresh * 3);
  });

  it('mails one address at most 3 times an hour, answering the same past that', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push(visible(await register(client(), { fullName: 'Bombed', email: 'bomb@x.org' })));
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(await h.emailsTo('bomb@x.org')).toHaveLength(3);
  });

  it('makes one IP address wait after 30 registrations in an hour, and says how long', async () => {
    const c = client();
    await c.get('/register');
    const statuses = [];
    for (let i = 0; i < 31; i += 1) {
      const response = await c.post('/register', {
        fullName: 'Many',
        email: `many.${i}@example.org`,
        preferredLanguage: 'en',
        privacyNoticeRead: 'yes',
      });
      statuses.push(response.statusCode);
      if (i === 30) {
        expect(errorSummary(response.body)).toEqual([
          'There have been too many attempts. Wait 1 minute and try again',
        ]);
      }
    }
    expect(statuses.slice(0, 30).every((status) => status === 303)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await h.emailsTo('many.30@example.org')).toEqual([]);
  });

  it.each([
    ['Arabic', 'فاطمة الزهراء', 'fatima@example.org'],
    ['Chinese', '王秀英', 'wang@example.org'],
    ['a mononym', 'Sukarno', 'sukarno@example.org'],
    ['Devanagari with combining marks', 'अनीता शर्मा', 'anita@example.org'],
  ])('accepts a name in %s', async (_label, fullName, email) => {
    const response = await register(client(), { fullName, email });
    expect(response.statusCode).toBe(303);
    const account = await finish(client(), email);
    expect(account.body).toContain(fullName);
  });

  it('shows every problem in Arabic, with an error summary and status 400', async () => {
    const c = client({ lang: 'ar' });
    const response = await c.submit('/register', {
      fullName: '  ',
      email: 'not-an-email',
      preferredLanguage: 'xx',
      privacyNoticeRead: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="ar" dir="rtl"');
    expect(errorSummary(response.body)).toEqual([
      'أدخل اسمك الكامل',
      'أدخل بريدًا إلكترونيًا بالصيغة الصحيحة، مثل name@example.com',
      'اختر لغتك المفضلة',
      'أكّد أنك قرأت إشعار الخصوصية',
    ]);
    expect(response.body).toContain('href="#fullName"');
    expect(response.body).toContain('id="fullName-error"');
  });

  it('sends a signed-in person from /register and /sign-in to their account', async () => {
    const user = await h.factories.people.user({ password: PASSWORD });
    const c = await h.signIn(user);
    expect((await c.get('/register')).headers.location).toBe('/account');
    expect((await c.get('/sign-in')).headers.location).toBe('/account');
  });
});
