import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { Db } from '../../database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { consentPersonalData } from './consent.privacy.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';
import { consentView } from './consent.tables.js';

/** The consent ledger: the service on real SQL, and the pages and API through the real app. */
let h: Harness;
let db: Db;
let audit: AuditLog;
let consent: ConsentService;
let employerId: string;
let agencyId: string;
let authorityId: string;

let seekers = new Map<string, ActorContext>();
/** A job seeker's acting context (made by `newSeeker`), for the service calls. */
const seeker = (userId: string): ActorContext => {
  const ctx = seekers.get(userId);
  if (!ctx) throw new Error(`no job seeker ${userId}`);
  return ctx;
};
/** A job seeker made through the accounts service, who can sign in. */
async function newSeeker(): Promise<TestUser> {
  const user = await h.factories.people.user();
  seekers.set(user.id, await h.factories.people.contextOf(user));
  return user;
}
const createUser = async () => (await newSeeker()).id;

async function auditRows(action: string, subjectId?: string) {
  const rows = await audit.list({ action, limit: 100, ...(subjectId ? { subjectId } : {}) });
  return rows;
}

beforeAll(async () => {
  h = await createHarness();
  db = h.db;
  seekers = new Map();
  audit = new AuditLog(db);
  consent = new ConsentService(new ConsentRepository(db), audit, new OrganisationsRepository(db));
  const { people } = h.factories;
  employerId = (await people.organisation({ kind: 'employer', name: 'Gulf Build Contracting' })).id;
  agencyId = (await people.organisation({ kind: 'recruitment_agency', name: 'Himalaya Manpower' }))
    .id;
  authorityId = (
    await people.organisation({
      kind: 'origin_authority',
      name: 'Department of Foreign Employment',
      countryCode: 'NP',
    })
  ).id;
});

afterAll(async () => {
  await h?.close();
});

/** An officer of the authority, who holds no consent permission. */
async function newOfficer(): Promise<TestUser> {
  return h.factories.people.user({ role: 'origin_officer', organisationId: authorityId });
}

describe('ConsentService', () => {
  it('grants a consent, audits it, and answers hasConsent', async () => {
    const userId = await createUser();
    const { consent: granted, created } = await consent.grant(seeker(userId), {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    expect(created).toBe(true);
    expect(granted).toMatchObject({
      userId,
      organisationId: employerId,
      organisationName: 'Gulf Build Contracting',
      withdrawnAt: null,
    });
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(true);
    expect(await consent.hasConsent(userId, employerId, 'profile.contact')).toBe(false);
    const [event] = await auditRows('consent.granted', granted.id);
    expect(event).toMatchObject({
      subjectType: 'consent',
      dataSubjectUserId: userId,
      actor: { userId, role: 'job_seeker' },
      after: { organisationId: employerId, purpose: 'profile.view' },
    });
  });

  it('is idempotent: granting again changes nothing and records nothing', async () => {
    const userId = await createUser();
    const first = await consent.grant(seeker(userId), {
      organisationId: agencyId,
      purpose: 'profile.contact',
    });
    const again = await consent.grant(seeker(userId), {
      organisationId: agencyId,
      purpose: 'profile.contact',
    });
    expect(again).toEqual({ consent: first.consent, created: false });
    expect(await consent.list(seeker(userId))).toHaveLength(1);
    expect(await auditRows('consent.granted', first.consent.id)).toHaveLength(1);
  });

  it('only grants to employers and recruitment agencies that exist', async () => {
    const userId = await createUser();
    for (const organisationId of [authorityId, '00000000-0000-4000-8000-000000000000']) {
      await expect(
        consent.grant(seeker(userId), { organisationId, purpose: 'profile.view' }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('withdraws, keeps the history, audits, and allows granting again', async () => {
    const userId = await createUser();
    const { consent: granted } = await consent.grant(seeker(userId), {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    await consent.withdraw(seeker(userId), granted.id);
    await consent.withdraw(seeker(userId), granted.id); // twice is not an error, nor a second event
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
    const events = await auditRows('consent.withdrawn', granted.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ dataSubjectUserId: userId, purpose: 'profile.view' });

    const regranted = await consent.grant(seeker(userId), {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    expect(regranted.created).toBe(true);
    const list = await consent.list(seeker(userId));
    expect(list.map((item) => [item.id, item.withdrawnAt === null])).toEqual([
      [regranted.consent.id, true],
      [granted.id, false],
    ]);
  });

  it('does not let anyone withdraw another person’s consent ("not found")', async () => {
    const owner = await createUser();
    const other = await createUser();
    const { consent: granted } = await consent.grant(seeker(owner), {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    await expect(consent.withdraw(seeker(other), granted.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await consent.hasConsent(owner, employerId, 'profile.view')).toBe(true);
  });

  it('refuses people whose role holds no consent permission', async () => {
    const ctx = await h.factories.people.contextOf(await newOfficer());
    await expect(consent.list(ctx)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('exports the ledger and withdraws everything on erasure', async () => {
    const userId = await createUser();
    await consent.grant(seeker(userId), { organisationId: employerId, purpose: 'profile.view' });
    await consent.grant(seeker(userId), { organisationId: agencyId, purpose: 'profile.contact' });
    const provider = consentPersonalData(consent);
    const exported = (await provider.export(userId)) as {
      organisationName: string;
      withdrawnAt: string | null;
    }[];
    expect(exported.map((item) => item.organisationName).sort()).toEqual([
      'Gulf Build Contracting',
      'Himalaya Manpower',
    ]);
    await db.transaction().execute((trx) => provider.erase(consentView(trx), userId));
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
    expect(await consent.hasConsent(userId, agencyId, 'profile.contact')).toBe(false);
    expect(await consent.list(seeker(userId))).toHaveLength(2);
  });
});

describe('consent pages and API', () => {
  it('shows the consents page with the organisations to choose from', async () => {
    const client = await h.signIn(await newSeeker());
    const response = await client.get('/account/consents');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Gulf Build Contracting (employer)');
    expect(response.body).toContain('Himalaya Manpower (recruitment agency)');
    expect(response.body).not.toContain('Department of Foreign Employment');
  });

  it('grants through the form, then withdraws through the button', async () => {
    const user = await newSeeker();
    const userId = user.id;
    const client = await h.signIn(user);
    const token = client.csrf;
    const granted = await client.post('/account/consents', {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe('/account/consents?granted=1');
    const [item] = await consent.list(seeker(userId));
    expect(item?.withdrawnAt).toBeNull();

    const page = await client.get('/account/consents?granted=1');
    expect(page.body).toContain('You have agreed to share your profile.');
    expect(page.body).toContain(`/account/consents/${item?.id}/withdraw`);
    // Every form (withdraw, grant, and sign-out in the header) carries the session's CSRF token.
    expect(page.body.split(`name="_csrf" value="${token}"`)).toHaveLength(4);

    const withdrawn = await client.post(`/account/consents/${item?.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(303);
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
  });

  it('refuses a grant posted without the session’s CSRF token', async () => {
    const user = await newSeeker();
    const client = await h.signIn(user);
    const forged = await client.post('/account/consents', {
      _csrf: 'forged',
      organisationId: employerId,
      purpose: 'profile.view',
    });
    expect(forged.statusCode).toBe(403);
    expect(await consent.hasConsent(user.id, employerId, 'profile.view')).toBe(false);
  });

  it('answers bad input with 400 and the problem beside each field', async () => {
    const client = await h.signIn(await newSeeker());
    const response = await client.post('/account/consents', {
      organisationId: 'not-an-id',
      purpose: 'everything',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select an organisation');
    expect(response.body).toContain('Select what the organisation can do');
    expect(response.body).toContain('href="#organisationId"');

    const authority = await client.post('/account/consents', {
      organisationId: authorityId,
      purpose: 'profile.view',
    });
    expect(authority.statusCode).toBe(400);
    expect(authority.body).toContain('Select an organisation');
  });

  it('answers 404 to withdrawing someone else’s consent, or a malformed id', async () => {
    const owner = await createUser();
    const { consent: granted } = await consent.grant(seeker(owner), {
      organisationId: agencyId,
      purpose: 'profile.view',
    });
    const client = await h.signIn(await newSeeker());
    await client.get('/account/consents');
    const other = await client.post(`/account/consents/${granted.id}/withdraw`);
    expect(other.statusCode).toBe(404);
    const malformed = await client.post('/account/consents/nope/withdraw');
    expect(malformed.statusCode).toBe(404);
    expect(await consent.hasConsent(owner, agencyId, 'profile.view')).toBe(true);
  });

  it('sends anonymous visitors to sign in, and refuses officers', async () => {
    const anonymous = await h.anonymous().get('/account/consents');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in');
    const officer = await h.signIn(await newOfficer());
    expect((await officer.get('/account/consents')).statusCode).toBe(403);
  });

  it('lists the caller’s consents in the API', async () => {
    const user = await newSeeker();
    const { consent: granted } = await consent.grant(seeker(user.id), {
      organisationId: employerId,
      purpose: 'profile.contact',
    });
    const client = await h.signIn(user);
    const response = await client.json('GET', '/api/v1/me/consents');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: granted.id,
          organisation: { id: employerId, name: 'Gulf Build Contracting', kind: 'employer' },
          purpose: 'profile.contact',
          active: true,
          grantedAt: granted.grantedAt.toISOString(),
          withdrawnAt: null,
        },
      ],
    });
    const document = h.app.swagger() as { paths: Record<string, unknown> };
    expect(document.paths['/api/v1/me/consents']).toBeDefined();
  });
});
