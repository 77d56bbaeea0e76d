import type { Db } from '../../database.js';
import type { WagePeriod } from '../../modules/vacancies/vacancy.states.js';
import type { Executor } from '../../devtools/generate/vacancy-batches.repository.js';

/** What the demo job orders need from the database, and their minimum wages. */
export class DemoVacanciesRepository {
  constructor(private readonly db: Db) {}

  async vacancyExists(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('vacancy')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Adds the floors that are not set yet; an existing floor (edited by an officer) stays. */
  async addMinimumWages(
    executor: Executor,
    floors: readonly {
      originCountry: string;
      destinationCountry: string;
      iscoCode: string | null;
      amount: string;
      currency: string;
      period: WagePeriod;
      setByOrganisationId: string | null;
    }[],
  ): Promise<number> {
    const existing = await executor
      .selectFrom('minimum_wage')
      .select(['origin_country', 'destination_country', 'isco_code'])
      .execute();
    const key = (origin: string, destination: string, isco: string | null) =>
      `${origin}/${destination}/${isco ?? ''}`;
    const set = new Set(
      existing.map((row) => key(row.origin_country, row.destination_country, row.isco_code)),
    );
    const missing = floors.filter(
      (floor) => !set.has(key(floor.originCountry, floor.destinationCountry, floor.iscoCode)),
    );
    if (missing.length === 0) return 0;
    await executor
      .insertInto('minimum_wage')
      .values(
        missing.map((floor) => ({
          origin_country: floor.originCountry,
          destination_country: floor.destinationCountry,
          isco_code: floor.iscoCode,
          amount: floor.amount,
          currency: floor.currency,
          period: floor.period,
          set_by_organisation_id: floor.setByOrganisationId,
        })),
      )
      .execute();
    return missing.length;
  }
}
