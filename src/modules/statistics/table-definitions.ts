import type { CubeId } from './cubes.js';
import type {
  DimensionId,
  TableColumn,
  TableDefinition,
  TableFilters,
  TableId,
} from './statistics.types.js';

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
    | { kind: 'measure'; percentile: { cube: CubeId; rank: 0.5 | 0.9 } }
    | {
        kind: 'measure';
        ratio: { numerator: string; denominator: string; scale: number; decimals: number };
      }
  );

export interface TableSpec extends TableDefinition {
  columns: readonly ColumnSpec[];
  /** Which cube dimension a filter of the table reads ('destination' is a preference in supply). */
  filterDimensions: Partial<Record<'origin' | 'destination' | 'occupation', DimensionId>>;
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

const days = (id: string, cube: CubeId, rank: 0.5 | 0.9): ColumnSpec => ({
  id,
  unit: 'days',
  kind: 'measure',
  percentile: { cube, rank },
});

export const TABLE_SPECS: Record<TableId, TableSpec> = {
  demand: {
    id: 'demand',
    dimensions: ['destination', 'origin', 'corridor', 'occupation', 'contract', 'wage', 'month'],
    filters: ALL_FILTERS,
    filterDimensions: CORRIDOR_FILTERS,
    defaultBy: 'destination',
    columns: [
      count('job_orders_approved', 'job_orders', ['job_orders']),
      count('positions_approved', 'positions', ['positions']),
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
        'job_seekers',
        'job_seekers_occupation',
        'job_seekers_language',
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
      count('positions_approved', 'positions', ['positions']),
      count('positions_filled', 'positions', ['positions_filled_cohort']),
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
      count('applications', 'applications', ['applications_cohort']),
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
      count('placements', 'placements', ['placements_cohort']),
    ],
  },
  'time-to-fill': {
    id: 'time-to-fill',
    dimensions: ['destination', 'origin', 'corridor', 'occupation', 'month'],
    filters: ALL_FILTERS,
    filterDimensions: CORRIDOR_FILTERS,
    defaultBy: 'destination',
    columns: [
      count('positions_filled', 'positions', ['fill_from_approval']),
      days('days_from_approval_median', 'fill_from_approval', 0.5),
      days('days_from_approval_p90', 'fill_from_approval', 0.9),
      days('days_from_publication_median', 'fill_from_publication', 0.5),
      days('days_from_publication_p90', 'fill_from_publication', 0.9),
    ],
  },
  processing: {
    id: 'processing',
    dimensions: ['step', 'institution', 'month'],
    filters: ['from', 'to'],
    filterDimensions: {},
    defaultBy: 'step',
    columns: [
      count('decisions', 'decisions', ['decisions']),
      days('days_median', 'decisions', 0.5),
      days('days_p90', 'decisions', 0.9),
    ],
  },
};

/** What the pages and the API are told about a table (no cube names: those are internal). */
export function definitionOf(spec: TableSpec): TableDefinition {
  return {
    id: spec.id,
    dimensions: spec.dimensions,
    filters: spec.filters,
    defaultBy: spec.defaultBy,
    columns: spec.columns.map(({ id, unit, kind }) => ({ id, unit, kind })),
  };
}
