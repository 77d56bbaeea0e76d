import { describe, expect, it } from 'vitest';
import {
  cefrRank,
  EMPTY_MATCHING_LISTS,
  highestIscedLevel,
  monthsBetween,
  toSeekerRecord,
  type MatchingProfileRow,
} from './job-seekers.matching.js';
import { parsePartialDate } from './partial-date.js';

const TODAY = '2026-12-04';

const row = (overrides: Partial<MatchingProfileRow> = {}): MatchingProfileRow => ({
  userId: '00000000-0000-4000-8000-000000000001',
  nationality: 'KE',
  visibility: 'destinations',
  visibleTo: ['employer', 'recruitment_agency'],
  availabilityDate: null,
  ...overrides,
});

/** A partial date as typed (any script's digits), as it is stored. */
const stored = (typed: string): string => {
  const parsed = parsePartialDate(typed);
  if (!parsed.ok) throw new Error(`not a date: ${typed}`);
  return parsed.value;
};

describe('months of experience', () => {
  it.each([
    ['2020-01-15', '2020-03-14', 1],
    ['2020-01-15', '2020-03-15', 2],
    ['2020', '2022', 24],
    ['2020-03', '2021', 10],
    ['2019-06', '2019-06', 0],
  ])('from %s to %s is %i whole months (partial dates at their first day)', (from, to, months) => {
    expect(monthsBetween(from, to, TODAY)).toBe(months);
  });

  it('counts an open end to today', () => {
    expect(monthsBetween('2025-12', null, TODAY)).toBe(12);
    expect(monthsBetween('2026-11-05', null, TODAY)).toBe(0);
    expect(monthsBetween('2026', null, TODAY)).toBe(11);
  });

  it('gives 0 for an unknown start and never a negative number', () => {
    expect(monthsBetween(null, '2020', TODAY)).toBe(0);
    expect(monthsBetween(null, null, TODAY)).toBe(0);
    expect(monthsBetween('2022', '2020', TODAY)).toBe(0);
    expect(monthsBetween('2027-05', null, TODAY)).toBe(0);
  });

  it('reads dates typed in Arabic-Indic, Devanagari and Bengali digits once stored', () => {
    expect(monthsBetween(stored('٢٠٢٠-٠١'), stored('٢٠٢١-٠٧'), TODAY)).toBe(18);
    expect(monthsBetween(stored('२०२४'), null, TODAY)).toBe(35);
    expect(monthsBetween(stored('১৫/০১/২০২০'), stored('১৪/০৩/২০২০'), TODAY)).toBe(1);
  });
});

describe('levels', () => {
  it('ranks CEFR levels A1 = 1 … C2 = 6 and ignores anything else', () => {
    expect(['A1', 'A2', 'B1', 'B2', 'C1', 'C2'].map(cefrRank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cefrRank('b2')).toBe(4);
    expect(cefrRank('D9')).toBeNull();
    expect(cefrRank('')).toBeNull();
  });

  it('takes the highest numeric ISCED 2011 level, ignoring other codes', () => {
    expect(highestIscedLevel(['3', '6', '4'])).toBe(6);
    expect(highestIscedLevel(['0'])).toBe(0);
    expect(highestIscedLevel(['8', '9', 'X', '10', '٥'])).toBe(8);
    expect(highestIscedLevel(['9', 'X'])).toBeNull();
    expect(highestIscedLevel([])).toBeNull();
  });
});

describe('the record matching holds', () => {
  it('maps a full profile', () => {
    const record = toSeekerRecord(
      row({ availabilityDate: stored('٢٠٢٧-٠٣') }),
      {
        educationLevels: ['3', '5'],
        occupations: [
          { escoId: 'esco-1', iscoCode: '2221' },
          { escoId: null, iscoCode: '5322' },
          { escoId: null, iscoCode: null },
        ],
        experience: [
          { escoId: 'esco-1', iscoCode: '2221', dateFrom: '2018-04', dateTo: '2020-04' },
          { escoId: null, iscoCode: null, dateFrom: null, dateTo: null },
        ],
        skills: ['s1', 's2', 's1'],
        languages: [
          { code: 'EN', cefrLevel: 'B2' },
          { code: 'ar', cefrLevel: 'C2' },
          { code: 'fr', cefrLevel: '??' },
        ],
        destinations: ['AE', 'QA'],
      },
      TODAY,
    );
    expect(record).toEqual({
      userId: '00000000-0000-4000-8000-000000000001',
      nationality: 'KE',
      visibleIn: ['AE', 'QA'],
      visibleTo: ['employer', 'recruitment_agency'],
      destinations: ['AE', 'QA'],
      availableFrom: '2027-03-01',
      occupations: [
        { escoId: 'esco-1', iscoCode: '2221' },
        { escoId: null, iscoCode: '5322' },
      ],
      experience: [
        { escoId: 'esco-1', iscoCode: '2221', months: 24 },
        { escoId: null, iscoCode: null, months: 0 },
      ],
      skills: ['s1', 's2'],
      languages: [
        { code: 'en', level: 4 },
        { code: 'ar', level: 6 },
      ],
      iscedLevel: 5,
    });
  });

  it('is visible nowhere while private, and keeps the kinds the person chose', () => {
    const record = toSeekerRecord(
      row({ visibility: 'private', visibleTo: ['recruitment_agency'], availabilityDate: '2027' }),
      { ...EMPTY_MATCHING_LISTS(), destinations: ['AE'] },
      TODAY,
    );
    expect(record.visibleIn).toEqual([]);
    expect(record.destinations).toEqual(['AE']);
    expect(record.visibleTo).toEqual(['recruitment_agency']);
    expect(record.availableFrom).toBe('2027-01-01');
    expect(record.iscedLevel).toBeNull();
  });

  it('takes a whole availability date as it is, and none as available now', () => {
    expect(
      toSeekerRecord(row({ availabilityDate: '2027-02-15' }), EMPTY_MATCHING_LISTS(), TODAY)
        .availableFrom,
    ).toBe('2027-02-15');
    expect(toSeekerRecord(row(), EMPTY_MATCHING_LISTS(), TODAY).availableFrom).toBeNull();
  });
});
