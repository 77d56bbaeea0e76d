import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DurationBand } from '../statistics/statistics.types.js';
import type { JobSeekersDb } from './job-seekers.tables.js';

/**
 * The SQL of the statistics' reads of the profiles (job-seekers.statistics.ts makes the
 * records): profiles by ids (one query for up to 1,000) or a page in user_id order, then one
 * query per list table for all of them (by the page's closed range of ids, or by the ids), each
 * table's rows as one JSON text.
 */

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export interface StatProfileRow {
  user_id: string;
  steps_saved: string[];
  created_at: Date;
  nationality: string | null;
  home_subdivision: string | null;
  sex: 'F' | 'M' | 'X' | null;
  birth_date: string | null;
  intended_stay: DurationBand | null;
}

/** Each list table's rows as [user id, code]. */
export interface StatListRows {
  education: [string, string][];
  occupations: [string, string][];
  languages: [string, string][];
  destinations: [string, string][];
}

const PROFILE_COLUMNS = [
  'user_id',
  'steps_saved',
  'created_at',
  'nationality',
  'home_subdivision',
  'sex',
  'birth_date',
  'intended_stay',
] as const;

export class JobSeekerStatisticsRepository {
  constructor(private readonly db: JobSeekersDb) {}

  /** These profiles (UUIDs, at most 1,000), in user_id order. */
  async profiles(ids: readonly string[]): Promise<StatProfileRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('job_seeker')
      .select(PROFILE_COLUMNS)
      .where(sql<SqlBool>`user_id = any(${[...ids]}::uuid[])`)
      .orderBy('user_id')
      .execute();
  }

  /** The profiles after `after` in user_id order, at most `limit`, read in key order. */
  async page(after: string | null, limit: number): Promise<StatProfileRow[]> {
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      return trx
        .selectFrom('job_seeker')
        .select(PROFILE_COLUMNS)
        .where('user_id', after === null ? '>=' : '>', after ?? FIRST_UUID)
        .orderBy('user_id')
        .limit(limit)
        .execute();
    });
  }

  /**
   * The lists of these profiles, one query per table: by the range from the first to the last
   * when they are a whole page (every profile between them), else by their ids. Occupations
   * wanted only when coded.
   */
  async lists(
    ids: readonly string[],
    page?: { first: string; last: string },
  ): Promise<StatListRows> {
    if (ids.length === 0)
      return { education: [], occupations: [], languages: [], destinations: [] };
    const among = page
      ? sql<SqlBool>`(user_id >= ${page.first}::uuid and user_id <= ${page.last}::uuid)`
      : sql<SqlBool>`user_id = any(${[...ids]}::uuid[])`;
    const [education, occupations, languages, destinations] = await Promise.all([
      this.json(sql`json_build_array(user_id, isced_level)`, sql`job_seeker_education`, among),
      this.json(
        sql`json_build_array(user_id, isco_code)`,
        sql`job_seeker_occupation`,
        sql<SqlBool>`${among} and isco_code is not null`,
        sql`user_id, created_at, id`,
      ),
      this.json(
        sql`json_build_array(user_id, language_code)`,
        sql`job_seeker_language`,
        among,
        sql`user_id, language_code`,
      ),
      this.json(
        sql`json_build_array(user_id, country_code)`,
        sql`job_seeker_destination`,
        among,
        sql`user_id, country_code`,
      ),
    ]);
    return { education, occupations, languages, destinations };
  }

  private async json(
    row: RawBuilder<unknown>,
    table: RawBuilder<unknown>,
    among: RawBuilder<SqlBool>,
    order: RawBuilder<unknown> = sql`user_id`,
  ): Promise<[string, string][]> {
    const result = await sql<{ batch: string | null }>`
      select json_agg(${row} order by ${order})::text as batch
      from ${table} where ${among}`.execute(this.db);
    const batch = result.rows[0]?.batch;
    return batch ? (JSON.parse(batch) as [string, string][]) : [];
  }
}
