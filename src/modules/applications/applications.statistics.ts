import type {
  ApplicationStatRecord,
  StatisticsSource,
  VacancyStatRecord,
} from '../statistics/statistics.types.js';
import type { VacancyTerms } from './application.terms.js';
import type {
  ApplicationStatisticsRepository,
  StatApplicationRow,
} from './applications.statistics.repository.js';

/**
 * The applications as the statistics module reads them (statistics.types.ts,
 * ApplicationStatRecord), by application id: codes and times only, never the person.
 *
 * - destination and ISCO unit group: from the application's own snapshot of the job order's
 *   terms (`application.terms`, as they were when the person applied);
 * - origin and the job order's approval time: the snapshot holds neither, so they come from the
 *   vacancies module's statistics source (`vacancyStatistics.byIds`, one call per batch);
 * - acceptedAt: when the application first entered `accepted` (application_event), or null;
 * - submittedAt and state: the application's own columns.
 *
 * An application whose person was erased stays: erasure removes the link to the person, the
 * note and the documents, not the organisation's record of its recruitment, and the record
 * given here holds nothing of the person. An application whose job order cannot be found (never
 * expected: a foreign key holds it) is left out, since its corridor is unknown.
 *
 * Batched: for up to 1,000 ids, or a page, two queries (applications.statistics.repository.ts:
 * the applications, their `accepted` events) and one call to the vacancies' source for their distinct job orders.
 *
 * Changes are published as `application.<past tense of the lifecycle event>` (submitted,
 * shortlisted, interview_scheduled, interviewed, selected, offered, rejected, withdrawn,
 * accepted, declined), subject type `application`, subject id the application id. Erasure of the
 * person publishes nothing here: it changes nothing this record holds.
 */

/** At most this many ids in one query. */
export const APPLICATION_STATISTICS_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What this source needs of the vacancies module: its job orders by id. */
export type VacancyStatisticsPort = Pick<StatisticsSource<VacancyStatRecord>, 'byIds'>;

export class ApplicationStatisticsSource implements StatisticsSource<ApplicationStatRecord> {
  constructor(
    private readonly repository: ApplicationStatisticsRepository,
    /** Read at call time (the vacancies module's source). */
    private readonly vacancies: () => VacancyStatisticsPort,
  ) {}

  /** These applications (unknown or malformed ids are absent), in id order. */
  async byIds(ids: readonly string[]): Promise<ApplicationStatRecord[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const records: ApplicationStatRecord[] = [];
    for (let start = 0; start < wanted.length; start += APPLICATION_STATISTICS_BATCH) {
      const batch = wanted.slice(start, start + APPLICATION_STATISTICS_BATCH);
      records.push(...(await this.records(await this.repository.applications(batch))));
    }
    return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The applications with an id greater than `after` (null: from the first), by id. */
  async page(after: string | null, limit: number): Promise<ApplicationStatRecord[]> {
    if (after !== null && !UUID.test(after))
      throw new RangeError(`Not an application id: ${after}`);
    if (!Number.isInteger(limit) || limit <= 0) return [];
    return this.records(await this.repository.page(after, limit));
  }

  private async records(rows: StatApplicationRow[]): Promise<ApplicationStatRecord[]> {
    if (rows.length === 0) return [];
    const [acceptedAt, vacancies] = await Promise.all([
      this.repository.acceptedAt(rows.map((row) => row.id)),
      this.vacancies().byIds([...new Set(rows.map((row) => row.vacancy_id))]),
    ]);
    return toRecords(rows, acceptedAt, vacancies);
  }
}

/** The records of these applications, their acceptance and their job orders (pure). */
export function toRecords(
  rows: StatApplicationRow[],
  acceptedAt: ReadonlyMap<string, Date>,
  vacancies: readonly VacancyStatRecord[],
): ApplicationStatRecord[] {
  const vacancyOf = new Map(vacancies.map((vacancy) => [vacancy.id, vacancy]));
  return rows.flatMap((row): ApplicationStatRecord[] => {
    const vacancy = vacancyOf.get(row.vacancy_id);
    if (!vacancy) return [];
    const terms = (
      typeof row.terms === 'string' ? JSON.parse(row.terms) : row.terms
    ) as Partial<VacancyTerms>;
    return [
      {
        id: row.id,
        vacancyId: row.vacancy_id,
        origin: vacancy.origin,
        destination: terms.destinationCountry ?? vacancy.destination,
        isco: terms.iscoCode ?? vacancy.isco,
        vacancyApprovedAt: vacancy.approvedAt,
        submittedAt: row.submitted_at,
        acceptedAt: acceptedAt.get(row.id) ?? null,
        state: row.state,
      },
    ];
  });
}
