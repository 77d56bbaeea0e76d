import { sql, type SqlBool } from 'kysely';
import type { WagePeriod } from '../vacancy.states.js';
import { listedOn, PublicVacancyRepository, type SearchDb } from './public-vacancy.repository.js';

/**
 * The SQL of public vacancy search: what the in-memory index is built from and kept in step
 * with, the page of hits, and the public vacancy record. `today` is always a UTC 'YYYY-MM-DD'.
 */

/** A vacancy as the index reads it: facet values, wage, and its texts in every language. */
export interface IndexRow {
  number: number;
  destinationCountry: string;
  iscoCode: string;
  occupationId: string | null;
  agencyId: string | null;
  contractMonths: number;
  wageAmount: string;
  wageCurrency: string;
  wagePeriod: WagePeriod;
  hoursPerWeek: string;
  publishedAt: Date;
  applicationDeadline: string;
  languages: string[];
  texts: { title: string; description: string }[];
}

/** A hit as this repository reads it: organisation names come from the organisations module. */
export interface HitRow {
  id: string;
  number: number;
  title: string;
  titleLanguage: string;
  employerId: string;
  agencyId: string | null;
  destinationCountry: string;
  destinationSubdivision: string | null;
  iscoCode: string;
  occupationId: string | null;
  positions: number;
  positionsFilled: number;
  contractMonths: number;
  wageAmount: string;
  wageCurrency: string;
  wagePeriod: WagePeriod;
  applicationDeadline: string;
  publishedAt: Date;
}

/** One vacancy as the batch query's JSON array holds it (see `readIndexRows`). */
type JsonIndexRow = [
  number: number,
  destinationCountry: string,
  iscoCode: string,
  occupationId: string | null,
  agencyId: string | null,
  contractMonths: number,
  wageAmount: number | string,
  wageCurrency: string,
  wagePeriod: WagePeriod,
  hoursPerWeek: number | string,
  publishedAt: string,
  applicationDeadline: string,
  title: string,
  description: string,
  languages: string[] | null,
  translations: { title: string; description: string }[] | null,
];

function fromJson(row: JsonIndexRow): IndexRow {
  return {
    number: Number(row[0]),
    destinationCountry: row[1],
    iscoCode: row[2],
    occupationId: row[3],
    agencyId: row[4],
    contractMonths: row[5],
    wageAmount: String(row[6]),
    wageCurrency: row[7],
    wagePeriod: row[8],
    hoursPerWeek: String(row[9]),
    publishedAt: new Date(row[10]),
    applicationDeadline: row[11],
    languages: row[14] ?? [],
    texts: [{ title: row[12], description: row[13] }, ...(row[15] ?? [])],
  };
}

export class VacancySearchRepository {
  private readonly publicVacancies: PublicVacancyRepository;

  constructor(private readonly db: SearchDb) {
    this.publicVacancies = new PublicVacancyRepository(db);
  }

  /** The vacancy page's record (public-vacancy.repository.ts). */
  publicVacancy(number: number, language: string, today: string) {
    return this.publicVacancies.find(number, language, today);
  }

  /** Whether the vacancy is listed, and its agency (public-vacancy.repository.ts). */
  listing(number: number, today: string) {
    return this.publicVacancies.listing(number, today);
  }

  /** The numbers of these vacancies (domain events name a vacancy by its id). */
  async numbersOf(ids: readonly string[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('vacancy')
      .select('number')
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((row) => Number(row.number));
  }

  /** US dollars per unit of each currency that has a rate. */
  async exchangeRates(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('exchange_rate')
      .select(['currency', 'usd_per_unit'])
      .execute();
    return new Map(rows.map((row) => [row.currency, Number(row.usd_per_unit)]));
  }

  /** The highest vacancy number so far (0 when none): the end of the batches to read. */
  async maxNumber(): Promise<number> {
    const row = await this.db
      .selectFrom('vacancy')
      .select((eb) => eb.fn.max('number').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /**
   * One batch of the vacancies the index holds (published, deadline not passed): the numbers in
   * (afterNumber, throughNumber]. Batches are ranges of numbers, not "the next N after", so that
   * each is one index range scan: a limit would make the database sort what remains every time.
   * Agencies are not checked here: the index hides them by flag.
   */
  async indexBatch(input: {
    today: string;
    afterNumber: number;
    throughNumber: number;
  }): Promise<IndexRow[]> {
    return this.readIndexRows(
      this.indexQuery(input.today)
        .where('vacancy.number', '>', input.afterNumber)
        .where('vacancy.number', '<=', input.throughNumber),
    );
  }

  /** The given vacancies if the index should hold them (others are gone from it). */
  async indexRows(numbers: readonly number[], today: string): Promise<IndexRow[]> {
    if (numbers.length === 0) return [];
    return this.readIndexRows(this.indexQuery(today).where('vacancy.number', 'in', [...numbers]));
  }

  /**
   * Reads the rows as one JSON text: a batch of thousands of rows is then one value to decode,
   * not sixteen fields a row, which reads a million vacancies from PGlite about 1.7 times as
   * fast (JSON.parse is native; per-field decoding is JavaScript).
   */
  private async readIndexRows(
    inner: ReturnType<VacancySearchRepository['indexQuery']>,
  ): Promise<IndexRow[]> {
    const result = await sql<{ batch: string | null }>`
      select json_agg(json_build_array(b.number, b.destination_country, b.isco_code,
        b.occupation_id, b.agency_organisation_id, b.contract_months, b.wage_amount,
        b.wage_currency, b.wage_period, b.hours_per_week, b.published_at,
        b.application_deadline, b.title, b.description, b.languages, b.translations)
        order by b.number)::text as batch
      from (${inner}) as b`.execute(this.db);
    const batch = result.rows[0]?.batch;
    return batch ? (JSON.parse(batch) as JsonIndexRow[]).map(fromJson) : [];
  }

  private indexQuery(today: string) {
    return (
      this.db
        .selectFrom('vacancy')
        .select([
          'vacancy.number',
          'vacancy.destination_country',
          'vacancy.isco_code',
          'vacancy.occupation_id',
          'vacancy.agency_organisation_id',
          'vacancy.contract_months',
          'vacancy.wage_amount',
          'vacancy.wage_currency',
          'vacancy.wage_period',
          'vacancy.hours_per_week',
          sql<Date>`vacancy.published_at`.as('published_at'),
          sql<string>`vacancy.application_deadline::text`.as('application_deadline'),
          'vacancy.title',
          'vacancy.description',
          sql<string[]>`array(select language from vacancy_language
          where vacancy_language.vacancy_id = vacancy.id order by language)`.as('languages'),
          sql<unknown>`(select json_agg(json_build_object('title', t.title, 'description', t.description))
          from vacancy_translation t where t.vacancy_id = vacancy.id)`.as('translations'),
        ])
        // "(…) is true" on purpose: written plainly, the planner (without statistics, as on a
        // PGlite database that was never analysed) ANDs in vacancy_due_idx and reads all of it for
        // every batch; this way each batch is one range scan of the number index.
        .where(sql<SqlBool>`${listedOn(today)} is true`)
    );
  }

  /** The page of hits, in the order of `numbers`; titles in `language` when translated. */
  async hits(numbers: readonly number[], language: string): Promise<HitRow[]> {
    if (numbers.length === 0) return [];
    // Scalar subqueries rather than joins: each is one primary-key lookup, whatever the planner
    // believes about table sizes (PGlite is never analysed, and it guessed seq scans).
    const rows = await this.db
      .selectFrom('vacancy')
      .select((eb) => [
        'vacancy.id',
        'vacancy.number',
        'vacancy.title',
        'vacancy.language',
        eb
          .selectFrom('vacancy_translation as translation')
          .select('translation.title')
          .whereRef('translation.vacancy_id', '=', 'vacancy.id')
          .where('translation.language', '=', language)
          .as('translated_title'),
        'vacancy.employer_organisation_id',
        'vacancy.agency_organisation_id',
        'vacancy.destination_country',
        'vacancy.destination_subdivision',
        'vacancy.isco_code',
        'vacancy.occupation_id',
        'vacancy.positions',
        'vacancy.positions_filled',
        'vacancy.contract_months',
        'vacancy.wage_amount',
        'vacancy.wage_currency',
        'vacancy.wage_period',
        sql<string>`vacancy.application_deadline::text`.as('application_deadline'),
        sql<Date>`vacancy.published_at`.as('published_at'),
      ])
      .where('vacancy.number', 'in', [...numbers])
      .execute();
    const byNumber = new Map(rows.map((row) => [Number(row.number), row]));
    return numbers.flatMap((number): HitRow[] => {
      const row = byNumber.get(number);
      if (!row) return [];
      return [
        {
          id: row.id,
          number,
          title: row.translated_title ?? row.title,
          titleLanguage: row.translated_title ? language : row.language,
          employerId: row.employer_organisation_id,
          agencyId: row.agency_organisation_id,
          destinationCountry: row.destination_country,
          destinationSubdivision: row.destination_subdivision,
          iscoCode: row.isco_code,
          occupationId: row.occupation_id,
          positions: row.positions,
          positionsFilled: row.positions_filled,
          contractMonths: row.contract_months,
          wageAmount: row.wage_amount,
          wageCurrency: row.wage_currency,
          wagePeriod: row.wage_period,
          applicationDeadline: row.application_deadline,
          publishedAt: new Date(row.published_at),
        },
      ];
    });
  }
}
