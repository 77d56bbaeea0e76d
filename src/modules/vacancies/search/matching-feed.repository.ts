import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { VacancyRecord } from '../../matching/matching.types.js';
import { listedOn, type SearchDb } from './public-vacancy.repository.js';

/**
 * The SQL the matching index reads of the vacancies (matching.types.ts, VacancyRecord): the
 * vacancies in state 'published' whose application deadline is today or later (`listedOn`,
 * the same rule as the public search), a page in number order, then one query per child table
 * for the whole page. The agency licence is not checked here: the index asks licensing for the
 * licensed agencies, as the search does. `today` is a UTC 'YYYY-MM-DD'.
 *
 * Written so that the planner takes the indexes whatever it believes about the tables (PGlite
 * is never analysed): a page is read in number order (no sort of the rest of the table), the
 * skills and languages of a page are read for the vacancies of its range of numbers, and a list
 * of ids is asked for in small chunks (`= any($ids)` is estimated at 0.5 % of the table per
 * id, so that a long list becomes a sequential scan).
 */

/** A vacancy's own row, before its skills and languages are added. */
interface FeedRow {
  id: string;
  number: number;
  employerId: string;
  agencyId: string | null;
  originCountry: string;
  destinationCountry: string;
  occupationId: string | null;
  iscoCode: string;
  minIscedLevel: string | null;
  experienceMonths: number;
  deadline: string;
  publishedAt: Date | string | null;
}

/** How many ids one `= any($ids)` query asks for (estimated at 12.5 % of a table: indexed). */
export const MATCHING_ID_CHUNK = 25;
const ID_CHUNK = MATCHING_ID_CHUNK;

const CEFR_RANK: Readonly<Record<string, number>> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6 };

/** An ISCED 2011 level code ('0'…'8') as a number; anything else is null. */
export function iscedNumber(code: string | null): number | null {
  return code !== null && /^[0-8]$/.test(code) ? Number(code) : null;
}

export class MatchingFeedRepository {
  constructor(private readonly db: SearchDb) {}

  private base(today: string, executor: SearchDb = this.db) {
    return executor
      .selectFrom('vacancy')
      .select([
        'vacancy.id',
        'vacancy.number',
        'vacancy.employer_organisation_id',
        'vacancy.agency_organisation_id',
        'vacancy.origin_country',
        'vacancy.destination_country',
        'vacancy.occupation_id',
        'vacancy.isco_code',
        'vacancy.min_isced_level',
        'vacancy.experience_months',
        sql<string>`vacancy.application_deadline::text`.as('application_deadline'),
        sql<Date | null>`vacancy.published_at`.as('published_at'),
      ])
      .where(sql<SqlBool>`${listedOn(today)} is true`);
  }

  /** The matching vacancies numbered after `afterNumber`, in number order, at most `limit`. */
  async page(today: string, afterNumber: number, limit: number): Promise<VacancyRecord[]> {
    // Sorting and sequential scans off for this read only: the number index is read in order
    // from afterNumber (rather than every remaining vacancy sorted to keep the first `limit`),
    // and the skills and languages through their primary keys (rather than the whole tables
    // hashed for every page).
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = (
        await this.base(today, trx)
          .where('vacancy.number', '>', afterNumber)
          .orderBy('vacancy.number')
          .limit(limit)
          .execute()
      ).map(fromRow);
      if (rows.length === 0) return [];
      const numbers = { first: rows[0]!.number, last: rows.at(-1)!.number };
      return this.complete(
        rows,
        (column) => sql<SqlBool>`${sql.ref(column)} in (select v.id from vacancy v
          where v.number >= ${numbers.first} and v.number <= ${numbers.last})`,
        trx,
      );
    });
  }

  /** These vacancies (by id) if they match today's rule; the others are absent. */
  async ofIds(today: string, ids: readonly string[]): Promise<VacancyRecord[]> {
    if (ids.length === 0) return [];
    if (ids.length > ID_CHUNK) throw new RangeError(`At most ${ID_CHUNK} ids at a time`);
    const among = (column: string) => sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::uuid[])`;
    const rows = await this.base(today)
      .where(among('vacancy.id'))
      .orderBy('vacancy.number')
      .execute();
    return this.complete(rows.map(fromRow), among);
  }

  /** The listed ones among these numbers (published, in date), with their agency. */
  async listed(
    today: string,
    numbers: readonly number[],
  ): Promise<Map<number, { agencyId: string | null }>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('vacancy')
      .select(['vacancy.number', 'vacancy.agency_organisation_id'])
      .where('vacancy.number', 'in', [...numbers])
      .where(sql<SqlBool>`${listedOn(today)} is true`)
      .execute();
    return new Map(
      rows.map((row) => [Number(row.number), { agencyId: row.agency_organisation_id }]),
    );
  }

  /**
   * Skills (essential and optional) and languages of these rows, one query per table; `among`
   * selects their vacancy ids (and may select others, which are left out).
   */
  private async complete(
    rows: FeedRow[],
    among: (column: string) => RawBuilder<SqlBool>,
    executor: SearchDb = this.db,
  ): Promise<VacancyRecord[]> {
    if (rows.length === 0) return [];
    const [skills, languages] = await Promise.all([
      executor
        .selectFrom('vacancy_skill')
        .select(['vacancy_id', 'skill_id', 'essential'])
        .where(among('vacancy_skill.vacancy_id'))
        .orderBy('vacancy_id')
        .orderBy('skill_id')
        .execute(),
      executor
        .selectFrom('vacancy_language')
        .select(['vacancy_id', 'language', 'cefr_level'])
        .where(among('vacancy_language.vacancy_id'))
        .orderBy('vacancy_id')
        .orderBy('language')
        .execute(),
    ]);
    const records = new Map<string, VacancyRecord>(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          number: row.number,
          employerId: row.employerId,
          agencyId: row.agencyId,
          originCountry: row.originCountry,
          destinationCountry: row.destinationCountry,
          occupation: { escoId: row.occupationId, iscoCode: row.iscoCode },
          essentialSkills: [],
          optionalSkills: [],
          languages: [],
          minIscedLevel: iscedNumber(row.minIscedLevel),
          experienceMonths: row.experienceMonths,
          deadline: row.deadline,
          publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : '',
        },
      ]),
    );
    for (const skill of skills) {
      const record = records.get(skill.vacancy_id);
      if (!record) continue;
      (skill.essential ? record.essentialSkills : record.optionalSkills).push(skill.skill_id);
    }
    for (const language of languages) {
      const level = CEFR_RANK[language.cefr_level];
      if (level === undefined) continue;
      records.get(language.vacancy_id)?.languages.push({
        code: language.language.toLowerCase(),
        level,
      });
    }
    return [...records.values()];
  }
}

function fromRow(row: {
  id: string;
  number: number | string;
  employer_organisation_id: string;
  agency_organisation_id: string | null;
  origin_country: string;
  destination_country: string;
  occupation_id: string | null;
  isco_code: string;
  min_isced_level: string | null;
  experience_months: number;
  application_deadline: string;
  published_at: Date | string | null;
}): FeedRow {
  return {
    id: row.id,
    number: Number(row.number),
    employerId: row.employer_organisation_id,
    agencyId: row.agency_organisation_id,
    originCountry: row.origin_country.trim(),
    destinationCountry: row.destination_country.trim(),
    occupationId: row.occupation_id,
    iscoCode: row.isco_code,
    minIscedLevel: row.min_isced_level,
    experienceMonths: row.experience_months,
    deadline: row.application_deadline,
    publishedAt: row.published_at,
  };
}
