import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { ForbiddenError, ValidationError } from '../../platform/http/problem.js';
import { Translator } from '../../platform/i18n/translator.js';
import { Jobs } from '../../platform/jobs/jobs.js';
import { JobsRepository } from '../../platform/jobs/jobs.repository.js';
import type { JobTables } from '../../platform/jobs/jobs.tables.js';
import { RolesRepository } from '../organisations/roles.repository.js';
import { createAccounts } from './accounts.module.js';
import type { AccountsDatabase } from './accounts.tables.js';

/** The services of accounts by phone and assisted registration, on PGlite (real SQL). */
let database: TestDatabase;
let db: Kysely<AccountsDatabase & JobTables>;
let accounts: ReturnType<typeof createAccounts>;
let ip = 0;
const meta = () => ({ requestId: null, ipAddress: `10.9.0.${++ip}`, userAgent: null });
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  const config = testConfig();
  accounts = createAccounts({
    db,
    config,
    audit: new AuditLog(database.kysely),
    cipher: FieldCipher.fromConfig(config),
    roles: new RolesRepository(database.kysely),
    translator: new Translator(),
    jobs: new Jobs(new JobsRepository(db)),
    smsGateway: null,
    log: { info: () => undefined, warn: () => undefined },
  });
}, 300_000);
afterAll(async () => {
  await database?.close();
});

async function codeFor(phone: string): Promise<string> {
  const [message] = (await accounts.sms.latest(200)).filter((m) => m.recipient === phone);
  const code = /\b(\d{6})\b/.exec(message?.bodyText ?? '');
  if (!code) throw new Error(`No code for ${phone}`);
  return code[1]!;
}

async function smsCount(phone: string) {
  return (await accounts.sms.latest(500)).filter((m) => m.recipient === phone).length;
}

async function register(phone: string, name = 'Amina') {
  const start = await accounts.phone.startRegistration(
    { phone, preferredLanguage: 'en', privacyNoticeVersion: '1' },
    meta(),
  );
  if (start.kind !== 'sent') throw new Error('wait');
  const outcome = await accounts.phone.completeRegistration(
    start.challengeId,
    { code: await codeFor(phone), fullName: name, password: PASSWORD, previousToken: null },
    meta(),
  );
  return { start, outcome };
}

const principalOf = (userId: string, role: string, organisationId: string | null): Principal =>
  ({
    userId,
    apiKeyId: null,
    sessionId: null,
    grants: [{ role, organisationId, countryCode: 'KE' }],
    permissionLimit: null,
    twoFactorVerified: true,
  }) as unknown as Principal;

describe('registration and sign-in by phone', () => {
  it('opens an active job seeker account with no email, and the code works once', async () => {
    const { start, outcome } = await register('+254712345678', 'أمينة يوسف');
    expect(outcome.kind).toBe('signed_in');
    const user = await db
      .selectFrom('app_user')
      .select(['email', 'phone', 'full_name', 'status'])
      .where('phone', '=', '+254712345678')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      email: null,
      phone: '+254712345678',
      full_name: 'أمينة يوسف',
      status: 'active',
    });
    if (start.kind !== 'sent') throw new Error();
    const again = await accounts.phone.completeRegistration(
      start.challengeId,
      { code: '123456', fullName: 'X', password: PASSWORD, previousToken: null },
      meta(),
    );
    expect(again.kind).toBe('refused');
    const row = await db
      .selectFrom('one_time_code')
      .select('code_hash')
      .where('id', '=', start.challengeId)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('profiles carry the phone, and an empty email for a phone-only account', async () => {
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where('phone', '=', '+254712345678')
      .executeTakeFirstOrThrow();
    const profile = (await accounts.accounts.profiles([row.id])).get(row.id);
    expect(profile).toMatchObject({ phone: '+254712345678', email: '' });
  });

  it('a registered number gets a message to its owner and a challenge no code answers', async () => {
    const before = await smsCount('+254712345678');
    const start = await accounts.phone.startRegistration(
      { phone: '+254712345678', preferredLanguage: 'en', privacyNoticeVersion: '1' },
      meta(),
    );
    expect(start.kind).toBe('sent');
    const [latest] = (await accounts.sms.latest(10)).filter((m) => m.recipient === '+254712345678');
    expect(await smsCount('+254712345678')).toBe(before + 1);
    expect(latest?.bodyText).toContain('already has an account');
  });

  it('signs in by password and by code; unknown numbers get the same answer and no SMS', async () => {
    const byPassword = await accounts.signIn.signIn(
      { email: '+254712345678', password: PASSWORD, previousToken: null },
      meta(),
    );
    expect(byPassword.kind).toBe('signed_in');

    const asked = await accounts.phone.requestSignInCode('+254712345678', meta());
    if (asked.kind !== 'sent') throw new Error();
    const code = await codeFor('+254712345678');
    const signedIn = await accounts.phone.signInWithCode(
      asked.challengeId,
      { code, previousToken: null },
      meta(),
    );
    expect(signedIn.kind).toBe('signed_in');
    const reused = await accounts.phone.signInWithCode(
      asked.challengeId,
      { code, previousToken: null },
      meta(),
    );
    expect(reused.kind).toBe('refused');

    const unknown = await accounts.phone.requestSignInCode('+254799999999', meta());
    expect(unknown.kind).toBe('sent');
    expect(await smsCount('+254799999999')).toBe(0);
    if (unknown.kind !== 'sent') throw new Error();
    const refused = await accounts.phone.signInWithCode(
      unknown.challengeId,
      { code: '123456', previousToken: null },
      meta(),
    );
    expect(refused.kind).toBe('refused');
  });

  it('wrong codes count on the throttle: a number tried from one address is slowed', async () => {
    const address = { requestId: null, ipAddress: '10.9.9.9', userAgent: null };
    const asked = await accounts.phone.requestSignInCode('+254712345678', meta());
    if (asked.kind !== 'sent') throw new Error();
    const kinds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const outcome = await accounts.phone.signInWithCode(
        asked.challengeId,
        { code: '000000', previousToken: null },
        address,
      );
      kinds.push(outcome.kind);
    }
    expect(kinds).toContain('locked');
  });
});

describe('assisted registration', () => {
  let officerId: string;
  beforeAll(async () => {
    const row = await db
      .insertInto('app_user')
      .values({ email: 'officer@example.org', full_name: 'Grace Wanjiru', status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    officerId = row.id;
  });

  it('is refused to a job seeker and an employer', async () => {
    for (const role of ['job_seeker', 'employer_staff']) {
      const ctx = {
        principal: principalOf(officerId, role, null),
        requestId: null,
        ipAddress: null,
      };
      await expect(
        accounts.assisted.register(ctx, {
          fullName: 'X',
          phone: '+254700000001',
          email: null,
          preferredLanguage: 'en',
          consent: true,
        }),
      ).rejects.toThrow(ForbiddenError);
    }
  });

  it('needs consent and a way to reach the person', async () => {
    const ctx = {
      principal: principalOf(officerId, 'origin_officer', null),
      requestId: null,
      ipAddress: null,
    };
    const error = await accounts.assisted
      .register(ctx, {
        fullName: 'रमेश',
        phone: null,
        email: null,
        preferredLanguage: 'ne',
        consent: false,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.detail).sort()).toEqual([
      'accounts.errors.assistedConsentNeeded',
      'accounts.errors.assistedContactNeeded',
    ]);
  });

  it('opens a pending account; the slip shows the code; the person claims it once', async () => {
    const ctx = {
      principal: principalOf(officerId, 'origin_officer', null),
      requestId: null,
      ipAddress: null,
    };
    const { id } = await accounts.assisted.register(ctx, {
      fullName: 'রহিম উদ্দিন',
      phone: '+8801712345678',
      email: null,
      preferredLanguage: 'bn',
      consent: true,
    });
    const slip = await accounts.assisted.slip(ctx, id);
    expect(slip.fullName).toBe('রহিম উদ্দিন');
    expect(slip.officerName).toBe('Grace Wanjiru');
    expect(await codeFor('+8801712345678')).toBe(slip.code);
    const stored = await db
      .selectFrom('assisted_registration')
      .select('claim_code_encrypted')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.claim_code_encrypted).not.toContain(slip.code);

    const other = {
      principal: principalOf(crypto.randomUUID(), 'origin_officer', null),
      requestId: null,
      ipAddress: null,
    };
    await expect(accounts.assisted.slip(other, id)).rejects.toThrow();

    const wrong = await accounts.assisted.claim(
      {
        target: '+8801712345678',
        code: slip.code === '000000' ? '111111' : '000000',
        password: PASSWORD,
        previousToken: null,
      },
      meta(),
    );
    expect(wrong.kind).not.toBe('signed_in');
    const claimed = await accounts.assisted.claim(
      { target: '+8801712345678', code: slip.code, password: PASSWORD, previousToken: null },
      meta(),
    );
    expect(claimed.kind).toBe('signed_in');
    await expect(accounts.assisted.slip(ctx, id)).rejects.toThrow();
    const again = await accounts.assisted.claim(
      { target: '+8801712345678', code: slip.code, password: PASSWORD, previousToken: null },
      meta(),
    );
    expect(again.kind).not.toBe('signed_in');
    const user = await db
      .selectFrom('app_user')
      .select(['status'])
      .where('phone', '=', '+8801712345678')
      .executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
  });
});
