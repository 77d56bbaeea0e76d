/**
 * The contract of the statistics module (docs/statistics.md): what the modules that own the
 * records give it (plain data, no personal names or contacts), the published tables it answers,
 * and the drawing and download functions that turn a published table into a page, a chart, a map
 * or a file. Every other file of the module is built on these types.
 */
import type { PublishedCount, PublishedMeasure } from './disclosure/disclosure-control.js';

/**
 * Bands of months, shared by a job order's contract duration and a job seeker's intended stay
 * (so that supply and demand compare): up to 6 months, 7–12, 13–24, 25–36, more than 36.
 */
export const DURATION_BANDS = ['0-6', '7-12', '13-24', '25-36', '37+'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];

// ---- What the owning modules give (their `statistics` sources) ------------------------------

/** A lifecycle step as it happened: for processing times. */
export interface HistoryStep {
  /** The lifecycle event's name ('submit', 'approve', 'reject', 'withdraw', 'grant', …). */
  event: string;
  at: Date;
  /** The organisation of the person who took the step, when one did. */
  actorOrganisationId: string | null;
}

/** A job order (vacancies module), whatever its state; drafts are given too (they count nowhere). */
export interface VacancyStatRecord {
  id: string;
  origin: string;
  destination: string;
  /** ISO 3166-2, when the job order names one. */
  destinationSubdivision: string | null;
  /** ISCO-08 unit group (4 digits). */
  isco: string;
  contractMonths: number;
  /** The wage a month in US dollars at the indicative rate of the approval month, or null. */
  wageUsdMonthly: number | null;
  positions: number;
  approvedAt: Date | null;
  publishedAt: Date | null;
  /** Positions filled, in order: the n-th position (1-based) and when. */
  fills: { n: number; filledAt: Date }[];
  /** The lifecycle's events, in order (vacancy_event). */
  history: HistoryStep[];
}

/** A job seeker (job-seekers module): registered once their personal details are saved. */
export interface JobSeekerStatRecord {
  /** The person's user id: used only for the record key, never published. */
  id: string;
  /** When the personal details (bio step) were first saved; null: not registered yet. */
  registeredAt: Date | null;
  /** Nationality, ISO 3166-1 alpha-2, or null. */
  origin: string | null;
  /** Home subdivision, ISO 3166-2 (e.g. 'NP-P3'), or null. */
  originSubdivision: string | null;
  sex: 'F' | 'M' | 'X' | null;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or null. */
  birthDate: string | null;
  /** The highest ISCED 2011 level recorded ('0'…'8'), or null. */
  iscedLevel: string | null;
  /** ISCO-08 unit groups of the occupations wanted (coded ones only), without repeats. */
  occupations: string[];
  /** ISO 639 codes of the languages, without repeats. */
  languages: string[];
  /** Preferred destinations, ISO 3166-1 alpha-2. */
  destinations: string[];
  /** Intended duration of stay abroad (the person's choice, in the contract bands), or null. */
  intendedStay: DurationBand | null;
}

/** An application (applications module), with what it needs of its job order. */
export interface ApplicationStatRecord {
  id: string;
  vacancyId: string;
  origin: string;
  destination: string;
  isco: string;
  /** The job order's approval (the cohort the matching table counts it in). */
  vacancyApprovedAt: Date | null;
  submittedAt: Date;
  /** When it reached `accepted` (the person placed), or null. */
  acceptedAt: Date | null;
  state: string;
}

/** A licence or an employer vetting (licensing module): only their history matters here. */
export interface DecisionStatRecord {
  id: string;
  kind: 'licence' | 'employer_vetting';
  history: HistoryStep[];
}

/**
 * A module's records for statistics: by id (the ids of the events' subjects; an id that no
 * longer exists, or was erased, is simply absent from the answer) and all of them in pages by id.
 */
export interface StatisticsSource<R extends { id: string }> {
  byIds(ids: readonly string[]): Promise<R[]>;
  /** The records with an id greater than `after` (null: from the first), by id, at most `limit`. */
  page(after: string | null, limit: number): Promise<R[]>;
}

export interface StatisticsSources {
  vacancies: StatisticsSource<VacancyStatRecord>;
  jobSeekers: StatisticsSource<JobSeekerStatRecord>;
  applications: StatisticsSource<ApplicationStatRecord>;
  decisions: StatisticsSource<DecisionStatRecord>;
}

// ---- Published tables ------------------------------------------------------------------------

export const TABLE_IDS = ['demand', 'supply', 'matching', 'time-to-fill', 'processing'] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** What a table can be broken down by (one at a time: the rows of the table). */
export const DIMENSION_IDS = [
  'month',
  'origin',
  'origin-subdivision',
  'destination',
  'corridor',
  'occupation',
  'contract',
  'wage',
  'sex',
  'age',
  'education',
  'language',
  'preferred-destination',
  'intended-stay',
  'step',
  'institution',
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

/** The filters every table takes (those its dimensions allow); all optional. */
export interface TableFilters {
  /** ISO 3166-1 alpha-2. */
  origin?: string;
  destination?: string;
  /** An ISCO-08 code of 1 to 4 digits: the group and everything under it. */
  occupation?: string;
  /** 'YYYY-MM', inclusive. */
  from?: string;
  to?: string;
}

export interface TableQuery {
  by: DimensionId;
  /** ISCO level of the rows when `by` is 'occupation' (1–4). */
  occupationLevel: 1 | 2 | 3 | 4;
  filters: TableFilters;
}

export type ColumnUnit =
  | 'job_orders'
  | 'positions'
  | 'persons'
  | 'applications'
  | 'placements'
  | 'decisions'
  | 'percent'
  | 'ratio'
  | 'days';

/** A column of a table: a count (perturbed for the public) or a measure (threshold only). */
export interface TableColumn {
  /** Stable id, used in downloads and the API: 'positions_approved', 'time_to_fill_median'… */
  id: string;
  unit: ColumnUnit;
  kind: 'count' | 'measure';
}

export type PublishedValue = PublishedCount | PublishedMeasure;

export interface PublishedRow {
  /** The dimension's code: 'NP', '7112', '2026-03', 'NP-QA' (corridor), '13-24' (band)… */
  code: string;
  /** One value per column, in the columns' order. */
  values: PublishedValue[];
}

export interface PublishedTable {
  id: TableId;
  audience: 'public' | 'restricted';
  query: TableQuery;
  columns: TableColumn[];
  /** Rows in the dimension's natural order (months, bands, codes), non-empty rows only. */
  rows: PublishedRow[];
  /** The whole filtered population: its own cells (not the sum of the published rows). */
  total: PublishedRow;
  /** When the aggregates last took in the records (the figures' reference time). */
  asOf: Date;
  /** The filters the reader's scope forced (a restricted reader's jurisdiction), if any. */
  scope: TableFilters;
}

/** What the reader may see: the public, or exact figures within a jurisdiction. */
export type StatisticsViewer =
  | { audience: 'public' }
  | {
      audience: 'restricted';
      /** Who reads (a user id, or null for an API key): the read is audited. */
      userId: string | null;
      scope: TableFilters;
      /** For the audit row: the reader's role, organisation and API key, when known. */
      role?: string | null;
      organisationId?: string | null;
      apiKeyId?: string | null;
    };

/** A table's shape: which breakdowns and filters it offers, which columns it has. */
export interface TableDefinition {
  id: TableId;
  dimensions: readonly DimensionId[];
  /** Filters the table accepts (others are refused with a named error). */
  filters: readonly (keyof TableFilters)[];
  /**
   * Which of the table's dimensions a country or occupation filter narrows: 'destination' is the
   * preferred destination in supply. A filter not named here narrows no dimension of the table.
   */
  filterDimensions: Partial<Record<'origin' | 'destination' | 'occupation', DimensionId>>;
  columns: readonly TableColumn[];
  /** The default breakdown. */
  defaultBy: DimensionId;
}

/** What the statistics service answers (pages and API use only this). */
export interface StatisticsReader {
  definitions(): readonly TableDefinition[];
  table(id: TableId, query: TableQuery, viewer: StatisticsViewer): Promise<PublishedTable>;
}

// ---- World Bank context (not Corridor figures: never perturbed) -------------------------------

export interface ContextFigure {
  origin: string;
  destination: string;
  value: number;
}

export interface WorldBankContext {
  /** Bilateral migrant stocks, persons, 2017 (World Bank / KNOMAD, CC BY 4.0). */
  migrantStocks(filter: { origin?: string; destination?: string }): ContextFigure[];
  /**
   * Bilateral remittances, USD million, 2017, as a migration corridor: `origin` is the country the
   * migrants come from, which receives the money; `destination`, where they work, sends it.
   */
  remittances(filter: { origin?: string; destination?: string }): ContextFigure[];
  readonly source: { name: string; year: number; licence: string; url: string };
}

// ---- Drawing (charts/) -----------------------------------------------------------------------

/** One bar or one region: its label as shown, and a number or null (suppressed / no data). */
export interface ChartDatum {
  code: string;
  label: string;
  value: number | null;
}

export interface ChartOptions {
  /** The chart's accessible name (also its <title>). */
  title: string;
  /** The reader's language (BCP 47) for number formatting, and its direction. */
  locale: string;
  dir: 'ltr' | 'rtl';
  /**
   * What a null value reads as (e.g. the suppression mark's words). A value reads as its number
   * alone ("Qatar: 1,234"): the chart's title and the map's legend name the unit, and a unit
   * after a number would need each language's plural forms.
   */
  nullLabel: string;
}

export interface MapOptions extends ChartOptions {
  /** 'country': ISO 3166-1 alpha-2 codes; 'subdivision': ISO 3166-2 codes (one country's). */
  level: 'country' | 'subdivision';
  /** For 'subdivision': the country whose subdivisions are drawn. */
  country?: string;
  /** The legend's heading. */
  legendTitle: string;
  /** What a region without data reads as. */
  noDataLabel: string;
}

export type BarChart = (data: readonly ChartDatum[], options: ChartOptions) => string;
export type ChoroplethMap = (data: readonly ChartDatum[], options: MapOptions) => string;

// ---- Downloads (open-data/) ------------------------------------------------------------------

/** The labels a download carries beside the codes, in the request's language. */
export interface DownloadLabels {
  /** The table's title. */
  title: string;
  /** The dimension's heading. */
  dimension: string;
  /** Each column's heading, by column id. */
  columns: Record<string, string>;
  /** Each row code's label. */
  rows: Record<string, string>;
  /** The suppression mark's words. */
  suppressed: string;
}
