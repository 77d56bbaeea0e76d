import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * Kysely's view of migrations/20261127120000_reference_data.sql and
 * 20261203235000_reference_names.sql and 20261204003500_currency_country.sql.
 */

export interface ReferenceDatasetTable {
  name: string;
  version: string;
  checksum: string;
  row_count: number;
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CountryTable {
  code: string;
  alpha3: string;
  numeric_code: string;
  name_iso: string;
}

export interface CountryNameTable {
  country_code: string;
  language: string;
  name: string;
}

export interface CountrySubdivisionTable {
  code: string;
  country_code: string;
  parent_code: string | null;
  name: string;
}

/** A name in one language: of a language, a currency or a subdivision (CLDR). */
export interface LanguageNameTable {
  language_code: string;
  language: string;
  name: string;
}

export interface CurrencyNameTable {
  currency_code: string;
  language: string;
  name: string;
}

export interface CurrencyCountryTable {
  currency_code: string;
  country_code: string;
}

export interface SubdivisionNameTable {
  subdivision_code: string;
  language: string;
  name: string;
}

export interface LanguageTable {
  code: string;
  iso639_1: string | null;
  iso639_3: string;
  iso639_2b: string | null;
  iso639_2t: string | null;
  name_en: string;
  native_name: string | null;
  type: string;
  scope: string;
}

export interface CurrencyTable {
  code: string;
  numeric_code: string;
  minor_units: number;
  name_en: string;
}

export interface IscoGroupTable {
  code: string;
  level: number;
  parent_code: string | null;
  title_en: string;
  title_fr: string;
  title_es: string;
  definition_en: string;
}

export interface EscoOccupationTable {
  id: string;
  code: string;
  isco_code: string;
  preferred_label_en: string;
  description_en: string;
  regulated: boolean;
}

export interface OccupationLabelGroupTable {
  id: number;
  occupation_id: string | null;
  isco_code: string | null;
  language: string;
  search_words: string;
}

export interface OccupationLabelTable {
  id: Generated<number>;
  group_id: number;
  label: string;
  search_text: string;
  is_title: boolean;
}

export interface EscoSkillTable {
  id: string;
  skill_type: 'skill/competence' | 'knowledge';
  reuse_level: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific';
  preferred_label_en: string | null;
  description_en: string | null;
}

export interface SkillLabelTable {
  id: Generated<number>;
  skill_id: string;
  language: string;
  label: string;
  search_text: string;
  is_title: boolean;
}

export interface OccupationSkillTable {
  occupation_id: string;
  skill_id: string;
  relation: 'essential' | 'optional';
}

export interface IscedLevelTable {
  code: string;
  eurostat_code: string | null;
  name_en: string;
  note: string | null;
}

export interface IscedFieldTable {
  code: string;
  level: 'broad' | 'narrow' | 'detailed';
  parent_code: string | null;
  name_en: string;
  description_en: string | null;
}

export interface CefrLevelTable {
  code: string;
  rank: number;
  user_group: 'basic' | 'independent' | 'proficient';
}

export interface CefrLevelDescriptionTable {
  level_code: string;
  language: string;
  name: string;
  description: string;
}

export interface ReferenceTables {
  reference_dataset: ReferenceDatasetTable;
  country: CountryTable;
  country_name: CountryNameTable;
  country_subdivision: CountrySubdivisionTable;
  subdivision_name: SubdivisionNameTable;
  language: LanguageTable;
  language_name: LanguageNameTable;
  currency: CurrencyTable;
  currency_name: CurrencyNameTable;
  currency_country: CurrencyCountryTable;
  isco_group: IscoGroupTable;
  esco_occupation: EscoOccupationTable;
  occupation_label_group: OccupationLabelGroupTable;
  occupation_label: OccupationLabelTable;
  esco_skill: EscoSkillTable;
  skill_label: SkillLabelTable;
  occupation_skill: OccupationSkillTable;
  isced_level: IscedLevelTable;
  isced_field: IscedFieldTable;
  cefr_level: CefrLevelTable;
  cefr_level_description: CefrLevelDescriptionTable;
}

/**
 * What the reference module's code sees: its own tables. Every other module reads them too
 * (read-only reference data), which is why each module's database type adds ReferenceTables.
 */
export type ReferenceDb = Kysely<ReferenceTables>;
