import type { DimensionId } from './statistics.types.js';
import type { FactSource } from './statistics.tables.js';

/**
 * The cubes the aggregates keep (docs/statistics.md): each is one unit counted (job orders,
 * positions, persons…) along fixed dimensions, stored in the columns d1…d6 in this order, by a
 * month that the cube defines (approval, registration, filling, decision). A multi-valued
 * attribute (a person's occupations, languages, preferred destinations) has a cube of its own,
 * where the person counts once under each value.
 */
export interface CubeDefinition {
  source: FactSource;
  /** The dimensions in d1…d6, in order (at most six). */
  dimensions: readonly DimensionId[];
  /** What `month` means in this cube (for docs and downloads). */
  month: 'approval' | 'registration' | 'filled' | 'decision';
  /** Whether cells are split by whole days of a duration (time to fill, processing). */
  durations: boolean;
}

export const CUBES = {
  // Demand: job orders and their positions, by month of approval.
  job_orders: {
    source: 'vacancy',
    dimensions: ['origin', 'destination', 'occupation', 'contract', 'wage'],
    month: 'approval',
    durations: false,
  },
  positions: {
    source: 'vacancy',
    dimensions: ['origin', 'destination', 'occupation', 'contract', 'wage'],
    month: 'approval',
    durations: false,
  },
  // Matching: what became of the positions approved in a month (a cohort).
  positions_filled_cohort: {
    source: 'vacancy',
    dimensions: ['origin', 'destination', 'occupation'],
    month: 'approval',
    durations: false,
  },
  applications_cohort: {
    source: 'application',
    dimensions: ['origin', 'destination', 'occupation'],
    month: 'approval',
    durations: false,
  },
  placements_cohort: {
    source: 'application',
    dimensions: ['origin', 'destination', 'occupation'],
    month: 'approval',
    durations: false,
  },
  // Time to fill: each position filled, by month of filling, with its duration.
  fill_from_approval: {
    source: 'vacancy',
    dimensions: ['origin', 'destination', 'occupation'],
    month: 'filled',
    durations: true,
  },
  fill_from_publication: {
    source: 'vacancy',
    dimensions: ['origin', 'destination', 'occupation'],
    month: 'filled',
    durations: true,
  },
  // Supply: job seekers by month of registration (the stock is every month up to the end).
  job_seekers: {
    source: 'job_seeker',
    dimensions: ['origin', 'origin-subdivision', 'sex', 'age', 'education', 'intended-stay'],
    month: 'registration',
    durations: false,
  },
  job_seekers_occupation: {
    source: 'job_seeker',
    dimensions: ['origin', 'occupation', 'sex'],
    month: 'registration',
    durations: false,
  },
  job_seekers_language: {
    source: 'job_seeker',
    dimensions: ['origin', 'language'],
    month: 'registration',
    durations: false,
  },
  job_seekers_destination: {
    source: 'job_seeker',
    dimensions: ['origin', 'preferred-destination', 'occupation'],
    month: 'registration',
    durations: false,
  },
  // Processing: each decision, by month of the decision, with the days it took.
  decisions: {
    source: 'decision',
    dimensions: ['step', 'institution'],
    month: 'decision',
    durations: true,
  },
} as const satisfies Record<string, CubeDefinition>;

export type CubeId = keyof typeof CUBES;

export const CUBE_IDS = Object.keys(CUBES) as CubeId[];

/** The column (d1…d6) that holds a dimension in a cube, or null when the cube lacks it. */
export function columnOf(cube: CubeId, dimension: DimensionId): DimColumn | null {
  const index = (CUBES[cube].dimensions as readonly DimensionId[]).indexOf(dimension);
  return index < 0 ? null : DIM_COLUMNS[index]!;
}

export const DIM_COLUMNS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;
export type DimColumn = (typeof DIM_COLUMNS)[number];

/** The code of an unknown value in any dimension (SDMX's `_U`); the total row is `_T`. */
export const UNKNOWN = '_U';
export const TOTAL = '_T';
