import { sql, type SqlBool } from 'kysely';
import {
  EMPTY_MATCHING_LISTS,
  type MatchingProfileLists,
  type MatchingProfileRow,
} from './job-seekers.matching.js';
import type { JobSeekersDb } from './job-seekers.tables.js';

/**
 * The SQL matching reads of the profiles (job-seekers.matching.ts makes the records): a page of
 * profiles in user_id order, then one query per list table for the whole page (`user_id =
 * any($ids)`, one array parameter), never a query per person. At 1M profiles the index reads
 * 200 pages of 5,000, each one range scan of the primary key and seven indexed reads.
 */
export class JobSeekersMatchingRepository {
  constructor(private readonly db: JobSeekersDb) {}

  /** The profiles after `after` in user_id order, at most `limit`. */
  async page(after: string | null, limit: number): Promise<MatchingProfileRow[]> {
    let query = this.db
      .selectFrom('job_seeker')
      .select(['user_id', 'nationality', 'visibility', 'visible_to', 'availability_date'])
      .orderBy('user_id')
      .limit(limit);
    if (after !== null) query = query.where('user_id', '>', after);
    return (await query.execute()).map(fromRow);
  }

  /** These people's profiles (those without one are absent), in user_id order. */
  async profiles(userIds: readonly string[]): Promise<MatchingProfileRow[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('job_seeker')
      .select(['user_id', 'nationality', 'visibility', 'visible_to', 'availability_date'])
      .where(sql<SqlBool>`user_id = any(${[...userIds]}::uuid[])`)
      .orderBy('user_id')
      .execute();
    return rows.map(fromRow);
  }

  /** The lists of these profiles: one query per table. */
  async lists(userIds: readonly string[]): Promise<Map<string, MatchingProfileLists>> {
    const result = new Map<string, MatchingProfileLists>(
      userIds.map((id) => [id, EMPTY_MATCHING_LISTS()]),
    );
    if (userIds.length === 0) return result;
    const ids = [...userIds];
    const among = sql<SqlBool>`user_id = any(${ids}::uuid[])`;
    const [education, occupations, experience, skills, languages, destinations] = await Promise.all(
      [
        this.db
          .selectFrom('job_seeker_education')
          .select(['user_id', 'isced_level'])
          .where(among)
          .execute(),
        this.db
          .selectFrom('job_seeker_occupation')
          .select(['user_id', 'esco_occupation_id', 'isco_code'])
          .where(among)
          .orderBy('user_id')
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        this.db
          .selectFrom('job_seeker_experience')
          .select(['user_id', 'esco_occupation_id', 'isco_code', 'date_from', 'date_to'])
          .where(among)
          .orderBy('user_id')
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        this.db
          .selectFrom('job_seeker_skill')
          .select(['user_id', 'skill_id'])
          .where(among)
          .orderBy('user_id')
          .orderBy('skill_id')
          .execute(),
        this.db
          .selectFrom('job_seeker_language')
          .select(['user_id', 'language_code', 'cefr_level'])
          .where(among)
          .orderBy('user_id')
          .orderBy('language_code')
          .execute(),
        this.db
          .selectFrom('job_seeker_destination')
          .select(['user_id', 'country_code'])
          .where(among)
          .orderBy('user_id')
          .orderBy('country_code')
          .execute(),
      ],
    );
    for (const row of education) result.get(row.user_id)?.educationLevels.push(row.isced_level);
    for (const row of occupations) {
      result
        .get(row.user_id)
        ?.occupations.push({ escoId: row.esco_occupation_id, iscoCode: row.isco_code });
    }
    for (const row of experience) {
      result.get(row.user_id)?.experience.push({
        escoId: row.esco_occupation_id,
        iscoCode: row.isco_code,
        dateFrom: row.date_from,
        dateTo: row.date_to,
      });
    }
    for (const row of skills) result.get(row.user_id)?.skills.push(row.skill_id);
    for (const row of languages) {
      result
        .get(row.user_id)
        ?.languages.push({ code: row.language_code, cefrLevel: row.cefr_level });
    }
    for (const row of destinations) {
      result.get(row.user_id)?.destinations.push(row.country_code.trim());
    }
    return result;
  }
}

function fromRow(row: {
  user_id: string;
  nationality: string | null;
  visibility: MatchingProfileRow['visibility'];
  visible_to: MatchingProfileRow['visibleTo'];
  availability_date: string | null;
}): MatchingProfileRow {
  return {
    userId: row.user_id,
    nationality: row.nationality,
    visibility: row.visibility,
    visibleTo: row.visible_to,
    availabilityDate: row.availability_date,
  };
}
