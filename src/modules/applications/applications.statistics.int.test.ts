import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { BEGINNING } from '../../platform/events/domain-event.js';
import { Outbox } from '../../platform/events/outbox.js';
import type { ApplicationStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import { searchFixture, type SearchFixture } from '../vacancies/search/search.test-support.js';
import type { ApplicationsService } from './applications.service.js';
import { ApplicationStatisticsSource } from './applications.statistics.js';
import { ApplicationStatisticsRepository } from './applications.statistics.repository.js';
import type { ApplicationsDb } from './applications.tables.js';

/**
 * What the statistics read of the applications (applicationStatistics): applications made and
 * moved through the module's own service, read back by id and in pages; the job order's origin
 * and approval time from the vacancies module; acceptance from the history; ids that do not
 * exist; the person's erasure (the organisation's record, and this one, stay).
 */
let f: SearchFixture;
let applications: ApplicationsService;
let source: StatisticsSource<ApplicationStatRecord>;
let agencyStaff: TestUser;
let nurse: { id: string; number: number };
let cook: { id: string; number: number };
const nurseApproved = new Date('2026-11-02T08:00:00Z');
const cookApproved = new Date('2026-11-20T10:30:00Z');

const ctx = (user: TestUser): Promise<ActorContext> => f.web.factories.people.contextOf(user);

beforeAll(async () => {
  f = await searchFixture();
  applications = f.web.services.applications;
  source = f.web.services.applicationStatistics;
  const { agencyId } = await f.licensedAgency('Kathmandu Care Recruiters');
  nurse = await f.vacancy({ agency_organisation_id: agencyId, approved_at: nurseApproved });
  cook = await f.vacancy({
    title: 'Cook',
    occupation_id: null,
    isco_code: '5120',
    origin_country: 'NP',
    destination_country: 'QA',
    destination_subdivision: null,
    agency_organisation_id: agencyId,
    approved_at: cookApproved,
  });
  agencyStaff = await f.web.factories.people.user({
    role: 'agency_staff',
    organisationId: agencyId,
  });
}, 180_000);

afterAll(async () => {
  await f?.close();
});

/** A job seeker with a profile (applying needs one). */
async function seeker(): Promise<TestUser> {
  const user = await f.web.factories.people.user({ role: 'job_seeker' });
  await f.web.services.jobSeekers.saveBio(await ctx(user), {
    givenNames: 'রহিম',
    familyName: 'উদ্দিন',
    givenNamesLatin: 'Rahim',
    familyNameLatin: 'Uddin',
    birthDate: '1992',
    sex: 'M',
    nationality: 'NP',
    birthPlace: '',
    birthCountry: null,
    phone: null,
    email: null,
  });
  return user;
}

async function apply(user: TestUser, vacancy: { number: number }): Promise<string> {
  const outcome = await applications.apply(
    await ctx(user),
    vacancy.number,
    { documentIds: [] },
    'en',
  );
  return outcome.application.id;
}

describe('applicationStatistics', () => {
  let person: TestUser;
  let toNurse: string;
  let toCook: string;

  it('gives each application with its corridor, occupation and the job order’s approval', async () => {
    person = await seeker();
    toNurse = await apply(person, nurse);
    toCook = await apply(person, cook);
    const rows = await f.db
      .selectFrom('application')
      .select(['id', 'submitted_at'])
      .where('id', 'in', [toNurse, toCook])
      .execute();
    const submitted = new Map(rows.map((row) => [row.id, row.submitted_at]));
    const records = await source.byIds([toCook, toNurse]);
    expect(records).toEqual(
      [
        {
          id: toNurse,
          vacancyId: nurse.id,
          origin: 'KE',
          destination: 'AE',
          isco: '2221',
          vacancyApprovedAt: nurseApproved,
          submittedAt: submitted.get(toNurse),
          acceptedAt: null,
          state: 'submitted',
        },
        {
          id: toCook,
          vacancyId: cook.id,
          origin: 'NP',
          destination: 'QA',
          isco: '5120',
          vacancyApprovedAt: cookApproved,
          submittedAt: submitted.get(toCook),
          acceptedAt: null,
          state: 'submitted',
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it('says when an application was accepted, from its history', async () => {
    const staff = await ctx(agencyStaff);
    await applications.organisationAct(staff, toNurse, { event: 'shortlist' });
    await applications.organisationAct(staff, toNurse, {
      event: 'schedule_interview',
      interviewAt: new Date(Date.now() + 7 * 86_400_000),
      interviewPlace: 'काठमाडौं कार्यालय',
    });
    await applications.organisationAct(staff, toNurse, { event: 'mark_interviewed' });
    await applications.organisationAct(staff, toNurse, { event: 'select' });
    await applications.organisationAct(staff, toNurse, {
      event: 'offer',
      offerTerms: 'As advertised.',
    });
    expect((await source.byIds([toNurse]))[0]).toMatchObject({
      state: 'offered',
      acceptedAt: null,
    });
    await applications.seekerAct(await ctx(person), toNurse, 'accept');
    const event = await f.db
      .selectFrom('application_event')
      .select('occurred_at')
      .where('application_id', '=', toNurse)
      .where('to_state', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect((await source.byIds([toNurse]))[0]).toMatchObject({
      state: 'accepted',
      acceptedAt: event.occurred_at,
    });
  });

  it('leaves out ids that do not exist or are not ids', async () => {
    const records = await source.byIds([randomUUID(), 'nope', toCook, toCook.toUpperCase()]);
    expect(records.map((record) => record.id)).toEqual([toCook]);
    expect(await source.byIds([])).toEqual([]);
    const many = await source.byIds([toNurse, ...Array.from({ length: 1_100 }, randomUUID)]);
    expect(many.map((record) => record.id)).toEqual([toNurse]);
  });

  it('reads 1,000 ids in two queries and one call for their job orders', async () => {
    let queries = 0;
    const counted = f.db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as unknown as ApplicationsDb;
    const asked: string[][] = [];
    const counting = new ApplicationStatisticsSource(
      new ApplicationStatisticsRepository(counted),
      () => ({
        byIds: (ids) => {
          asked.push([...ids]);
          return f.web.services.vacancyStatistics.byIds(ids);
        },
      }),
    );
    const ids = [toNurse, toCook, ...Array.from({ length: 998 }, () => randomUUID())];
    expect(await counting.byIds(ids)).toEqual(await source.byIds([toNurse, toCook]));
    expect(queries).toBe(2);
    expect(asked).toHaveLength(1);
    expect([...asked[0]!].sort()).toEqual([nurse.id, cook.id].sort());
  });

  it('pages through every application in id order, nothing twice', async () => {
    for (let i = 0; i < 3; i += 1) await apply(await seeker(), i % 2 ? nurse : cook);
    const all = (await f.db.selectFrom('application').select('id').execute())
      .map((row) => row.id)
      .sort();
    const seen: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await source.page(after, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((record) => record.id));
      after = page.at(-1)!.id;
    }
    expect(seen).toEqual(all);
    expect(all.length).toBe(5);
    expect(await source.page(null, 0)).toEqual([]);
    await expect(source.page('nope', 2)).rejects.toThrow(RangeError);
  });

  it('keeps the record when the person is erased (it holds nothing of them)', async () => {
    const before = await source.byIds([toNurse, toCook]);
    await f.web.services.privacy.erase(await ctx(person), { password: person.password });
    const erased = await f.db
      .selectFrom('application')
      .select(['seeker_user_id', 'erased_at'])
      .where('id', '=', toNurse)
      .executeTakeFirstOrThrow();
    expect(erased.seeker_user_id).toBeNull();
    expect(erased.erased_at).not.toBeNull();
    expect(await source.byIds([toNurse, toCook])).toEqual(before);
  });

  it('publishes every change of a record as application.* with the application id', async () => {
    const batch = await Outbox.of(f.db).read(BEGINNING, { limit: 10_000 });
    const mine = [...batch.settled, ...batch.unsettled].filter(
      (event) => event.subjectId === toNurse,
    );
    expect(mine.map((event) => event.type)).toEqual([
      'application.submitted',
      'application.shortlisted',
      'application.interview_scheduled',
      'application.interviewed',
      'application.selected',
      'application.offered',
      'application.accepted',
    ]);
    expect(mine.every((event) => event.subjectType === 'application')).toBe(true);
  });
});
