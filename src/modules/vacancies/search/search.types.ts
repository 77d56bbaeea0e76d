import type { NamedOccupation } from './search-occupations.js';
/**
 * The contract of public vacancy search, shared by the search page, the Atom feed, the JSON API
 * and the benchmark. Only publicly visible vacancies are ever searched (see `isPubliclyVisible`
 * in the search repository): published, deadline not passed, and — when an agency recruits —
 * the agency's licence active and in date.
 */

export const SORTS = ['relevance', 'newest', 'wage'] as const;
export type Sort = (typeof SORTS)[number];

/** Contract length in months: up to 12, 13–24, 25–36, over 36. */
export const DURATION_BANDS = ['upto12', '13to24', '25to36', 'over36'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];

/**
 * Monthly wage in US dollars at the indicative rates of the exchange_rate table (wages in
 * currencies without a rate fall in 'unknown').
 */
export const WAGE_BANDS = [
  'under500',
  '500to999',
  '1000to1999',
  '2000to3999',
  '4000plus',
  'unknown',
] as const;
export type WageBand = (typeof WAGE_BANDS)[number];

/** Posted within the last day, week or month (cumulative). */
export const POSTED_WITHIN = ['1', '7', '30'] as const;
export type PostedWithin = (typeof POSTED_WITHIN)[number];

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const QUERY_MAX_LENGTH = 200;

export interface VacancySearchQuery {
  /** Free text, already trimmed; '' for none. */
  q: string;
  /** ISO 3166-1 alpha-2. */
  destinations: string[];
  /** ISCO-08 major groups, one digit. */
  occupationGroups: string[];
  durations: DurationBand[];
  wageBands: WageBand[];
  /** ISO 639 codes of a language the vacancy requires. */
  languages: string[];
  postedWithin: PostedWithin | null;
  sort: Sort;
  /** 1-based. */
  page: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Facet counts are "multi-select" counts: each facet is counted with every filter applied
 * except its own, so that ticking a second destination shows how many it would add.
 */
export interface VacancyFacets {
  destination: FacetCount[];
  occupationGroup: FacetCount[];
  duration: FacetCount[];
  wageBand: FacetCount[];
  language: FacetCount[];
  posted: FacetCount[];
}

export interface VacancyHit {
  id: string;
  number: number;
  title: string;
  /** The language the title is in (the reader's, when translated). */
  titleLanguage: string;
  employerName: string;
  agencyName: string | null;
  destinationCountry: string;
  destinationSubdivision: string | null;
  iscoCode: string;
  occupationId: string | null;
  positions: number;
  positionsOpen: number;
  contractMonths: number;
  wageAmount: string;
  wageCurrency: string;
  wagePeriod: string;
  applicationDeadline: string;
  publishedAt: Date;
}

/**
 * A query word that matched no vacancy and was searched as the nearest known word instead
 * ("nurze" → "nurse"), both normalised (lower case, no accents).
 */
export interface SearchCorrection {
  from: string;
  to: string;
}

export interface VacancySearchResult {
  total: number;
  corrections: SearchCorrection[];
  /** The occupations the query names: their vacancies are found in every language. */
  occupations: NamedOccupation[];
  page: number;
  pageSize: number;
  pageCount: number;
  hits: VacancyHit[];
  facets: VacancyFacets;
}
