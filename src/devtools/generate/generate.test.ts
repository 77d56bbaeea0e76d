import { describe, expect, it } from 'vitest';
import { meetsMinimum } from '../../modules/vacancies/wage.js';
import {
  isoDate,
  VACANCY_TRANSITIONS,
  type VacancyState,
} from '../../modules/vacancies/vacancy.states.js';
import { DESTINATIONS } from './destinations.js';
import { OCCUPATIONS } from './occupations.js';
import { Random } from './prng.js';
import type { GeneratedVacancy } from './rows.js';
import { generateVacancy, type GenerationContext } from './vacancy-factory.js';
import { applicableFloor, type MinimumWageRule } from './wages.js';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const TODAY = isoDate(NOW);
const DAY = 86_400_000;

/** The demo corridor's floors (vacancies.demo.ts sets the same). */
const FLOORS: MinimumWageRule[] = [
  {
    originCountry: 'KE',
    destinationCountry: 'AE',
    iscoCode: null,
    amount: 1500,
    currency: 'AED',
    period: 'month',
  },
  {
    originCountry: 'KE',
    destinationCountry: 'AE',
    iscoCode: '2221',
    amount: 6000,
    currency: 'AED',
    period: 'month',
  },
  {
    originCountry: 'KE',
    destinationCountry: 'QA',
    iscoCode: null,
    amount: 1800,
    currency: 'QAR',
    period: 'month',
  },
  {
    originCountry: 'KE',
    destinationCountry: 'SA',
    iscoCode: null,
    amount: 1500,
    currency: 'SAR',
    period: 'month',
  },
];

const RATES: [string, number][] = [
  ['AED', 0.27229408],
  ['SAR', 0.26666667],
  ['QAR', 0.27472527],
  ['KWD', 3.26],
  ['OMR', 2.60078023],
  ['BHD', 2.65957447],
  ['JOD', 1.41043724],
  ['EUR', 1.16],
  ['GBP', 1.34],
  ['PLN', 0.27],
  ['CAD', 0.72],
  ['JPY', 1 / 150],
  ['KRW', 1 / 1400],
  ['MYR', 1 / 4.2],
];

function context(): GenerationContext {
  const ids = new Random('test-ids');
  const employers = DESTINATIONS.flatMap((destination, i) => [
    {
      id: ids.uuid(),
      name: `Employer ${i}a`,
      countryCode: destination.country,
      sector: null,
      vetted: true,
    },
    {
      id: ids.uuid(),
      name: `Employer ${i}b`,
      countryCode: destination.country,
      sector: 'construction' as const,
      vetted: false,
    },
  ]);
  const origins = [...new Set(DESTINATIONS.flatMap((d) => d.origins.map(([country]) => country)))];
  return {
    occupations: OCCUPATIONS.map((spec, i) => ({
      spec,
      occupationId: i % 7 === 0 ? null : ids.uuid(),
      essentialSkills: Array.from({ length: 8 }, () => ids.uuid()),
      optionalSkills: Array.from({ length: 5 }, () => ids.uuid()),
    })),
    employers,
    agenciesByCountry: new Map(
      origins.map((country) => [
        country,
        [{ id: ids.uuid(), name: `${country} agency`, countryCode: country }],
      ]),
    ),
    authorities: new Map(
      origins.map((country) => [country, { organisationId: ids.uuid(), userId: null }]),
    ),
    usdPerUnit: new Map(RATES),
    minimumWages: FLOORS,
    now: NOW,
  };
}

function generate(seed: number, count: number, shared = context()): GeneratedVacancy[] {
  const random = new Random(seed);
  const ids = Random.derive(seed, 'ids');
  return Array.from({ length: count }, () => generateVacancy(random, shared, { id: ids.uuid() }));
}

describe('Random', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const draw = (seed: number | string) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('corridor')).toEqual(draw('corridor'));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within bounds and draws UUIDs of the version 4 layout', () => {
    const random = new Random(7);
    for (let i = 0; i < 10_000; i += 1) {
      const n = random.int(3, 9);
      expect(n >= 3 && n <= 9 && Number.isInteger(n)).toBe(true);
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(random.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(new Set(random.sample([1, 2, 3, 4, 5], 5)).size).toBe(5);
  });
});

describe('generateVacancy', () => {
  it('is deterministic: the same seed gives the same vacancies', () => {
    expect(generate(11, 200)).toEqual(generate(11, 200));
    expect(generate(11, 50)).not.toEqual(generate(12, 50));
  });

  const vacancies = generate(2026, 3000);

  it('writes rows that satisfy the table checks', () => {
    for (const { vacancy } of vacancies) {
      expect(vacancy.positions).toBeGreaterThanOrEqual(1);
      expect(vacancy.positions).toBeLessThanOrEqual(200);
      expect(vacancy.positions_filled).toBeLessThanOrEqual(vacancy.positions);
      expect(vacancy.destination_subdivision?.slice(0, 2)).toBe(vacancy.destination_country);
      expect(vacancy.isco_code).toMatch(/^\d{4}$/);
      expect(vacancy.title.length).toBeGreaterThan(0);
      expect(vacancy.title.length).toBeLessThanOrEqual(200);
      expect(vacancy.description.length).toBeLessThanOrEqual(10_000);
      expect(vacancy.experience_months).toBeLessThanOrEqual(600);
      expect(vacancy.contract_months).toBeGreaterThanOrEqual(6);
      expect(vacancy.contract_months).toBeLessThanOrEqual(48);
      expect(Number(vacancy.hours_per_week)).toBeGreaterThanOrEqual(40);
      expect(Number(vacancy.hours_per_week)).toBeLessThanOrEqual(60);
      expect(Number(vacancy.wage_amount)).toBeGreaterThan(0);
      expect(vacancy.wage_amount).toMatch(/^\d+\.\d{2}$/);
      if (vacancy.state !== 'draft') expect(vacancy.submitted_at).not.toBeNull();
      if (vacancy.state === 'published') expect(vacancy.approved_at).not.toBeNull();
      if (vacancy.state === 'published') expect(vacancy.published_at).not.toBeNull();
    }
  });

  it('keeps timestamps in order, in the last 120 days, and deadlines consistent with the state', () => {
    for (const { vacancy } of vacancies) {
      const times = [
        vacancy.created_at,
        vacancy.submitted_at,
        vacancy.approved_at,
        vacancy.published_at,
        vacancy.ended_at,
      ]
        .filter((time): time is Date => time !== null)
        .map((time) => time.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - 120 * DAY);
      expect(Math.max(...times, vacancy.updated_at.getTime())).toBeLessThanOrEqual(NOW.getTime());
      if (['published', 'draft', 'submitted', 'rejected'].includes(vacancy.state)) {
        expect(vacancy.application_deadline >= TODAY).toBe(true);
      }
      if (vacancy.state === 'expired') expect(vacancy.application_deadline < TODAY).toBe(true);
      if (vacancy.published_at) {
        const days =
          (Date.parse(vacancy.application_deadline) - Date.parse(isoDate(vacancy.published_at))) /
          DAY;
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThanOrEqual(90);
      }
    }
  });

  it('records a history that the state machine allows, ending in the vacancy’s state', () => {
    for (const { vacancy, events, fills } of vacancies) {
      let state: VacancyState | null = null;
      let previous = 0;
      for (const event of events) {
        expect(event.from_state).toBe(state);
        expect(VACANCY_TRANSITIONS[event.event as keyof typeof VACANCY_TRANSITIONS].from).toContain(
          state,
        );
        expect(event.occurred_at.getTime()).toBeGreaterThanOrEqual(previous);
        previous = event.occurred_at.getTime();
        state = event.to_state;
      }
      expect(state).toBe(vacancy.state);
      expect(fills).toHaveLength(vacancy.positions_filled);
      expect(events.filter((event) => event.event === 'fill_position')).toHaveLength(fills.length);
      if (vacancy.state === 'filled') expect(vacancy.positions_filled).toBe(vacancy.positions);
      for (const fill of fills) {
        expect(fill.filled_at.getTime()).toBeGreaterThanOrEqual(
          vacancy.published_at?.getTime() ?? Infinity,
        );
        expect(fill.filled_at.getTime()).toBeLessThanOrEqual(
          Date.parse(`${vacancy.application_deadline}T23:59:59Z`),
        );
      }
    }
  });

  it('meets the minimum wage wherever one applies, in the floor’s currency', () => {
    let checked = 0;
    for (const { vacancy } of vacancies) {
      const floor = applicableFloor(
        FLOORS,
        vacancy.origin_country,
        vacancy.destination_country,
        vacancy.isco_code,
      );
      if (!floor) continue;
      checked += 1;
      expect(vacancy.wage_currency).toBe(floor.currency);
      expect(
        meetsMinimum(
          { amount: Number(vacancy.wage_amount), period: vacancy.wage_period },
          floor,
          Number(vacancy.hours_per_week),
        ),
      ).toBe(true);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('recruits through agencies only for vetted employers, with the agency’s country as origin', () => {
    const shared = context();
    const vetted = new Map(shared.employers.map((employer) => [employer.id, employer.vetted]));
    for (const { vacancy } of generate(5, 1000, shared)) {
      if (!vacancy.agency_organisation_id) continue;
      expect(vetted.get(vacancy.employer_organisation_id)).toBe(true);
    }
  });

  it('writes texts in several languages, some with a translation into another', () => {
    const languages = new Set(vacancies.map(({ vacancy }) => vacancy.language));
    expect([...languages].sort()).toEqual(['ar', 'en', 'es', 'fr']);
    const translated = vacancies.filter(({ translations }) => translations.length > 0);
    expect(translated.length).toBeGreaterThan(100);
    for (const { vacancy, translations } of translated) {
      expect(translations[0]?.language).not.toBe(vacancy.language);
    }
    const skills = vacancies.flatMap(({ skills }) => skills);
    expect(skills.some((skill) => skill.essential)).toBe(true);
  });
});
