import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../../database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import { systemContext, type ActorContext } from '../../platform/authz/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import {
  buildTestApp,
  createOrganisation,
  createUser,
  form,
  principalOf,
  TEST_CSRF_TOKEN,
  type TestApp,
} from '../privacy/test-support.js';
import { consentApi } from './consent.api.js';
import { consentPersonalData } from './consent.privacy.js';
import { ConsentRepository } from './consent.repository.js';
import { consentRoutes } from './consent.routes.js';
import { ConsentService } from './consent.service.js';

let database: TestDatabase;
let db: Db;
let audit: AuditLog;
let consent: ConsentService;
let web: TestApp;
let employerId: string;
let agencyId: string;
let authorityId: string;

const seeker = (userId: string): ActorContext => systemContext(principalOf(userId, 'job_seeker'));

async function auditRows(action: string, subjectId?: string) {
  const rows = await audit.list({ action, limit: 100, ...(subjectId ? { subjectId } : {}) });
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  audit = new AuditLog(db);
  consent = new ConsentService(new ConsentRepository(db), audit);
  employerId = await createOrganisation(db, 'employer', 'Gulf Build Contracting');
  agencyId = await createOrganisation(db, 'recruitment_agency', 'Himalaya Manpower');
  authorityId = await createOrganisation(
    db,
    'origin_authority',
    'Department of Foreign Employment',
  );
  web = await buildTestApp({
    pages: (app) => consentRoutes(app, { consent }),
    api: (app) => consentApi(app, { consent }),
  });
});

afterAll(async () => {
  await web.app.close();
  await database.close();
});

describe('ConsentService', () => {
  it('grants a consent, audits it, and answers hasConsent', async () => {
    const userId = await createUser(db);
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
    const userId = await createUser(db);
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
    const userId = await createUser(db);
    for (const organisationId of [authorityId, '00000000-0000-4000-8000-000000000000']) {
      await expect(
        consent.grant(seeker(userId), { organisationId, purpose: 'profile.view' }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('withdraws, keeps the history, audits, and allows granting again', async () => {
    const userId = await createUser(db);
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
    const owner = await createUser(db);
    const other = await createUser(db);
    const { consent: granted } = await consent.grant(seeker(owner), {
      organisationId: employerId,
      purpose: 'profile.view',
    });
    await expect(consent.withdraw(seeker(other), granted.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await consent.hasConsent(owner, employerId, 'profile.view')).toBe(true);
  });

  it('refuses people whose role holds no consent permission', async () => {
    const officer = await createUser(db);
    const ctx = systemContext(
      principalOf(officer, 'origin_officer', { organisationId: authorityId, countryCode: 'NP' }),
    );
    await expect(consent.list(ctx)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('exports the ledger and withdraws everything on erasure', async () => {
    const userId = await createUser(db);
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
    await db.transaction().execute((trx) => provider.erase(trx, userId));
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
    expect(await consent.hasConsent(userId, agencyId, 'profile.contact')).toBe(false);
    expect(await consent.list(seeker(userId))).toHaveLength(2);
  });
});

describe('consent pages and API', () => {
  it('shows the consents page with the organisations to choose from', async () => {
    const userId = await createUser(db);
    web.actAs(principalOf(userId, 'job_seeker'));
    const response = await web.app.inject({ method: 'GET', url: '/account/consents' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Gulf Build Contracting (employer)');
    expect(response.body).toContain('Himalaya Manpower (recruitment agency)');
    expect(response.body).not.toContain('Department of Foreign Employment');
  });

  it('grants through the form, then withdraws through the button', async () => {
    const userId = await createUser(db);
    web.actAs(principalOf(userId, 'job_seeker'));
    const granted = await web.app.inject({
      method: 'POST',
      url: '/account/consents',
      ...form({ organisationId: employerId, purpose: 'profile.view', _csrf: 'x' }),
    });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe('/account/consents?granted=1');
    const [item] = await consent.list(seeker(userId));
    expect(item?.withdrawnAt).toBeNull();

    const page = await web.app.inject({ method: 'GET', url: '/account/consents?granted=1' });
    expect(page.body).toContain('You have agreed to share your profile.');
    expect(page.body).toContain(`/account/consents/${item?.id}/withdraw`);
    // Every form (withdraw, grant, and sign-out in the header) carries the session's CSRF token.
    expect(page.body.split(`name="_csrf" value="${TEST_CSRF_TOKEN}"`)).toHaveLength(4);

    const withdrawn = await web.app.inject({
      method: 'POST',
      url: `/account/consents/${item?.id}/withdraw`,
      ...form({ _csrf: 'x' }),
    });
    expect(withdrawn.statusCode).toBe(303);
    expect(await consent.hasConsent(userId, employerId, 'profile.view')).toBe(false);
  });

  it('answers bad input with 400 and the problem beside each field', async () => {
    web.actAs(principalOf(await createUser(db), 'job_seeker'));
    const response = await web.app.inject({
      method: 'POST',
      url: '/account/consents',
      ...form({ organisationId: 'not-an-id', purpose: 'everything' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select an organisation');
    expect(response.body).toContain('Select what the organisation can do');
    expect(response.body).toContain('href="#organisationId"');

    const authority = await web.app.inject({
      method: 'POST',
      url: '/account/consents',
      ...form({ organisationId: authorityId, purpose: 'profile.view' }),
    });
    expect(authority.statusCode).toBe(400);
    expect(authority.body).toContain('Select an organisation');
  });

  it('answers 404 to withdrawing someone else’s consent, or a malformed id', async () => {
    const owner = await createUser(db);
    const { consent: granted } = await consent.grant(seeker(owner), {
      organisationId: agencyId,
      purpose: 'profile.view',
    });
    web.actAs(principalOf(await createUser(db), 'job_seeker'));
    const other = await web.app.inject({
      method: 'POST',
      url: `/account/consents/${granted.id}/withdraw`,
      ...form({}),
    });
    expect(other.statusCode).toBe(404);
    const malformed = await web.app.inject({
      method: 'POST',
      url: '/account/consents/nope/withdraw',
      ...form({}),
    });
    expect(malformed.statusCode).toBe(404);
    expect(await consent.hasConsent(owner, agencyId, 'profile.view')).toBe(true);
  });

  it('sends anonymous visitors to sign in, and refuses officers', async () => {
    const { ANONYMOUS } = await import('../../platform/authz/principal.js');
    web.actAs(ANONYMOUS);
    const anonymous = await web.app.inject({ method: 'GET', url: '/account/consents' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in');
    web.actAs(
      principalOf(await createUser(db), 'origin_officer', {
        organisationId: authorityId,
        countryCode: 'NP',
      }),
    );
    expect((await web.app.inject({ method: 'GET', url: '/account/consents' })).statusCode).toBe(
      403,
    );
  });

  it('lists the caller’s consents in the API', async () => {
    const userId = await createUser(db);
    const { consent: granted } = await consent.grant(seeker(userId), {
      organisationId: employerId,
      purpose: 'profile.contact',
    });
    web.actAs(principalOf(userId, 'job_seeker'));
    const response = await web.app.inject({ method: 'GET', url: '/api/v1/me/consents' });
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
    const document = web.app.swagger() as { paths: Record<string, unknown> };
    expect(document.paths['/api/v1/me/consents']).toBeDefined();
  });
});
