import type { StatisticsSource, VacancyStatRecord } from '../statistics/statistics.types.js';
import type {
  VacancyStatisticsRepository,
  VacancyStatRows,
  VacancySelection,
} from './vacancies.statistics.repository.js';
import type { WagePeriod } from './vacancy.states.js';
import { monthlyAmount } from './wage.js';

/**
 * The job orders as the statistics module reads them (statistics.types.ts, VacancyStatRecord):
 * every job order whatever its state (drafts too: the statistics leave them out), with its
 * position fills (vacancy_position_fill, numbered 1, 2… in the order they were filled) and its
 * lifecycle history (vacancy_event, in the order written: event, when, the actor's
 * organisation). No names, no free text.
 *
 * The wage a month (wage.ts: hourly × weekly hours × 52/12, daily × 6 × 52/12, weekly × 52/12,
 * yearly ÷ 12) is converted to US dollars with the indicative rate the module keeps
 * (exchange_rate, data/reference/exchange-rates.csv) and rounded to the cent; null when the
 * currency has no rate. That table keeps ONE rate per currency (its `as_of` date), replaced when
 * the file changes: the rate nearest before the approval date and the latest rate are therefore
 * the same one, and a job order's dollar wage follows the file (no history of rates is kept).
 *
 * Three queries (vacancies.statistics.repository.ts) per batch of 1,000 ids or per page.
 */

/** At most this many ids in one query (the contract's batches are of 1,000). */
export const VACANCY_STATISTICS_ID_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that can be records' (UUIDs), lower-cased as PostgreSQL writes them, without repeats. */
export function uuidsOf(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
}

/** `after` of a page: null or a UUID (anything else is the caller's mistake). */
export function pageStart(after: string | null): string | null {
  if (after !== null && !UUID.test(after)) throw new RangeError(`Not a record id: ${after}`);
  return after;
}

/** The wage a month in US dollars at `usdPerUnit`, rounded to the cent; null without a rate. */
export function wageUsdMonthly(
  wage: { amount: string | number; period: WagePeriod; hoursPerWeek: string | number },
  usdPerUnit: string | number | null,
): number | null {
  if (usdPerUnit === null) return null;
  const amount = Number(wage.amount);
  const rate = Number(usdPerUnit);
  const hours = Number(wage.hoursPerWeek);
  if (!Number.isFinite(amount) || !Number.isFinite(rate) || !(rate > 0)) return null;
  return Math.round(monthlyAmount(amount, wage.period, hours) * rate * 100) / 100;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class VacancyStatisticsSource implements StatisticsSource<VacancyStatRecord> {
  constructor(private readonly repository: VacancyStatisticsRepository) {}

  /** These job orders (unknown or malformed ids are absent), in id order. */
  async byIds(ids: readonly string[]): Promise<VacancyStatRecord[]> {
    const wanted = uuidsOf(ids);
    const records: VacancyStatRecord[] = [];
    for (let start = 0; start < wanted.length; start += VACANCY_STATISTICS_ID_BATCH) {
      const batch = wanted.slice(start, start + VACANCY_STATISTICS_ID_BATCH);
      records.push(...(await this.read({ ids: batch })));
    }
    return records.sort(byId);
  }

  /** The job orders with an id greater than `after` (null: from the first), by id. */
  async page(after: string | null, limit: number): Promise<VacancyStatRecord[]> {
    const start = pageStart(after);
    if (!Number.isInteger(limit) || limit <= 0) return [];
    return this.read({ after: start, limit });
  }

  private async read(selection: VacancySelection): Promise<VacancyStatRecord[]> {
    return assemble(await this.repository.rows(selection));
  }
}

/** The records from the rows: fills numbered in order, events in order. */
export function assemble({ vacancies, fills, events }: VacancyStatRows): VacancyStatRecord[] {
  const records = new Map<string, VacancyStatRecord>(
    vacancies.map((row) => [
      row.id,
      {
        id: row.id,
        origin: row.originCountry,
        destination: row.destinationCountry,
        destinationSubdivision: row.destinationSubdivision,
        isco: row.iscoCode,
        contractMonths: row.contractMonths,
        wageUsdMonthly: wageUsdMonthly(
          { amount: row.wageAmount, period: row.wagePeriod, hoursPerWeek: row.hoursPerWeek },
          row.usdPerUnit,
        ),
        positions: row.positions,
        approvedAt: row.approvedAt,
        publishedAt: row.publishedAt,
        fills: [],
        history: [],
      },
    ]),
  );
  for (const fill of fills) {
    const record = records.get(fill.vacancyId);
    record?.fills.push({ n: record.fills.length + 1, filledAt: fill.filledAt });
  }
  for (const event of events) {
    records.get(event.vacancyId)?.history.push({
      event: event.event,
      at: event.occurredAt,
      actorOrganisationId: event.actorOrganisationId,
    });
  }
  return [...records.values()];
}
