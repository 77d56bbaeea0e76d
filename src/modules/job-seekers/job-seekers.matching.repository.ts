import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  EMPTY_MATCHING_LISTS,
  type MatchingProfileLists,
  type MatchingProfileRow,
} from './job-seekers.matching.js';
import type { JobSeekersDb } from './job-seekers.tables.js';

/**
 * The SQL matching reads of the profiles (job-seekers.matching.ts makes the records): a page of
 * profiles in user_id order, then one query per list table for the whole page, never a query
 * per person. At 1M profiles the index reads 200 pages of 5,000.
 *
 * Every condition on user_id is written so that the planner takes the index whatever it
 * believes about the table (PGlite is never analysed): a page is read in key order (no sort of
 * the rest of the table), the lists of a page by the closed range from its first to its last
 * user id (a two-sided range is estimated small: an index scan), and a list of ids
 * (`= any($ids)`, estimated at 0.5 % of the table per id, so that a long one becomes a
 * sequential scan of every list table) in small chunks. The rows come as one JSON text a table.
 */
/** How many ids one `= any($ids)` query asks for (estimated at 12.5 % of a table: indexed). */
export const ID_CHUNK = 25;

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export class JobSeekersMatchingRepository {
  constructor(private readonly db: JobSeekersDb) {}

  /**
   * The profiles after `after` in user_id order, at most `limit`: the primary key read in order
   * from `after` (sorting is turned off for this one statement, so that no plan sorts every
   * remaining profile to keep the first `limit`).
   */
  async page(after: string | null, limit: number): Promise<MatchingProfileRow[]> {
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      const rows = await trx
        .selectFrom('job_seeker')
        .select(['user_id', 'nationality', 'visibility', 'visible_to', 'availability_date'])
        .where('user_id', after === null ? '>=' : '>', after ?? FIRST_UUID)
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    });
  }

  /** These people's profiles (those without one are absent), in user_id order. */
  async profiles(userIds: readonly string[]): Promise<MatchingProfileRow[]> {
    if (userIds.length === 0) return [];
    if (userIds.length > ID_CHUNK) throw new RangeError(`At most ${ID_CHUNK} ids at a time`);
    const rows = await this.db
      .selectFrom('job_seeker')
      .select(['user_id', 'nationality', 'visibility', 'visible_to', 'availability_date'])
      .where(sql<SqlBool>`user_id = any(${[...userIds]}::uuid[])`)
      .orderBy('user_id')
      .execute();
    return rows.map(fromRow);
  }

  /**
   * The lists of these profiles, one query per table: by the range from the first to the last
   * of them when they are a whole page (every profile between them, as `page` gives), else by
   * their ids (at most ID_CHUNK).
   */
  async lists(
    userIds: readonly string[],
    page?: { first: string; last: string },
  ): Promise<Map<string, MatchingProfileLists>> {
    const result = new Map<string, MatchingProfileLists>(
      userIds.map((id) => [id, EMPTY_MATCHING_LISTS()]),
    );
    if (userIds.length === 0) return result;
    if (!page && userIds.length > ID_CHUNK) throw new RangeError(`At most ${ID_CHUNK} ids`);
    const among = page
      ? sql<SqlBool>`(user_id >= ${page.first}::uuid and user_id <= ${page.last}::uuid)`
      : sql<SqlBool>`user_id = any(${[...userIds]}::uuid[])`;
    // Each table's rows as one JSON text (json_agg): one value to decode per table, not a few
    // fields a row, which reads a page from PGlite markedly faster (JSON.parse is native).
    const [education, occupations, experience, skills, languages, destinations] = await Promise.all(
      [
        this.json<[string, string]>(
          sql`json_build_array(user_id, isced_level)`,
          sql`job_seeker_education`,
          among,
          sql`user_id`,
        ),
        this.json<[string, string | null, string | null]>(
          sql`json_build_array(user_id, esco_occupation_id, isco_code)`,
          sql`job_seeker_occupation`,
          among,
          sql`user_id, created_at, id`,
        ),
        this.json<[string, string | null, string | null, string | null, string | null]>(
          sql`json_build_array(user_id, esco_occupation_id, isco_code, date_from, date_to)`,
          sql`job_seeker_experience`,
          among,
          sql`user_id, created_at, id`,
        ),
        this.json<[string, string]>(
          sql`json_build_array(user_id, skill_id)`,
          sql`job_seeker_skill`,
          among,
          sql`user_id, skill_id`,
        ),
        this.json<[string, string, string]>(
          sql`json_build_array(user_id, language_code, cefr_level)`,
          sql`job_seeker_language`,
          among,
          sql`user_id, language_code`,
        ),
        this.json<[string, string]>(
          sql`json_build_array(user_id, country_code)`,
          sql`job_seeker_destination`,
          among,
          sql`user_id, country_code`,
        ),
      ],
    );
    for (const [userId, level] of education) result.get(userId)?.educationLevels.push(level);
    for (const [userId, escoId, iscoCode] of occupations) {
      result.get(userId)?.occupations.push({ escoId, iscoCode });
    }
    for (const [userId, escoId, iscoCode, dateFrom, dateTo] of experience) {
      result.get(userId)?.experience.push({ escoId, iscoCode, dateFrom, dateTo });
    }
    for (const [userId, skillId] of skills) result.get(userId)?.skills.push(skillId);
    for (const [userId, code, cefrLevel] of languages) {
      result.get(userId)?.languages.push({ code, cefrLevel });
    }
    for (const [userId, country] of destinations) {
      result.get(userId)?.destinations.push(country.trim());
    }
    return result;
  }

  /** One list table's rows for `among`, as arrays, in `order`. */
  private async json<Row extends unknown[]>(
    row: RawBuilder<unknown>,
    table: RawBuilder<unknown>,
    among: RawBuilder<SqlBool>,
    order: RawBuilder<unknown>,
  ): Promise<Row[]> {
    const result = await sql<{ batch: string | null }>`
      select json_agg(${row} order by ${order})::text as batch
      from ${table} where ${among}`.execute(this.db);
    const batch = result.rows[0]?.batch;
    return batch ? (JSON.parse(batch) as Row[]) : [];
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
