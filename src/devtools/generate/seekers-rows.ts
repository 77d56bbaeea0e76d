import type { CopyRow } from '../../platform/db/copy.js';
import type { Seeker, SeekerRows } from './seekers-factory.js';

/**
 * A batch of generated job seekers as rows of each table, in the order they are written (the
 * account before its role and profile, the profile before its rows), and the column lists
 * COPY writes.
 */

export interface AccountRow {
  id: string;
  email: string;
  full_name: string;
  preferred_language: string;
  status: 'active';
  password_hash: string;
  password_changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface RoleRow {
  user_id: string;
  role: 'job_seeker';
  administrator: boolean;
  created_at: Date;
}

export type SeekerBatch = {
  app_user: AccountRow[];
  role_assignment: RoleRow[];
} & {
  [Table in keyof SeekerRows]: SeekerRows[Table] extends (infer Row)[]
    ? Row[]
    : SeekerRows[Table][];
};

export const SEEKER_TABLES = [
  'app_user',
  'role_assignment',
  'job_seeker',
  'job_seeker_education',
  'job_seeker_experience',
  'job_seeker_occupation',
  'job_seeker_skill',
  'job_seeker_language',
  'job_seeker_destination',
] as const satisfies readonly (keyof SeekerBatch)[];

export function emptySeekerBatch(): SeekerBatch {
  return {
    app_user: [],
    role_assignment: [],
    job_seeker: [],
    job_seeker_education: [],
    job_seeker_experience: [],
    job_seeker_occupation: [],
    job_seeker_skill: [],
    job_seeker_language: [],
    job_seeker_destination: [],
  };
}

/** Adds one seeker, its account holding `passwordHash` (one hash for the whole run). */
export function addSeeker(batch: SeekerBatch, seeker: Seeker, passwordHash: string): void {
  const { rows, account } = seeker;
  const userId = rows.job_seeker.user_id;
  const at = rows.job_seeker.created_at;
  batch.app_user.push({
    id: userId,
    email: account.email,
    full_name: account.fullName,
    preferred_language: account.preferredLanguage,
    status: 'active',
    password_hash: passwordHash,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  });
  batch.role_assignment.push({
    user_id: userId,
    role: 'job_seeker',
    administrator: false,
    created_at: at,
  });
  batch.job_seeker.push(rows.job_seeker);
  batch.job_seeker_education.push(...rows.job_seeker_education);
  batch.job_seeker_experience.push(...rows.job_seeker_experience);
  batch.job_seeker_occupation.push(...rows.job_seeker_occupation);
  batch.job_seeker_skill.push(...rows.job_seeker_skill);
  batch.job_seeker_language.push(...rows.job_seeker_language);
  batch.job_seeker_destination.push(...rows.job_seeker_destination);
}

export function seekerBatchSize(batch: SeekerBatch): number {
  return batch.app_user.length;
}

export const SEEKER_COLUMNS: { [Table in keyof SeekerBatch]: readonly string[] } = {
  app_user: [
    'id',
    'email',
    'full_name',
    'preferred_language',
    'status',
    'password_hash',
    'password_changed_at',
    'created_at',
    'updated_at',
  ],
  role_assignment: ['user_id', 'role', 'administrator', 'created_at'],
  job_seeker: [
    'user_id',
    'given_names',
    'family_name',
    'given_names_latin',
    'family_name_latin',
    'birth_date',
    'sex',
    'nationality',
    'home_subdivision',
    'birth_place',
    'birth_country',
    'phone',
    'email',
    'availability_date',
    'visibility',
    'steps_saved',
    'intended_stay',
    'created_at',
    'updated_at',
  ],
  job_seeker_education: ['user_id', 'isced_level', 'isced_field', 'institution', 'country', 'year'],
  job_seeker_experience: [
    'user_id',
    'title',
    'esco_occupation_id',
    'isco_code',
    'employer',
    'country',
    'date_from',
    'date_to',
  ],
  job_seeker_occupation: ['user_id', 'title', 'esco_occupation_id', 'isco_code'],
  job_seeker_skill: ['user_id', 'skill_id'],
  job_seeker_language: ['user_id', 'language_code', 'cefr_level'],
  job_seeker_destination: ['user_id', 'country_code'],
};

/** A text[] in COPY's text format: `{a,b}` (the step names need no quoting). */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

export function seekerCopyRows(table: keyof SeekerBatch, rows: readonly object[]): CopyRow[] {
  const columns = SEEKER_COLUMNS[table];
  return rows.map((row) => {
    const values = row as Record<string, unknown>;
    return columns.map((column) => {
      const value = values[column];
      if (Array.isArray(value)) return arrayLiteral(value as string[]);
      return (value ?? null) as CopyRow[number];
    });
  });
}
