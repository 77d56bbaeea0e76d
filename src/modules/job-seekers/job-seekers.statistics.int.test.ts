import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { BEGINNING } from '../../platform/events/domain-event.js';
import { Outbox } from '../../platform/events/outbox.js';
import { ValidationError } from '../../platform/http/problem.js';
import type { JobSeekerStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import type { JobSeekersService } from './job-seekers.service.js';
import { JobSeekerStatisticsSource } from './job-seekers.statistics.js';
import { JobSeekerStatisticsRepository } from './job-seekers.statistics.repository.js';
import type { JobSeekersDb } from './job-seekers.tables.js';

/**
 * What the statistics read of the job seekers (jobSeekerStatistics): records made through the
 * service and read back by id and in pages; ids that do not exist, erased people; the home
 * region and intended stay, checked by the service and set on the pages (no JavaScript).
 */
let h: Harness;
let jobSeekers: JobSeekersService;
let source: StatisticsSource<JobSeekerStatRecord>;

beforeAll(async () => {
  h = await createHarness();
  jobSeekers = h.services.jobSeekers;
  source = h.services.jobSeekerStatistics;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const ctx = (user: TestUser): Promise<ActorContext> => h.factories.people.contextOf(user);

const BIO = {
  givenNames: 'सीता',
  familyName: 'শর্মা',
  givenNamesLatin: 'Sita',
  familyNameLatin: 'Sharma',
  birthDate: '1995-04',
  sex: 'F' as 'F' | 'M' | 'X',
  nationality: 'NP',
  birthPlace: '',
  birthCountry: null,
  phone: null,
  email: null,
};

async function seeker(bio: Partial<typeof BIO> & { homeSubdivision?: string | null } = {}) {
  const user = await h.factories.people.user();
  await jobSeekers.saveBio(await ctx(user), { ...BIO, homeSubdivision: 'NP-P3', ...bio });
  return user;
}

describe('the home region and the intended stay', () => {
  it('saves a region of the nationality; refuses an unknown one or one of another country', async () => {
    const user = await seeker();
    const context = await ctx(user);
    const [record] = await source.byIds([user.id]);
    expect(record?.originSubdivision).toBe('NP-P3');
    for (const [homeSubdivision, key] of [
      ['NP-Z9', 'jobSeekers.errors.homeSubdivision'],
      ['KE-30', 'jobSeekers.errors.homeSubdivisionCountry'],
    ] as const) {
      const refused = await jobSeekers
        .saveBio(context, { ...BIO, homeSubdivision })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fields[0]).toMatchObject({
        pointer: '/homeSubdivision',
        detail: key,
      });
    }
    expect((await source.byIds([user.id]))[0]?.originSubdivision).toBe('NP-P3');
    // Left out: kept while it belongs to the nationality, cleared when the nationality changes.
    await jobSeekers.saveBio(context, { ...BIO });
    expect((await source.byIds([user.id]))[0]?.originSubdivision).toBe('NP-P3');
    await jobSeekers.saveBio(context, { ...BIO, nationality: 'KE' });
    expect((await source.byIds([user.id]))[0]).toMatchObject({
      origin: 'KE',
      originSubdivision: null,
    });
  });

  it('saves the intended stay with the destinations; null is "I don’t know yet"', async () => {
    const user = await seeker();
    const context = await ctx(user);
    await jobSeekers.saveDestinations(context, {
      countries: ['QA', 'AE', 'QA'],
      availabilityDate: null,
      intendedStay: '13-24',
    });
    expect((await source.byIds([user.id]))[0]?.intendedStay).toBe('13-24');
    // Left out: kept.
    await jobSeekers.saveDestinations(context, { countries: ['QA'], availabilityDate: null });
    expect((await source.byIds([user.id]))[0]?.intendedStay).toBe('13-24');
    await jobSeekers.saveDestinations(context, {
      countries: ['QA'],
      availabilityDate: null,
      intendedStay: null,
    });
    expect((await source.byIds([user.id]))[0]?.intendedStay).toBeNull();
    const refused = await jobSeekers
      .saveDestinations(context, {
        countries: [],
        availabilityDate: null,
        intendedStay: '99' as '0-6',
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
  });
});

describe('jobSeekerStatistics', () => {
  it('gives the whole record: codes only, lists without repeats, the highest ISCED level', async () => {
    const user = await seeker({ sex: 'X', birthDate: '1990' });
    const context = await ctx(user);
    await jobSeekers.addEducation(context, {
      iscedLevel: '3',
      iscedField: null,
      institution: 'विद्यालय',
      country: 'NP',
      year: 2010,
    });
    await jobSeekers.addEducation(context, {
      iscedLevel: '6',
      iscedField: null,
      institution: '',
      country: null,
      year: null,
    });
    await jobSeekers.addOccupation(context, {
      title: 'Nurse',
      escoOccupationId: null,
      iscoCode: '2221',
    });
    await jobSeekers.addOccupation(context, {
      title: 'نرس',
      escoOccupationId: null,
      iscoCode: '2221',
    });
    await jobSeekers.addOccupation(context, {
      title: 'anything at all',
      escoOccupationId: null,
      iscoCode: null,
    });
    await jobSeekers.setLanguage(context, { languageCode: 'ne', cefrLevel: 'C2' });
    await jobSeekers.setLanguage(context, { languageCode: 'en', cefrLevel: 'B1' });
    await jobSeekers.saveDestinations(context, {
      countries: ['QA', 'AE'],
      availabilityDate: '2027-01',
      intendedStay: '37+',
    });
    const [record] = await source.byIds([user.id]);
    const row = await h.database.kysely
      .selectFrom('job_seeker')
      .select('created_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      id: user.id,
      registeredAt: row.created_at,
      origin: 'NP',
      originSubdivision: 'NP-P3',
      sex: 'X',
      birthDate: '1990',
      iscedLevel: '6',
      occupations: ['2221'],
      languages: ['en', 'ne'],
      destinations: ['AE', 'QA'],
      intendedStay: '37+',
    });
    // The person's data download has both fields.
    expect(await jobSeekers.exportFor(user.id)).toMatchObject({
      homeSubdivision: 'NP-P3',
      intendedStay: '37+',
    });
  });

  it('counts a profile as registered only once its personal details are saved', async () => {
    const user = await h.factories.people.user();
    await jobSeekers.saveDestinations(await ctx(user), {
      countries: ['QA'],
      availabilityDate: null,
      intendedStay: '0-6',
    });
    const [record] = await source.byIds([user.id]);
    expect(record).toMatchObject({
      id: user.id,
      registeredAt: null,
      origin: null,
      originSubdivision: null,
      destinations: ['QA'],
      intendedStay: '0-6',
    });
  });

  it('leaves out ids that do not exist or are not ids, and answers in id order', async () => {
    const a = await seeker();
    const b = await seeker();
    const records = await source.byIds([b.id, randomUUID(), 'not-an-id', a.id, b.id.toUpperCase()]);
    expect(records.map((record) => record.id)).toEqual([a.id, b.id].sort());
    expect(await source.byIds([])).toEqual([]);
  });

  it('reads 1,000 ids in five queries (the profiles, then one per list table)', async () => {
    const existing = await seeker();
    let queries = 0;
    const counted = h.database.kysely.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as unknown as JobSeekersDb;
    const counting = new JobSeekerStatisticsSource(new JobSeekerStatisticsRepository(counted));
    const ids = [existing.id, ...Array.from({ length: 999 }, () => randomUUID())];
    const records = await counting.byIds(ids);
    expect(records.map((record) => record.id)).toEqual([existing.id]);
    expect(queries).toBe(5);
    queries = 0;
    // 1,001 ids: a second batch, whose one unknown id needs no list query.
    expect(await counting.byIds([...ids, randomUUID()])).toHaveLength(1);
    expect(queries).toBe(6);
  });

  it('pages through every profile in id order, nothing twice', async () => {
    for (let i = 0; i < 4; i += 1) await seeker();
    const all = (await h.database.kysely.selectFrom('job_seeker').select('user_id').execute())
      .map((row) => row.user_id)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await source.page(after, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((record) => record.id));
      after = page.at(-1)!.id;
    }
    expect(seen).toEqual(all);
    expect(await source.page(null, 0)).toEqual([]);
    await expect(source.page('nope', 3)).rejects.toThrow(RangeError);
  });

  it('drops an erased person, and every change is published with the user id', async () => {
    const erased = await seeker();
    await jobSeekers.saveDestinations(await ctx(erased), {
      countries: ['AE'],
      availabilityDate: null,
      intendedStay: '7-12',
    });
    expect(await source.byIds([erased.id])).toHaveLength(1);
    await h.services.privacy.erase(await ctx(erased), { password: erased.password });
    expect(await source.byIds([erased.id])).toEqual([]);
    const everyone: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await source.page(after, 50);
      if (page.length === 0) break;
      everyone.push(...page.map((record) => record.id));
      after = page.at(-1)!.id;
    }
    expect(everyone).not.toContain(erased.id);
    const batch = await Outbox.of(h.database.kysely).read(BEGINNING, { limit: 10_000 });
    const mine = [...batch.settled, ...batch.unsettled].filter(
      (event) => event.subjectId === erased.id,
    );
    expect(mine.map((event) => event.type)).toEqual([
      'job_seeker.updated',
      'job_seeker.updated',
      'job_seeker.erased',
    ]);
    expect(mine.every((event) => event.subjectType === 'job_seeker')).toBe(true);
  });
});

describe('the pages: home region and intended stay', () => {
  const form = {
    givenNames: 'সীমা',
    familyName: '',
    givenNamesLatin: 'Sima',
    birthDate: '1993',
    sex: 'F',
    nationality: 'NP',
  };

  it('explains the region list until a nationality is saved, then lists its regions', async () => {
    const user = await h.factories.people.user({ role: 'job_seeker' });
    const client = await h.signIn(user);
    const empty = await client.get('/profile/bio');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('The list of its regions then appears here');
    expect(empty.body).not.toContain('name="homeSubdivision"');
    expect((await client.post('/profile/bio', form)).statusCode).toBe(303);
    const listed = await client.get('/profile/bio');
    expect(listed.body).toContain('name="homeSubdivision"');
    expect(listed.body).toContain('<option value="NP-P3"');
    expect(listed.body).not.toContain('<option value="KE-30"');
    const saved = await client.post('/profile/bio', { ...form, homeSubdivision: 'NP-P3' });
    expect(saved.statusCode).toBe(303);
    expect((await source.byIds([user.id]))[0]?.originSubdivision).toBe('NP-P3');

    // The nationality changed in the same submit: a named error, the rest kept, nothing saved.
    const moved = await client.post('/profile/bio', {
      ...form,
      nationality: 'KE',
      homeSubdivision: 'NP-P3',
    });
    expect(moved.statusCode).toBe(400);
    expect(errorSummary(moved.body)).toEqual([
      'Choose your home region again: Province 3 is not in Kenya.',
    ]);
    expect(moved.body).toContain('value="Sima"');
    expect(moved.body).toContain('<option value="KE-30"');
    expect((await source.byIds([user.id]))[0]).toMatchObject({
      origin: 'NP',
      originSubdivision: 'NP-P3',
    });
    // Named together with the form's other errors, in the form's order.
    const both = await client.post('/profile/bio', {
      ...form,
      birthDate: '1990-13',
      nationality: 'KE',
      homeSubdivision: 'NP-P3',
      email: 'nope',
    });
    expect(errorSummary(both.body)).toEqual([
      'The month must be from 01 to 12.',
      'Choose your home region again: Province 3 is not in Kenya.',
      expect.stringContaining('email'),
    ]);
    const arabic = await h.signIn(user, { lang: 'ar', fresh: true });
    const inArabic = await arabic.post('/profile/bio', {
      ...form,
      nationality: 'KE',
      homeSubdivision: 'NP-P3',
    });
    expect(inArabic.statusCode).toBe(400);
    expect(errorSummary(inArabic.body)[0]).toContain('اختر منطقتك الأصلية من جديد');
    expect(inArabic.body).toContain('مقاطعة نايروبي');
    const unknown = await client.post('/profile/bio', { ...form, homeSubdivision: 'NP-ZZ' });
    expect(errorSummary(unknown.body)).toEqual(['Choose your home region from the list.']);
    const nonsense = await client.post('/profile/bio', { ...form, homeSubdivision: '<b>' });
    expect(errorSummary(nonsense.body)).toEqual(['Choose your home region from the list.']);
  });

  it('offers the finest regions, each with the one it lies in, and keeps one saved at another level', async () => {
    const user = await h.factories.people.user({ role: 'job_seeker' });
    const client = await h.signIn(user);
    const bangladesh = { ...form, nationality: 'BD' };
    expect((await client.post('/profile/bio', bangladesh)).statusCode).toBe(303);
    const page = (await client.get('/profile/bio')).body;
    // The 64 districts, not the 8 divisions they lie in (named beside each district).
    expect(page.match(/<option value="BD-\d\d"/g)).toHaveLength(64);
    expect(page).not.toMatch(/<option value="BD-[A-H]"/);
    expect(page).toMatch(/<option value="BD-01"[^>]*>Bandarban \(Chittagong Division\)/);
    // A division saved through the API (any level is valid) is still offered, and selected.
    expect(
      (await client.post('/profile/bio', { ...bangladesh, homeSubdivision: 'BD-A' })).statusCode,
    ).toBe(303);
    const kept = (await client.get('/profile/bio')).body;
    expect(kept).toMatch(/<option value="BD-A" selected/);
  });

  it('saves the intended stay on the destinations step and shows both on the CV', async () => {
    const user = await h.factories.people.user({ role: 'job_seeker' });
    const client = await h.signIn(user);
    await client.post('/profile/bio', { ...form, homeSubdivision: 'NP-P3' });
    const page = await client.get('/profile/destinations');
    expect(page.body).toContain('How long do you want to work abroad?');
    expect(page.body).toMatch(/value="unknown"[^>]*checked/);
    const bad = await client.post('/profile/destinations', { intendedStay: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Choose how long you want to work abroad, or “I don’t know yet”.',
    ]);
    const saved = await client.post('/profile/destinations', {
      countries: 'QA',
      intendedStay: '13-24',
    });
    expect(saved.statusCode).toBe(303);
    expect((await client.get('/profile/destinations')).body).toMatch(/value="13-24"[^>]*checked/);
    const cv = await client.get('/profile/cv');
    expect(cv.body).toContain('Home region');
    expect(cv.body).toContain('Province 3');
    expect(cv.body).toContain('1 to 2 years');
    const again = await client.post('/profile/destinations', {
      countries: 'QA',
      intendedStay: 'unknown',
    });
    expect(again.statusCode).toBe(303);
    expect((await source.byIds([user.id]))[0]?.intendedStay).toBeNull();
    expect((await client.get('/profile/cv')).body).toContain('Not decided yet');
  });
});
