import type { MatchReason } from './coder/occupation-coder.js';

/** Reference data as the service hands it out (the presenter shapes what leaves the server). */

export interface Country {
  code: string;
  alpha3: string;
  numericCode: string;
  nameIso: string;
  /** Names by language, as shipped (en, fr, es, ar, ru, zh, pt, de). */
  names: Record<string, string>;
}

export interface LocalisedCountry extends Country {
  /** In the requested language, else English, else the ISO name (reference.names.ts). */
  name: string;
  /** The language `name` is in. */
  nameLanguage: string;
}

export interface Subdivision {
  code: string;
  parentCode: string | null;
  /** CLDR's name in the requested language, else CLDR's English name, else the ISO name. */
  name: string;
  nameLanguage: string;
  /** The ISO 3166-2 name (often a romanisation: "Dubayy"). */
  nameIso: string;
}

export interface Currency {
  code: string;
  numericCode: string;
  minorUnits: number;
  /** The ISO 4217 English name. */
  nameEn: string;
  /** CLDR names by language. */
  names: Record<string, string>;
}

export interface LocalisedCurrency extends Currency {
  name: string;
  nameLanguage: string;
}

export interface Language {
  code: string;
  iso6391: string | null;
  iso6393: string;
  nameEn: string;
  nativeName: string | null;
  type: string;
  scope: string;
  /** CLDR names by language (ISO 639-1 languages only). */
  names: Record<string, string>;
}

export interface LocalisedLanguage extends Language {
  name: string;
  nameLanguage: string;
}

export interface IscedLevel {
  code: string;
  eurostatCode: string | null;
  nameEn: string;
  note: string | null;
}

export interface IscedField {
  code: string;
  level: 'broad' | 'narrow' | 'detailed';
  parentCode: string | null;
  nameEn: string;
  descriptionEn: string | null;
}

export interface CefrLevel {
  code: string;
  rank: number;
  userGroup: 'basic' | 'independent' | 'proficient';
  descriptions: Record<string, { name: string; description: string }>;
}

export interface LocalisedCefrLevel {
  code: string;
  rank: number;
  userGroup: 'basic' | 'independent' | 'proficient';
  name: string;
  description: string;
  language: string;
}

export interface IscoGroupSummary {
  code: string;
  level: number;
  title: string;
  /** The language `title` is in (ISCO titles exist in en, fr and es). */
  titleLanguage?: string;
}

export interface IscoGroupDetail extends IscoGroupSummary {
  definition: string;
  parent: IscoGroupSummary | null;
  children: IscoGroupSummary[];
  /** ESCO occupations, for a unit group (level 4). */
  occupations: Array<{ id: string; code: string; title: string }>;
}

/** A label that matched a search, before titles are attached. */
export interface OccupationMatch {
  kind: 'esco_occupation' | 'isco_unit_group';
  /** The ESCO occupation's UUID, or the ISCO code. */
  id: string;
  /** The ESCO occupation code (e.g. 2221.1), or the ISCO code. */
  code: string;
  title: string;
  titleLanguage: string;
  matchedLabel: string;
  matchedLanguage: string;
  iscoUnitGroup: { code: string; title: string; titleLanguage?: string };
  score: number;
  /** Why it matched (the occupation coder's reason): shown beside each suggestion. */
  why: MatchReason;
}

export interface Occupation {
  id: string;
  code: string;
  title: string;
  titleLanguage: string;
  description: string;
  regulated: boolean;
  iscoUnitGroup: { code: string; title: string; titleLanguage?: string };
  /** Every label in the title's language. */
  labels: string[];
}

export interface SkillHit {
  skillId: string;
  label: string;
  language: string;
  score: number;
}

export interface Skill {
  id: string;
  title: string;
  /** The language `title` is in: ESCO skills are English only in the shipped export. */
  titleLanguage: string;
  skillType: 'skill/competence' | 'knowledge';
  reuseLevel: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific';
}

export interface SkillMatch extends Skill {
  matchedLabel: string;
  score: number;
}

export interface OccupationSkill extends Skill {
  relation: 'essential' | 'optional';
}
