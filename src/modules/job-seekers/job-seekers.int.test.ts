import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * The profile on the real app: a job seeker builds it in steps (no JavaScript), names in any
 * script kept exactly; an employer sees it only once the person makes it visible in the
 * employer's country (or the person applied), each view audited with the person as data
 * subject; withdrawal takes effect at once and both are in the consent ledger.
 */
let h: Harness;
let seeker: TestClient;
let seekerId: string;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  seeker = await h.signInDemo('jobseeker@demo.corridor.example');
  seekerId = (await h.demoUser('jobseeker@demo.corridor.example')).id;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const ARABIC = 'وائل';
const DEVANAGARI = 'सीता शर्मा';
const BENGALI = 'রহিম উদ্দিন';

describe('the profile in steps', () => {
  it('shows the overview with nothing done, and each step page', async () => {
    const page = await seeker.get('/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('0%');
    for (const step of [
      'bio',
      'documents',
      'education',
      'experience',
      'occupations',
      'skills',
      'languages',
      'destinations',
      'visibility',
    ]) {
      const res = await seeker.get(`/profile/${step}`);
      expect(res.statusCode, step).toBe(200);
    }
  });

  it('refuses bad bio data with named errors and writes nothing', async () => {
    const res = await seeker.post('/profile/bio', {
      givenNames: '',
      familyName: '',
      givenNamesLatin: 'وائل',
      birthDate: '1990-13',
      sex: 'Q',
      nationality: '',
      phone: '12',
      email: 'nope',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Latin letters (A to Z)');
    expect(res.body).toContain('The month must be from 01 to 12');
    expect(res.body).toContain('Choose F, M or X');
    expect(res.body).toContain('Choose your nationality');
    const noName = await seeker.post('/profile/bio', {
      birthDate: '1990',
      sex: 'M',
      nationality: 'KE',
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('Enter at least one name');
    const row = await h.database.kysely
      .selectFrom('job_seeker')
      .selectAll()
      .where('user_id', '=', seekerId)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('saves bio data with a mononym in Arabic and a partial date, exactly as written', async () => {
    const res = await seeker.post('/profile/bio', {
      givenNames: `  ${ARABIC} `,
      familyName: '',
      givenNamesLatin: 'Wael',
      familyNameLatin: '',
      birthDate: '١٩٩٠-٠٥',
      sex: 'M',
      nationality: 'KE',
      birthPlace: 'ممباسا',
      birthCountry: 'KE',
      phone: '0712 345 678',
      email: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profile/travel-documents?saved=1');
    const row = await h.database.kysely
      .selectFrom('job_seeker')
      .selectAll()
      .where('user_id', '=', seekerId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      given_names: ARABIC,
      family_name: '',
      birth_date: '1990-05',
      phone: '+254712345678',
      sex: 'M',
    });
    expect(await h.auditActionsFor(seekerId)).toContain('job_seeker.updated');
  });

  it('keeps Devanagari and Bengali names exactly', async () => {
    for (const name of [DEVANAGARI, BENGALI]) {
      const res = await seeker.post('/profile/bio', {
        givenNames: name,
        birthDate: '1988',
        sex: 'F',
        nationality: 'NP',
      });
      expect(res.statusCode).toBe(303);
      const row = await h.database.kysely
        .selectFrom('job_seeker')
        .select('given_names')
        .where('user_id', '=', seekerId)
        .executeTakeFirstOrThrow();
      expect(row.given_names).toBe(name.normalize('NFC'));
    }
    await seeker.post('/profile/bio', {
      givenNames: ARABIC,
      givenNamesLatin: 'Wael',
      birthDate: '1990-05',
      sex: 'M',
      nationality: 'KE',
    });
  });

  it('adds and removes education, and an empty step can be saved', async () => {
    const bad = await seeker.post('/profile/education', { iscedLevel: '', year: '15' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose the level of education');
    const ok = await seeker.post('/profile/education', {
      iscedLevel: '3',
      institution: 'مدرسة',
      country: 'KE',
      year: '2008',
    });
    expect(ok.statusCode).toBe(303);
    const page = await seeker.get('/profile/education');
    expect(page.body).toContain('Upper secondary school');
    const done = await seeker.post('/profile/experience/done', {});
    expect(done.headers.location).toBe('/profile/occupations?saved=1');
  });

  it('codes a job title typed freely, keeping the words, and lets the person pick', async () => {
    const suggest = await seeker.post('/profile/occupations', { title: 'nurse' });
    expect(suggest.statusCode).toBe(200);
    const match = /name="occupation" type="radio" value="(esco:[0-9a-f-]{36})"/.exec(suggest.body);
    expect(match).not.toBeNull();
    const save = await seeker.post('/profile/occupations', {
      title: 'nurse',
      occupation: match![1]!,
    });
    expect(save.statusCode).toBe(303);
    const words = await seeker.post('/profile/occupations', {
      title: 'ممرضة منزلية',
      occupation: 'none',
    });
    expect(words.statusCode).toBe(303);
    const rows = await h.database.kysely
      .selectFrom('job_seeker_occupation')
      .selectAll()
      .where('user_id', '=', seekerId)
      .orderBy('created_at')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ title: 'nurse', esco_occupation_id: match![1]!.slice(5) });
    expect(rows[0]!.isco_code).toMatch(/^[0-9]{4}$/);
    expect(rows[1]).toMatchObject({
      title: 'ممرضة منزلية',
      esco_occupation_id: null,
      isco_code: null,
    });
  });

  it('adds a language with its CEFR level and refuses an unknown one', async () => {
    expect(
      (await seeker.post('/profile/languages', { languageCode: 'sw', cefrLevel: 'C2' })).statusCode,
    ).toBe(303);
    const bad = await seeker.post('/profile/languages', { languageCode: 'sw', cefrLevel: 'D9' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose your level');
  });
});

describe('who sees the profile', () => {
  let employer: TestClient;
  beforeAll(async () => {
    employer = await h.signInDemo('employer@demo.corridor.example');
  });

  it('is not found for an employer while private', async () => {
    expect((await employer.get(`/job-seekers/${seekerId}`)).statusCode).toBe(404);
    expect(
      (
        await seeker.post('/profile/visibility', {
          visibility: 'destinations',
          visibleTo: ['employer', 'recruitment_agency'],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('shows both kinds of organisation ticked, and refuses "visible" to nobody with a named error', async () => {
    const page = await seeker.get('/profile/visibility');
    expect(page.body).toMatch(/name="visibleTo" type="checkbox" value="employer" checked/);
    expect(page.body).toMatch(
      /name="visibleTo" type="checkbox" value="recruitment_agency" checked/,
    );
    await seeker.post('/profile/destinations', { countries: ['AE'], availabilityDate: '' });
    const none = await seeker.post('/profile/visibility', { visibility: 'destinations' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('govuk-error-summary');
    expect(none.body).toContain('href="#visibleTo"');
    expect(none.body).toContain(
      'Choose who may see your profile: employers, licensed recruitment agencies, or both.',
    );
    expect(none.body).not.toMatch(/value="employer" checked/);
    const bad = await seeker.post('/profile/visibility', {
      visibility: 'destinations',
      visibleTo: 'embassy',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose employers, licensed recruitment agencies, or both.');
    const arabic = await seeker.post(
      '/profile/visibility',
      { visibility: 'destinations' },
      { 'accept-language': 'ar' },
    );
    expect(arabic.body).toContain('اختر من يمكنه رؤية ملفك');
    const row = await h.database.kysely
      .selectFrom('job_seeker')
      .select(['visibility', 'visible_to'])
      .where('user_id', '=', seekerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ visibility: 'private', visible_to: ['employer', 'recruitment_agency'] });
  });

  it('is visible to the employer once the person chooses its country, audited with the data subject', async () => {
    expect(
      (
        await seeker.post('/profile/destinations', {
          countries: ['AE', 'QA'],
          availabilityDate: '2027-01',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await seeker.post('/profile/visibility', {
          visibility: 'destinations',
          visibleTo: ['employer', 'recruitment_agency'],
        })
      ).statusCode,
    ).toBe(303);
    const summary = await seeker.get('/profile');
    expect(summary.body).toContain('Licensed recruitment agencies');
    expect(summary.body).toContain('Checked employers in:');
    const ledger = await h.database.kysely
      .selectFrom('consent')
      .selectAll()
      .where('user_id', '=', seekerId)
      .where('purpose', '=', 'profile.visible')
      .execute();
    expect(ledger.map((row) => row.destination_country).sort()).toEqual(['AE', 'QA']);
    const page = await employer.get(`/job-seekers/${seekerId}`);
    // The demo employer is in AE; it must be vetted to see consenting profiles.
    if (page.statusCode === 200) {
      expect(page.body).toContain(ARABIC);
      expect(page.body).not.toContain('+254712345678');
      expect(await h.auditActionsFor(seekerId)).toContain('job_seeker.viewed');
    } else {
      expect(page.statusCode).toBe(404);
    }
    const consents = await seeker.get('/account/consents');
    expect(consents.body).toContain('Who can find your profile');
  });

  it('takes a withdrawal into account at once', async () => {
    expect((await seeker.post('/profile/visibility', { visibility: 'private' })).statusCode).toBe(
      303,
    );
    expect((await employer.get(`/job-seekers/${seekerId}`)).statusCode).toBe(404);
    const active = await h.database.kysely
      .selectFrom('consent')
      .selectAll()
      .where('user_id', '=', seekerId)
      .where('purpose', '=', 'profile.visible')
      .where('withdrawn_at', 'is', null)
      .execute();
    expect(active).toHaveLength(0);
    expect(await h.auditActionsFor(seekerId)).toContain('consent.withdrawn');
  });

  it('gives the CV in Arabic with both names, and who can find it', async () => {
    const cv = await seeker.get('/profile/cv', { 'accept-language': 'ar' });
    expect(cv.statusCode).toBe(200);
    expect(cv.body).toContain(ARABIC);
    expect(cv.body).toContain('Wael');
    expect(cv.body).toContain('من يمكنه العثور على الملف');
  });

  it('shows an agency only when agencies are chosen, an employer only when employers are', async () => {
    const agency = await h.signInDemo('agency@demo.corridor.example');
    const visible = async (kinds: string[]) => {
      const res = await seeker.post('/profile/visibility', {
        visibility: 'destinations',
        visibleTo: kinds,
      });
      expect(res.statusCode).toBe(303);
    };
    await visible(['employer']);
    expect((await agency.get(`/job-seekers/${seekerId}`)).statusCode).toBe(404);
    const cv = await seeker.get('/profile/cv');
    expect(cv.body).not.toContain('Licensed recruitment agencies');
    await visible(['recruitment_agency']);
    // The demo agency is licensed: it sees the profile now; the employer does not.
    expect((await agency.get(`/job-seekers/${seekerId}`)).statusCode).toBe(200);
    expect((await employer.get(`/job-seekers/${seekerId}`)).statusCode).toBe(404);
    await seeker.post('/profile/visibility', { visibility: 'private' });
    expect((await agency.get(`/job-seekers/${seekerId}`)).statusCode).toBe(404);
  });

  it('summarises profiles for the applications module', async () => {
    const summaries = await h.services.jobSeekers.summaries([seekerId]);
    expect(summaries.get(seekerId)).toMatchObject({
      name: ARABIC,
      nameLatin: 'Wael',
      nationality: 'KE',
    });
    expect(await h.services.jobSeekers.userIdsWithProfiles(100_000)).toContain(seekerId);
  });
});

describe('the demo seekers for the supply statistics', () => {
  it('have a home region of their nationality and an intended stay', async () => {
    const rows = await h.database.kysely
      .selectFrom('job_seeker')
      .select(['nationality', 'home_subdivision', 'intended_stay', 'steps_saved'])
      .where('email', 'like', '%@seekers.demo.corridor.example')
      .execute();
    expect(rows.length).toBeGreaterThan(400);
    const withRegion = rows.filter((row) => row.home_subdivision !== null);
    expect(withRegion.length).toBeGreaterThan(rows.length * 0.9);
    for (const row of withRegion) {
      expect(row.home_subdivision?.slice(0, 3)).toBe(`${row.nationality}-`);
    }
    // First-level subdivisions only (the country's list may mix levels).
    const parents = await h.database.kysely
      .selectFrom('country_subdivision')
      .select(['code', 'parent_code'])
      .where('code', 'in', [...new Set(withRegion.map((row) => row.home_subdivision!))])
      .execute();
    expect(parents.every((row) => row.parent_code === null)).toBe(true);
    expect(new Set(withRegion.map((row) => row.nationality)).size).toBe(8);
    const stays = new Set(rows.map((row) => row.intended_stay));
    expect(stays).toEqual(new Set(['0-6', '7-12', '13-24', '25-36', '37+', null]));
    for (const row of rows) {
      if (!row.steps_saved.includes('destinations')) expect(row.intended_stay).toBeNull();
    }
  });
});
