import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** Accounts by phone number and assisted registration, on the real app (with the demo data). */
let h: Harness;
let ipCounter = 0;

beforeAll(async () => {
  h = await createHarness({ demo: true });
}, 300_000);
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';

function client(options: { lang?: string } = {}): TestClient {
  ipCounter += 1;
  return h.anonymous({ ...options, remoteAddress: `10.7.0.${ipCounter}` });
}

/** The newest text message to a number (E.164), from the outbox. */
async function smsTo(phone: string) {
  const messages = await h.services.accounts.sms.latest(200);
  return messages.filter((message) => message.recipient === phone);
}

async function codeFor(phone: string): Promise<string> {
  const [message] = await smsTo(phone);
  const code = /\b(\d{6})\b/.exec(message?.bodyText ?? '');
  if (!code) throw new Error(`No code for ${phone}`);
  return code[1]!;
}

async function registerByPhone(c: TestClient, phone: string, country = 'KE') {
  const start = await c.submit('/register/phone', {
    country,
    phone,
    preferredLanguage: 'en',
    privacyNoticeRead: 'yes',
  });
  expect(start.statusCode).toBe(303);
  return String(start.headers.location);
}

describe('registration with a phone number', () => {
  it('sends a code by SMS; the code, a name and a password open an active job seeker account', async () => {
    const c = client();
    const page = await registerByPhone(c, '0712 345 678');
    expect(page).toMatch(/^\/register\/phone\/[0-9a-f-]{36}$/);
    const code = await codeFor('+254712345678');
    const codePage = await c.get(page);
    expect(codePage.body).toContain('+254 712 345678');
    const wrong = await c.post(page, { code: '000000', fullName: 'Amina', password: PASSWORD });
    expect(wrong.statusCode).toBe(400);
    const done = await c.post(page, {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
      fullName: 'أمينة يوسف',
      password: PASSWORD,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account');
    const account = await c.get('/account');
    expect(account.body).toContain('أمينة يوسف');
    expect(account.body).toContain('+254 712 345678');
    const profiles = await h.services.accounts.accounts.profiles([]);
    expect(profiles.size).toBe(0);
    // The code was used: it cannot open a second account.
    const again = await c.post(page, { code, fullName: 'X', password: PASSWORD });
    expect(again.statusCode).toBe(404);
  });

  it('reads Arabic-Indic and Bengali digits and 00 prefixes; refuses a wrong number by name', async () => {
    const c = client({ lang: 'ar' });
    await registerByPhone(c, '٠٧٢٢ ٣٣٣ ٤٤٤');
    expect(await smsTo('+254722333444')).toHaveLength(1);
    const bad = await c.submit('/register/phone', {
      country: '',
      phone: '0712',
      preferredLanguage: 'ar',
      privacyNoticeRead: 'yes',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body).length).toBeGreaterThan(0);
  });

  it('answers the same for a number that has an account, and tells its owner instead', async () => {
    const c = client();
    await registerByPhone(c, '0733 111 222');
    const code = await codeFor('+254733111222');
    const first = await c.get(await registerByPhone(c, '0733 111 222'));
    expect(first.statusCode).toBe(200);
    const page = await registerByPhone(client(), '+254733111222');
    expect(page).toMatch(/^\/register\/phone\//);
    void code;
  });
});

describe('sign-in with a phone number', () => {
  const phone = '+254711000111';
  beforeAll(async () => {
    const c = client();
    const page = await registerByPhone(c, phone);
    await c.post(page, { code: await codeFor(phone), fullName: 'Juma', password: PASSWORD });
  });

  it('signs in with the password', async () => {
    const c = client();
    const response = await c.submit('/sign-in/phone', {
      country: 'KE',
      phone: '0711 000 111',
      password: PASSWORD,
      method: 'password',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
  });

  it('signs in with a code by SMS, once; an unknown number gets the same page and no SMS', async () => {
    const c = client();
    const asked = await c.submit('/sign-in/phone', {
      country: 'KE',
      phone: '0711000111',
      method: 'code',
    });
    expect(asked.statusCode).toBe(303);
    const page = String(asked.headers.location);
    expect(page).toMatch(/^\/sign-in\/code\//);
    const code = await codeFor(phone);
    const signedIn = await c.post(page, { code });
    expect(signedIn.headers.location).toBe('/account');
    // Another browser (with its own form token) that saw the code cannot use it again.
    const other = client();
    await other.get('/sign-in/phone');
    const reused = await other.post(page, { code });
    expect(reused.statusCode).toBe(404);

    const stranger = client();
    const unknown = await stranger.submit('/sign-in/phone', {
      country: 'KE',
      phone: '0799 999 999',
      method: 'code',
    });
    expect(unknown.statusCode).toBe(303);
    expect(String(unknown.headers.location)).toMatch(/^\/sign-in\/code\//);
    expect(await smsTo('+254799999999')).toHaveLength(0);
    const unknownPage = await stranger.get(String(unknown.headers.location));
    const knownPage = await client().get(
      page.replace(/[0-9a-f-]{36}$/, String(unknown.headers.location).slice(-36)),
    );
    expect(unknownPage.statusCode).toBe(200);
    expect(knownPage.statusCode).toBe(200);
    const refused = await stranger.post(String(unknown.headers.location), { code: '123456' });
    expect(refused.statusCode).toBe(400);
  });

  it('a code dies after five wrong tries', async () => {
    const c = client();
    const asked = await c.submit('/sign-in/phone', {
      country: 'KE',
      phone: '0711000111',
      method: 'code',
    });
    const page = String(asked.headers.location);
    const code = await codeFor(phone);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) await c.post(page, { code: wrong });
    const late = await c.post(page, { code });
    expect(late.statusCode).not.toBe(303);
  });
});

describe('assisted registration', () => {
  it('is refused to a job seeker and an employer', async () => {
    for (const email of ['jobseeker@demo.corridor.example', 'employer@demo.corridor.example']) {
      const c = await h.signInDemo(email);
      expect((await c.get('/accounts/assisted')).statusCode).toBe(403);
    }
    expect((await client().get('/accounts/assisted')).statusCode).not.toBe(200);
  });

  it('an officer opens the account; the person claims it with the code and a password', async () => {
    const officer = await h.signInDemo('origin.officer@demo.corridor.example');
    const form = await officer.get('/accounts/assisted');
    expect(form.statusCode).toBe(200);
    const missingConsent = await officer.post('/accounts/assisted', {
      fullName: 'রহিম উদ্দিন',
      country: 'BD',
      phone: '01712 345678',
      email: '',
      preferredLanguage: 'bn',
    });
    expect(missingConsent.statusCode).toBe(400);
    const created = await officer.post('/accounts/assisted', {
      fullName: 'রহিম উদ্দিন',
      country: 'BD',
      phone: '০১৭১২ ৩৪৫৬৭৮',
      email: '',
      preferredLanguage: 'bn',
      consent: 'yes',
    });
    expect(created.statusCode).toBe(303);
    const slipUrl = String(created.headers.location);
    const slip = await officer.get(slipUrl);
    expect(slip.statusCode).toBe(200);
    expect(slip.body).toContain('lang="bn"');
    expect(slip.body).toContain('রহিম উদ্দিন');
    const code = /data-testid="claim-code">(\d{6})</.exec(slip.body)?.[1];
    expect(code).toBeDefined();
    expect(await codeFor('+8801712345678')).toBe(code);

    const person = client({ lang: 'bn' });
    const wrong = await person.submit('/claim', {
      contact: '01712345678',
      country: 'BD',
      code: code === '000000' ? '111111' : '000000',
      password: PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    const claimed = await person.submit('/claim', {
      contact: '01712345678',
      country: 'BD',
      code: code!,
      password: PASSWORD,
    });
    expect(claimed.statusCode).toBe(303);
    expect(claimed.headers.location).toBe('/account?claimed=1');
    // The slip is gone once claimed, and the code works once.
    expect((await officer.get(slipUrl)).statusCode).toBe(404);
    const again = await client().submit('/claim', {
      contact: '+8801712345678',
      country: '',
      code: code!,
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(400);
  });
});
