import { ESCO_OCCUPATION_PREFIX, idFromUri } from './reference.esco.js';
import { localName, NOT_MONEY } from './reference.names.js';
import { normaliseSearchText } from './reference.normalise.js';
import { OccupationCoder, type CoderHit } from './coder/occupation-coder.js';
import { rankHits } from './reference.ranking.js';
import type { ReferenceRepository } from './reference.repository.js';
import type {
  CefrLevel,
  Country,
  IscedField,
  IscedLevel,
  IscoGroupDetail,
  IscoGroupSummary,
  LocalisedCefrLevel,
  LocalisedCountry,
  LocalisedCurrency,
  LocalisedLanguage,
  Occupation,
  OccupationMatch,
  OccupationSkill,
  SkillMatch,
  Subdivision,
} from './reference.types.js';

/**
 * Lookups for every form that asks for a country, a language, an occupation… Lenient by design:
 * an unknown code gives null or an empty list and a query with nothing to search for gives no
 * results, never an error (the JSON API validates strictly before calling in). Small lists are
 * read once and kept; reference data only changes when the app is re-seeded.
 */

/** What the vacancy search asks of the coder (search-occupations.ts declares the same shape). */
export interface OccupationCoding {
  search(query: string, options?: { limit?: number }): Array<Omit<CoderHit, 'score'>>;
  hasWord(word: string): boolean;
  suggestWord(word: string): string | null;
}

interface OccupationIndex {
  coder: OccupationCoder;
  unitGroups: Map<string, string>;
}
/** The last built index, by the version of the labels it was built from (one is kept). */
const OCCUPATION_INDEXES = new Map<string, Promise<OccupationIndex>>();

export const SEARCH_LIMIT = { default: 10, max: 50 } as const;
export const QUERY_MAX_LENGTH = 100;
/** How many of the database's best-scored labels are ranked again in JS (reference.ranking.ts). */
const CANDIDATES = 1000;
export type LanguageSet = 'iso639-1' | 'iso639-3';

export interface SearchOptions {
  language?: string;
  limit?: number;
}

export class ReferenceService {
  private readonly cached = new Map<string, Promise<unknown>>();

  constructor(private readonly repository: ReferenceRepository) {}

  /** Named in `language`, else in English, else by their ISO name (ADR 12). */
  async listCountries(language: string): Promise<LocalisedCountry[]> {
    const lang = languageOf(language);
    return this.once(`countries:${lang}`, async () => {
      const countries = (await this.allCountries()).map((country) => {
        const name = localName(country.names, lang, { text: country.nameIso, lang: 'en' });
        return { ...country, name: name.text, nameLanguage: name.lang };
      });
      return sortByName(countries, lang);
    });
  }

  async getCountry(code: string, language = 'en'): Promise<LocalisedCountry | null> {
    const upper = code.toUpperCase();
    return (await this.listCountries(language)).find((country) => country.code === upper) ?? null;
  }

  /**
   * Every level of ISO 3166-2 (regions and their provinces alike), by CLDR's name in `language`,
   * else CLDR's English name, else the ISO name.
   */
  async listSubdivisions(countryCode: string, language = 'en'): Promise<Subdivision[]> {
    if (!/^[A-Za-z]{2}$/.test(countryCode)) return [];
    const lang = languageOf(language);
    const country = countryCode.toUpperCase();
    return this.once(`subdivisions:${country}:${lang}`, async () => {
      const rows = await this.repository.subdivisions(country, lang);
      const subdivisions = rows.map(({ names, ...row }) => {
        const name = localName(names, lang, { text: row.nameIso, lang: 'en' });
        return { ...row, name: name.text, nameLanguage: name.lang };
      });
      return sortByName(subdivisions, lang);
    });
  }

  /** Money only: no funds, units of account, metals, bond units or test codes (NOT_MONEY). */
  async listCurrencies(language: string): Promise<LocalisedCurrency[]> {
    const lang = languageOf(language);
    return this.once(`currencies:${lang}`, async () => {
      const all = await this.once('currencies', () => this.repository.currencies());
      const currencies = all
        .filter((currency) => !NOT_MONEY.has(currency.code))
        .map((currency) => {
          const name = localName(currency.names, lang, { text: currency.nameEn, lang: 'en' });
          return { ...currency, name: name.text, nameLanguage: name.lang };
        });
      return sortByName(currencies, lang);
    });
  }

  /**
   * The currency a country uses, when it uses exactly one (money only): AED for AE, EUR for DE;
   * null for a country with two (Panama: PAB and USD) or none known.
   */
  async currencyOfCountry(countryCode: string): Promise<string | null> {
    const byCountry = await this.once('currency-countries', async () => {
      const map = new Map<string, string[]>();
      for (const row of await this.repository.currencyCountries()) {
        if (NOT_MONEY.has(row.currency_code)) continue;
        map.set(row.country_code, [...(map.get(row.country_code) ?? []), row.currency_code]);
      }
      return map;
    });
    const codes = byCountry.get(countryCode.toUpperCase()) ?? [];
    return codes.length === 1 ? (codes[0] ?? null) : null;
  }

  /** Null for an unknown code and for a code that is not money (gold, XTS…). */
  async getCurrency(code: string, language = 'en'): Promise<LocalisedCurrency | null> {
    const upper = code.toUpperCase();
    return (
      (await this.listCurrencies(language)).find((currency) => currency.code === upper) ?? null
    );
  }

  /** ISO 639-1 languages by default; `iso639-3` lists all 7,867. */
  async listLanguages(
    language: string,
    set: LanguageSet = 'iso639-1',
  ): Promise<LocalisedLanguage[]> {
    const lang = languageOf(language);
    return this.once(`languages:${lang}:${set}`, async () => {
      const all = await this.once('languages', () => this.repository.languages());
      const chosen = all.filter((l) => set === 'iso639-3' || l.iso6391 !== null);
      return sortByName(
        chosen.map((l) => {
          const name = localName(l.names, lang, { text: l.nameEn, lang: 'en' });
          return { ...l, name: name.text, nameLanguage: name.lang };
        }),
        lang,
      );
    });
  }

  async getLanguage(code: string, language = 'en'): Promise<LocalisedLanguage | null> {
    const lower = code.toLowerCase();
    const all = await this.listLanguages(language, 'iso639-3');
    return all.find((l) => l.code === lower || l.iso6393 === lower) ?? null;
  }

  listIscedLevels(): Promise<IscedLevel[]> {
    return this.once('isced-levels', () => this.repository.iscedLevels());
  }

  listIscedFields(): Promise<IscedField[]> {
    return this.once('isced-fields', () => this.repository.iscedFields());
  }

  async listCefrLevels(language: string): Promise<LocalisedCefrLevel[]> {
    const lang = languageOf(language);
    const levels = await this.once<CefrLevel[]>('cefr', () => this.repository.cefrLevels());
    return levels.map((level) => {
      const chosen = level.descriptions[lang] ? lang : 'en';
      const text = level.descriptions[chosen] ?? { name: level.code, description: '' };
      return {
        code: level.code,
        rank: level.rank,
        userGroup: level.userGroup,
        ...text,
        language: chosen,
      };
    });
  }

  listIscoMajorGroups(language: string): Promise<IscoGroupSummary[]> {
    return this.repository.iscoChildren(null, languageOf(language));
  }

  async getIscoGroup(code: string, language = 'en'): Promise<IscoGroupDetail | null> {
    if (!/^[0-9]{1,4}$/.test(code)) return null;
    const lang = languageOf(language);
    const group = await this.repository.iscoGroup(code);
    if (!group) return null;
    const codes = group.parent_code ? [code, group.parent_code] : [code];
    const [titles, children, occupations] = await Promise.all([
      this.repository.titles({ occupationIds: [], iscoCodes: codes, language: lang }),
      this.repository.iscoChildren(code, lang),
      group.level === 4 ? this.repository.occupationsInIscoGroup(code, lang) : [],
    ]);
    const titleOf = (c: string) => titles.isco.get(c)?.title ?? c;
    const languageOfTitle = (c: string) => titles.isco.get(c)?.language ?? 'en';
    return {
      code,
      level: group.level,
      title: titleOf(code),
      titleLanguage: languageOfTitle(code),
      definition: group.definition_en,
      parent: group.parent_code
        ? {
            code: group.parent_code,
            level: group.level - 1,
            title: titleOf(group.parent_code),
            titleLanguage: languageOfTitle(group.parent_code),
          }
        : null,
      children,
      occupations: sortByName(
        occupations.map((o) => ({ ...o, name: o.title })),
        lang,
      ).map(({ id, code: occupationCode, title }) => ({ id, code: occupationCode, title })),
    };
  }

  /**
   * ESCO occupations and ISCO unit groups whose labels, in any shipped language, match the query
   * (the occupation coder: words, stems, compound parts and typos; ADR 14), best first, each
   * with why it matched. `language` is the page's language: its labels count a little more, and
   * titles are shown in it when ESCO has one.
   */
  async searchOccupations(query: string, options: SearchOptions = {}): Promise<OccupationMatch[]> {
    const input = searchInput(query, options);
    if (!input) return [];
    const { coder } = await this.occupationIndex();
    const hits = coder.search(query.slice(0, QUERY_MAX_LENGTH), {
      language: input.language,
      limit: input.limit,
    });
    const occupationIds = hits.flatMap((hit) => (hit.occupationId ? [hit.occupationId] : []));
    const occupations = new Map(
      (await this.repository.occupationCodes(occupationIds)).map((o) => [o.id, o]),
    );
    const iscoCodes = [
      ...new Set([
        ...hits.flatMap((hit) => (hit.iscoCode ? [hit.iscoCode] : [])),
        ...[...occupations.values()].map((o) => o.isco_code),
      ]),
    ];
    const titles = await this.repository.titles({
      occupationIds,
      iscoCodes,
      language: input.language,
    });

    return hits.flatMap((hit): OccupationMatch[] => {
      const occupation = hit.occupationId ? occupations.get(hit.occupationId) : undefined;
      const iscoCode = occupation?.isco_code ?? hit.iscoCode;
      if (!iscoCode) return [];
      const title = occupation ? titles.occupation.get(occupation.id) : titles.isco.get(iscoCode);
      return [
        {
          kind: occupation ? 'esco_occupation' : 'isco_unit_group',
          id: occupation?.id ?? iscoCode,
          code: occupation?.code ?? iscoCode,
          title: title?.title ?? hit.matchedLabel,
          titleLanguage: title?.language ?? hit.matchedLanguage,
          matchedLabel: hit.matchedLabel,
          matchedLanguage: hit.matchedLanguage,
          iscoUnitGroup: {
            code: iscoCode,
            title: titles.isco.get(iscoCode)?.title ?? iscoCode,
            titleLanguage: titles.isco.get(iscoCode)?.language ?? 'en',
          },
          score: Math.round(hit.score * 1000) / 1000,
          why: hit.why,
        },
      ];
    });
  }

  /** By UUID or full ESCO URI. */
  async getOccupation(idOrUri: string, language = 'en'): Promise<Occupation | null> {
    const id = occupationId(idOrUri);
    if (!id) return null;
    const lang = languageOf(language);
    const found = await this.repository.occupation(id, lang);
    if (!found) return null;
    const { occupation, labels } = found;
    const titleLanguage = labels.some((l) => l.language === lang) ? lang : 'en';
    const own = labels.filter((l) => l.language === titleLanguage);
    const titles = await this.repository.titles({
      occupationIds: [],
      iscoCodes: [occupation.isco_code],
      language: lang,
    });
    return {
      id,
      code: occupation.code,
      title: own.find((l) => l.is_title)?.label ?? occupation.preferred_label_en,
      titleLanguage,
      description: occupation.description_en,
      regulated: occupation.regulated,
      iscoUnitGroup: {
        code: occupation.isco_code,
        title: titles.isco.get(occupation.isco_code)?.title ?? occupation.isco_code,
        titleLanguage: titles.isco.get(occupation.isco_code)?.language ?? 'en',
      },
      labels: own.map((l) => l.label),
    };
  }

  /** Skill labels are English only in the shipped ESCO export; `language` falls back to it. */
  async searchSkills(query: string, options: SearchOptions = {}): Promise<SkillMatch[]> {
    const input = searchInput(query, options);
    if (!input) return [];
    const candidates = await this.repository.searchSkills({ ...input, limit: CANDIDATES });
    const hits = rankHits(input.query, candidates, (hit) => hit.skillId).slice(0, input.limit);
    const skills = new Map(
      (
        await this.repository.skills(
          hits.map((hit) => hit.skillId),
          input.language,
        )
      ).map((s) => [s.id, s]),
    );
    return hits.flatMap((hit) => {
      const skill = skills.get(hit.skillId);
      if (!skill) return [];
      return [
        {
          ...presentSkill(skill, input.language),
          matchedLabel: hit.label,
          score: Math.round(hit.score * 1000) / 1000,
        },
      ];
    });
  }

  /** Essential skills first; null when there is no such occupation. */
  async skillsForOccupation(idOrUri: string, language = 'en'): Promise<OccupationSkill[] | null> {
    const id = occupationId(idOrUri);
    if (!id || (await this.repository.occupationCodes([id])).length === 0) return null;
    const lang = languageOf(language);
    const rows = await this.repository.skillsForOccupation(id, lang);
    const collator = new Intl.Collator('en');
    return rows
      .map((row) => ({ ...presentSkill(row, lang), relation: row.relation }))
      .sort((a, b) =>
        a.relation === b.relation
          ? collator.compare(a.title, b.title)
          : a.relation === 'essential'
            ? -1
            : 1,
      );
  }

  /**
   * The occupation coder for the vacancy search's cross-language step: hits carry the ISCO unit
   * group of their occupation. Built once, on first use, and shared with searchOccupations.
   */
  async occupationCoding(): Promise<OccupationCoding> {
    const { coder, unitGroups } = await this.occupationIndex();
    return {
      search: (query, options = {}) =>
        coder
          .search(query.slice(0, QUERY_MAX_LENGTH), {
            limit: options.limit ?? SEARCH_LIMIT.default,
          })
          .map(({ score: _score, ...hit }) => ({
            ...hit,
            iscoCode: hit.occupationId ? (unitGroups.get(hit.occupationId) ?? null) : hit.iscoCode,
          })),
      hasWord: (word) => coder.hasWord(word),
      suggestWord: (word) => coder.suggestWord(word),
    };
  }

  /**
   * Built from the database's labels on first use (about 185,000 labels; ADR 14), and shared by
   * every service of the process whose database holds the same loaded datasets.
   */
  private occupationIndex(): Promise<OccupationIndex> {
    return this.once('occupation-coder', async () => {
      const version = await this.repository.occupationLabelsVersion();
      const shared = version ? OCCUPATION_INDEXES.get(version) : undefined;
      if (shared) return shared;
      const built = this.repository.coderLabels().then((rows) => {
        const unitGroups = new Map<string, string>();
        for (const row of rows) {
          if (row.occupationId && row.unitGroup) unitGroups.set(row.occupationId, row.unitGroup);
        }
        return { coder: OccupationCoder.build(rows), unitGroups };
      });
      if (version) {
        OCCUPATION_INDEXES.clear();
        OCCUPATION_INDEXES.set(version, built);
        built.catch(() => OCCUPATION_INDEXES.delete(version));
      }
      return built;
    });
  }

  private allCountries(): Promise<Country[]> {
    return this.once('countries', () => this.repository.countries());
  }

  /** Reads once and shares the answer; a failed read is tried again next time. */
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.cached.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.cached.set(key, promise);
      promise.catch(() => this.cached.delete(key));
    }
    return promise;
  }
}

function presentSkill(
  row: {
    id: string;
    skill_type: 'skill/competence' | 'knowledge';
    reuse_level: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific';
    preferred_label_en: string | null;
    label: string | null;
  },
  language: string,
) {
  return {
    id: row.id,
    title: row.label ?? row.preferred_label_en ?? row.id,
    titleLanguage: row.label ? language : 'en',
    skillType: row.skill_type,
    reuseLevel: row.reuse_level,
  };
}

function searchInput(query: string, options: SearchOptions) {
  const normalised = normaliseSearchText(query.slice(0, QUERY_MAX_LENGTH));
  if (normalised.length < 2) return null;
  const limit = Math.trunc(options.limit ?? SEARCH_LIMIT.default);
  return {
    query: normalised,
    language: languageOf(options.language ?? 'en'),
    limit: Math.min(
      Math.max(Number.isFinite(limit) ? limit : SEARCH_LIMIT.default, 1),
      SEARCH_LIMIT.max,
    ),
  };
}

function occupationId(idOrUri: string): string | null {
  const value = idOrUri.trim().toLowerCase();
  return (
    idFromUri(value, ESCO_OCCUPATION_PREFIX) ??
    idFromUri(ESCO_OCCUPATION_PREFIX + value, ESCO_OCCUPATION_PREFIX)
  );
}

/** The primary subtag of a BCP 47 tag ("fr-CA" → "fr"); English when there is none. */
export function languageOf(tag: string): string {
  const primary = /^([a-zA-Z]{2,3})(?:[-_]|$)/.exec(tag.trim())?.[1];
  return primary ? primary.toLowerCase() : 'en';
}

function sortByName<T extends { name: string }>(items: T[], language: string): T[] {
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(language);
  } catch {
    collator = new Intl.Collator('en');
  }
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}
