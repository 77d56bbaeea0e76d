import type { ColumnType, Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import { DURATION_BANDS, type DurationBand } from '../statistics/statistics.types.js';
import type { DuplicatesTables } from './duplicates.tables.js';

/** The steps of the profile, in order; `steps_saved` records the ones the person has saved. */
export const PROFILE_STEPS = [
  'bio',
  'documents',
  'education',
  'experience',
  'occupations',
  'skills',
  'languages',
  'destinations',
  'visibility',
] as const;
export type ProfileStep = (typeof PROFILE_STEPS)[number];

export type Visibility = 'private' | 'destinations';

/** The kinds of organisation a visible profile may be seen by (`job_seeker.visible_to`). */
export const VISIBLE_TO_KINDS = ['employer', 'recruitment_agency'] as const;
export type VisibleToKind = (typeof VISIBLE_TO_KINDS)[number];
export type Sex = 'F' | 'M' | 'X';

/**
 * How long the person wants to work abroad: the bands of months that job orders' contract
 * durations use (statistics.types.ts DURATION_BANDS), so that supply and demand compare.
 */
export const INTENDED_STAYS = DURATION_BANDS;
export type IntendedStay = DurationBand;

/** A partial date as text: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (see partial-date.ts). */
export type PartialDateText = string;

export interface JobSeekerTable {
  user_id: string;
  given_names: Generated<string>;
  family_name: Generated<string>;
  given_names_latin: Generated<string>;
  family_name_latin: Generated<string>;
  birth_date: PartialDateText | null;
  sex: Sex | null;
  nationality: string | null;
  /** ISO 3166-2, a subdivision of `nationality` (checked by the service; migration 20261209000000). */
  home_subdivision: string | null;
  birth_place: Generated<string>;
  birth_country: string | null;
  phone: string | null;
  email: string | null;
  availability_date: PartialDateText | null;
  /** How long the person wants to work abroad, in the contract's bands (DURATION_BANDS). */
  intended_stay: IntendedStay | null;
  visibility: Generated<Visibility>;
  /** Never empty; both kinds unless the person narrowed it (migration 20261208000500). */
  visible_to: ColumnType<VisibleToKind[], VisibleToKind[] | undefined, VisibleToKind[]>;
  steps_saved: ColumnType<ProfileStep[], ProfileStep[] | undefined, ProfileStep[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface JobSeekerEducationTable {
  id: Generated<string>;
  user_id: string;
  isced_level: string;
  isced_field: string | null;
  institution: Generated<string>;
  country: string | null;
  year: number | null;
  created_at: Generated<Date>;
}

export interface JobSeekerExperienceTable {
  id: Generated<string>;
  user_id: string;
  /** As the person typed it. */
  title: string;
  esco_occupation_id: string | null;
  isco_code: string | null;
  employer: Generated<string>;
  country: string | null;
  date_from: PartialDateText | null;
  date_to: PartialDateText | null;
  created_at: Generated<Date>;
}

export interface JobSeekerOccupationTable {
  id: Generated<string>;
  user_id: string;
  /** As the person typed it. */
  title: string;
  esco_occupation_id: string | null;
  isco_code: string | null;
  created_at: Generated<Date>;
}

export interface JobSeekerSkillTable {
  user_id: string;
  skill_id: string;
  created_at: Generated<Date>;
}

export interface JobSeekerLanguageTable {
  user_id: string;
  language_code: string;
  cefr_level: string;
  created_at: Generated<Date>;
}

export interface JobSeekerDestinationTable {
  user_id: string;
  country_code: string;
  created_at: Generated<Date>;
}

/** The tables this module's profile owns (declared in its manifest). */
export interface JobSeekersTables extends DuplicatesTables {
  job_seeker: JobSeekerTable;
  job_seeker_education: JobSeekerEducationTable;
  job_seeker_experience: JobSeekerExperienceTable;
  job_seeker_occupation: JobSeekerOccupationTable;
  job_seeker_skill: JobSeekerSkillTable;
  job_seeker_language: JobSeekerLanguageTable;
  job_seeker_destination: JobSeekerDestinationTable;
}

/** The profile tables, in the order erasure deletes them (children first). */
export const JOB_SEEKER_TABLES = [
  'job_seeker_education',
  'job_seeker_experience',
  'job_seeker_occupation',
  'job_seeker_skill',
  'job_seeker_language',
  'job_seeker_destination',
  'job_seeker',
] as const satisfies readonly (keyof JobSeekersTables)[];

/** What this module's repositories see: its own tables and the read-only reference data. */
export type JobSeekersDb = Kysely<JobSeekersTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const jobSeekersView = ownView<JobSeekersTables & ReferenceTables>();
