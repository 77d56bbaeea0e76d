import { sql } from 'kysely';
import { amongChildren, amongIds, type IdSelection } from '../../platform/db/id-selection.js';
import type { VacanciesDb } from './vacancy.tables.js';
import type { WagePeriod } from './vacancy.states.js';

/**
 * The SQL of the statistics source (vacancies.statistics.ts): job orders with their rate, their
 * fills and their events, in three queries for a list of ids or a page by id.
 *
 * A page's fills and events are read for its closed range of ids (the page is every job order
 * between its first and last id), a list's for the same list (one array parameter). Both are
 * read with sequential scans off, in a transaction of their own, so that the planner walks the
 * primary key and the (vacancy_id, …) indexes even on a database never analysed (PGlite), as the
 * matching feed does (search/matching-feed.repository.ts).
 */

export interface VacancyStatRow {
  id: string;
  originCountry: string;
  destinationCountry: string;
  destinationSubdivision: string | null;
  iscoCode: string;
  contractMonths: number;
  positions: number;
  wageAmount: string;
  wagePeriod: WagePeriod;
  hoursPerWeek: string;
  /** The indicative rate of the wage's currency (exchange_rate), or null. */
  usdPerUnit: string | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
}

export interface VacancyFillRow {
  vacancyId: string;
  filledAt: Date;
}

export interface VacancyEventStatRow {
  vacancyId: string;
  event: string;
  occurredAt: Date;
  actorOrganisationId: string | null;
}

export interface VacancyStatRows {
  /** By id. */
  vacancies: VacancyStatRow[];
  /** By job order, then in the order filled. */
  fills: VacancyFillRow[];
  /** By job order, then in the order written. */
  events: VacancyEventStatRow[];
}

/** Which job orders: these ids, or the first `limit` after `after` (null: from the first). */
export type VacancySelection = IdSelection;

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null): Date | null =>
  value === null ? null : asDate(value);

export class VacancyStatisticsRepository {
  constructor(private readonly db: VacanciesDb) {}

  /** Ids must be UUIDs (the caller filters them). */
  async rows(selection: VacancySelection): Promise<VacancyStatRows> {
    const empty: VacancyStatRows = { vacancies: [], fills: [], events: [] };
    if ('ids' in selection && selection.ids.length === 0) return empty;
    const selected = amongIds(selection);
    const { among, limit } = selected;

    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      let query = trx
        .selectFrom('vacancy')
        .leftJoin('exchange_rate', 'exchange_rate.currency', 'vacancy.wage_currency')
        .select([
          'vacancy.id',
          'vacancy.origin_country',
          'vacancy.destination_country',
          'vacancy.destination_subdivision',
          'vacancy.isco_code',
          'vacancy.contract_months',
          'vacancy.positions',
          'vacancy.wage_amount',
          'vacancy.wage_period',
          'vacancy.hours_per_week',
          'vacancy.approved_at',
          'vacancy.published_at',
          'exchange_rate.usd_per_unit',
        ])
        .where(among('vacancy.id'))
        .orderBy('vacancy.id');
      if (limit !== null) query = query.limit(limit);
      const rows = await query.execute();
      if (rows.length === 0) return empty;

      const children = amongChildren(selected, rows[0]!.id, rows.at(-1)!.id);
      const [fills, events] = await Promise.all([
        trx
          .selectFrom('vacancy_position_fill')
          .select(['vacancy_id', 'filled_at'])
          .where(children('vacancy_position_fill.vacancy_id'))
          .orderBy('vacancy_id')
          .orderBy('filled_at')
          .orderBy('id')
          .execute(),
        trx
          .selectFrom('vacancy_event')
          .select(['vacancy_id', 'event', 'occurred_at', 'actor_organisation_id'])
          .where(children('vacancy_event.vacancy_id'))
          .orderBy('vacancy_id')
          .orderBy('id')
          .execute(),
      ]);
      return {
        vacancies: rows.map((row) => ({
          id: row.id,
          originCountry: row.origin_country,
          destinationCountry: row.destination_country,
          destinationSubdivision: row.destination_subdivision,
          iscoCode: row.isco_code,
          contractMonths: row.contract_months,
          positions: row.positions,
          wageAmount: row.wage_amount,
          wagePeriod: row.wage_period,
          hoursPerWeek: row.hours_per_week,
          usdPerUnit: row.usd_per_unit,
          approvedAt: asDateOrNull(row.approved_at),
          publishedAt: asDateOrNull(row.published_at),
        })),
        fills: fills.map((fill) => ({
          vacancyId: fill.vacancy_id,
          filledAt: asDate(fill.filled_at),
        })),
        events: events.map((event) => ({
          vacancyId: event.vacancy_id,
          event: event.event,
          occurredAt: asDate(event.occurred_at),
          actorOrganisationId: event.actor_organisation_id,
        })),
      };
    });
  }
}
