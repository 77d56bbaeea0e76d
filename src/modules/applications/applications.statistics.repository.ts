import { sql, type SqlBool } from 'kysely';
import type { VacancyTerms } from './application.terms.js';
import type { ApplicationsDb } from './applications.tables.js';

/**
 * The SQL of the statistics' reads of the applications (applications.statistics.ts makes the
 * records): applications by ids (one query for up to 1,000) or a page in id order, and when
 * each of them first entered `accepted` (one query).
 */

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export interface StatApplicationRow {
  id: string;
  vacancy_id: string;
  /** The job order's terms as they were (jsonb: an object, or its text). */
  terms: VacancyTerms | string;
  state: string;
  submitted_at: Date;
}

const COLUMNS = ['id', 'vacancy_id', 'terms', 'state', 'submitted_at'] as const;

export class ApplicationStatisticsRepository {
  constructor(private readonly db: ApplicationsDb) {}

  /** These applications (UUIDs, at most 1,000), in id order. */
  async applications(ids: readonly string[]): Promise<StatApplicationRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('application')
      .select(COLUMNS)
      .where(sql<SqlBool>`id = any(${[...ids]}::uuid[])`)
      .orderBy('id')
      .execute();
  }

  /** The applications after `after` in id order, at most `limit`, read in key order. */
  async page(after: string | null, limit: number): Promise<StatApplicationRow[]> {
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      return trx
        .selectFrom('application')
        .select(COLUMNS)
        .where('id', after === null ? '>=' : '>', after ?? FIRST_UUID)
        .orderBy('id')
        .limit(limit)
        .execute();
    });
  }

  /** When each of these applications first entered `accepted` (the others are absent). */
  async acceptedAt(ids: readonly string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('application_event')
      .select(['application_id', (eb) => eb.fn.min('occurred_at').as('at')])
      .where(sql<SqlBool>`application_id = any(${[...ids]}::uuid[])`)
      .where('to_state', '=', 'accepted')
      .groupBy('application_id')
      .execute();
    return new Map(rows.map((row) => [row.application_id, new Date(row.at)]));
  }
}
