import type { VacanciesDb } from './vacancy.tables.js';

export interface IndicativeRate {
  usdPerUnit: number;
  asOf: string;
}

/** The indicative exchange rates (seeded from data/reference/exchange-rates.csv). */
export class ExchangeRatesRepository {
  constructor(private readonly db: VacanciesDb) {}

  async all(): Promise<Map<string, IndicativeRate>> {
    const rows = await this.db
      .selectFrom('exchange_rate')
      .select(['currency', 'usd_per_unit', 'as_of'])
      .execute();
    return new Map(
      rows.map((row) => [row.currency, { usdPerUnit: Number(row.usd_per_unit), asOf: row.as_of }]),
    );
  }
}
