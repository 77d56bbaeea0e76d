import { CARE_AND_HEALTH } from './occupations.care-health.js';
import { CONSTRUCTION } from './occupations.construction.js';
import { HOSPITALITY_AND_RETAIL } from './occupations.hospitality-retail.js';
import { INDUSTRY_AND_AGRICULTURE } from './occupations.industry-agriculture.js';
import { TRANSPORT_AND_PROFESSIONAL } from './occupations.transport-professional.js';
import type { Region } from './destinations.js';

/** The languages generated texts are written in. */
export const TEXT_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** What kind of employer hires for an occupation (synthetic employers have one sector). */
export const SECTORS = [
  'health',
  'care',
  'household',
  'hospitality',
  'construction',
  'transport',
  'manufacturing',
  'agriculture',
  'facilities',
  'retail',
  'technology',
  'education',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * One occupation of the catalogue. `esco` is the ESCO preferred label (English), looked up in
 * esco_occupation at run time; `isco` is its ISCO-08 unit group. Wages are typical monthly
 * pay offered to migrant workers, in US dollars, for the Gulf and for Western Europe / North
 * America; each destination scales one of them (destinations.ts).
 */
export interface OccupationSpec {
  key: string;
  isco: string;
  esco: string;
  sectors: readonly Sector[];
  usd: { gulf: number; west: number };
  /** Usual minimum ISCED 2011 level asked for, or null when none is. */
  isced: string | null;
  experienceMonths: readonly [number, number];
  /** How many positions one job order usually has. */
  scale: 'few' | 'some' | 'many';
  /** Professionals are asked for one CEFR level more. */
  professional: boolean;
  /** How often the occupation is recruited in each region (relative). */
  regions: Partial<Record<Region, number>>;
  titles: Record<TextLanguage, readonly string[]>;
  /** Two or three sentences on the work itself. */
  duties: Record<TextLanguage, string>;
}

export const OCCUPATIONS: readonly OccupationSpec[] = [
  ...CARE_AND_HEALTH,
  ...CONSTRUCTION,
  ...INDUSTRY_AND_AGRICULTURE,
  ...HOSPITALITY_AND_RETAIL,
  ...TRANSPORT_AND_PROFESSIONAL,
];
