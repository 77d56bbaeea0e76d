import { sql } from 'kysely';
import type { Executor } from './job-orders.repository.js';
import type { WagePeriod } from './vacancy.states.js';

export interface MinimumWageRecord {
  id: string;
  originCountry: string;
  destinationCountry: string;
  /** null: every occupation. */
  iscoCode: string | null;
  amount: string;
  currency: string;
  period: WagePeriod;
  updatedAt: Date;
}

function toRecord(row: {
  id: string;
  origin_country: string;
  destination_country: string;
  isco_code: string | null;
  amount: string;
  currency: string;
  period: WagePeriod;
  updated_at: Date;
}): MinimumWageRecord {
  return {
    id: row.id,
    originCountry: row.origin_country,
    destinationCountry: row.destination_country,
    iscoCode: row.isco_code,
    amount: row.amount,
    currency: row.currency,
    period: row.period,
    updatedAt: row.updated_at,
  };
}

export class MinimumWagesRepository {
  constructor(private readonly db: Executor) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async list(originCountries: string[] | 'all'): Promise<MinimumWageRecord[]> {
    let query = this.db.selectFrom('minimum_wage').selectAll();
    if (originCountries !== 'all') {
      if (originCountries.length === 0) return [];
      query = query.where('origin_country', 'in', originCountries);
    }
    const rows = await query
      .orderBy('origin_country')
      .orderBy('destination_country')
      .orderBy(sql`coalesce(isco_code, '')`)
      .execute();
    return rows.map(toRecord);
  }

  async find(id: string): Promise<MinimumWageRecord | null> {
    const row = await this.db
      .selectFrom('minimum_wage')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The floor that applies: the longest ISCO code that prefixes the occupation's, or the default. */
  async applicable(
    executor: Executor,
    originCountry: string,
    destinationCountry: string,
    iscoCode: string,
  ): Promise<MinimumWageRecord | null> {
    const prefixes = [1, 2, 3, 4].map((length) => iscoCode.slice(0, length));
    const row = await executor
      .selectFrom('minimum_wage')
      .selectAll()
      .where('origin_country', '=', originCountry)
      .where('destination_country', '=', destinationCountry)
      .where((eb) => eb.or([eb('isco_code', 'is', null), eb('isco_code', 'in', prefixes)]))
      .orderBy(sql`coalesce(length(isco_code), 0)`, 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** One floor per origin × destination × occupation code: setting it again replaces it. */
  async upsert(
    trx: Executor,
    input: {
      originCountry: string;
      destinationCountry: string;
      iscoCode: string | null;
      amount: string;
      currency: string;
      period: WagePeriod;
      setBy: string | null;
    },
  ): Promise<{ record: MinimumWageRecord; before: MinimumWageRecord | null }> {
    const existing = await trx
      .selectFrom('minimum_wage')
      .selectAll()
      .where('origin_country', '=', input.originCountry)
      .where('destination_country', '=', input.destinationCountry)
      .where(sql<string>`coalesce(isco_code, '')`, '=', input.iscoCode ?? '')
      .forUpdate()
      .executeTakeFirst();
    const values = {
      amount: input.amount,
      currency: input.currency,
      period: input.period,
      set_by_organisation_id: input.setBy,
    };
    const row = existing
      ? await trx
          .updateTable('minimum_wage')
          .set({ ...values, updated_at: sql<Date>`now()` })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('minimum_wage')
          .values({
            ...values,
            origin_country: input.originCountry,
            destination_country: input.destinationCountry,
            isco_code: input.iscoCode,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    return { record: toRecord(row), before: existing ? toRecord(existing) : null };
  }

  async remove(trx: Executor, id: string): Promise<void> {
    await trx.deleteFrom('minimum_wage').where('id', '=', id).execute();
  }
}
