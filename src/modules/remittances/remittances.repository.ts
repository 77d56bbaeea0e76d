import { sql, type Transaction } from 'kysely';
import type { PaymentMethod, ProviderKind, QuoteSource, Speed } from './remittance-cost.js';
import type { RemittancesDb, RemittancesTables } from './remittances.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export type Executor = RemittancesDb | Transaction<RemittancesTables & ReferenceTables>;

export interface Corridor {
  fromCountry: string;
  toCountry: string;
  quotes: number;
}

export interface QuoteRecord {
  id: string;
  provider: string;
  providerKind: ProviderKind;
  demo: boolean;
  sendCurrency: string;
  amountMin: number;
  amountMax: number | null;
  feeFixed: number;
  feePercent: number;
  fxMarginPercent: number;
  speed: Speed;
  payIn: PaymentMethod;
  payOut: PaymentMethod;
  observedOn: string;
  source: QuoteSource;
}

export interface NewQuote {
  providerId: string;
  fromCountry: string;
  toCountry: string;
  sendCurrency: string;
  amountMin: string;
  amountMax: string | null;
  feeFixed: string;
  feePercent: string;
  fxMarginPercent: string;
  speed: Speed;
  payIn: PaymentMethod;
  payOut: PaymentMethod;
  observedOn: string;
  source: QuoteSource;
}

export interface CorridorAverage {
  fromCountry: string;
  toCountry: string;
  period: string;
  totalCostPercent: string;
}

const CHUNK = 1000;

/** The only SQL of the module, on its own tables and the reference data. */
export class RemittancesRepository {
  constructor(private readonly db: RemittancesDb) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async corridors(): Promise<Corridor[]> {
    const rows = await this.db
      .selectFrom('remittance_corridor as c')
      .leftJoin('remittance_quote as q', (join) =>
        join
          .onRef('q.from_country', '=', 'c.from_country')
          .onRef('q.to_country', '=', 'c.to_country'),
      )
      .select(['c.from_country', 'c.to_country', (eb) => eb.fn.count<string>('q.id').as('quotes')])
      .groupBy(['c.from_country', 'c.to_country'])
      .orderBy('c.from_country')
      .orderBy('c.to_country')
      .execute();
    return rows.map((row) => ({
      fromCountry: row.from_country,
      toCountry: row.to_country,
      quotes: Number(row.quotes),
    }));
  }

  async corridorExists(fromCountry: string, toCountry: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('remittance_corridor')
      .select('from_country')
      .where('from_country', '=', fromCountry)
      .where('to_country', '=', toCountry)
      .executeTakeFirst();
    return row !== undefined;
  }

  async quotes(fromCountry: string, toCountry: string): Promise<QuoteRecord[]> {
    const rows = await this.db
      .selectFrom('remittance_quote as q')
      .innerJoin('remittance_provider as p', 'p.id', 'q.provider_id')
      .select([
        'q.id',
        'p.name',
        'p.kind',
        'p.demo',
        'q.send_currency',
        'q.amount_min',
        'q.amount_max',
        'q.fee_fixed',
        'q.fee_percent',
        'q.fx_margin_percent',
        'q.speed',
        'q.pay_in',
        'q.pay_out',
        'q.observed_on',
        'q.source',
      ])
      .where('q.from_country', '=', fromCountry)
      .where('q.to_country', '=', toCountry)
      .orderBy('p.name')
      .orderBy('q.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      provider: row.name,
      providerKind: row.kind,
      demo: row.demo,
      sendCurrency: row.send_currency,
      amountMin: Number(row.amount_min),
      amountMax: row.amount_max === null ? null : Number(row.amount_max),
      feeFixed: Number(row.fee_fixed),
      feePercent: Number(row.fee_percent),
      fxMarginPercent: Number(row.fx_margin_percent),
      speed: row.speed,
      payIn: row.pay_in,
      payOut: row.pay_out,
      observedOn: row.observed_on,
      source: row.source,
    }));
  }

  async averages(
    fromCountry: string,
    toCountry: string,
  ): Promise<{ period: string; percent: number }[]> {
    const rows = await this.db
      .selectFrom('remittance_corridor_average')
      .select(['period', 'total_cost_percent'])
      .where('from_country', '=', fromCountry)
      .where('to_country', '=', toCountry)
      .orderBy('period')
      .execute();
    return rows.map((row) => ({ period: row.period, percent: Number(row.total_cost_percent) }));
  }

  async countryCodes(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('country').select('code').execute();
    return new Set(rows.map((row) => row.code));
  }

  /** ISO 3166-1 alpha-3 → alpha-2, for the World Bank's files. */
  async alpha3ToCode(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('country').select(['code', 'alpha3']).execute();
    return new Map(rows.map((row) => [row.alpha3, row.code]));
  }

  async currencyCodes(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('currency').select('code').execute();
    return new Set(rows.map((row) => row.code));
  }

  async countAverages(): Promise<number> {
    const row = await this.db
      .selectFrom('remittance_corridor_average')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async ensureCorridors(
    trx: Executor,
    pairs: readonly { fromCountry: string; toCountry: string }[],
  ): Promise<void> {
    for (let start = 0; start < pairs.length; start += CHUNK) {
      const chunk = pairs.slice(start, start + CHUNK);
      await trx
        .insertInto('remittance_corridor')
        .values(
          chunk.map((pair) => ({ from_country: pair.fromCountry, to_country: pair.toCountry })),
        )
        .onConflict((conflict) => conflict.columns(['from_country', 'to_country']).doNothing())
        .execute();
    }
  }

  /** Providers by name (the kind of the newest file wins); their ids by name. */
  async upsertProviders(
    trx: Executor,
    providers: readonly { name: string; kind: ProviderKind; demo?: boolean }[],
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < providers.length; start += CHUNK) {
      const rows = await trx
        .insertInto('remittance_provider')
        .values(
          providers.slice(start, start + CHUNK).map((provider) => ({
            name: provider.name,
            kind: provider.kind,
            demo: provider.demo ?? false,
          })),
        )
        .onConflict((conflict) =>
          conflict.column('name').doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind') })),
        )
        .returning(['id', 'name'])
        .execute();
      for (const row of rows) ids.set(row.name, row.id);
    }
    return ids;
  }

  /**
   * Inserts the quotes; one with the same provider, corridor, currency, band and methods
   * replaces the stored one unless the stored one was observed later. Returns how many were
   * written (inserted or replaced).
   */
  async upsertQuotes(trx: Executor, quotes: readonly NewQuote[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < quotes.length; start += CHUNK) {
      const rows = await trx
        .insertInto('remittance_quote')
        .values(
          quotes.slice(start, start + CHUNK).map((quote) => ({
            provider_id: quote.providerId,
            from_country: quote.fromCountry,
            to_country: quote.toCountry,
            send_currency: quote.sendCurrency,
            amount_min: quote.amountMin,
            amount_max: quote.amountMax,
            fee_fixed: quote.feeFixed,
            fee_percent: quote.feePercent,
            fx_margin_percent: quote.fxMarginPercent,
            speed: quote.speed,
            pay_in: quote.payIn,
            pay_out: quote.payOut,
            observed_on: quote.observedOn,
            source: quote.source,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .constraint('remittance_quote_key')
            .doUpdateSet((eb) => ({
              fee_fixed: eb.ref('excluded.fee_fixed'),
              fee_percent: eb.ref('excluded.fee_percent'),
              fx_margin_percent: eb.ref('excluded.fx_margin_percent'),
              speed: eb.ref('excluded.speed'),
              observed_on: eb.ref('excluded.observed_on'),
              source: eb.ref('excluded.source'),
            }))
            .where('remittance_quote.observed_on', '<=', sql<string>`excluded.observed_on`),
        )
        .returning('id')
        .execute();
      written += rows.length;
    }
    return written;
  }

  async upsertAverages(trx: Executor, averages: readonly CorridorAverage[]): Promise<void> {
    for (let start = 0; start < averages.length; start += CHUNK) {
      await trx
        .insertInto('remittance_corridor_average')
        .values(
          averages.slice(start, start + CHUNK).map((average) => ({
            from_country: average.fromCountry,
            to_country: average.toCountry,
            period: average.period,
            total_cost_percent: average.totalCostPercent,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .columns(['from_country', 'to_country', 'period'])
            .doUpdateSet((eb) => ({ total_cost_percent: eb.ref('excluded.total_cost_percent') })),
        )
        .execute();
    }
  }
}
