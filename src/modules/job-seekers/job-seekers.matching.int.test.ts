import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { BEGINNING, type PublishedEvent } from '../../platform/events/domain-event.js';
import { Outbox } from '../../platform/events/outbox.js';
import { NotFoundError } from '../../platform/http/problem.js';
import { jobSeekerJson, presentJobSeeker } from './job-seekers.presenter.js';
import type { JobSeekersService } from './job-seekers.service.js';

/**
 * What the matching index reads of the profiles (matchingProfiles, matchingProfilesOf), the
 * events that keep it in step (published in the write's own transaction), and who may see a
 * visible profile by kind of organisation (basis()).
 */
let h: Harness;
let jobSeekers: JobSeekersService;

beforeAll(async () => {
  h = await createHarness();
  jobSeekers = h.services.jobSeekers;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const ctx = (user: TestUser): Promise<ActorContext> => h.factories.people.contextOf(user);

async function events(): Promise<PublishedEvent[]> {
  const batch = await Outbox.of(h.database.kysely).read(BEGINNING, { limit: 10_000 });
  return [...batch.settled, ...batch.unsettled];
}

/** A job seeker with a profile: bio data and, when given, destinations and visibility. */
async function seeker(
  options: {
    destinations?: string[];
    visibleTo?: ('employer' | 'recruitment_agency')[];
  } = {},
): Promise<TestUser> {
  const user = await h.factories.people.user();
  const context = await ctx(user);
  await jobSeekers.saveBio(context, {
    givenNames: 'سارة',
    familyName: 'Wanjiru',
    givenNamesLatin: 'Sara',
    familyNameLatin: 'Wanjiru',
    birthDate: '1995-04',
    sex: 'F',
    nationality: 'KE',
    birthPlace: '',
    birthCountry: null,
    phone: null,
    email: null,
  });
  if (options.destinations) {
    await jobSeekers.saveDestinations(context, {
      countries: options.destinations,
      availabilityDate: '2027-03',
    });
    await jobSeekers.saveVisibility(context, {
      visibility: 'destinations',
      visibleTo: options.visibleTo ?? ['employer', 'recruitment_agency'],
    });
  }
  return user;
}

describe('the rows matching reads', () => {
  it('pages through every profile in user_id order, nothing twice', async () => {
    for (let i = 0; i < 7; i += 1) await seeker();
    const all = (await h.database.kysely.selectFrom('job_seeker').select('user_id').execute()).map(
      (row) => row.user_id,
    );
    all.sort();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await jobSeekers.matchingProfiles({ after, limit: 3 });
      if (page.length === 0) break;
      pages += 1;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((record) => record.userId));
      after = page.at(-1)!.userId;
    }
    expect(all.length).toBe(7);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('maps the whole profile: coded lists, levels, dates, visibility and kinds', async () => {
    const user = await seeker({ destinations: ['AE', 'QA'], visibleTo: ['recruitment_agency'] });
    const context = await ctx(user);
    const nurse = await h.factories.jobOrders.nurse();
    await jobSeekers.addEducation(context, {
      iscedLevel: '3',
      iscedField: null,
      institution: 'مدرسة',
      country: 'KE',
      year: 2012,
    });
    await jobSeekers.addEducation(context, {
      iscedLevel: '6',
      iscedField: null,
      institution: '',
      country: null,
      year: 2017,
    });
    await jobSeekers.addExperience(context, {
      title: 'ممرضة',
      escoOccupationId: nurse.id,
      iscoCode: null,
      employer: '',
      country: 'KE',
      dateFrom: '2018-01',
      dateTo: '2020-07',
    });
    await jobSeekers.addOccupation(context, {
      title: 'nurse',
      escoOccupationId: nurse.id,
      iscoCode: null,
    });
    await jobSeekers.addOccupation(context, {
      title: 'any work',
      escoOccupationId: null,
      iscoCode: null,
    });
    await jobSeekers.addSkill(context, nurse.skills[0]!.skillId);
    await jobSeekers.setLanguage(context, { languageCode: 'en', cefrLevel: 'B2' });
    await jobSeekers.setLanguage(context, { languageCode: 'sw', cefrLevel: 'C2' });

    const [record] = await jobSeekers.matchingProfilesOf([user.id]);
    expect(record).toEqual({
      userId: user.id,
      nationality: 'KE',
      visibleIn: ['AE', 'QA'],
      visibleTo: ['recruitment_agency'],
      destinations: ['AE', 'QA'],
      availableFrom: '2027-03-01',
      occupations: [{ escoId: nurse.id, iscoCode: nurse.iscoCode }],
      experience: [{ escoId: nurse.id, iscoCode: nurse.iscoCode, months: 30 }],
      skills: [nurse.skills[0]!.skillId],
      languages: [
        { code: 'en', level: 4 },
        { code: 'sw', level: 6 },
      ],
      iscedLevel: 6,
    });

    await jobSeekers.saveVisibility(context, { visibility: 'private', visibleTo: [] });
    const [hidden] = await jobSeekers.matchingProfilesOf([user.id]);
    expect(hidden!.visibleIn).toEqual([]);
    // Private with nothing ticked keeps the kinds chosen before.
    expect(hidden!.visibleTo).toEqual(['recruitment_agency']);
  });

  it('gives only people who have a profile: an erased person is absent', async () => {
    const kept = await seeker();
    const erased = await seeker();
    const noProfile = await h.factories.people.user();
    await h.services.privacy.erase(await ctx(erased), { password: erased.password });
    const records = await jobSeekers.matchingProfilesOf([
      kept.id,
      erased.id,
      noProfile.id,
      'not-a-uuid',
      kept.id,
    ]);
    expect(records.map((record) => record.userId)).toEqual([kept.id]);
    // Asked for in chunks: many ids at once give the same answer.
    const many = [...Array.from({ length: 60 }, () => randomUUID()), kept.id];
    expect((await jobSeekers.matchingProfilesOf(many)).map((r) => r.userId)).toEqual([kept.id]);
    const all = await jobSeekers.matchingProfiles({ after: null, limit: 5_000 });
    expect(all.map((record) => record.userId)).not.toContain(erased.id);

    const erasure = (await events()).filter(
      (event) => event.type === 'job_seeker.erased' && event.subjectId === erased.id,
    );
    expect(erasure).toHaveLength(1);
    expect(erasure[0]).toMatchObject({ subjectType: 'job_seeker', payload: {} });
  });
});

describe('events in the write’s transaction', () => {
  it('publishes job_seeker.updated for every write, with no payload, in the same transaction', async () => {
    const before = (await events()).length;
    const user = await seeker({ destinations: ['AE'] });
    const mine = (await events()).slice(before).filter((event) => event.subjectId === user.id);
    // Bio, destinations, visibility.
    expect(mine.map((event) => event.type)).toEqual([
      'job_seeker.updated',
      'job_seeker.updated',
      'job_seeker.updated',
    ]);
    for (const event of mine) {
      expect(event.subjectType).toBe('job_seeker');
      expect(event.payload).toEqual({});
    }
    // The last write's event and the profile row were written by one transaction.
    // (xmin: the system column of the transaction that last wrote the row.)
    const row = await h.database.kysely
      .selectFrom('job_seeker')
      .select((eb) => eb.cast<string>(eb.ref('xmin' as 'user_id'), 'text').as('xid'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(String(mine.at(-1)!.position.txid % 2 ** 32)).toBe(row.xid);
  });

  it('publishes nothing when the write is refused', async () => {
    const user = await seeker();
    const context = await ctx(user);
    const before = (await events()).length;
    // Visible without any destination: refused inside the write's transaction.
    await expect(
      jobSeekers.saveVisibility(context, {
        visibility: 'destinations',
        visibleTo: ['employer'],
      }),
    ).rejects.toMatchObject({ fields: [{ pointer: '/visibility' }] });
    // Visible to nobody: refused before it.
    await expect(
      jobSeekers.saveVisibility(context, { visibility: 'destinations', visibleTo: [] }),
    ).rejects.toMatchObject({ fields: [{ pointer: '/visibleTo' }] });
    expect((await events()).slice(before)).toEqual([]);
  });
});

describe('who may see a visible profile, by kind of organisation', () => {
  it('lets an agency see it only when agencies are chosen, an employer only when employers are', async () => {
    const { agency } = await h.factories.jobOrders.parties();
    const employer = await h.factories.licensing.employer();
    const asAgency = await ctx(agency.staff);
    const asEmployer = await ctx(employer.staff);

    const employersOnly = await seeker({ destinations: ['AE'], visibleTo: ['employer'] });
    await expect(jobSeekers.view(asAgency, employersOnly.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await jobSeekers.view(asEmployer, employersOnly.id)).basis).toBe('consent');

    const agenciesOnly = await seeker({ destinations: ['AE'], visibleTo: ['recruitment_agency'] });
    const seen = await jobSeekers.view(asAgency, agenciesOnly.id);
    expect(seen.basis).toBe('consent');
    expect(jobSeekerJson.parse(presentJobSeeker(seen))).toMatchObject({
      visibility: 'destinations',
      visibleTo: ['recruitment_agency'],
      contact: null,
    });
    await expect(jobSeekers.view(asEmployer, agenciesOnly.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const both = await seeker({ destinations: ['QA'] });
    expect((await jobSeekers.view(asAgency, both.id)).basis).toBe('consent');
    // An employer of a destination the person did not choose sees nothing, as before.
    await expect(jobSeekers.view(asEmployer, both.id)).rejects.toBeInstanceOf(NotFoundError);

    const audit = await h.database.kysely
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('data_subject_user_id', '=', agenciesOnly.id)
      .where('action', '=', 'job_seeker.updated')
      .execute();
    expect(audit.map((row) => row.after)).toContainEqual({
      step: 'visibility',
      visibility: 'destinations',
      visibleTo: ['recruitment_agency'],
    });
  });

  it('keeps the kinds in the personal data download', async () => {
    const user = await seeker({ destinations: ['AE'], visibleTo: ['employer'] });
    const profile = await jobSeekers.exportFor(user.id);
    expect(profile).toMatchObject({ visibility: 'destinations', visibleTo: ['employer'] });
  });
});
