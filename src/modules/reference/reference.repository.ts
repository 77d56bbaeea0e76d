import { sql, type RawBuilder } from 'kysely';
import type { ReferenceDb } from './reference.tables.js';
import type {
  CefrLevel,
  Country,
  Currency,
  IscedField,
  IscedLevel,
  IscoGroupSummary,
  Language,
  SkillHit,
} from './reference.types.js';

/**
 * Every read of reference data. Search works on search_text written by normaliseSearchText():
 * callers pass the query already normalised.
 */

/** word_similarity() a label must reach: low enough for "nurze" → "nurse" (0.5). */
export const WORD_SIMILARITY_THRESHOLD = 0.5;

export interface Title {
  title: string;
  language: string;
}

export interface CoderLabelRow {
  occupationId: string | null;
  iscoCode: string | null;
  /** The occupation's ISCO unit group (null for a group's own labels). */
  unitGroup: string | null;
  language: string;
  label: string;
  isTitle: boolean;
}

export interface SearchInput {
  /** Normalised, at least two characters. */
  query: string;
  language: string;
  /** How many scored labels to return, best first (the service ranks them again). */
  limit: number;
}

export class ReferenceRepository {
  constructor(private readonly db: ReferenceDb) {}

  async countries(): Promise<Country[]> {
    const [countries, names] = await Promise.all([
      this.db.selectFrom('country').selectAll().orderBy('code').execute(),
      this.db.selectFrom('country_name').selectAll().execute(),
    ]);
    const byCountry = new Map<string, Record<string, string>>();
    for (const name of names) {
      const record = byCountry.get(name.country_code) ?? {};
      record[name.language] = name.name;
      byCountry.set(name.country_code, record);
    }
    return countries.map((country) => ({
      code: country.code,
      alpha3: country.alpha3,
      numericCode: country.numeric_code,
      nameIso: country.name_iso,
      names: byCountry.get(country.code) ?? {},
    }));
  }

  /** Each subdivision with its CLDR names in `language` and in English, where there are. */
  async subdivisions(
    countryCode: string,
    language: string,
  ): Promise<
    Array<{
      code: string;
      parentCode: string | null;
      nameIso: string;
      names: Record<string, string>;
    }>
  > {
    const rows = await this.db
      .selectFrom('country_subdivision as s')
      .leftJoin('subdivision_name as n', (join) =>
        join
          .onRef('n.subdivision_code', '=', 's.code')
          .on('n.language', 'in', [...new Set([language, 'en'])]),
      )
      .select(['s.code', 's.parent_code', 's.name', 'n.language', 'n.name as local_name'])
      .where('s.country_code', '=', countryCode)
      .orderBy('s.code')
      .execute();
    const byCode = new Map<
      string,
      { code: string; parentCode: string | null; nameIso: string; names: Record<string, string> }
    >();
    for (const row of rows) {
      let subdivision = byCode.get(row.code);
      if (!subdivision) {
        subdivision = { code: row.code, parentCode: row.parent_code, nameIso: row.name, names: {} };
        byCode.set(row.code, subdivision);
      }
      if (row.language && row.local_name) subdivision.names[row.language] = row.local_name;
    }
    return [...byCode.values()];
  }

  async currencies(): Promise<Currency[]> {
    const [rows, names] = await Promise.all([
      this.db.selectFrom('currency').selectAll().orderBy('code').execute(),
      this.db.selectFrom('currency_name').selectAll().execute(),
    ]);
    const byCode = namesByCode(names.map((n) => ({ code: n.currency_code, ...n })));
    return rows.map((row) => ({
      code: row.code,
      numericCode: row.numeric_code,
      minorUnits: row.minor_units,
      nameEn: row.name_en,
      names: byCode.get(row.code) ?? {},
    }));
  }

  async currencyCountries(): Promise<Array<{ currency_code: string; country_code: string }>> {
    return this.db.selectFrom('currency_country').selectAll().execute();
  }

  async languages(): Promise<Language[]> {
    const [rows, names] = await Promise.all([
      this.db.selectFrom('language').selectAll().orderBy('code').execute(),
      this.db.selectFrom('language_name').selectAll().execute(),
    ]);
    const byCode = namesByCode(names.map((n) => ({ code: n.language_code, ...n })));
    return rows.map((row) => ({
      names: byCode.get(row.code) ?? {},
      code: row.code,
      iso6391: row.iso639_1,
      iso6393: row.iso639_3,
      nameEn: row.name_en,
      nativeName: row.native_name,
      type: row.type,
      scope: row.scope,
    }));
  }

  async iscedLevels(): Promise<IscedLevel[]> {
    const rows = await this.db.selectFrom('isced_level').selectAll().orderBy('code').execute();
    return rows.map((row) => ({
      code: row.code,
      eurostatCode: row.eurostat_code,
      nameEn: row.name_en,
      note: row.note,
    }));
  }

  async iscedFields(): Promise<IscedField[]> {
    const rows = await this.db.selectFrom('isced_field').selectAll().orderBy('code').execute();
    return rows.map((row) => ({
      code: row.code,
      level: row.level,
      parentCode: row.parent_code,
      nameEn: row.name_en,
      descriptionEn: row.description_en,
    }));
  }

  async cefrLevels(): Promise<CefrLevel[]> {
    const [levels, descriptions] = await Promise.all([
      this.db.selectFrom('cefr_level').selectAll().orderBy('rank').execute(),
      this.db.selectFrom('cefr_level_description').selectAll().execute(),
    ]);
    return levels.map((level) => ({
      code: level.code,
      rank: level.rank,
      userGroup: level.user_group,
      descriptions: Object.fromEntries(
        descriptions
          .filter((description) => description.level_code === level.code)
          .map((d) => [d.language, { name: d.name, description: d.description }]),
      ),
    }));
  }

  async iscoGroup(code: string) {
    return (
      (await this.db
        .selectFrom('isco_group')
        .select(['code', 'level', 'parent_code', 'definition_en'])
        .where('code', '=', code)
        .executeTakeFirst()) ?? null
    );
  }

  /** Groups by parent code (null: the major groups), with their titles. */
  async iscoChildren(parentCode: string | null, language: string): Promise<IscoGroupSummary[]> {
    const rows = await this.db
      .selectFrom('isco_group')
      .select(['code', 'level'])
      .$call((query) =>
        parentCode === null
          ? query.where('parent_code', 'is', null)
          : query.where('parent_code', '=', parentCode),
      )
      .orderBy('code')
      .execute();
    const titles = await this.titles({
      occupationIds: [],
      iscoCodes: rows.map((r) => r.code),
      language,
    });
    return rows.map((row) => {
      const title = titles.isco.get(row.code);
      return { ...row, title: title?.title ?? row.code, titleLanguage: title?.language ?? 'en' };
    });
  }

  async occupationsInIscoGroup(iscoCode: string, language: string) {
    const rows = await this.db
      .selectFrom('esco_occupation')
      .select(['id', 'code'])
      .where('isco_code', '=', iscoCode)
      .orderBy('code')
      .execute();
    const titles = await this.titles({
      occupationIds: rows.map((r) => r.id),
      iscoCodes: [],
      language,
    });
    return rows.map((row) => ({ ...row, title: titles.occupation.get(row.id)?.title ?? row.code }));
  }

  async occupation(id: string, language: string) {
    const occupation = await this.db
      .selectFrom('esco_occupation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!occupation) return null;
    const labels = await this.db
      .selectFrom('occupation_label_group as g')
      .innerJoin('occupation_label as l', 'l.group_id', 'g.id')
      .select(['g.language', 'l.label', 'l.is_title'])
      .where('g.occupation_id', '=', id)
      .where('g.language', 'in', [language, 'en'])
      .orderBy('l.label')
      .execute();
    return { occupation, labels };
  }

  /**
   * Display titles in `language`, else English, of occupations and ISCO groups. Each title is the
   * label marked is_title in its group.
   */
  async titles(input: { occupationIds: string[]; iscoCodes: string[]; language: string }) {
    const occupation = new Map<string, Title>();
    const isco = new Map<string, Title>();
    if (input.occupationIds.length + input.iscoCodes.length === 0) return { occupation, isco };
    const rows = await this.db
      .selectFrom('occupation_label_group as g')
      .innerJoin('occupation_label as l', 'l.group_id', 'g.id')
      .select(['g.occupation_id', 'g.isco_code', 'g.language', 'l.label'])
      .where('l.is_title', '=', true)
      .where('g.language', 'in', [input.language, 'en'])
      .where((eb) =>
        eb.or([
          eb('g.occupation_id', '=', eb.fn.any(sql<string[]>`${input.occupationIds}::uuid[]`)),
          eb('g.isco_code', '=', eb.fn.any(sql<string[]>`${input.iscoCodes}::text[]`)),
        ]),
      )
      // English first, so that the requested language overwrites it.
      .orderBy(sql`g.language = ${input.language}`)
      .execute();
    for (const row of rows) {
      const title = { title: row.label, language: row.language };
      if (row.occupation_id) occupation.set(row.occupation_id, title);
      if (row.isco_code) isco.set(row.isco_code, title);
    }
    return { occupation, isco };
  }

  async occupationCodes(
    ids: string[],
  ): Promise<Array<{ id: string; code: string; isco_code: string }>> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('esco_occupation')
      .select(['id', 'code', 'isco_code'])
      .where('id', '=', (eb) => eb.fn.any(sql<string[]>`${ids}::uuid[]`))
      .execute();
  }

  /**
   * What the occupation labels were loaded from (the checksums of the ISCO and ESCO datasets),
   * null when they were not loaded by the reference loader.
   */
  async occupationLabelsVersion(): Promise<string | null> {
    const rows = await this.db
      .selectFrom('reference_dataset')
      .select(['name', 'checksum'])
      .where('name', 'in', ['isco08', 'esco-occupations'])
      .orderBy('name')
      .execute();
    return rows.length === 2 ? rows.map((row) => `${row.name}:${row.checksum}`).join(' ') : null;
  }

  /**
   * Every label of every ESCO occupation and ISCO unit group, in every language, with the unit
   * group of each occupation: what the occupation coder is built from (coder/, ADR 14).
   */
  async coderLabels(): Promise<CoderLabelRow[]> {
    return this.db
      .selectFrom('occupation_label_group as g')
      .innerJoin('occupation_label as l', 'l.group_id', 'g.id')
      .leftJoin('esco_occupation as o', 'o.id', 'g.occupation_id')
      .select([
        'g.occupation_id as occupationId',
        'g.isco_code as iscoCode',
        'o.isco_code as unitGroup',
        'g.language',
        'l.label',
        'l.is_title as isTitle',
      ])
      .where((eb) =>
        eb.or([eb('g.isco_code', 'is', null), eb(eb.fn('length', ['g.isco_code']), '=', 4)]),
      )
      .orderBy('g.id')
      .orderBy('l.label')
      .execute();
  }

  async searchSkills(input: SearchInput): Promise<SkillHit[]> {
    const rows = await this.withSimilarityThreshold((db) =>
      sql<SkillHit>`
        select skill_id as "skillId", label, language,
          ${score(input, { searchText: sql.ref('search_text'), similarity: sql.ref('similarity'), language: sql.ref('language'), isTitle: sql.ref('is_title') })} as score
        from (
          select skill_id, label, language, search_text, is_title,
            word_similarity(${input.query}, search_text) as similarity
          from skill_label
          where ${candidateFilter(input.query, sql.ref('search_text'))}
          offset 0
        ) l
        where ${labelFilter(input.query, sql.ref('similarity'))}
        order by score desc, length(label)
        limit ${input.limit}
      `.execute(db),
    );
    return rows.rows.map((row) => ({ ...row, score: Number(row.score) }));
  }

  async skills(ids: string[], language: string) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('esco_skill as s')
      .leftJoin('skill_label as l', (join) =>
        join
          .onRef('l.skill_id', '=', 's.id')
          .on('l.is_title', '=', true)
          .on('l.language', '=', language),
      )
      .select(['s.id', 's.skill_type', 's.reuse_level', 's.preferred_label_en', 'l.label'])
      .where('s.id', '=', (eb) => eb.fn.any(sql<string[]>`${ids}::uuid[]`))
      .execute();
  }

  async skillsForOccupation(occupationId: string, language: string) {
    return this.db
      .selectFrom('occupation_skill as os')
      .innerJoin('esco_skill as s', 's.id', 'os.skill_id')
      .leftJoin('skill_label as l', (join) =>
        join
          .onRef('l.skill_id', '=', 's.id')
          .on('l.is_title', '=', true)
          .on('l.language', '=', language),
      )
      .select([
        's.id',
        's.skill_type',
        's.reuse_level',
        's.preferred_label_en',
        'l.label',
        'os.relation',
      ])
      .where('os.occupation_id', '=', occupationId)
      .execute();
  }

  /** pg_trgm's threshold is a setting: set it for this transaction only (pool-safe). */
  private withSimilarityThreshold<T>(work: (db: ReferenceDb) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`.execute(
        trx,
      );
      return work(trx);
    });
  }
}

/** A two-letter query has no trigram to match: it finds words that start with it instead. */
function candidateFilter(query: string, column: RawBuilder<unknown>) {
  return query.length < 3
    ? sql`(' ' || ${column}) like ${`% ${query}%`}`
    : sql`${query} <% ${column}`;
}

function labelFilter(query: string, similarity: RawBuilder<unknown>) {
  return query.length < 3 ? sql`true` : sql`${similarity} >= ${WORD_SIMILARITY_THRESHOLD}`;
}

/**
 * Trigram closeness, a boost when the label is the query, starts with it or has a word that
 * does, and a preference for the requested language and for display titles. (More trigram
 * functions per label cost more than they bring: the typo-aware ranking is done in JS.)
 */
function score(
  input: SearchInput,
  columns: Record<'searchText' | 'similarity' | 'language' | 'isTitle', RawBuilder<unknown>>,
) {
  // The normalised query holds only letters, digits and single spaces: no LIKE wildcards.
  const { query } = input;
  const { searchText, similarity, language, isTitle } = columns;
  return sql`${similarity}
    + case when ${searchText} = ${query} then 0.6
           when ${searchText} like ${`${query} %`} then 0.4
           when ${searchText} like ${`${query}%`} then 0.3
           when (' ' || ${searchText}) like ${`% ${query}%`} then 0.15
           else 0 end
    + case when ${language} = ${input.language} then 0.5 else 0 end
    + case when ${isTitle} then 0.05 else 0 end`;
}

function namesByCode(
  rows: ReadonlyArray<{ code: string; language: string; name: string }>,
): Map<string, Record<string, string>> {
  const byCode = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const names = byCode.get(row.code) ?? {};
    names[row.language] = row.name;
    byCode.set(row.code, names);
  }
  return byCode;
}
