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
  /**
   * A roll-up: the cells of `of` summed over the dimensions not `kept` (their columns left
   * empty, the others where they are in `of`). Facts are never written for a roll-up: its cells
   * move with its base cube's (aggregates.repository.ts). Only dimensions that are single-valued
   * in the base cube may be dropped, so that each record still counts once per cell.
   */
  rollup?: { of: string; kept: readonly DimensionId[] };
}

const rollup = (
  base: CubeDefinition & { id: string },
  kept: readonly DimensionId[],
): CubeDefinition => ({
  source: base.source,
  dimensions: base.dimensions,
  month: base.month,
  durations: base.durations,
  rollup: { of: base.id, kept },
});

const BASE_CUBES = {
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
  // A person once under each destination they prefer (the table by preferred destination, and
  // the total of a table filtered by one), and once under each pair of a preferred destination
  // and an occupation wanted (a breakdown by occupation for one destination).
  job_seekers_preference: {
    source: 'job_seeker',
    dimensions: ['origin', 'preferred-destination'],
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

const base = (id: keyof typeof BASE_CUBES) => ({ id, ...BASE_CUBES[id] });
const CORRIDOR: readonly DimensionId[] = ['origin', 'destination'];
const CORRIDOR_OCCUPATION: readonly DimensionId[] = ['origin', 'destination', 'occupation'];

/**
 * The roll-ups the published tables read first (docs/benchmarks.md, ADR 18): a breakdown of the
 * whole population by corridor or destination sums a few thousand cells instead of hundreds of
 * thousands. A multi-valued dimension is never dropped (a person would count once per value).
 * Adding one needs a migration that clears `statistics_state.rebuilt_at` (the next start
 * rebuilds the cells), as 20261210000000_statistics_rollups.sql does.
 */
const ROLLUP_CUBES = {
  job_orders_corridor: rollup(base('job_orders'), CORRIDOR),
  job_orders_occupation: rollup(base('job_orders'), CORRIDOR_OCCUPATION),
  positions_corridor: rollup(base('positions'), CORRIDOR),
  positions_occupation: rollup(base('positions'), CORRIDOR_OCCUPATION),
  positions_filled_cohort_corridor: rollup(base('positions_filled_cohort'), CORRIDOR),
  applications_cohort_corridor: rollup(base('applications_cohort'), CORRIDOR),
  placements_cohort_corridor: rollup(base('placements_cohort'), CORRIDOR),
  fill_from_approval_corridor: rollup(base('fill_from_approval'), CORRIDOR),
  fill_from_publication_corridor: rollup(base('fill_from_publication'), CORRIDOR),
  // Time to fill by destination: the days of every origin summed (a tenth of the corridors').
  fill_from_approval_destination: rollup(base('fill_from_approval'), ['destination']),
  fill_from_publication_destination: rollup(base('fill_from_publication'), ['destination']),
  job_seekers_origin: rollup(base('job_seekers'), ['origin']),
  job_seekers_subdivision: rollup(base('job_seekers'), ['origin', 'origin-subdivision']),
  job_seekers_occupation_origin: rollup(base('job_seekers_occupation'), ['origin', 'occupation']),
  // Multi-valued in destination and occupation: each pair of a person is its own fact, so
  // dropping the (single) origin still counts the person once per cell.
  job_seekers_destination_occupation: rollup(base('job_seekers_destination'), [
    'preferred-destination',
    'occupation',
  ]),
  decisions_step: rollup(base('decisions'), ['step']),
} as const satisfies Record<string, CubeDefinition>;

export const CUBES: Record<keyof typeof BASE_CUBES | keyof typeof ROLLUP_CUBES, CubeDefinition> = {
  ...BASE_CUBES,
  ...ROLLUP_CUBES,
};

export type CubeId = keyof typeof CUBES;

/** The cubes facts are written for (every roll-up is derived from one of them). */
export type BaseCubeId = keyof typeof BASE_CUBES;

/** The roll-ups of each base cube. */
export const ROLLUPS_OF: ReadonlyMap<string, readonly CubeId[]> = (() => {
  const out = new Map<string, CubeId[]>();
  for (const [id, cube] of Object.entries(ROLLUP_CUBES) as [CubeId, CubeDefinition][]) {
    const list = out.get(cube.rollup!.of) ?? [];
    list.push(id);
    out.set(cube.rollup!.of, list);
  }
  return out;
})();

export const CUBE_IDS = Object.keys(CUBES) as CubeId[];

/** The column (d1…d6) that holds a dimension in a cube, or null when the cube lacks it. */
export function columnOf(cube: CubeId, dimension: DimensionId): DimColumn | null {
  const { dimensions, rollup: of } = CUBES[cube];
  if (of && !of.kept.includes(dimension)) return null;
  const index = dimensions.indexOf(dimension);
  return index < 0 ? null : DIM_COLUMNS[index]!;
}

/** The columns a roll-up keeps (the others are empty in its cells). */
export function keptColumns(cube: CubeId): readonly DimColumn[] {
  const { dimensions, rollup: of } = CUBES[cube];
  return DIM_COLUMNS.filter((_, i) => {
    const dimension = dimensions[i];
    return dimension !== undefined && (!of || of.kept.includes(dimension));
  });
}

/** Where a cube's cells come from: itself, or the base cube of a roll-up (for the facts). */
export function baseOf(cube: CubeId): CubeId {
  return (CUBES[cube].rollup?.of as CubeId | undefined) ?? cube;
}

export const DIM_COLUMNS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;
export type DimColumn = (typeof DIM_COLUMNS)[number];

/** The code of an unknown value in any dimension (SDMX's `_U`); the total row is `_T`. */
export const UNKNOWN = '_U';
export const TOTAL = '_T';
