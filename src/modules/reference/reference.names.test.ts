import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { REFERENCE_DATA_DIR } from './reference.loader.js';
import { localName, NOT_MONEY } from './reference.names.js';
import { COUNTRY_NAME_LANGUAGES, mergeCountryNames, parseCldrNames } from './reference.sources.js';

describe('localName', () => {
  const iso = { text: 'Dubayy', lang: 'en' };

  it("gives the name in the reader's language, marked with it", () => {
    expect(localName({ ar: 'امارة دبي', en: 'Dubai' }, 'ar', iso)).toEqual({
      text: 'امارة دبي',
      lang: 'ar',
    });
  });

  it('falls back to English, marked English', () => {
    expect(localName({ ar: 'امارة دبي', en: 'Dubai' }, 'sw', iso)).toEqual({
      text: 'Dubai',
      lang: 'en',
    });
  });

  it("falls back to the source's own name when there is no English one", () => {
    expect(localName({}, 'fr', iso)).toBe(iso);
    expect(localName({ fr: '' }, 'fr', iso)).toBe(iso);
  });
});

describe('NOT_MONEY', () => {
  it('leaves out gold, silver, test, bond units and "no currency", keeps CFA and CFP francs', () => {
    for (const code of ['XAU', 'XAG', 'XTS', 'XBA', 'XBD', 'XXX', 'XDR']) {
      expect(NOT_MONEY.has(code), code).toBe(true);
    }
    for (const code of ['XOF', 'XAF', 'XPF', 'XCD', 'AED', 'KES']) {
      expect(NOT_MONEY.has(code), code).toBe(false);
    }
  });
});

describe('the shipped CLDR names', () => {
  const names = parseCldrNames(
    zlib
      .gunzipSync(readFileSync(path.join(REFERENCE_DATA_DIR, 'iso/cldr-names.csv.gz')))
      .toString(),
  );

  it('name every country in every UI language (run the build script when adding one)', () => {
    const shipped = new Set<string>(COUNTRY_NAME_LANGUAGES);
    for (const language of LANGUAGES) {
      if (shipped.has(language)) continue;
      const count = names.region.filter((row) => row.language === language).length;
      expect(count, language).toBe(249);
    }
  });

  it('give no two languages the same name in one language', () => {
    for (const language of LANGUAGES) {
      const list = names.language.filter((row) => row.language === language).map((r) => r.name);
      expect(new Set(list).size, language).toBe(list.length);
    }
  });

  it('keep the shipped country names where the countries file has them', () => {
    const merged = mergeCountryNames(
      [{ countryCode: 'CD', language: 'en', name: 'Democratic Republic of the Congo' }],
      [
        { code: 'CD', language: 'en', name: 'Congo - Kinshasa' },
        { code: 'CD', language: 'sw', name: 'Kongo - Kinshasa' },
      ],
    );
    expect(merged).toEqual([
      { countryCode: 'CD', language: 'en', name: 'Democratic Republic of the Congo' },
      { countryCode: 'CD', language: 'sw', name: 'Kongo - Kinshasa' },
    ]);
  });
});
