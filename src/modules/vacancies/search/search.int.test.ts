import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/audit.js';
import { Outbox } from '../../../platform/events/outbox.js';
import { NotFoundError } from '../../../platform/http/problem.js';
import { transition } from '../../licensing/licence.states.js';
import { LicensingRepository } from '../../licensing/licensing.repository.js';
import { EMPTY_QUERY } from './search.schemas.js';
import { isoDay, searchFixture, type SearchFixture } from './search.test-support.js';
import type { VacancySearchQuery } from './search.types.js';

/** The search service and its SQL, kept in step with the database through the outbox. */
let f: SearchFixture;

beforeAll(async () => {
  f = await searchFixture();
  // The occupation coder is built on first use, from every ESCO label: not inside a test's time.
  await f.reference.occupationCoding();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const query = (overrides: Partial<VacancySearchQuery> = {}) => ({ ...EMPTY_QUERY, ...overrides });
const numbers = async (overrides: Partial<VacancySearchQuery> = {}) =>
  (await f.search.search(query(overrides), 'en')).hits.map((hit) => hit.number);

describe('vacancy search on real SQL', () => {
  it('builds once for concurrent first searches, then finds across languages', async () => {
    const nurse = await f.vacancy();
    const cook = await f.vacancy({
      occupation_id: null,
      isco_code: '5120',
      title: 'Cook, hotel kitchen',
      description: 'Prepare meals for 300 guests.',
      destination_country: 'QA',
      destination_subdivision: null,
      wage_amount: '4000',
      wage_currency: 'QAR',
      translations: [{ language: 'fr', title: 'Cuisinier, hôtel', description: 'Repas.' }],
    });
    const [first, second] = await Promise.all([
      f.search.search(query(), 'en'),
      f.search.search(query(), 'en'),
    ]);
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect(f.search.stats()).toMatchObject({ vacancies: 2, tombstones: 0 });

    expect(await numbers({ q: 'infirmière' })).toEqual([nurse.number]);
    expect(await numbers({ q: 'enfermera' })).toEqual([nurse.number]);
    expect(await numbers({ q: 'Krankenpfleger' })).toEqual([nurse.number]);
    expect(await numbers({ q: 'cuisinier hotel' })).toEqual([cook.number]);
    expect(await numbers({ q: 'nurse ward' })).toEqual([nurse.number]);
    expect(await numbers({ q: 'nurse kitchen' })).toEqual([]);
  });

  it('gives hits in the reader’s language when translated, and facet counts', async () => {
    const result = await f.search.search(query({ q: 'cook' }), 'fr');
    expect(result.hits[0]).toMatchObject({
      title: 'Cuisinier, hôtel',
      titleLanguage: 'fr',
      employerName: 'Gulf Care Hospitals',
      destinationCountry: 'QA',
      positionsOpen: 3,
    });
    const all = await f.search.search(query({ destinations: ['AE'] }), 'en');
    expect(all.total).toBe(1);
    expect(all.facets.destination).toEqual([
      { value: 'AE', count: 1 },
      { value: 'QA', count: 1 },
    ]);
    expect(all.facets.wageBand.find((band) => band.value === '2000to3999')?.count).toBe(1);
    expect(await numbers({ sort: 'wage' })).toHaveLength(2);
  });

  it('takes an agency’s vacancies off the list at once when its licence is suspended', async () => {
    const { agencyId, licenceId } = await f.licensedAgency('Nairobi Care Recruiters');
    const placed = await f.vacancy({ agency_organisation_id: agencyId, title: 'Midwife' });
    expect(await numbers({ q: 'midwife' })).toEqual([placed.number]);

    await f.setLicenceState(licenceId, 'suspended');
    expect(await numbers({ q: 'midwife' })).toEqual([]);
    expect(await f.search.isPubliclyVisible(placed.number)).toBe(false);
    const page = await f.search.vacancy(placed.number, 'en');
    expect(page).toMatchObject({ open: false, reason: 'licence' });

    await f.setLicenceState(licenceId, 'active');
    expect(await numbers({ q: 'midwife' })).toEqual([placed.number]);
    expect(await f.search.isPubliclyVisible(placed.number)).toBe(true);
  });

  it('follows a real licence transition: the lifecycle engine’s licence.suspended event', async () => {
    const { agencyId, licenceId } = await f.licensedAgency('Mombasa Health Recruiters');
    const placed = await f.vacancy({ agency_organisation_id: agencyId, title: 'Radiographer' });
    expect(await numbers({ q: 'radiographer' })).toEqual([placed.number]);

    const deps = {
      repository: new LicensingRepository(f.db, f.web.services.organisations),
      audit: f.web.services.audit,
      events: Outbox.of(f.db),
    };
    const suspend = { event: 'suspend' as const, reason: 'Complaints under investigation' };
    await transition(deps, { licenceId, command: suspend, actor: SYSTEM_ACTOR, now: f.now() });
    expect(await numbers({ q: 'radiographer' })).toEqual([]);
    expect(await f.search.vacancy(placed.number, 'en')).toMatchObject({
      open: false,
      reason: 'licence',
    });
  });

  it('shows an organisation’s new name once organisation.updated is published', async () => {
    const shown = async () =>
      (await f.search.search(query({ q: 'nurse' }), 'en')).hits.map((hit) => hit.employerName);
    expect(await shown()).toContain('Gulf Care Hospitals');
    // As OrganisationsService.update does it: the new name and the event in one transaction.
    const rename = (name: string) =>
      f.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('organisation')
          .set({ name })
          .where('id', '=', f.employerId)
          .execute();
        await Outbox.of(f.db).publish(trx, [
          { type: 'organisation.updated', subjectType: 'organisation', subjectId: f.employerId },
        ]);
      });
    await rename('Gulf Care Hospital Group');
    try {
      expect(await shown()).toContain('Gulf Care Hospital Group');
      expect(await shown()).not.toContain('Gulf Care Hospitals');
    } finally {
      await rename('Gulf Care Hospitals');
    }
  });

  it('drops a vacancy once its deadline has passed', async () => {
    const soon = await f.vacancy({
      title: 'Phlebotomist',
      application_deadline: isoDay(f.now(), 2),
    });
    expect(await numbers({ q: 'phlebotomist' })).toEqual([soon.number]);
    const real = f.now();
    f.setNow(new Date(real.getTime() + 3 * 86_400_000));
    try {
      expect(await numbers({ q: 'phlebotomist' })).toEqual([]);
      expect(await f.search.vacancy(soon.number, 'en')).toMatchObject({
        open: false,
        reason: 'expired',
      });
    } finally {
      f.setNow(real);
    }
  });

  it('follows changes: a new title, a closed vacancy', async () => {
    const v = await f.vacancy({ title: 'Radiographer' });
    expect(await numbers({ q: 'radiographer' })).toEqual([v.number]);
    await f.changeVacancy(v.id, { title: 'Sonographer' });
    expect(await numbers({ q: 'radiographer' })).toEqual([]);
    expect(await numbers({ q: 'sonographer' })).toEqual([v.number]);
    await f.changeVacancy(v.id, { state: 'closed', ended_at: new Date() });
    expect(await numbers({ q: 'sonographer' })).toEqual([]);
    expect(await f.search.vacancy(v.number, 'en')).toMatchObject({ open: false, reason: 'closed' });
    expect(f.search.stats().tombstones).toBeGreaterThan(0);
  });

  it('gives the full public record, and not found for what was never public', async () => {
    const v = await f.vacancy({
      title: 'Theatre nurse',
      languages: [
        { language: 'en', cefr_level: 'B2' },
        { language: 'ar', cefr_level: 'A2' },
      ],
    });
    const outcome = await f.search.vacancy(v.number, 'en');
    expect(outcome.open).toBe(true);
    expect(outcome.vacancy).toMatchObject({
      title: 'Theatre nurse',
      employerName: 'Gulf Care Hospitals',
      languages: [
        { language: 'ar', cefrLevel: 'A2' },
        { language: 'en', cefrLevel: 'B2' },
      ],
      benefits: { housing: true, food: false },
    });
    expect(outcome.vacancy.monthlyUsd).toBeCloseTo(7500 * 0.27229, 0);

    const draft = await f.vacancy({ state: 'draft', published_at: null, approved_at: null });
    await expect(f.search.vacancy(draft.number, 'en')).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.search.vacancy(99_999_999, 'en')).rejects.toBeInstanceOf(NotFoundError);
    expect(await numbers({ q: 'staff nurse' })).not.toContain(draft.number);
  });
});

describe('the cross-language step: the occupation coder on the seeded ESCO labels', () => {
  const occupationId = async (label: string) =>
    (
      await f.db
        .selectFrom('esco_occupation')
        .select('id')
        .where('preferred_label_en', '=', label)
        .executeTakeFirstOrThrow()
    ).id;
  const all = async (q: string) =>
    (await f.search.search(query({ q }), 'en', { pageSize: 100 })).hits.map((hit) => hit.number);

  it('finds the same nurse vacancies for “nurse”, “infirmier”, “infirmière”, “enfermera” and “ممرض”', async () => {
    const nurses = [
      await f.vacancy({ title: 'Registered Nurse', description: 'Adult wards, Abu Dhabi.' }),
      await f.vacancy({
        language: 'ar',
        title: 'ممرضة مسجلة – أبوظبي',
        description: 'رعاية المرضى في الأجنحة العامة.',
      }),
      await f.vacancy({
        occupation_id: await occupationId('specialist nurse'),
        language: 'fr',
        title: 'Infirmière de soins intensifs',
        description: 'Service de réanimation, Dubaï.',
      }),
      // Coded to the unit group only.
      await f.vacancy({
        occupation_id: null,
        isco_code: '2221',
        language: 'es',
        title: 'Enfermera de planta',
        description: 'Hospital general en Doha.',
      }),
    ].map((v) => v.number);
    const helper = await f.vacancy({
      occupation_id: await occupationId('healthcare assistant'),
      isco_code: '5321',
      title: 'Healthcare Assistant',
      description: 'Help the nurses with patient care.',
    });

    const found = new Map<string, number[]>();
    for (const q of ['nurse', 'infirmier', 'infirmière', 'enfermera', 'ممرض']) {
      const numbers = await all(q);
      expect(numbers, q).toEqual(expect.arrayContaining(nurses));
      found.set(q, numbers);
      // The nurse vacancies first, whatever language they and the query are in.
      const ranked = numbers.filter((n) => nurses.includes(n) || n === helper.number);
      expect(ranked.slice(0, nurses.length).sort(), q).toEqual([...nurses].sort());
    }
    const sorted = (q: string) => [...found.get(q)!].sort((a, b) => a - b);
    for (const q of ['infirmière', 'enfermera', 'ممرض'])
      expect(sorted(q), q).toEqual(sorted('infirmier'));
    // English words also find an English text that mentions nurses, after the nurses.
    expect(found.get('nurse')).toContain(helper.number);
    expect(found.get('infirmier')).not.toContain(helper.number);

    const result = await f.search.search(query({ q: 'ممرض' }), 'ar');
    expect(result.occupations).toMatchObject([{ iscoCode: '2221', matchedLanguage: 'ar' }]);
  });

  it('corrects a typo to an occupation word first: “bakr” is searched as “baker”, not “bar”', async () => {
    const baker = await f.vacancy({
      occupation_id: await occupationId('baker'),
      isco_code: '7512',
      title: 'Baker, hotel bakery',
      description: 'Bread and pastries from 4 a.m.',
    });
    const bar = await f.vacancy({
      occupation_id: null,
      isco_code: '5132',
      title: 'Bar attendant',
      description: 'Hotel bar, evenings.',
    });
    const result = await f.search.search(query({ q: 'bakr' }), 'en');
    expect(result.corrections).toEqual([{ from: 'bakr', to: 'baker' }]);
    expect(result.hits.map((hit) => hit.number)).toEqual([baker.number]);
    expect(await all('bar')).toContain(bar.number);
    // Spelt right, it is never corrected.
    expect((await f.search.search(query({ q: 'baker' }), 'en')).corrections).toEqual([]);
  });
});
