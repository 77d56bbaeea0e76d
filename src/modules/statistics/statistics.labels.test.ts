import { describe, expect, it } from 'vitest';
import { Translator } from '../../platform/i18n/translator.js';
import type { Language } from '../../platform/i18n/languages.js';
import { rowLabels, type LabelSources } from './statistics.labels.js';

const translator = new Translator();

const COUNTRIES: Record<string, Record<string, string>> = {
  NP: { en: 'Nepal', ar: 'نيبال', ne: 'नेपाल' },
  QA: { en: 'Qatar', ar: 'قطر', ne: 'कतार' },
};

/** The reference and organisations services, as far as labels use them. */
const sources: LabelSources = {
  reference: {
    listCountries: async (language: string) =>
      Object.entries(COUNTRIES).map(([code, names]) => ({
        code,
        name: names[language] ?? names.en!,
        nameLanguage: names[language] ? language : 'en',
      })) as never,
    listSubdivisions: async (country: string) =>
      country === 'NP'
        ? [
            {
              code: 'NP-P3',
              parentCode: null,
              name: 'Bagmati',
              nameLanguage: 'en',
              nameIso: 'Bagmati',
            },
          ]
        : [],
    getIscoGroup: async (code: string) =>
      (code === '7112'
        ? { code, level: 4, title: 'Bricklayers and related workers', titleLanguage: 'en' }
        : null) as never,
    listLanguages: async () =>
      [
        { code: 'ne', iso6393: 'nep', name: 'Nepali' },
        { code: 'en', iso6393: 'eng', name: 'English' },
      ] as never,
  },
  organisations: {
    names: async (ids: readonly string[]) =>
      new Map(
        ids.filter((id) => id === 'org-1').map((id) => [id, 'Department of Foreign Employment']),
      ),
  },
};

const labels = (by: Parameters<typeof rowLabels>[0], codes: string[], language: Language = 'en') =>
  rowLabels(by, codes, { ...sources, language, t: translator.forLanguage(language) });

describe('row labels', () => {
  it('names countries and corridors in the reader’s language', async () => {
    expect(new Map(await labels('destination', ['QA', 'ZZ', '_U', '_T']))).toEqual(
      new Map([
        ['QA', 'Qatar'],
        ['ZZ', 'ZZ'],
        ['_U', 'Unknown'],
        ['_T', 'Total'],
      ]),
    );
    expect((await labels('corridor', ['NP-QA'])).get('NP-QA')).toBe('Nepal to Qatar');
    const arabic = (await labels('corridor', ['NP-QA'], 'ar')).get('NP-QA')!;
    expect(arabic).toContain('نيبال');
    expect(arabic).toContain('قطر');
    expect((await labels('origin', ['NP'], 'ne')).get('NP')).toBe('नेपाल');
  });

  it('names subdivisions, ISCO groups, languages and institutions from their services', async () => {
    expect((await labels('origin-subdivision', ['NP-P3', 'NP-P9'])).get('NP-P3')).toBe('Bagmati');
    expect((await labels('origin-subdivision', ['NP-P9'])).get('NP-P9')).toBe('NP-P9');
    expect((await labels('occupation', ['7112', '9'])).get('7112')).toBe(
      'Bricklayers and related workers',
    );
    expect((await labels('occupation', ['9'])).get('9')).toBe('9');
    // An English title on an Arabic page says it is English; on an English page nothing.
    const arabic = await labels('occupation', ['7112'], 'ar');
    expect(arabic.get('7112')).toBe('Bricklayers and related workers');
    expect(arabic.languages.get('7112')).toBe('en');
    expect((await labels('occupation', ['7112'])).languages.size).toBe(0);
    expect((await labels('language', ['nep'])).get('nep')).toBe('Nepali');
    expect((await labels('institution', ['org-1'])).get('org-1')).toBe(
      'Department of Foreign Employment',
    );
  });

  it('words bands, sexes, ISCED levels and steps from the statistics messages', async () => {
    expect(new Map(await labels('contract', ['0-6', '7-12', '37+']))).toEqual(
      new Map([
        ['0-6', 'Up to 6 months'],
        ['7-12', '7 to 12 months'],
        ['37+', 'More than 36 months'],
      ]),
    );
    expect(new Map(await labels('wage', ['lt300', '300-499', '2000+']))).toEqual(
      new Map([
        ['lt300', 'Under 300 US dollars'],
        ['300-499', '300 to 499 US dollars'],
        ['2000+', '2000 US dollars or more'],
      ]),
    );
    expect((await labels('age', ['55+'])).get('55+')).toBe('55 years or more');
    expect((await labels('sex', ['F', 'Q'])).get('F')).toBe('Women');
    expect((await labels('sex', ['Q'])).get('Q')).toBe('Q');
    expect((await labels('education', ['6'])).get('6')).toBe('Bachelor’s or equivalent (ISCED 6)');
    expect((await labels('step', ['licence_decision'])).get('licence_decision')).toBe(
      'Licence decisions',
    );
    // In Nepali the numbers are in Nepali digits.
    expect((await labels('intended-stay', ['13-24'], 'ne')).get('13-24')).toContain('१३');
  });

  it('names months in the reader’s language', async () => {
    expect((await labels('month', ['2026-03'])).get('2026-03')).toBe('March 2026');
    expect((await labels('month', ['2026-03'], 'fr')).get('2026-03')).toBe('mars 2026');
    expect((await labels('month', ['2026-03'], 'ar')).get('2026-03')).toMatch(/مارس/);
  });
});
