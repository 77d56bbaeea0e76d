import { readCsv } from './reference.csv.js';

/**
 * Parsers for the ISO, ISCED and CEFR files in data/reference: text in, checked rows out, no I/O.
 * A value that breaks a code format stops the load here, with the file's own words, rather than
 * as a constraint violation deep inside a bulk insert.
 */

export class SourceDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceDataError';
  }
}

export function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new SourceDataError(message());
}

export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

// ---- ISO 3166-1 ------------------------------------------------------------------------------

export const COUNTRY_NAME_LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh', 'pt', 'de'] as const;

export interface CountryRow {
  code: string;
  alpha3: string;
  numericCode: string;
  nameIso: string;
}
export interface CountryNameRow {
  countryCode: string;
  language: string;
  name: string;
}

export function parseCountries(text: string): { countries: CountryRow[]; names: CountryNameRow[] } {
  const nameColumns = COUNTRY_NAME_LANGUAGES.map((language) => `name_${language}` as const);
  const records = readCsv(text, ['alpha2', 'alpha3', 'numeric', 'name_iso', ...nameColumns]);
  const countries: CountryRow[] = [];
  const names: CountryNameRow[] = [];
  for (const record of records) {
    const code = record.alpha2;
    check(/^[A-Z]{2}$/.test(code), () => `ISO 3166-1: bad alpha-2 code "${code}"`);
    check(/^[A-Z]{3}$/.test(record.alpha3), () => `ISO 3166-1 ${code}: bad alpha-3 code`);
    check(/^[0-9]{3}$/.test(record.numeric), () => `ISO 3166-1 ${code}: bad numeric code`);
    countries.push({
      code,
      alpha3: record.alpha3,
      numericCode: record.numeric,
      nameIso: record.name_iso.trim(),
    });
    COUNTRY_NAME_LANGUAGES.forEach((language, i) => {
      const name = orNull(record[nameColumns[i] ?? 'name_en']);
      if (name) names.push({ countryCode: code, language, name });
    });
  }
  return { countries, names };
}

// ---- ISO 3166-2 ------------------------------------------------------------------------------

export interface SubdivisionRow {
  code: string;
  countryCode: string;
  parentCode: string | null;
  name: string;
}

/** Parents come before their children, so that each bulk insert satisfies the self-reference. */
export function parseSubdivisions(text: string): SubdivisionRow[] {
  const rows = readCsv(text, ['code', 'parent', 'name']).map((record): SubdivisionRow => {
    const code = record.code.trim();
    check(/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code), () => `ISO 3166-2: bad code "${code}"`);
    const countryCode = code.slice(0, 2);
    const parent = record.parent.trim();
    check(
      parent === countryCode || parent.startsWith(`${countryCode}-`),
      () => `ISO 3166-2 ${code}: parent "${parent}" is outside the country`,
    );
    return {
      code,
      countryCode,
      parentCode: parent === countryCode ? null : parent,
      name: record.name.trim(),
    };
  });
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const depth = (row: SubdivisionRow, seen = 0): number => {
    check(seen < 5, () => `ISO 3166-2 ${row.code}: parent cycle`);
    if (row.parentCode === null) return 0;
    const parent = byCode.get(row.parentCode);
    check(parent !== undefined, () => `ISO 3166-2 ${row.code}: unknown parent ${row.parentCode}`);
    return 1 + depth(parent, seen + 1);
  };
  const depths = new Map(rows.map((row) => [row.code, depth(row)]));
  return rows.sort((a, b) => (depths.get(a.code) ?? 0) - (depths.get(b.code) ?? 0));
}

// ---- ISO 639 ---------------------------------------------------------------------------------

export const LANGUAGE_TYPES = [
  'living',
  'extinct',
  'ancient',
  'historical',
  'constructed',
  'special',
] as const;
export const LANGUAGE_SCOPES = ['individual', 'macrolanguage', 'special'] as const;

export interface LanguageRow {
  /** The BCP 47 primary language subtag: ISO 639-1 when the language has one, else ISO 639-3. */
  code: string;
  iso6391: string | null;
  iso6393: string;
  iso6392b: string | null;
  iso6392t: string | null;
  nameEn: string;
  nativeName: string | null;
  type: (typeof LANGUAGE_TYPES)[number];
  scope: (typeof LANGUAGE_SCOPES)[number];
}

export function parseLanguages(iso6391Text: string, iso6393Text: string): LanguageRow[] {
  const part1 = new Map(
    readCsv(iso6391Text, ['code', 'name_en', 'native_name']).map((r) => [r.code, r]),
  );
  const rows = readCsv(iso6393Text, [
    'iso6393',
    'iso6392B',
    'iso6392T',
    'iso6391',
    'name',
    'type',
    'scope',
  ]).map((record): LanguageRow => {
    const iso6393 = record.iso6393;
    const iso6391 = orNull(record.iso6391);
    check(/^[a-z]{3}$/.test(iso6393), () => `ISO 639-3: bad code "${iso6393}"`);
    check(iso6391 === null || /^[a-z]{2}$/.test(iso6391), () => `ISO 639-3 ${iso6393}: bad 639-1`);
    const type = LANGUAGE_TYPES.find((value) => value === record.type);
    const scope = LANGUAGE_SCOPES.find((value) => value === record.scope);
    check(type !== undefined, () => `ISO 639-3 ${iso6393}: unknown type "${record.type}"`);
    check(scope !== undefined, () => `ISO 639-3 ${iso6393}: unknown scope "${record.scope}"`);
    const named = iso6391 ? part1.get(iso6391) : undefined;
    return {
      code: iso6391 ?? iso6393,
      iso6391,
      iso6393,
      iso6392b: orNull(record.iso6392B),
      iso6392t: orNull(record.iso6392T),
      nameEn: named?.name_en.trim() || record.name.trim(),
      nativeName: named ? orNull(named.native_name) : null,
      type,
      scope,
    };
  });
  const missing = [...part1.keys()].filter((code) => !rows.some((row) => row.iso6391 === code));
  check(missing.length === 0, () => `ISO 639-1 codes without an ISO 639-3 row: ${missing.join()}`);
  return rows;
}

// ---- ISO 4217 --------------------------------------------------------------------------------

export interface CurrencyRow {
  code: string;
  numericCode: string;
  minorUnits: number;
  nameEn: string;
}

export function parseCurrencies(text: string): CurrencyRow[] {
  return readCsv(text, ['code', 'number', 'digits', 'currency']).map((record) => {
    check(/^[A-Z]{3}$/.test(record.code), () => `ISO 4217: bad code "${record.code}"`);
    check(/^[0-9]{3}$/.test(record.number), () => `ISO 4217 ${record.code}: bad number`);
    check(/^[0-4]$/.test(record.digits), () => `ISO 4217 ${record.code}: bad minor units`);
    return {
      code: record.code,
      numericCode: record.number,
      minorUnits: Number(record.digits),
      nameEn: record.currency.trim(),
    };
  });
}

/**
 * The countries that use each currency: ISO 4217's entity names ("Korea (The Republic Of)")
 * matched to ISO 3166-1's ("Korea, Republic of") with "the", case and punctuation ignored.
 * Entities that are no country (the European Union, "Zz08_gold", the IMF) match nothing.
 */
export function parseCurrencyCountries(
  currenciesText: string,
  countriesText: string,
): Array<{ currencyCode: string; countryCode: string }> {
  const key = (name: string) =>
    name
      .toLowerCase()
      .replace(/\bthe\b/g, '')
      .replace(/[^\p{L}]/gu, '');
  const countries = new Map(
    readCsv(countriesText, ['alpha2', 'name_iso']).map((r) => [key(r.name_iso), r.alpha2]),
  );
  const rows = new Map<string, { currencyCode: string; countryCode: string }>();
  for (const record of readCsv(currenciesText, ['code', 'countries'])) {
    for (const entity of record.countries.split(';')) {
      const countryCode = countries.get(key(entity));
      if (countryCode) {
        rows.set(`${record.code} ${countryCode}`, { currencyCode: record.code, countryCode });
      }
    }
  }
  return [...rows.values()];
}

// ---- CLDR names (ADR 12) ---------------------------------------------------------------------

export interface CodeNameRow {
  code: string;
  language: string;
  name: string;
}

const CLDR_KINDS = ['region', 'language', 'currency'] as const;

/** iso/cldr-names.csv: CLDR's names of countries, languages and currencies, by language. */
export function parseCldrNames(text: string): Record<(typeof CLDR_KINDS)[number], CodeNameRow[]> {
  const names = { region: [], language: [], currency: [] } as Record<
    (typeof CLDR_KINDS)[number],
    CodeNameRow[]
  >;
  for (const record of readCsv(text, ['kind', 'code', 'lang', 'name'])) {
    const kind = CLDR_KINDS.find((k) => k === record.kind);
    check(kind !== undefined, () => `CLDR names: unknown kind "${record.kind}"`);
    check(/^[a-z]{2,3}$/.test(record.lang), () => `CLDR names: bad language "${record.lang}"`);
    const name = orNull(record.name);
    check(name !== null, () => `CLDR names: ${record.kind} ${record.code} has an empty name`);
    names[kind].push({ code: record.code, language: record.lang, name });
  }
  return names;
}

/** iso/subdivision-names.csv: CLDR subdivision names by ISO 3166-2 code and language. */
export function parseSubdivisionNames(text: string): CodeNameRow[] {
  return readCsv(text, ['code', 'lang', 'name']).map((record) => {
    check(
      /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(record.code),
      () => `Subdivision names: bad code "${record.code}"`,
    );
    const name = orNull(record.name);
    check(name !== null, () => `Subdivision names: ${record.code} has an empty name`);
    return { code: record.code, language: record.lang, name };
  });
}

/**
 * Country names: the shipped file's (i18n-iso-countries, with its corrections), and CLDR's for
 * each language the file has no column for.
 */
export function mergeCountryNames(
  shipped: CountryNameRow[],
  cldr: CodeNameRow[],
): CountryNameRow[] {
  const languages = new Set(shipped.map((row) => row.language));
  return [
    ...shipped,
    ...cldr
      .filter((row) => !languages.has(row.language))
      .map((row) => ({ countryCode: row.code, language: row.language, name: row.name })),
  ];
}

// ---- ISCED 2011 and ISCED-F 2013 -------------------------------------------------------------

export interface IscedLevelRow {
  code: string;
  eurostatCode: string | null;
  nameEn: string;
  note: string | null;
}

export function parseIscedLevels(text: string): IscedLevelRow[] {
  return readCsv(text, ['isced2011_level', 'eurostat_code', 'label_en', 'note']).map((record) => {
    const code = record.isced2011_level;
    check(/^[0-9]$/.test(code), () => `ISCED 2011: bad level "${code}"`);
    return {
      code,
      eurostatCode: orNull(record.eurostat_code),
      nameEn: record.label_en.trim(),
      note: orNull(record.note),
    };
  });
}

export const ISCED_FIELD_LEVELS = ['broad', 'narrow', 'detailed'] as const;

export interface IscedFieldRow {
  code: string;
  level: (typeof ISCED_FIELD_LEVELS)[number];
  parentCode: string | null;
  nameEn: string;
  descriptionEn: string | null;
}

export function parseIscedFields(text: string): IscedFieldRow[] {
  const rows = readCsv(text, ['code', 'level', 'parent', 'label_en', 'description_en']).map(
    (record): IscedFieldRow => {
      const level = ISCED_FIELD_LEVELS.find((value) => value === record.level);
      check(level !== undefined, () => `ISCED-F ${record.code}: unknown level "${record.level}"`);
      const digits = ISCED_FIELD_LEVELS.indexOf(level) + 2;
      check(
        new RegExp(`^[0-9]{${digits}}$`).test(record.code),
        () => `ISCED-F: bad ${level} code "${record.code}"`,
      );
      return {
        code: record.code,
        level,
        parentCode: orNull(record.parent),
        nameEn: record.label_en.trim(),
        descriptionEn: orNull(record.description_en),
      };
    },
  );
  return rows.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
}

// ---- CEFR (written for Corridor) -------------------------------------------------------------

export const CEFR_USER_GROUPS = ['basic', 'independent', 'proficient'] as const;

export interface CefrLevelRow {
  code: string;
  rank: number;
  userGroup: (typeof CEFR_USER_GROUPS)[number];
}
export interface CefrDescriptionRow {
  levelCode: string;
  language: string;
  name: string;
  description: string;
}

export function parseCefr(text: string): {
  levels: CefrLevelRow[];
  descriptions: CefrDescriptionRow[];
} {
  const records = readCsv(text, ['code', 'rank', 'user_group', 'language', 'name', 'description']);
  const levels = new Map<string, CefrLevelRow>();
  const descriptions = records.map((record): CefrDescriptionRow => {
    check(/^[ABC][12]$/.test(record.code), () => `CEFR: bad level "${record.code}"`);
    const userGroup = CEFR_USER_GROUPS.find((value) => value === record.user_group);
    check(userGroup !== undefined, () => `CEFR ${record.code}: bad user group`);
    levels.set(record.code, { code: record.code, rank: Number(record.rank), userGroup });
    return {
      levelCode: record.code,
      language: record.language,
      name: record.name.trim(),
      description: record.description.trim(),
    };
  });
  return { levels: [...levels.values()].sort((a, b) => a.rank - b.rank), descriptions };
}
