import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import {
  DEMO_CAREGIVER_SLUG,
  DEMO_SKILLED_SLUG,
  DEMO_SKILLED_WORKER,
} from './eligibility.demo-schemes.js';

/**
 * Eligibility on the real app: an officer defines a scheme through the form, publishes it; a
 * reader answers anonymously in steps (no JavaScript), gets a result and a code; the code is
 * carried into registration; the answers expire and are purged.
 */
let h: Harness;
let officer: TestClient;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  officer = await h.signInDemo('destination.officer@demo.corridor.example');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const skilledAnswers = {
  about: { age: '30', educationLevel: '6', experienceYears: '5' },
  more: { lang_en: 'B2', lang_ar: 'none', jobOffer: 'no' },
};

/** Answers a scheme through its steps; returns the result page's address. */
async function answer(
  reader: TestClient,
  slug: string,
  steps: {
    about: Record<string, string>;
    more?: Record<string, string>;
    words: string;
    pick?: (body: string) => string;
  },
) {
  const start = await reader.get(`/eligibility/${slug}`);
  expect(start.statusCode).toBe(200);
  const about = await reader.post(`/eligibility/${slug}`, { step: 'about', ...steps.about });
  expect(about.statusCode).toBe(200);
  const carried = { ...steps.about, ...(steps.more ?? {}) };
  const more = await reader.post(`/eligibility/${slug}`, { step: 'more', ...carried });
  expect(more.statusCode).toBe(200);
  expect(more.body).toContain('name="occupationText"');
  const search = await reader.post(`/eligibility/${slug}`, {
    step: 'occupation',
    ...carried,
    occupationText: steps.words,
    action: 'search',
  });
  expect(search.statusCode).toBe(200);
  const value = steps.pick ? steps.pick(search.body) : firstMatch(search.body);
  const done = await reader.post(`/eligibility/${slug}`, {
    step: 'occupation',
    ...carried,
    occupationText: steps.words,
    occupation: value,
    action: 'next',
  });
  expect(done.statusCode).toBe(303);
  return String(done.headers.location);
}

function firstMatch(body: string): string {
  const match = /name="occupation" type="radio" value="([0-9:.]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no occupation offered');
  return match[1];
}

describe('the public self-assessment', () => {
  it('lists the published demo schemes by destination, in Arabic too', async () => {
    const page = await h.anonymous().get('/eligibility');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/eligibility/${DEMO_SKILLED_SLUG}`);
    expect(page.body).toContain(`/eligibility/${DEMO_CAREGIVER_SLUG}`);
    const ar = await h.anonymous({ lang: 'ar' }).get('/eligibility?country=SA');
    expect(ar.body).toContain('نظام مقدمي الرعاية المنزلية');
    expect(ar.body).not.toContain(`/eligibility/${DEMO_SKILLED_SLUG}"`);
  });

  it('answers an unknown scheme with a translated 404', async () => {
    const page = await h.anonymous({ lang: 'fr' }).get('/eligibility/no-such-scheme');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Ce programme n’existe pas');
    const api = await h.anonymous().json('POST', '/api/v1/eligibility/schemes/no-such/assess', {
      age: 30,
      educationLevel: 6,
      experienceYears: 5,
    });
    expect(api.statusCode).toBe(404);
  });

  it('names every wrong answer, translated, and keeps nothing', async () => {
    const reader = h.anonymous({ lang: 'es' });
    await reader.get(`/eligibility/${DEMO_SKILLED_SLUG}`);
    const wrong = await reader.post(`/eligibility/${DEMO_SKILLED_SLUG}`, {
      step: 'about',
      age: '200',
      educationLevel: '',
      experienceYears: 'many',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual([
      'Indique su edad en años completos, de 0 a 120',
      'Elija su nivel de estudios más alto',
      'Indique su experiencia en años completos, de 0 a 60',
    ]);
    const count = await h.db
      .selectFrom('eligibility_assessment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('scores an engineer, shows points per criterion and hints, and keeps the answers behind a code', async () => {
    const reader = h.anonymous();
    const location = await answer(reader, DEMO_SKILLED_SLUG, {
      ...skilledAnswers,
      words: 'civil engineer',
    });
    expect(location).toMatch(/^\/eligibility\/results\/[0-9A-HJKMNP-TV-Z]{10}$/);
    const result = await reader.get(location);
    expect(result.statusCode).toBe(200);
    // The translator isolates each value (FSI … PDI) in the sentence.
    const text = result.body.replace(/[\u2068\u2069]/g, '');
    expect(text).toContain('you meet the conditions of this scheme');
    expect(text).toContain('You have 65 points; the scheme needs 60 points.');
    expect(text).toContain('A written job offer would give you 20 more points.');
    expect(text).toContain('Reaching level C1 in English would give you 5 more points.');
    const code = location.slice(-10);
    const row = await h.db
      .selectFrom('eligibility_assessment')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ total: 65, eligible: true, user_id: null });
    const days = (row.expires_at.getTime() - row.created_at.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    // The code as a person might type it: lower case, with spaces.
    const typed = await h
      .anonymous()
      .get(`/eligibility/results?code=${code.toLowerCase().slice(0, 5)}%20${code.slice(5)}`);
    expect(typed.statusCode).toBe(303);
    expect((await h.anonymous().get(String(typed.headers.location))).statusCode).toBe(200);
    expect((await h.anonymous().get('/eligibility/results/0000000000')).statusCode).toBe(404);
    // The code is normalised before the redirect: nothing typed reaches the address as is.
    expect(String(typed.headers.location)).toBe(`/eligibility/results/${code}`);
    // Copied from the Arabic result page (direction marks) or typed with Arabic-Indic digits.
    const arabicDigits = code.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const pasted = await h
      .anonymous()
      .get(`/eligibility/results?code=${encodeURIComponent(`\u200F${arabicDigits}\u200F`)}`);
    expect(pasted.statusCode).toBe(303);
    expect(String(pasted.headers.location)).toBe(`/eligibility/results/${code}`);
    // Not a code at all (emoji; an emoji cut in half by a length limit): named, in Arabic too.
    for (const junk of ['😀👩🏽‍⚕️🇰🇪'.repeat(3), `${'x'.repeat(39)}😀`]) {
      const page = await h.anonymous().get(`/eligibility/results?code=${encodeURIComponent(junk)}`);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('A reference code has 10 letters and digits');
    }
    const arabic = await h.anonymous({ lang: 'ar' }).get('/eligibility/results?code=ABC');
    expect(arabic.body).toContain('يتكوّن الرمز المرجعي من');
  }, 120_000);

  it('a caregiver who misses required conditions is told which, in Arabic', async () => {
    const reader = h.anonymous({ lang: 'ar' });
    const location = await answer(reader, DEMO_CAREGIVER_SLUG, {
      about: { age: '30', educationLevel: '3', experienceYears: '2' },
      more: { lang_en: 'A1', jobOffer: 'yes', cond_medical: 'yes', cond_orientation: 'no' },
      words: 'caregiver',
    });
    // The translator isolates each value (FSI … PDI) in the sentence.
    const result = { body: (await reader.get(location)).body.replace(/[\u2068\u2069]/g, '') };
    expect(result.body).toContain('لا تستوفي شروط هذا النظام بعد');
    expect(result.body).toContain('يتطلب النظام المستوى A2 على الأقل في');
    expect(result.body).toContain('هل حضرت، أو ستحضر، التوجيه قبل السفر؟');
  });

  it('the API scores without storing, and refuses a wrong body with a 400', async () => {
    const api = h.anonymous();
    const scored = await api.json(
      'POST',
      `/api/v1/eligibility/schemes/${DEMO_SKILLED_SLUG}/assess`,
      {
        age: 30,
        educationLevel: 6,
        experienceYears: 5,
        languageLevels: { en: 'B2' },
        jobOffer: false,
        occupation: { iscoCode: '2142' },
      },
    );
    expect(scored.statusCode).toBe(200);
    expect(scored.json()).toMatchObject({ eligible: true, total: 65, threshold: 60 });
    const bad = await api.json('POST', `/api/v1/eligibility/schemes/${DEMO_SKILLED_SLUG}/assess`, {
      age: -1,
    });
    expect(bad.statusCode).toBe(400);
    const list = await api.json('GET', '/api/v1/eligibility/schemes?country=AE');
    expect(list.json<{ items: { slug: string }[] }>().items.map((s) => s.slug)).toEqual([
      DEMO_SKILLED_SLUG,
    ]);
  });
});

describe('officers define, change and publish schemes', () => {
  it('define through the form → draft (not public) → publish → assess; every step audited', async () => {
    await officer.get('/eligibility/schemes/new');
    const refused = await officer.post('/eligibility/schemes/new', {
      slug: 'Bad Slug',
      name_en: '',
      threshold: 'x',
      age_mode: 'points',
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(
      expect.arrayContaining([
        'Use only small letters, digits and dashes, for example ae-skilled-worker',
        'Fill in at least one row, or choose “Not used”',
        'Enter a whole number',
      ]),
    );
    const created = await officer.post('/eligibility/schemes/new', {
      slug: 'ae-test-scheme',
      name_en: 'Test scheme',
      description_en: 'A scheme made by the test.',
      threshold: '10',
      age_mode: 'required',
      age_0_min: '21',
      age_0_max: '40',
      age_0_points: '10',
      jobOffer_mode: 'points',
      jobOffer_points: '5',
    });
    expect(created.statusCode).toBe(303);
    const schemeUrl = String(created.headers.location).replace(/\?.*$/, '');
    expect((await h.anonymous().get('/eligibility/ae-test-scheme')).statusCode).toBe(404);
    const page = await officer.get(schemeUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Publish version 1');
    const published = await officer.post(schemeUrl, { event: 'publish' });
    expect(published.statusCode).toBe(303);
    const reader = h.anonymous();
    await reader.get('/eligibility/ae-test-scheme');
    const step = await reader.post('/eligibility/ae-test-scheme', {
      step: 'about',
      age: '41',
      educationLevel: '3',
      experienceYears: '0',
    });
    expect(step.statusCode).toBe(200); // the job offer step
    const done = await reader.post('/eligibility/ae-test-scheme', {
      step: 'more',
      age: '41',
      educationLevel: '3',
      experienceYears: '0',
      jobOffer: 'yes',
    });
    expect(done.statusCode).toBe(303);
    const result = await reader.get(String(done.headers.location));
    expect(result.body).toContain('do not meet the conditions of this scheme yet');

    // A change is a new version, unseen until published; the old code keeps its version.
    await officer.get(`${schemeUrl}/edit`);
    const revised = await officer.post(`${schemeUrl}/edit`, {
      name_en: 'Test scheme',
      description_en: 'A scheme made by the test.',
      threshold: '10',
      age_mode: 'required',
      age_0_min: '21',
      age_0_max: '45',
      age_0_points: '10',
      jobOffer_mode: 'points',
      jobOffer_points: '5',
    });
    expect(revised.statusCode).toBe(303);
    const id = schemeUrl.split('/').pop()!;
    const scheme = await h.db
      .selectFrom('eligibility_scheme')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(scheme).toMatchObject({ state: 'published', latest_version: 2, published_version: 1 });
    await officer.get(schemeUrl);
    expect((await officer.post(schemeUrl, { event: 'publish' })).statusCode).toBe(303);
    await officer.get(schemeUrl);
    const again = await officer.post(schemeUrl, { event: 'publish' });
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body)).toEqual([
      'Readers already see the latest version: change the scheme first',
    ]);
    const noReason = await officer.post(schemeUrl, { event: 'retire' });
    expect(errorSummary(noReason.body)).toEqual(['Enter why the scheme is retired']);
    await officer.get(schemeUrl);
    expect(
      (await officer.post(schemeUrl, { event: 'retire', reason: 'Replaced' })).statusCode,
    ).toBe(303);
    expect((await h.anonymous().get('/eligibility/ae-test-scheme')).statusCode).toBe(404);

    const actions = (await h.services.audit.list({ subjectId: id, limit: 20 })).reverse();
    expect(actions.map((a) => a.action)).toEqual([
      'eligibility_scheme.created',
      'eligibility_scheme.published',
      'eligibility_scheme.revised',
      'eligibility_scheme.published',
      'eligibility_scheme.retired',
    ]);
  });

  it('an officer sees only their own country’s schemes; others get 404 or 403', async () => {
    const list = await officer.get('/eligibility/schemes');
    expect(list.body).toContain(DEMO_SKILLED_SLUG);
    expect(list.body).not.toContain(DEMO_CAREGIVER_SLUG);
    const sa = await h.db
      .selectFrom('eligibility_scheme')
      .select('id')
      .where('slug', '=', DEMO_CAREGIVER_SLUG)
      .executeTakeFirstOrThrow();
    expect((await officer.get(`/eligibility/schemes/${sa.id}`)).statusCode).toBe(404);
    const origin = await h.signInDemo('origin.officer@demo.corridor.example');
    expect((await origin.get('/eligibility/schemes')).statusCode).toBe(403);
  });

  it('the API: a key with eligibility.manage creates, revises and publishes; JSON is validated', async () => {
    const authority = await h.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'destination_authority')
      .executeTakeFirstOrThrow();
    const { client } = await h.apiClient({
      organisationId: authority.id,
      permissions: ['eligibility.manage'],
    });
    const bad = await client.json('POST', '/api/v1/eligibility/schemes', {
      slug: 'ae-api-scheme',
      definition: { ...DEMO_SKILLED_WORKER, threshold: -1 },
    });
    expect(bad.statusCode).toBe(400);
    const created = await client.json('POST', '/api/v1/eligibility/schemes', {
      slug: 'ae-api-scheme',
      definition: DEMO_SKILLED_WORKER,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const revised = await client.json('PUT', `/api/v1/eligibility/schemes/${id}`, {
      definition: { ...DEMO_SKILLED_WORKER, threshold: 50 },
    });
    expect(revised.json()).toMatchObject({ latestVersion: 2, state: 'draft' });
    const published = await client.json('POST', `/api/v1/eligibility/schemes/${id}/events`, {
      event: 'publish',
    });
    expect(published.json()).toMatchObject({ state: 'published', publishedVersion: 2 });
  });
});

describe('the reference code', () => {
  it('is carried into registration, stored against the new account, and audited', async () => {
    const reader = h.anonymous({ remoteAddress: '10.9.0.1' });
    const location = await answer(reader, DEMO_SKILLED_SLUG, {
      ...skilledAnswers,
      words: 'civil engineer',
    });
    const code = location.slice(-10);
    const page = await reader.get(`/register?assessment=${code}`);
    expect(page.body).toContain(
      `Your answers from the self-assessment (code ${code}) will be carried over`,
    );
    expect(page.body).toContain(`name="assessment" value="${code}"`);
    const unknown = await reader.get('/register?assessment=0000000000');
    expect(unknown.body).not.toContain('will be carried over');
    await reader.get(`/register?assessment=${code}`);
    const registered = await reader.post('/register', {
      fullName: 'Amina Test',
      email: 'amina.eligibility@example.org',
      preferredLanguage: 'en',
      privacyNoticeRead: 'yes',
      assessment: code,
    });
    expect(registered.statusCode).toBe(303);
    const user = await h.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'amina.eligibility@example.org')
      .executeTakeFirstOrThrow();
    const row = await h.db
      .selectFrom('eligibility_assessment')
      .select(['user_id'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(user.id);
    expect(await h.auditActionsFor(user.id)).toContain('eligibility_assessment.linked');
    // Carried once: the result page says so, and offers registration no more.
    const result = await h.anonymous().get(location);
    expect(result.body).toContain('These answers have been carried into an account.');
  });

  it('an address that already has an active account gets nothing attached', async () => {
    const reader = h.anonymous({ remoteAddress: '10.9.0.2' });
    const location = await answer(reader, DEMO_SKILLED_SLUG, {
      ...skilledAnswers,
      words: 'civil engineer',
    });
    const code = location.slice(-10);
    await reader.get(`/register?assessment=${code}`);
    await reader.post('/register', {
      fullName: 'Someone Else',
      email: 'jobseeker@demo.corridor.example',
      preferredLanguage: 'en',
      privacyNoticeRead: 'yes',
      assessment: code,
    });
    const row = await h.db
      .selectFrom('eligibility_assessment')
      .select(['user_id'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBeNull();
  });

  it('expires after 90 days: unreadable at once, deleted by the purge job', async () => {
    const { code } = await h.services.eligibility.record(DEMO_SKILLED_SLUG, {
      age: 30,
      educationLevel: 6,
      experienceYears: 5,
      languageLevels: {},
      jobOffer: false,
      occupation: null,
      conditions: {},
    });
    await h.db
      .updateTable('eligibility_assessment')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('code', '=', code)
      .execute();
    expect((await h.anonymous().get(`/eligibility/results/${code}`)).statusCode).toBe(404);
    const purged = await h.services.eligibility.purgeExpired();
    expect(purged).toBeGreaterThanOrEqual(1);
    const left = await h.db
      .selectFrom('eligibility_assessment')
      .select('code')
      .where('code', '=', code)
      .execute();
    expect(left).toEqual([]);
  });
});
