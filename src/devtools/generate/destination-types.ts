/**
 * Where the generated vacancies are, and who is recruited for them: destinations with their
 * currency, wage level, cities (real ISO 3166-2 subdivisions, checked against the database at
 * run time), usual working hours and contracts, the languages employers ask for, and the
 * origin countries of their workers. The shares are rough pictures of real corridors, enough
 * to make facet counts and wage bands look like a real system's.
 */

export const REGIONS = [
  'gulf',
  'levant',
  'western-europe',
  'eastern-europe',
  'north-america',
  'east-asia',
  'south-east-asia',
] as const;
export type Region = (typeof REGIONS)[number];

export interface City {
  subdivision: string;
  /** Names in English (and the other Latin-script languages unless given) and in Arabic. */
  name: string;
  fr?: string;
  es?: string;
  ar: string;
  weight: number;
}

export interface LanguageDemand {
  language: string;
  probability: number;
  levels: readonly (readonly [string, number])[];
}

export interface Destination {
  country: string;
  region: Region;
  currency: string;
  /** Share of all vacancies (relative). */
  weight: number;
  /** Which occupation wage the destination scales, and by how much. */
  wageBase: 'gulf' | 'west';
  wageFactor: number;
  /** Share of vacancies paid by the hour and by the week (the rest monthly). */
  hourly: number;
  weekly: number;
  hours: readonly number[];
  contractMonths: readonly number[];
  benefits: { housing: number; food: number; transport: number; insurance: number };
  /** Share of vacancies recruited through a licensed agency in the origin country. */
  viaAgency: number;
  languages: readonly LanguageDemand[];
  origins: readonly (readonly [string, number])[];
  cities: readonly City[];
}

/** Origin countries whose workers are usually written to in French or Spanish. */
export const ORIGIN_TEXT_LANGUAGE: Readonly<Record<string, 'fr' | 'es'>> = {
  SN: 'fr',
  MA: 'fr',
  CO: 'es',
  HN: 'es',
  MX: 'es',
  GT: 'es',
};
