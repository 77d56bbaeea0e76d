import type { CubeId } from './cubes.js';
import type { TableColumn, TableDefinition, TableFilters, TableId } from './statistics.types.js';

/**
 * How a column is computed from the cubes (docs/statistics.md):
 * - a count: the first of `cubes` that holds every dimension the question needs;
 * - a percentile of the days in a duration cube (median, 90th), published under the threshold
 *   rule of its cell;
 * - a ratio of two count columns of the same table (from perturbed counts for the public).
 */
export type ColumnSpec = TableColumn &
  (
    | { kind: 'count'; cubes: readonly CubeId[] }
    | { kind: 'measure'; percentile: { cubes: readonly CubeId[]; rank: 0.5 | 0.9 } }
    | {
        kind: 'measure';
        ratio: { numerator: string; denominator: string; scale: number; decimals: number };
      }
  );

export interface TableSpec extends TableDefinition {
  columns: readonly ColumnSpec[];
}

const ALL_FILTERS: readonly (keyof TableFilters)[] = [
  'origin',
  'destination',
  'occupation',
  'from',
  'to',
];
const CORRIDOR_FILTERS = {
  origin: 'origin',
  destination: 'destination',
  occupation: 'occupation',
} as const;

const count = (id: string, unit: TableColumn['unit'], cubes: readonly CubeId[]): ColumnSpec => ({
  id,
  unit,
  kind: 'count',
  cubes,
});

const days = (id: string, cubes: readonly CubeId[], rank: 0.5 | 0.9): ColumnSpec => ({
  id,
  unit: 'days',
  kind: 'measure',
  percentile: { cubes, rank },
});

// Each column's cubes, coarsest first: the first that holds the question answers it.
const POSITIONS: readonly CubeId[] = ['positions_corridor', 'positions_occupation', 'positions'];
const FROM_APPROVAL: readonly CubeId[] = [
  'fill_from_approval_destination',
  'fill_from_approval_corridor',
  'fill_from_approval',
];
const FROM_PUBLICATION: readonly CubeId[] = [
  'fill_from_publication_destination',
  'fill_from_publication_corridor',
  'fill_from_publication',
];
const DECISIONS: readonly CubeId[] = ['decisions_step', 'decisions'];

export const TABLE_SPECS: Record<TableId, TableSpec> = {
  demand: {
    id: 'demand',
    dimensions: ['destination', 'origin', 'corridor', 'occupation', 'contract', 'wage', 'month'],
    filters: ALL_FILTERS,
    filterDimensions: CORRIDOR_FILTERS,
    defaultBy: 'destination',
    columns: [
      count('job_orders_approved', 'job_orders', [
        'job_orders_corridor',
        'job_orders_occupation',
        'job_orders',
      ]),
      count('positions_approved', 'positions', POSITIONS),
    ],
  },
  supply: {
    id: 'supply',
    dimensions: [
      'origin',
      'origin-subdivision',
      'occupation',
      'education',
      'language',
      'sex',
      'age',
      'preferred-destination',
      'intended-stay',
      'month',
    ],
    filters: ALL_FILTERS,
    filterDimensions: {
      origin: 'origin',
      destination: 'preferred-destination',
      occupation: 'occupation',
    },
    defaultBy: 'origin',
    columns: [
      count('job_seekers', 'persons', [
        'job_seekers_origin',
        'job_seekers_subdivision',
        'job_seekers',
        'job_seekers_occupation_origin',
        'job_seekers_occupation',
        'job_seekers_language',
        'job_seekers_preference',
        'job_seekers_destination_occupation',
        'job_seekers_destination',
      ]),
    ],
  },
  matching: {
    id: 'matching',
    dimensions: ['corridor', 'origin', 'destination', 'occupation', 'month'],
    filters: ALL_FILTERS,
    filterDimensions: CORRIDOR_FILTERS,
    defaultBy: 'corridor',
    columns: [
      count('positions_approved', 'positions', POSITIONS),
      count('positions_filled', 'positions', [
        'positions_filled_cohort_corridor',
        'positions_filled_cohort',
      ]),
      {
        id: 'share_filled',
        unit: 'percent',
        kind: 'measure',
        ratio: {
          numerator: 'positions_filled',
          denominator: 'positions_approved',
          scale: 100,
          decimals: 1,
        },
      },
      count('applications', 'applications', [
        'applications_cohort_corridor',
        'applications_cohort',
      ]),
      {
        id: 'applications_per_position',
        unit: 'ratio',
        kind: 'measure',
        ratio: {
          numerator: 'applications',
          denominator: 'positions_approved',
          scale: 1,
          decimals: 2,
        },
      },
      count('placements', 'placements', ['placements_cohort_corridor', 'placements_cohort']),
    ],
  },
  'time-to-fill': {
    id: 'time-to-fill',
    dimensions: ['destination', 'origin', 'corridor', 'occupation', 'month'],
    filters: ALL_FILTERS,
    filterDimensions: CORRIDOR_FILTERS,
    defaultBy: 'destination',
    columns: [
      count('positions_filled', 'positions', FROM_APPROVAL),
      days('days_from_approval_median', FROM_APPROVAL, 0.5),
      days('days_from_approval_p90', FROM_APPROVAL, 0.9),
      days('days_from_publication_median', FROM_PUBLICATION, 0.5),
      days('days_from_publication_p90', FROM_PUBLICATION, 0.9),
    ],
  },
  processing: {
    id: 'processing',
    dimensions: ['step', 'institution', 'month'],
    filters: ['from', 'to'],
    filterDimensions: {},
    defaultBy: 'step',
    columns: [
      count('decisions', 'decisions', DECISIONS),
      days('days_median', DECISIONS, 0.5),
      days('days_p90', DECISIONS, 0.9),
    ],
  },
};

/** What the pages and the API are told about a table (no cube names: those are internal). */
export function definitionOf(spec: TableSpec): TableDefinition {
  return {
    id: spec.id,
    dimensions: spec.dimensions,
    filters: spec.filters,
    filterDimensions: spec.filterDimensions,
    defaultBy: spec.defaultBy,
    columns: spec.columns.map(({ id, unit, kind }) => ({ id, unit, kind })),
  };
}
