import { describe, expect, it } from 'vitest';
import { Random } from './prng.js';
import { generateSeeker, type SeekerContext } from './seekers-factory.js';
import { parseSeekerCount } from './seekers.js';
import { OCCUPATIONS } from './occupations.js';
import { ORIGIN_COUNTRIES } from './seekers-names.js';

const context: SeekerContext = {
  occupations: OCCUPATIONS.slice(0, 8).map((spec, i) => ({
    spec,
    occupationId: `00000000-0000-4000-8000-00000000000${i}`,
    essentialSkills: [
      '10000000-0000-4000-8000-000000000001',
      '10000000-0000-4000-8000-000000000002',
    ],
    optionalSkills: [],
  })),
  now: new Date('2026-12-04T00:00:00Z'),
};

const draw = (seed: number, n: number) => {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, index) =>
    generateSeeker(random, context, { userId: `u${index}`, index, emailDomain: 'x.example' }),
  );
};

describe('corridor generate seekers: arguments and people', () => {
  it('reads counts with separators and refuses the rest', () => {
    expect(parseSeekerCount('10_000')).toBe(10_000);
    expect(parseSeekerCount('1,000,000')).toBe(1_000_000);
    for (const text of ['0', '-1', '1.5', 'x', '', '1000001']) {
      expect(() => parseSeekerCount(text)).toThrow(
        /--count must be a whole number from 1 to 1,000,000/,
      );
    }
  });

  it('draws the same people for the same seed', () => {
    expect(draw(3, 40)).toEqual(draw(3, 40));
    expect(draw(3, 40)).not.toEqual(draw(4, 40));
  });

  it('writes names in NFC in their own script with a Latin form, valid dates and phone numbers', () => {
    for (const seeker of draw(11, 400)) {
      const profile = seeker.rows.job_seeker;
      expect(profile.given_names).toBe(profile.given_names.normalize('NFC'));
      expect(profile.given_names_latin).not.toBe('');
      expect(profile.birth_date).toMatch(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d))?)?$/);
      expect(profile.phone).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(seeker.account.email).toMatch(/^[a-z.]+\.\d+@x\.example$/);
      expect(ORIGIN_COUNTRIES.map((country) => country.code)).toContain(profile.nationality);
    }
    const mononyms = draw(11, 400).filter((seeker) => seeker.rows.job_seeker.family_name === '');
    expect(mononyms.length).toBeGreaterThan(0);
  });
});
