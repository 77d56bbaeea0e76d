import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, nextTotpCode, type Harness } from '../../../test/helpers/harness.js';
import type { Db } from '../../database.js';
import { AuditLog, SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { ValidationError } from '../../platform/http/problem.js';
import { consentPersonalData } from '../consent/consent.privacy.js';
import { ConsentRepository } from '../consent/consent.repository.js';
import { ConsentService } from '../consent/consent.service.js';
import { InvitationsRepository } from '../organisations/invitations.repository.js';
import { rolesPersonalData } from '../organisations/organisations.privacy.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { organisationsView } from '../organisations/organisations.tables.js';
import type { UserTables } from '../accounts/users.tables.js';
import type { PersonalDataProvider } from './privacy.provider.js';
import { PrivacyRepository } from './privacy.repository.js';
import {
  ACCESS_LOG_PAGE_SIZE,
  PrivacyService,
  type IdentityCheck,
  type PersonalDataDocument,
} from './privacy.service.js';

/**
 * The data subject's rights: the service with chosen providers, and the pages through the real
 * app (every module's provider, real sign-in, CSRF).
 */
let h: Harness;
let db: Db;
let audit: AuditLog;
let consent: ConsentService;
let employerId: string;
let embassyId: string;

let seekers = new Map<string, ActorContext>();
/** A job seeker's acting context, for the service calls. */
const seeker = (userId: string): ActorContext => {
  const ctx = seekers.get(userId);
  if (!ctx) throw new Error(`no job seeker ${userId}`);
  return ctx;
};
/** A job seeker made through the accounts service (real password, audited). */
async function newSeeker(overrides: { fullName?: string } = {}): Promise<TestUser> {
  const user = await h.factories.people.user(overrides);
  seekers.set(user.id, await h.factories.people.contextOf(user));
  return user;
}
/** Someone else: an embassy officer's account, for the access log. */
async function createUser(): Promise<string> {
  return (await h.factories.people.user({ role: 'embassy_officer', organisationId: embassyId })).id;
}

/** A provider standing in for the accounts module: the user's name, erased by anonymising it. */
const accountProvider: PersonalDataProvider<UserTables> = {
  name: 'account',
  export: async (userId) => {
    const row = await db
      .selectFrom('app_user')
      .select(['full_name', 'email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return { fullName: row?.full_name, email: row?.email };
  },
  erase: async (executor, userId) => {
    await executor
      .updateTable('app_user')
      .set({
        full_name: 'Erased',
        email: `erased-${userId}@invalid`,
        status: 'closed',
        closed_at: new Date(),
      })
      .where('id', '=', userId)
      .execute();
  },
};

const failingProvider: PersonalDataProvider = {
  name: 'failing',
  export: async () => ({}),
  erase: async () => {
    throw new Error('disk on fire');
  },
};

function privacyWith(providers: PersonalDataProvider[], identity?: IdentityCheck) {
  return new PrivacyService({
    repository: new PrivacyRepository(db),
    audit,
    providers,
    organisationNames: (ids) => new OrganisationsRepository(db).names(ids),
    ...(identity ? { identity } : {}),
  });
}

/** An identity check that knows one right password and one right code. */
function identityOf(
  userId: string,
  factor: 'code' | 'password',
  right = { password: 'correct horse', code: '123456' },
): IdentityCheck {
  return {
    factorOf: async () => factor,
    verifyPassword: async (id, password) => id === userId && password === right.password,
    verifyCode: async (id, code) => id === userId && code === right.code,
  };
}

async function userRow(userId: string) {
  return db
    .selectFrom('app_user')
    .select(['full_name', 'status'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** What an embassy officer's service writes when it shows someone's record. */
async function officerViews(subjectUserId: string, officerId: string, purpose = 'visa_check') {
  await audit.record(db, {
    action: 'person.viewed',
    actor: {
      userId: officerId,
      role: 'embassy_officer',
      organisationId: embassyId,
      apiKeyId: null,
    },
    subjectType: 'person',
    subjectIds: [subjectUserId],
    dataSubjectUserId: subjectUserId,
    purpose,
  });
}

beforeAll(async () => {
  h = await createHarness();
  db = h.db;
  seekers = new Map();
  audit = new AuditLog(db);
  consent = new ConsentService(new ConsentRepository(db), audit, new OrganisationsRepository(db));
  const { people } = h.factories;
  employerId = (await people.organisation({ kind: 'employer', name: 'Gulf Build Contracting' })).id;
  embassyId = (
    await people.organisation({
      kind: 'embassy',
      name: 'Embassy of Nepal, Doha',
      countryCode: 'QA',
    })
  ).id;
});

afterAll(async () => h?.close());

describe('download', () => {
  it('holds every provider’s section and the access log, and is audited', async () => {
    const userId = (await newSeeker({ fullName: 'Sita Gurung' })).id;
    const officerId = await createUser();
    await consent.grant(seeker(userId), { organisationId: employerId, purpose: 'profile.view' });
    await officerViews(userId, officerId);
    const privacy = privacyWith([accountProvider, consentPersonalData(consent)]);

    const document = await privacy.export(seeker(userId), new Date('2026-11-27T10:00:00Z'));
    expect(document).toMatchObject({
      format: 'corridor-personal-data/1',
      generatedAt: '2026-11-27T10:00:00.000Z',
      subject: { userId },
      sections: {
        account: { fullName: 'Sita Gurung' },
        consent: [
          {
            organisationName: 'Gulf Build Contracting',
            purpose: 'profile.view',
            withdrawnAt: null,
          },
        ],
      },
      accessLog: [
        {
          action: 'person.viewed',
          role: 'embassy_officer',
          organisationName: 'Embassy of Nepal, Doha',
          purpose: 'visa_check',
          viaApiKey: false,
        },
      ],
    });
    // The staff member's own id is not handed out; their institution and role are.
    expect(JSON.stringify(document.accessLog)).not.toContain(officerId);

    const [event] = await audit.list({ action: 'person.exported', subjectId: userId, limit: 10 });
    expect(event).toMatchObject({
      dataSubjectUserId: userId,
      actor: { userId },
      after: { sections: ['account', 'consent'] },
    });
  });

  it('is served as a dated JSON attachment', async () => {
    const user = await newSeeker();
    const client = await h.signIn(user);
    const response = await client.get('/account/data/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="corridor-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const document = response.json<PersonalDataDocument>();
    expect(document.format).toBe('corridor-personal-data/1');
    // The real app holds every module's section, the account's last.
    const sections = Object.keys(document.sections);
    expect([...sections].sort()).toEqual([
      'account',
      'applications',
      'consent',
      'documents',
      'identity_documents',
      'jobSeekerProfile',
      'matching',
      'notifications',
      'roles',
      'statistics',
    ]);
    expect(sections.at(-1)).toBe('account');
    expect(document.subject.userId).toBe(user.id);
  });
});

describe('erasure', () => {
  it('runs every provider and the audit event in one transaction', async () => {
    const userId = (await newSeeker({ fullName: 'Ram Thapa' })).id;
    await consent.grant(seeker(userId), { organisationId: employerId, purpose: 'profile.view' });
    await privacyWith([consentPersonalData(consent), accountProvider]).erase(seeker(userId), {});

    expect(await userRow(userId)).toEqual({ full_name: 'Erased', status: 'closed' });
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
    const [event] = await audit.list({ action: 'person.erased', subjectId: userId, limit: 10 });
    expect(event).toMatchObject({
      subjectType: 'person',
      subjectIds: [userId],
      after: { sections: ['consent', 'account'] },
    });
    // Ids only: nothing of what was erased is in the append-only log.
    expect(JSON.stringify(event)).not.toContain('Ram Thapa');
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('leaves nothing half-erased when a provider fails', async () => {
    const userId = (await newSeeker({ fullName: 'Maya Rai' })).id;
    await consent.grant(seeker(userId), { organisationId: employerId, purpose: 'profile.view' });
    const privacy = privacyWith([consentPersonalData(consent), accountProvider, failingProvider]);
    await expect(privacy.erase(seeker(userId), {})).rejects.toThrow('disk on fire');

    expect(await userRow(userId)).toEqual({ full_name: 'Maya Rai', status: 'active' });
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(true);
    expect(await audit.list({ action: 'person.erased', subjectId: userId, limit: 10 })).toEqual([]);
  });

  it('asks for the current password when it can check it', async () => {
    const userId = (await newSeeker()).id;
    const privacy = privacyWith([accountProvider], identityOf(userId, 'password'));
    await expect(privacy.erase(seeker(userId), {})).rejects.toBeInstanceOf(ValidationError);
    await expect(privacy.erase(seeker(userId), { password: 'wrong' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await userRow(userId)).status).toBe('active');
    await privacy.erase(seeker(userId), { password: 'correct horse' });
    expect((await userRow(userId)).status).toBe('closed');
  });

  it('works through the page: confirmation, password, then the confirmation page', async () => {
    const user = await newSeeker();
    const userId = user.id;
    const client = await h.signIn(user);
    const sessionToken = client.csrf;
    expect(sessionToken).not.toBeNull();

    const page = await client.get('/account/data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Erase my data');
    expect(page.body).toContain('name="password"');
    expect(page.body).toContain(`name="_csrf" value="${sessionToken}"`);

    const unconfirmed = await client.post('/account/data/erase', { password: user.password });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Confirm that you understand your data will be erased');

    const wrong = await client.post('/account/data/erase', { confirm: 'yes', password: 'nope' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The password is not correct');
    expect(wrong.body).toMatch(/name="confirm" type="checkbox" value="yes" checked/);
    expect(wrong.body).not.toContain('value="nope"');
    expect((await userRow(userId)).status).toBe('active');

    const done = await client.post('/account/data/erase', {
      confirm: 'yes',
      password: user.password,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account/data/erased');
    expect((await userRow(userId)).status).toBe('closed');

    const confirmation = await h.anonymous().get('/account/data/erased');
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Your data has been erased');
    // The account is closed: its session no longer signs anyone in.
    expect((await client.get('/account/data')).statusCode).toBe(303);
  });
});

describe('erasure asks for a second factor', () => {
  it('asks someone with two-factor authentication for a code, not their password', async () => {
    const userId = (await newSeeker()).id;
    const privacy = privacyWith([accountProvider], identityOf(userId, 'code'));
    const refusal = (input: { password?: string; code?: string }) =>
      privacy.erase(seeker(userId), input).then(
        () => null,
        (error: unknown) => (error instanceof ValidationError ? error.fields : error),
      );
    expect(await refusal({ password: 'correct horse' })).toEqual([
      { pointer: '/code', detail: 'privacy.errors.enterCode' },
    ]);
    expect(await refusal({ code: '654321' })).toEqual([
      { pointer: '/code', detail: 'privacy.errors.wrongCode' },
    ]);
    expect((await userRow(userId)).status).toBe('active');
    // The wrong answer is in the audit trail.
    expect(await h.auditActionsFor(userId)).toContain('person.erasure_refused');
    await privacy.erase(seeker(userId), { code: '123456' });
    expect((await userRow(userId)).status).toBe('closed');
  });

  it('stops checking after five wrong answers in a quarter of an hour', async () => {
    const userId = (await newSeeker()).id;
    const privacy = privacyWith([accountProvider], identityOf(userId, 'code'));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(privacy.erase(seeker(userId), { code: '000000' })).rejects.toMatchObject({
        fields: [{ detail: 'privacy.errors.wrongCode' }],
      });
    }
    await expect(privacy.erase(seeker(userId), { code: '123456' })).rejects.toMatchObject({
      fields: [{ detail: 'privacy.errors.tooManyAttempts' }],
    });
    expect((await userRow(userId)).status).toBe('active');
  });

  it('works through the page with a code from the authenticator app', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    await h.factories.people.administratorOf(organisation);
    const staff = await h.factories.people.user({
      role: 'employer_staff',
      organisationId: organisation.id,
    });
    const client = await h.signIn(staff);
    const page = await client.get('/account/data');
    expect(page.body).toContain('name="code"');
    expect(page.body).not.toContain('name="password"');
    const withPassword = await client.post('/account/data/erase', {
      confirm: 'yes',
      password: staff.password,
    });
    expect(withPassword.statusCode).toBe(400);
    expect(errorSummary(withPassword.body)).toEqual([
      'Enter the code from your authenticator app, or one of your recovery codes',
    ]);
    const wrong = await client.post('/account/data/erase', { confirm: 'yes', code: '000000' });
    expect(errorSummary(wrong.body)).toEqual(['The code is not correct, or has already been used']);
    expect((await userRow(staff.id)).status).toBe('active');
    const done = await client.post('/account/data/erase', {
      confirm: 'yes',
      code: await nextTotpCode(staff),
    });
    expect(done.statusCode).toBe(303);
    expect((await userRow(staff.id)).status).toBe('closed');
  });
});

describe('an organisation’s last administrator', () => {
  it('is told to appoint another administrator first, and nothing is erased or spent', async () => {
    const organisation = await h.factories.people.organisation({
      kind: 'recruitment_agency',
      name: 'Harambee Recruiters',
    });
    const admin = await h.factories.people.administratorOf(organisation);
    const client = await h.signIn(admin);
    const message =
      'You are the only administrator of Harambee Recruiters. Appoint another administrator on the organisation’s page first, then erase your data';
    const page = await client.get('/account/data');
    expect(page.body).toContain('You are the only administrator of Harambee Recruiters.');
    expect(page.body).not.toContain('name="code"');

    const code = await nextTotpCode(admin);
    const refused = await client.post('/account/data/erase', { confirm: 'yes', code });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([message]);
    expect((await userRow(admin.id)).status).toBe('active');
    expect(
      await db
        .selectFrom('role_assignment')
        .select('role')
        .where('user_id', '=', admin.id)
        .execute(),
    ).toHaveLength(1);

    // With a second administrator appointed, the same erasure goes through (the code was not spent).
    await h.factories.people.user({
      role: 'agency_staff',
      organisationId: organisation.id,
      administrator: true,
    });
    await client.get('/account/data');
    const done = await client.post('/account/data/erase', { confirm: 'yes', code });
    expect(done.statusCode).toBe(303);
    expect((await userRow(admin.id)).status).toBe('closed');
  });

  it('is refused inside the erasure’s transaction too (a check that races the page)', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    const admin = await h.factories.people.administratorOf(organisation);
    const roles = h.services.roles;
    await expect(
      db.transaction().execute(async (trx) => {
        const provider = rolesPersonalData(roles, new InvitationsRepository(db));
        await provider.erase(organisationsView(trx), admin.id);
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await roles.grantsFor(admin.id)).toHaveLength(1);
  });
});

describe('who has looked at my data', () => {
  it('lists reads by others with their organisation and role, not my own', async () => {
    const user = await newSeeker();
    const userId = user.id;
    const officerId = await createUser();
    await officerViews(userId, officerId);
    await officerViews(userId, userId); // my own look at my record is not listed
    await audit.record(db, {
      action: 'person.disclosed',
      actor: SYSTEM_ACTOR,
      subjectType: 'person',
      subjectIds: [userId],
      dataSubjectUserId: userId,
    });
    const privacy = privacyWith([]);
    const { entries, olderBeforeId } = await privacy.accessLog(seeker(userId));
    expect(olderBeforeId).toBeNull();
    expect(entries.map((entry) => [entry.action, entry.organisationName, entry.role])).toEqual([
      ['person.disclosed', null, null],
      ['person.viewed', 'Embassy of Nepal, Doha', 'embassy_officer'],
    ]);

    const client = await h.signIn(user);
    const response = await client.get('/account/access-log');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Embassy of Nepal, Doha');
    expect(response.body).toContain('Embassy officer');
    expect(response.body).toContain('Looked at your information');
    expect(response.body).toContain('Shared your information with another organisation');
    expect(response.body).toContain('Corridor (automatic)');
  });

  it('pages through a long history', async () => {
    const user = await newSeeker();
    const userId = user.id;
    const officerId = await createUser();
    for (let index = 0; index < ACCESS_LOG_PAGE_SIZE + 3; index += 1)
      await officerViews(userId, officerId, `check ${index}`);
    const privacy = privacyWith([]);
    const first = await privacy.accessLog(seeker(userId));
    expect(first.entries).toHaveLength(ACCESS_LOG_PAGE_SIZE);
    expect(first.entries[0]?.purpose).toBe(`check ${ACCESS_LOG_PAGE_SIZE + 2}`);
    expect(first.olderBeforeId).not.toBeNull();
    const second = await privacy.accessLog(seeker(userId), { beforeId: first.olderBeforeId ?? 0 });
    expect(second.entries.map((entry) => entry.purpose)).toEqual(['check 2', 'check 1', 'check 0']);
    expect(second.olderBeforeId).toBeNull();

    const client = await h.signIn(user);
    const page = await client.get('/account/access-log');
    expect(page.body).toContain(`/account/access-log?beforeId=${first.olderBeforeId}`);
    const garbage = await client.get('/account/access-log?beforeId=banana');
    expect(garbage.statusCode).toBe(200);
  });
});
