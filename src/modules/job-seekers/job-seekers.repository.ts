import type { Kysely } from 'kysely';
import type {
  IntendedStay,
  JobSeekersDb,
  JobSeekersTables,
  ProfileStep,
  Sex,
  Visibility,
  VisibleToKind,
} from './job-seekers.tables.js';
import { JOB_SEEKER_TABLES } from './job-seekers.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

type Executor = Kysely<JobSeekersTables & ReferenceTables>;

export interface BioData {
  givenNames: string;
  familyName: string;
  givenNamesLatin: string;
  familyNameLatin: string;
  birthDate: string | null;
  sex: Sex | null;
  nationality: string | null;
  /**
   * ISO 3166-2, a subdivision of `nationality`, or null. Left out (undefined) by a caller that
   * does not ask: the saved one is kept while it belongs to the nationality, else cleared.
   */
  homeSubdivision?: string | null;
  birthPlace: string;
  birthCountry: string | null;
  phone: string | null;
  email: string | null;
}

export interface ProfileRow extends BioData {
  userId: string;
  homeSubdivision: string | null;
  availabilityDate: string | null;
  /** How long the person wants to work abroad (a band of months), or null: not said. */
  intendedStay: IntendedStay | null;
  visibility: Visibility;
  /** Who may see it while visible: employers, licensed agencies, or both. */
  visibleTo: VisibleToKind[];
  stepsSaved: ProfileStep[];
  createdAt: Date;
  updatedAt: Date;
}

export interface EducationEntry {
  id: string;
  iscedLevel: string;
  iscedField: string | null;
  institution: string;
  country: string | null;
  year: number | null;
}

export interface CodedTitle {
  id: string;
  title: string;
  escoOccupationId: string | null;
  iscoCode: string | null;
}

export interface ExperienceEntry extends CodedTitle {
  employer: string;
  country: string | null;
  dateFrom: string | null;
  dateTo: string | null;
}

export interface LanguageEntry {
  languageCode: string;
  cefrLevel: string;
}

export interface ProfileLists {
  education: EducationEntry[];
  experience: ExperienceEntry[];
  occupations: CodedTitle[];
  skills: string[];
  languages: LanguageEntry[];
  destinations: string[];
}

export type FullProfile = ProfileRow & ProfileLists;

export type ListName = 'education' | 'experience' | 'occupations';

const LIST_TABLE = {
  education: 'job_seeker_education',
  experience: 'job_seeker_experience',
  occupations: 'job_seeker_occupation',
} as const;

/** The only SQL of the module's profile, on its own tables. */
export class JobSeekersRepository {
  constructor(private readonly db: JobSeekersDb) {}

  /** The connection (for an audit row of a read). */
  executor(): Executor {
    return this.db;
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  /** Accounts that have a profile, oldest first (demo and tests). */
  async userIdsWithProfiles(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('job_seeker')
      .select('user_id')
      .orderBy('created_at')
      .orderBy('user_id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.user_id);
  }

  async profiles(userIds: readonly string[], executor: Executor = this.db): Promise<ProfileRow[]> {
    if (userIds.length === 0) return [];
    const rows = await executor
      .selectFrom('job_seeker')
      .selectAll()
      .where('user_id', 'in', [...userIds])
      .execute();
    return rows.map((row) => ({
      userId: row.user_id,
      givenNames: row.given_names,
      familyName: row.family_name,
      givenNamesLatin: row.given_names_latin,
      familyNameLatin: row.family_name_latin,
      birthDate: row.birth_date,
      sex: row.sex,
      nationality: row.nationality,
      homeSubdivision: row.home_subdivision,
      birthPlace: row.birth_place,
      birthCountry: row.birth_country,
      phone: row.phone,
      email: row.email,
      availabilityDate: row.availability_date,
      intendedStay: row.intended_stay,
      visibility: row.visibility,
      visibleTo: row.visible_to,
      stepsSaved: row.steps_saved,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  async profile(userId: string, executor: Executor = this.db): Promise<ProfileRow | undefined> {
    return (await this.profiles([userId], executor))[0];
  }

  /** The lists of many profiles at once (one query per table). */
  async lists(
    userIds: readonly string[],
    executor: Executor = this.db,
  ): Promise<Map<string, ProfileLists>> {
    const result = new Map<string, ProfileLists>(
      userIds.map((id) => [
        id,
        {
          education: [],
          experience: [],
          occupations: [],
          skills: [],
          languages: [],
          destinations: [],
        },
      ]),
    );
    if (userIds.length === 0) return result;
    const ids = [...userIds];
    const [education, experience, occupations, skills, languages, destinations] = await Promise.all(
      [
        executor
          .selectFrom('job_seeker_education')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('year', (ob) => ob.desc().nullsLast())
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        executor
          .selectFrom('job_seeker_experience')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('date_from', (ob) => ob.desc().nullsLast())
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        executor
          .selectFrom('job_seeker_occupation')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        executor
          .selectFrom('job_seeker_skill')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('skill_id')
          .execute(),
        executor
          .selectFrom('job_seeker_language')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('language_code')
          .execute(),
        executor
          .selectFrom('job_seeker_destination')
          .selectAll()
          .where('user_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('country_code')
          .execute(),
      ],
    );
    for (const row of education)
      result.get(row.user_id)?.education.push({
        id: row.id,
        iscedLevel: row.isced_level,
        iscedField: row.isced_field,
        institution: row.institution,
        country: row.country,
        year: row.year,
      });
    for (const row of experience)
      result.get(row.user_id)?.experience.push({
        id: row.id,
        title: row.title,
        escoOccupationId: row.esco_occupation_id,
        iscoCode: row.isco_code,
        employer: row.employer,
        country: row.country,
        dateFrom: row.date_from,
        dateTo: row.date_to,
      });
    for (const row of occupations)
      result.get(row.user_id)?.occupations.push({
        id: row.id,
        title: row.title,
        escoOccupationId: row.esco_occupation_id,
        iscoCode: row.isco_code,
      });
    for (const row of skills) result.get(row.user_id)?.skills.push(row.skill_id);
    for (const row of languages)
      result.get(row.user_id)?.languages.push({
        languageCode: row.language_code,
        cefrLevel: row.cefr_level,
      });
    for (const row of destinations) result.get(row.user_id)?.destinations.push(row.country_code);
    return result;
  }

  /** Creates the empty profile if there is none (idempotent). */
  async ensure(executor: Executor, userId: string): Promise<void> {
    await executor
      .insertInto('job_seeker')
      .values({ user_id: userId })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }

  /** Marks a step saved and the profile changed. */
  async touch(executor: Executor, userId: string, step: ProfileStep): Promise<void> {
    const row = await executor
      .selectFrom('job_seeker')
      .select('steps_saved')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const steps = row.steps_saved.includes(step) ? row.steps_saved : [...row.steps_saved, step];
    await executor
      .updateTable('job_seeker')
      .set({ steps_saved: steps, updated_at: new Date() })
      .where('user_id', '=', userId)
      .execute();
  }

  /** The bio data; the home subdivision as the service decided (never left out here). */
  async saveBio(
    executor: Executor,
    userId: string,
    bio: BioData & { homeSubdivision: string | null },
  ): Promise<void> {
    await executor
      .updateTable('job_seeker')
      .set({
        home_subdivision: bio.homeSubdivision,
        given_names: bio.givenNames,
        family_name: bio.familyName,
        given_names_latin: bio.givenNamesLatin,
        family_name_latin: bio.familyNameLatin,
        birth_date: bio.birthDate,
        sex: bio.sex,
        nationality: bio.nationality,
        birth_place: bio.birthPlace,
        birth_country: bio.birthCountry,
        phone: bio.phone,
        email: bio.email,
      })
      .where('user_id', '=', userId)
      .execute();
  }

  async setAvailability(executor: Executor, userId: string, date: string | null): Promise<void> {
    await executor
      .updateTable('job_seeker')
      .set({ availability_date: date })
      .where('user_id', '=', userId)
      .execute();
  }

  async setIntendedStay(executor: Executor, userId: string, stay: IntendedStay | null) {
    await executor
      .updateTable('job_seeker')
      .set({ intended_stay: stay })
      .where('user_id', '=', userId)
      .execute();
  }

  /** The country each of these ISO 3166-2 codes belongs to (unknown codes are absent). */
  async subdivisionCountries(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('country_subdivision')
      .select(['code', 'country_code'])
      .where('code', 'in', [...codes])
      .execute();
    return new Map(rows.map((row) => [row.code, row.country_code]));
  }

  async setVisibility(
    executor: Executor,
    userId: string,
    visibility: Visibility,
    visibleTo: readonly VisibleToKind[],
  ): Promise<void> {
    await executor
      .updateTable('job_seeker')
      .set({ visibility, visible_to: [...visibleTo] })
      .where('user_id', '=', userId)
      .execute();
  }

  async addEducation(executor: Executor, userId: string, entry: Omit<EducationEntry, 'id'>) {
    const row = await executor
      .insertInto('job_seeker_education')
      .values({
        user_id: userId,
        isced_level: entry.iscedLevel,
        isced_field: entry.iscedField,
        institution: entry.institution,
        country: entry.country,
        year: entry.year,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addExperience(executor: Executor, userId: string, entry: Omit<ExperienceEntry, 'id'>) {
    const row = await executor
      .insertInto('job_seeker_experience')
      .values({
        user_id: userId,
        title: entry.title,
        esco_occupation_id: entry.escoOccupationId,
        isco_code: entry.iscoCode,
        employer: entry.employer,
        country: entry.country,
        date_from: entry.dateFrom,
        date_to: entry.dateTo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addOccupation(executor: Executor, userId: string, entry: Omit<CodedTitle, 'id'>) {
    const row = await executor
      .insertInto('job_seeker_occupation')
      .values({
        user_id: userId,
        title: entry.title,
        esco_occupation_id: entry.escoOccupationId,
        isco_code: entry.iscoCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Removes one entry of the person's own list; false when there is no such entry of theirs. */
  async removeEntry(executor: Executor, userId: string, list: ListName, id: string) {
    const result = await executor
      .deleteFrom(LIST_TABLE[list])
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async addSkill(executor: Executor, userId: string, skillId: string): Promise<boolean> {
    const row = await executor
      .insertInto('job_seeker_skill')
      .values({ user_id: userId, skill_id: skillId })
      .onConflict((oc) => oc.columns(['user_id', 'skill_id']).doNothing())
      .returning('skill_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async removeSkill(executor: Executor, userId: string, skillId: string): Promise<boolean> {
    const result = await executor
      .deleteFrom('job_seeker_skill')
      .where('user_id', '=', userId)
      .where('skill_id', '=', skillId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Adds a language or changes its level (one level per language). */
  async setLanguage(executor: Executor, userId: string, entry: LanguageEntry): Promise<void> {
    await executor
      .insertInto('job_seeker_language')
      .values({ user_id: userId, language_code: entry.languageCode, cefr_level: entry.cefrLevel })
      .onConflict((oc) =>
        oc.columns(['user_id', 'language_code']).doUpdateSet({ cefr_level: entry.cefrLevel }),
      )
      .execute();
  }

  async removeLanguage(executor: Executor, userId: string, code: string): Promise<boolean> {
    const result = await executor
      .deleteFrom('job_seeker_language')
      .where('user_id', '=', userId)
      .where('language_code', '=', code)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Replaces the preferred destinations with these. */
  async setDestinations(executor: Executor, userId: string, countries: readonly string[]) {
    await executor.deleteFrom('job_seeker_destination').where('user_id', '=', userId).execute();
    if (countries.length === 0) return;
    await executor
      .insertInto('job_seeker_destination')
      .values(countries.map((country_code) => ({ user_id: userId, country_code })))
      .execute();
  }

  /** Profiles whose nationality is one of these countries (origin officers' jurisdiction). */
  async nationalityOf(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('job_seeker')
      .select('nationality')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.nationality ?? null;
  }

  /** Every row of the person's profile, for erasure: deleted, children first. */
  async erase(executor: Executor, userId: string): Promise<void> {
    for (const table of JOB_SEEKER_TABLES) {
      await executor.deleteFrom(table).where('user_id', '=', userId).execute();
    }
  }

  /** ESCO skills' titles (English: the shipped ESCO export has skill labels in English only). */
  async skillTitles(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('esco_skill')
      .select(['id', 'preferred_label_en'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, row.preferred_label_en ?? row.id]));
  }

  /** The ISCO unit group of an ESCO occupation (stored beside the occupation it was coded to). */
  async iscoOfOccupation(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('esco_occupation')
      .select('isco_code')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.isco_code ?? null;
  }

  /** Whether these reference codes exist (form input is checked against the reference data). */
  async existing(
    kind:
      | 'country'
      | 'isced_level'
      | 'isced_field'
      | 'language'
      | 'cefr_level'
      | 'esco_skill'
      | 'esco_occupation'
      | 'isco_group',
    codes: readonly string[],
  ): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const column = kind === 'esco_skill' || kind === 'esco_occupation' ? 'id' : 'code';
    const rows = await this.db
      .selectFrom(kind)
      .select(`${column} as value` as 'code as value')
      .where(column as 'code', 'in', [...codes])
      .execute();
    return new Set(rows.map((row) => String(row.value)));
  }
}
