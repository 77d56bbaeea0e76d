import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import { searchFixture, type SearchFixture } from '../vacancies/search/search.test-support.js';
import { InvitationsRepository } from './invitations.repository.js';
import { matchingPersonalData } from './matching.privacy.js';
import type { CandidateMatch, Reason, VacancyMatch, VacancyRecord } from './matching.types.js';

/**
 * Matching's pages, API and invitations over real SQL (PGlite), on the app as production builds
 * it. The engine's answers are a stand-in here (its methods replaced on the app's own
 * MatchingService), so that the test states who matches: what is under test is what the pages,
 * the API, the invitations and the notifications do with them.
 */
let f: SearchFixture;
let seeker: TestUser;
let agencyStaff: TestUser;
let otherStaff: TestUser;
let agencyId: string;
let nurse: { id: string; number: number };

const REASONS: Reason[] = [
  { code: 'occupation', fit: 'same', escoId: null, iscoCode: '2221' },
  { code: 'essentialSkills', have: 4, of: 5, missing: [] },
  { code: 'language', language: 'fr', required: 4, have: 3 },
  { code: 'destination', preferred: true, country: 'AE' },
];

function inScope(ctx: ActorContext): boolean {
  return ctx.principal.grants.some((grant) => grant.organisationId === agencyId);
}

beforeAll(async () => {
  f = await searchFixture();
  ({ agencyId } = await f.licensedAgency('Nairobi Care Recruiters'));
  const { agencyId: otherAgency } = await f.licensedAgency('Mombasa Staffing');
  nurse = await f.vacancy({ agency_organisation_id: agencyId });
  const people = f.web.factories.people;
  seeker = await people.user({ role: 'job_seeker', fullName: 'أمينة عبد الله' });
  agencyStaff = await people.user({ role: 'agency_staff', organisationId: agencyId });
  otherStaff = await people.user({ role: 'agency_staff', organisationId: otherAgency });

  const record: VacancyRecord = {
    id: nurse.id,
    number: nurse.number,
    employerId: f.employerId,
    agencyId,
    originCountry: 'KE',
    destinationCountry: 'AE',
    occupation: { escoId: null, iscoCode: '2221' },
    essentialSkills: [],
    optionalSkills: [],
    languages: [{ code: 'fr', level: 4 }],
    minIscedLevel: 6,
    experienceMonths: 24,
    deadline: '2099-01-01',
    publishedAt: new Date().toISOString(),
  };
  const candidate: CandidateMatch = {
    userId: seeker.id,
    score: 82.5,
    likelihood: 'likely',
    reasons: REASONS,
  };
  const match: VacancyMatch = {
    vacancyId: nurse.id,
    number: nurse.number,
    score: 82.5,
    likelihood: 'likely',
    reasons: REASONS,
  };
  const matching = f.web.services.matching;
  vi.spyOn(matching, 'candidates').mockImplementation(async (ctx, number) => {
    if (number !== nurse.number || !inScope(ctx)) throw new NotFoundError();
    return { vacancy: record, total: 1, results: [candidate] };
  });
  vi.spyOn(matching, 'isCandidate').mockImplementation(
    async (ctx, number, userId) => number === nurse.number && inScope(ctx) && userId === seeker.id,
  );
  vi.spyOn(matching, 'recommended').mockImplementation(async () => ({
    total: 1,
    results: [match],
  }));
  vi.spyOn(matching, 'compare').mockImplementation(async (_ctx, number) => {
    if (number !== nurse.number) throw new NotFoundError();
    return {
      vacancy: record,
      ...match,
      eligible: true,
      ineligibleReason: null,
      improvements: [{ code: 'language', language: 'fr', level: 4 }],
    };
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await f?.close();
});

async function invitationRows() {
  return f.web.db
    .selectFrom('matching_invitation')
    .selectAll()
    .where('vacancy_id', '=', nurse.id)
    .execute();
}

describe('matching candidates and invitations (employer or agency)', () => {
  it('lists the ranked candidates with their reasons in the employer’s voice', async () => {
    const staff = await f.web.signIn(agencyStaff);
    const page = await staff.get(`/vacancies/${nurse.number}/candidates`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Matching candidates');
    expect(page.body).toContain('Candidate 1');
    expect(page.body).toContain('French B2 required, has B1');
    expect(page.body).toContain('4 of 5 essential skills');
    expect(page.body).toContain(`href="/job-seekers/${seeker.id}"`);
    expect(page.body).toContain('Invite to apply');
  });

  it('is "not found" outside the caller’s organisation', async () => {
    const other = await f.web.signIn(otherStaff);
    expect((await other.get(`/vacancies/${nurse.number}/candidates`)).statusCode).toBe(404);
    const refused = await other.post(`/vacancies/${nurse.number}/candidates/${seeker.id}/invite`);
    expect(refused.statusCode).toBe(404);
    expect(await invitationRows()).toHaveLength(0);
  });

  it('refuses a POST without the CSRF token', async () => {
    const staff = await f.web.signIn(agencyStaff);
    const response = await staff.post(`/vacancies/${nurse.number}/candidates/${seeker.id}/invite`, {
      _csrf: null,
    });
    expect(response.statusCode).toBe(403);
    expect(await invitationRows()).toHaveLength(0);
  });

  it('invites once: one row, one audit row with the person as data subject, one event', async () => {
    const staff = await f.web.signIn(agencyStaff);
    await staff.get(`/vacancies/${nurse.number}/candidates`);
    const first = await staff.post(`/vacancies/${nurse.number}/candidates/${seeker.id}/invite`, {
      return: 'page=1',
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(
      `/vacancies/${nurse.number}/candidates?invited=1&page=1#candidate-${seeker.id}`,
    );
    const again = await staff.post(`/vacancies/${nurse.number}/candidates/${seeker.id}/invite`);
    expect(again.statusCode).toBe(303);

    const rows = await invitationRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: seeker.id,
      organisation_id: agencyId,
      invited_by_user_id: agencyStaff.id,
      vacancy_number: nurse.number,
    });
    const audit = await f.web.db
      .selectFrom('audit_event')
      .select(['data_subject_user_id', 'subject_ids', 'actor_organisation_id'])
      .where('action', '=', 'matching.invitation_sent')
      .execute();
    expect(audit).toEqual([
      {
        data_subject_user_id: seeker.id,
        subject_ids: [rows[0]!.id],
        actor_organisation_id: agencyId,
      },
    ]);
    const events = await f.web.db
      .selectFrom('domain_event')
      .select(['subject_id', 'payload'])
      .where('type', '=', 'invitation.sent')
      .execute();
    expect(events).toEqual([{ subject_id: rows[0]!.id, payload: { vacancyNumber: nurse.number } }]);

    const page = await staff.get(String(first.headers.location));
    expect(page.body).toContain('Invitation sent.');
    expect(page.body).toContain('Invited on');
    expect(page.body).not.toContain('Invite to apply</button>');
  });

  it('tells the person, in the app and by email, in their language', async () => {
    await f.web.services.notifications.deliverPending();
    const notification = await f.web.db
      .selectFrom('notification')
      .select(['kind', 'path', 'vacancy_reference'])
      .where('recipient_user_id', '=', seeker.id)
      .executeTakeFirstOrThrow();
    expect(notification).toMatchObject({
      kind: 'invited',
      path: `/vacancies/${nurse.number}/how-you-compare`,
    });
    const emails = await f.web.emailsTo(seeker.email);
    const email = emails.find((message) => message.subject.startsWith('Invited to apply'));
    expect(email?.bodyText).toContain(`/vacancies/${nurse.number}/how-you-compare`);
    expect(email?.bodyText).toContain(`See the vacancy and apply: `);
    const own = await f.web.signIn(seeker);
    const page = await own.get('/notifications');
    expect(page.body).toContain('Invited to apply');
    expect(page.body).toContain('See how you compare');
  });
});

describe('recommended vacancies and how you compare (the job seeker)', () => {
  it('shows the recommended vacancy as the search’s card, with the reasons and the invitation', async () => {
    const own = await f.web.signIn(seeker);
    const page = await own.get('/recommended');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Recommended vacancies');
    expect(page.body).toContain('Staff nurse, general ward');
    expect(page.body).toContain('French B2 required, you have B1');
    expect(page.body).toContain('Invited to apply');
    expect(page.body).toContain(`/vacancies/${nurse.number}/how-you-compare`);
  });

  it('shows how the person compares, what would improve it, and the apply link', async () => {
    const own = await f.web.signIn(seeker);
    const page = await own.get(`/vacancies/${nurse.number}/how-you-compare`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Likely');
    expect(page.body).toContain('What would improve your chances');
    expect(page.body).toContain('The employer invited you to apply on');
    expect(page.body).toContain(`href="/vacancies/${nurse.number}/apply"`);
  });

  it('in Arabic', async () => {
    const own = await f.web.signIn(seeker, { fresh: true, lang: 'ar' });
    const page = await own.get(`/vacancies/${nurse.number}/how-you-compare`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('كيف تقارن');
    expect(page.body).toContain('مرجّح');
  });
});

describe('the API', () => {
  it('gives an organisation’s key its candidates, each reason with its sentence', async () => {
    const { client } = await f.web.apiClient({
      organisationId: agencyId,
      permissions: ['matching.read', 'matching.invite'],
    });
    const response = await client.json('GET', `/api/v1/vacancies/${nurse.number}/candidates`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      total: number;
      items: { reasons: unknown[]; invitedAt: string | null }[];
    }>();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ rank: 1, userId: seeker.id, likelihood: 'likely' });
    expect(body.items[0]!.reasons[2]).toMatchObject({
      code: 'language',
      language: 'fr',
      required: 4,
      have: 3,
      met: false,
      text: 'French B2 required, has B1',
    });
    expect(body.items[0]!.invitedAt).toEqual(expect.any(String));

    const invited = await client.json(
      'POST',
      `/api/v1/vacancies/${nurse.number}/candidates/${seeker.id}/invitations`,
    );
    expect(invited.statusCode).toBe(200);
    expect(invited.json()).toMatchObject({ created: false, userId: seeker.id });
    expect(await invitationRows()).toHaveLength(1);
  });

  it('answers a bad query with 400 and another organisation’s vacancy with 404', async () => {
    const { client } = await f.web.apiClient({
      organisationId: agencyId,
      permissions: ['matching.read'],
    });
    const bad = await client.json(
      'GET',
      `/api/v1/vacancies/${nurse.number}/candidates?likelihood=certain`,
    );
    expect(bad.statusCode).toBe(400);
    const refused = await client.json(
      'POST',
      `/api/v1/vacancies/${nurse.number}/candidates/${seeker.id}/invitations`,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('gives a job seeker their recommended vacancies and comparison', async () => {
    const own = await f.web.signIn(seeker, { fresh: true });
    await own.get('/recommended');
    const list = await own.json('GET', '/api/v1/recommended-vacancies');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items[0]).toMatchObject({
      number: nurse.number,
      title: 'Staff nurse, general ward',
      likelihood: 'likely',
    });
    const comparison = await own.json('GET', `/api/v1/vacancies/${nurse.number}/comparison`);
    expect(comparison.statusCode).toBe(200);
    expect(comparison.json<{ improvements: unknown[] }>().improvements[0]).toMatchObject({
      code: 'language',
      text: 'Reach French B2',
    });
  });
});

describe('personal data', () => {
  it('exports the person’s invitations and erases them', async () => {
    const repository = new InvitationsRepository(f.web.db);
    const data = matchingPersonalData(repository);
    const exported = (await data.export(seeker.id)) as { vacancyNumber: number }[];
    expect(exported).toEqual([expect.objectContaining({ vacancyNumber: nurse.number })]);
    await f.web.db.transaction().execute((trx) => data.erase(trx as never, seeker.id));
    expect(await invitationRows()).toHaveLength(0);
  });
});
