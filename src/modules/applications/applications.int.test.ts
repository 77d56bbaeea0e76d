import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../../../test/helpers/client.js';
import type { TestUser } from '../../../test/factories/index.js';
import { AuditLog } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { ValidationError } from '../../platform/http/problem.js';
import { searchFixture, type SearchFixture } from '../vacancies/search/search.test-support.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService, type SeekerSummary } from './applications.service.js';

/**
 * Applications over real SQL (PGlite): apply, double apply, closed or unpublished vacancies,
 * the terms kept as they were, the organisation's transitions and their scope, the pages and
 * the API with keys. The service under test is the module's own, on the app's database and the
 * app's vacancy search; only the job-seekers module (built alongside) is a stand-in here, so
 * that the profile is a fact the test sets.
 */
let f: SearchFixture;
let service: ApplicationsService;
const profiles = new Map<string, SeekerSummary>();
let seeker: TestUser;
let other: TestUser;
let agencyStaff: TestUser;
let otherAgencyStaff: TestUser;
let employerStaff: TestUser;
let agencyId: string;
let otherAgencyId: string;
let nurse: { id: string; number: number };
let cook: { id: string; number: number };

const ctx = (user: TestUser): Promise<ActorContext> => f.web.factories.people.contextOf(user);

beforeAll(async () => {
  f = await searchFixture();
  ({ agencyId } = await f.licensedAgency('Nairobi Care Recruiters'));
  ({ agencyId: otherAgencyId } = await f.licensedAgency('Mombasa Staffing'));
  nurse = await f.vacancy({ agency_organisation_id: agencyId });
  cook = await f.vacancy({
    title: 'Cook',
    occupation_id: null,
    isco_code: '5120',
    agency_organisation_id: agencyId,
  });
  const people = f.web.factories.people;
  seeker = await people.user({ role: 'job_seeker', fullName: 'أمينة عبد الله' });
  other = await people.user({ role: 'job_seeker' });
  agencyStaff = await people.user({ role: 'agency_staff', organisationId: agencyId });
  otherAgencyStaff = await people.user({ role: 'agency_staff', organisationId: otherAgencyId });
  employerStaff = await people.user({ role: 'employer_staff', organisationId: f.employerId });
  profiles.set(seeker.id, {
    userId: seeker.id,
    name: 'أمينة عبد الله',
    nationality: 'KE',
    occupations: ['ممرضة'],
    languages: ['ar B2'],
  });
  const { services, db } = f.web;
  service = new ApplicationsService({
    repository: new ApplicationsRepository(db),
    audit: new AuditLog(db),
    events: services.events,
    vacancies: () => services.vacancySearch,
    jobSeekers: () => ({
      summaries: async (ids) =>
        new Map(ids.flatMap((id) => (profiles.has(id) ? [[id, profiles.get(id)!] as const] : []))),
    }),
    documents: () => ({
      listOwn: async () => [],
      ownedBy: async () => [],
      openForApplication: async () => {
        throw new Error('no documents here');
      },
    }),
    organisationNames: (ids) => services.organisations.names(ids),
    now: () => new Date(),
  });
});
afterAll(async () => {
  await f?.close();
});

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((field) => field.detail);
    return (error as Error).name;
  }
  return 'accepted';
};

describe('applying', () => {
  it('applies to a published vacancy, keeping its terms, once', async () => {
    const first = await service.apply(
      await ctx(seeker),
      nurse.number,
      { note: 'أعمل ممرضة منذ خمس سنوات', documentIds: [] },
      'ar',
    );
    expect(first.created).toBe(true);
    expect(first.application).toMatchObject({
      state: 'submitted',
      seekerUserId: seeker.id,
      vacancyId: nurse.id,
      agencyOrganisationId: agencyId,
      employerOrganisationId: f.employerId,
      note: 'أعمل ممرضة منذ خمس سنوات',
    });
    expect(first.application.terms).toMatchObject({
      number: nurse.number,
      employerName: 'Gulf Care Hospitals',
      agencyName: 'Nairobi Care Recruiters',
      destinationCountry: 'AE',
    });
    // A double submit lands on the same application.
    const again = await service.apply(await ctx(seeker), nurse.number, { documentIds: [] }, 'en');
    expect(again).toMatchObject({ created: false, application: { id: first.application.id } });
    const rows = await f.db
      .selectFrom('application')
      .select('id')
      .where('seeker_user_id', '=', seeker.id)
      .where('vacancy_id', '=', nurse.id)
      .execute();
    expect(rows).toHaveLength(1);
    // Its event row, its audit row and its domain event, with no personal data.
    const events = await f.db
      .selectFrom('application_event')
      .selectAll()
      .where('application_id', '=', first.application.id)
      .execute();
    expect(events).toMatchObject([
      {
        event: 'submit',
        from_state: null,
        to_state: 'submitted',
        actor_user_id: seeker.id,
        actor_role: 'job_seeker',
      },
    ]);
    const audited = await f.db
      .selectFrom('audit_event')
      .select(['action'])
      .where('action', '=', 'application.submitted')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(1);
    const published = await f.db
      .selectFrom('domain_event')
      .select(['type', 'payload'])
      .where('type', '=', 'application.submitted')
      .where('subject_id', '=', first.application.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(published.payload)).not.toMatch(/أمينة|ممرضة/);
  });

  it('two applications at once by the same person make one', async () => {
    const c = await ctx(seeker);
    const both = await Promise.all([
      service.apply(c, cook.number, { documentIds: [] }, 'en'),
      service.apply(c, cook.number, { documentIds: [] }, 'en'),
    ]);
    expect(both[0].application.id).toBe(both[1].application.id);
  });

  it('keeps the terms as they were when the vacancy changes', async () => {
    const mine = (await service.mine(await ctx(seeker))).find((a) => a.vacancyId === nurse.id)!;
    await f.changeVacancy(nurse.id, { wage_amount: '9999', title: 'Changed title' });
    const after = await service.mineDetail(await ctx(seeker), mine.id);
    expect(after.application.terms.title).toBe(mine.terms.title);
    expect(after.application.terms.wageAmount).toBe(mine.terms.wageAmount);
    expect(after.application.terms.wageAmount).not.toBe('9999');
  });

  it('refuses a closed vacancy, an unpublished one, and a person without a profile', async () => {
    const closed = await f.vacancy({ state: 'closed', title: 'Closed one' });
    expect(
      await refusal(service.apply(await ctx(seeker), closed.number, { documentIds: [] }, 'en')),
    ).toEqual(['applications.errors.vacancyClosed']);
    const draft = await f.vacancy({ state: 'draft', title: 'Draft one' });
    // Never public: not found; public once (the fixture marks it published before): closed.
    expect(['NotFoundError', ['applications.errors.vacancyClosed']]).toContainEqual(
      await refusal(service.apply(await ctx(seeker), draft.number, { documentIds: [] }, 'en')),
    );
    expect(
      await refusal(service.apply(await ctx(seeker), 99_999_999, { documentIds: [] }, 'en')),
    ).toBe('NotFoundError');
    expect(
      await refusal(service.apply(await ctx(other), nurse.number, { documentIds: [] }, 'en')),
    ).toEqual(['applications.errors.noProfile']);
    const staff = await refusal(
      service.apply(await ctx(agencyStaff), nurse.number, { documentIds: [] }, 'en'),
    );
    expect(staff).toBe('ForbiddenError');
    const written = await f.db
      .selectFrom('application')
      .select('id')
      .where('vacancy_id', 'in', [closed.id, draft.id])
      .execute();
    expect(written).toEqual([]);
  });

  it('refuses documents that are not the person’s own, writing nothing', async () => {
    const fresh = await f.vacancy({ title: 'Porter', occupation_id: null, isco_code: '9629' });
    expect(
      await refusal(
        service.apply(
          await ctx(seeker),
          fresh.number,
          { documentIds: ['00000000-0000-4000-8000-000000000001'] },
          'en',
        ),
      ),
    ).toEqual(['applications.errors.documents']);
    expect(
      await f.db
        .selectFrom('application')
        .select('id')
        .where('vacancy_id', '=', fresh.id)
        .execute(),
    ).toEqual([]);
  });
});

describe('working an application', () => {
  let id: string;
  beforeAll(async () => {
    id = (await service.mine(await ctx(seeker))).find((a) => a.vacancyId === nurse.id)!.id;
  });

  it('is not found for another organisation, nor for another seeker', async () => {
    expect(await refusal(service.organisationDetail(await ctx(otherAgencyStaff), id))).toBe(
      'NotFoundError',
    );
    expect(
      await refusal(
        service.organisationAct(await ctx(otherAgencyStaff), id, { event: 'shortlist' }),
      ),
    ).toBe('NotFoundError');
    expect(await refusal(service.mineDetail(await ctx(other), id))).toBe('NotFoundError');
    expect(
      await refusal(service.seekerAct(await ctx(other), id, { event: 'withdraw' } as never)),
    ).toBe('NotFoundError');
    const list = await service.organisationList(await ctx(otherAgencyStaff), { page: 1 });
    expect(list.items.map((item) => item.id)).not.toContain(id);
  });

  it('goes from submitted to offered through the agency, then the person accepts', async () => {
    const staff = await ctx(agencyStaff);
    // Not allowed from this state: named.
    expect(await refusal(service.organisationAct(staff, id, { event: 'select' }))).toEqual([
      'applications.errors.notAllowed.select',
    ]);
    await service.organisationAct(staff, id, { event: 'shortlist' });
    expect(
      await refusal(service.organisationAct(staff, id, { event: 'mark_interviewed' })),
    ).toEqual(['applications.errors.noInterview']);
    expect(
      await refusal(
        service.organisationAct(staff, id, {
          event: 'schedule_interview',
          interviewAt: new Date(Date.now() - 60_000),
          interviewPlace: 'Nairobi',
        }),
      ),
    ).toEqual(['applications.errors.interviewPast']);
    await service.organisationAct(staff, id, {
      event: 'schedule_interview',
      interviewAt: new Date(Date.now() + 7 * 86_400_000),
      interviewPlace: 'مكتب نيروبي، الطابق الثالث',
    });
    await service.organisationAct(staff, id, { event: 'mark_interviewed' });
    // The employer works it too.
    await service.organisationAct(await ctx(employerStaff), id, { event: 'select' });
    await service.organisationAct(staff, id, {
      event: 'offer',
      offerTerms: 'As advertised; flights paid.',
    });
    const seen = await service.mineDetail(await ctx(seeker), id);
    expect(seen.application.state).toBe('offered');
    expect(seen.events.sort()).toEqual(['accept', 'decline', 'withdraw']);
    await service.seekerAct(await ctx(seeker), id, 'accept');
    const done = await service.mineDetail(await ctx(seeker), id);
    expect(done.application.state).toBe('accepted');
    expect(done.history.map((row) => row.event).reverse()).toEqual([
      'submit',
      'shortlist',
      'schedule_interview',
      'mark_interviewed',
      'select',
      'offer',
      'accept',
    ]);
    expect(done.history[0]).toMatchObject({ byApplicant: true });
    expect(await refusal(service.seekerAct(await ctx(seeker), id, 'withdraw'))).toEqual([
      'applications.errors.notAllowed.withdraw',
    ]);
  });

  it('audits the organisation’s view with the person as data subject', async () => {
    await service.organisationDetail(await ctx(agencyStaff), id);
    const rows = await f.db
      .selectFrom('audit_event')
      .select(['action', 'data_subject_user_id'])
      .where('action', '=', 'application.viewed')
      .execute();
    expect(rows.at(-1)).toEqual({ action: 'application.viewed', data_subject_user_id: seeker.id });
  });

  it('tells the notifications module what changed', async () => {
    const notice = await service.noticeFor(id);
    expect(notice).toMatchObject({
      applicationId: id,
      seekerUserId: seeker.id,
      state: 'accepted',
      vacancyReference: String(nurse.number),
      organisationName: 'Nairobi Care Recruiters',
      path: `/applications/${id}`,
    });
    expect(await service.noticeFor('00000000-0000-4000-8000-000000000009')).toBeNull();
    expect(await service.hasApplied(seeker.id, agencyId)).toBe(true);
    expect(await service.hasApplied(seeker.id, f.employerId)).toBe(true);
    expect(await service.hasApplied(seeker.id, otherAgencyId)).toBe(false);
  });

  it('a rejection needs a reason, and “other” needs words', async () => {
    const mine = (await service.mine(await ctx(seeker))).find((a) => a.vacancyId === cook.id)!;
    const staff = await ctx(agencyStaff);
    expect(await refusal(service.organisationAct(staff, mine.id, { event: 'reject' }))).toEqual([
      'applications.errors.rejectReason',
    ]);
    expect(
      await refusal(
        service.organisationAct(staff, mine.id, { event: 'reject', rejectReason: 'other' }),
      ),
    ).toEqual(['applications.errors.reasonOther']);
    const rejected = await service.organisationAct(staff, mine.id, {
      event: 'reject',
      rejectReason: 'position_filled',
      reason: 'সব পদ পূরণ হয়ে গেছে',
    });
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: 'position_filled' });
    expect((await service.noticeFor(mine.id))?.reason).toBe('সব পদ পূরণ হয়ে গেছে');
  });
});

describe('pages and API', () => {
  it('the organisation’s pages are scoped, and the applicant’s page shows the history', async () => {
    const id = (await service.mine(await ctx(seeker))).find((a) => a.vacancyId === nurse.id)!.id;
    const mine = await f.web.signIn(seeker, { lang: 'ar' });
    const page = await mine.get(`/applications/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('تحدد موعد المقابلة');
    const list = await mine.get('/applications');
    expect(list.statusCode).toBe(200);

    const theirs = await f.web.signIn(otherAgencyStaff);
    expect((await theirs.get(`/applicants/${id}`)).statusCode).toBe(404);
    const ours = await f.web.signIn(agencyStaff);
    const applicant = await ours.get(`/applicants/${id}`);
    expect(applicant.statusCode).toBe(200);
    expect(applicant.body).toContain('Nairobi Care Recruiters');
    const applicants = await ours.get(`/applicants?vacancy=${nurse.id}`);
    expect(applicants.body).toContain(`/applicants/${id}`);
    // A transition not allowed from this state says so, in the error summary.
    const refused = await ours.post(`/applicants/${id}/events`, { event: 'shortlist' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'Only a submitted application can be shortlisted: this one is past that step.',
    ]);
    // The seeker's page is not theirs.
    expect((await ours.get(`/applications/${id}`)).statusCode).toBe(403);
  });

  it('the apply page sends a person without a profile to /profile', async () => {
    const client = await f.web.signIn(other);
    const page = await client.get(`/vacancies/${nurse.number}/apply`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/profile"');
    const refused = await client.post(`/vacancies/${nurse.number}/apply`, {
      note: 'x'.repeat(1001),
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Your note must be 1,000 characters or fewer.']);
  });

  it('API keys: permissions checked on every route, nothing outside the organisation', async () => {
    const id = (await service.mine(await ctx(seeker))).find((a) => a.vacancyId === nurse.id)!.id;
    const reader = await f.web.apiClient({
      organisationId: agencyId,
      permissions: ['application.read'],
    });
    const listed = await reader.client.json('GET', '/api/v1/applications');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(id);
    expect((await reader.client.json('GET', `/api/v1/applications/${id}`)).statusCode).toBe(200);
    // Reading is not deciding.
    const refused = await reader.client.json('POST', `/api/v1/applications/${id}/events`, {
      event: 'shortlist',
    });
    expect(refused.statusCode).toBe(403);

    const stranger = await f.web.apiClient({
      organisationId: otherAgencyId,
      permissions: ['application.read', 'application.decide'],
    });
    expect((await stranger.client.json('GET', `/api/v1/applications/${id}`)).statusCode).toBe(404);
    expect(
      (
        await stranger.client.json('POST', `/api/v1/applications/${id}/events`, {
          event: 'reject',
          rejectReason: 'experience',
        })
      ).statusCode,
    ).toBe(404);
    const theirs = await stranger.client.json('GET', '/api/v1/applications');
    expect(theirs.json<{ items: unknown[] }>().items).toEqual([]);

    const none = await f.web.apiClient({ organisationId: agencyId, permissions: ['vacancy.read'] });
    expect((await none.client.json('GET', '/api/v1/applications')).statusCode).toBe(403);

    // Bad input is a 400 naming the field, never a 500.
    const decider = await f.web.apiClient({
      organisationId: agencyId,
      permissions: ['application.read', 'application.decide'],
    });
    const bad = await decider.client.json('POST', `/api/v1/applications/${id}/events`, {
      event: 'fly',
    });
    expect(bad.statusCode).toBe(400);
    const empty = await decider.client.json('POST', `/api/v1/applications/${id}/events`, null);
    expect(empty.statusCode).toBe(400);
    const notAllowed = await decider.client.json('POST', `/api/v1/applications/${id}/events`, {
      event: 'shortlist',
    });
    expect(notAllowed.statusCode).toBe(400);
  });

  it('erasure keeps the organisation’s record without the person', async () => {
    const repository = new ApplicationsRepository(f.db);
    const before = await repository.ofSeeker(seeker.id);
    expect(before.length).toBeGreaterThan(0);
    await f.db.transaction().execute((trx) => repository.eraseSeeker(trx, seeker.id, new Date()));
    expect(await repository.ofSeeker(seeker.id)).toEqual([]);
    const kept = await repository.byId(before[0]!.id);
    expect(kept).toMatchObject({
      seekerUserId: null,
      note: null,
      documentIds: [],
      state: before[0]!.state,
    });
  });
});
