/**
 * Hand-built published tables and labels for the open-data tests (the statistics service builds
 * the real ones). Small on purpose: every value is checked by name in the tests.
 */
import type {
  DownloadLabels,
  PublishedTable,
  PublishedValue,
  TableDefinition,
} from '../../statistics.types.js';

export const count = (value: number): PublishedValue => ({ kind: 'count', value });
export const measure = (value: number): PublishedValue => ({ kind: 'measure', value });
export const suppressed: PublishedValue = { kind: 'suppressed' };

const AS_OF = new Date('2026-12-04T22:00:00Z');

/** Time to fill by destination: a count, a measure, a suppressed cell. */
export function timeToFillByDestination(): PublishedTable {
  return {
    id: 'time-to-fill',
    audience: 'public',
    query: { by: 'destination', occupationLevel: 2, filters: { origin: 'NP' } },
    columns: [
      { id: 'positions_filled', unit: 'positions', kind: 'count' },
      { id: 'time_to_fill_median', unit: 'days', kind: 'measure' },
    ],
    rows: [
      { code: 'QA', values: [count(120), measure(41.5)] },
      { code: 'AE', values: [suppressed, suppressed] },
    ],
    total: { code: '_T', values: [count(123), measure(40)] },
    asOf: AS_OF,
    scope: {},
  };
}

/** Demand by contract band (codes with '+'), restricted: exact counts. */
export function demandByContract(): PublishedTable {
  return {
    id: 'demand',
    audience: 'restricted',
    query: { by: 'contract', occupationLevel: 2, filters: {} },
    columns: [
      { id: 'job_orders_approved', unit: 'job_orders', kind: 'count' },
      { id: 'positions_approved', unit: 'positions', kind: 'count' },
    ],
    rows: [
      { code: '13-24', values: [count(4), count(31)] },
      { code: '37+', values: [count(1), count(2)] },
    ],
    total: { code: '_T', values: [count(5), count(33)] },
    asOf: AS_OF,
    scope: { destination: 'QA' },
  };
}

/**
 * Demand by month in one corridor and occupation: origin KE, destination AE, occupation 7112,
 * January to March 2026 (what an analyst filters before downloading).
 */
export function demandKenyaEmiratesByMonth(): PublishedTable {
  return {
    id: 'demand',
    audience: 'public',
    query: {
      by: 'month',
      occupationLevel: 4,
      filters: {
        origin: 'KE',
        destination: 'AE',
        occupation: '7112',
        from: '2026-01',
        to: '2026-03',
      },
    },
    columns: [
      { id: 'job_orders_approved', unit: 'job_orders', kind: 'count' },
      { id: 'positions_approved', unit: 'positions', kind: 'count' },
    ],
    rows: [
      { code: '2026-01', values: [count(6), count(40)] },
      { code: '2026-03', values: [suppressed, count(12)] },
    ],
    total: { code: '_T', values: [count(9), count(55)] },
    asOf: AS_OF,
    scope: {},
  };
}

export const ENGLISH: DownloadLabels = {
  title: 'Time to fill',
  dimension: 'Destination',
  columns: { positions_filled: 'Positions filled', time_to_fill_median: 'Median (days)' },
  rows: { QA: 'Qatar', AE: 'United Arab Emirates', _T: 'Total' },
  suppressed: 'hidden (fewer than 5)',
};

export const ARABIC: DownloadLabels = {
  title: 'مدة شغل الوظائف',
  dimension: 'بلد المقصد',
  columns: { positions_filled: 'الوظائف المشغولة', time_to_fill_median: 'الوسيط (أيام)' },
  rows: { QA: 'قطر', AE: 'الإمارات العربية المتحدة', _T: 'المجموع' },
  suppressed: 'مخفي (أقل من 5)',
};

export const DEMAND_DEFINITION: TableDefinition = {
  id: 'demand',
  dimensions: ['month', 'origin', 'destination', 'occupation', 'contract', 'wage'],
  filters: ['origin', 'destination', 'occupation', 'from', 'to'],
  filterDimensions: { origin: 'origin', destination: 'destination', occupation: 'occupation' },
  columns: [
    { id: 'job_orders_approved', unit: 'job_orders', kind: 'count' },
    { id: 'positions_approved', unit: 'positions', kind: 'count' },
  ],
  defaultBy: 'month',
};

/** Time to fill without an origin breakdown: the origin filter adds ORIGIN to its DSD. */
export const TIME_TO_FILL_DEFINITION: TableDefinition = {
  id: 'time-to-fill',
  dimensions: ['month', 'destination', 'occupation'],
  filters: ['origin', 'destination', 'occupation', 'from', 'to'],
  filterDimensions: { origin: 'origin', destination: 'destination', occupation: 'occupation' },
  columns: [
    { id: 'positions_filled', unit: 'positions', kind: 'count' },
    { id: 'time_to_fill_median', unit: 'days', kind: 'measure' },
  ],
  defaultBy: 'destination',
};

export const SUPPLY_DEFINITION: TableDefinition = {
  id: 'supply',
  dimensions: [
    'month',
    'origin',
    'origin-subdivision',
    'occupation',
    'education',
    'language',
    'sex',
    'age',
    'preferred-destination',
    'intended-stay',
  ],
  filters: ['origin', 'occupation', 'from', 'to'],
  filterDimensions: { origin: 'origin', occupation: 'occupation' },
  columns: [{ id: 'job_seekers_registered', unit: 'persons', kind: 'count' }],
  defaultBy: 'origin',
};

export const PROCESSING_DEFINITION: TableDefinition = {
  id: 'processing',
  dimensions: ['month', 'step', 'institution'],
  filters: ['from', 'to'],
  filterDimensions: {},
  columns: [
    { id: 'decisions', unit: 'decisions', kind: 'count' },
    { id: 'processing_days_median', unit: 'days', kind: 'measure' },
    { id: 'processing_days_p90', unit: 'days', kind: 'measure' },
  ],
  defaultBy: 'step',
};

/**
 * Matching by corridor, occupation and month only: the origin and destination filters narrow
 * dimensions that are not breakdowns (the engine reads them from the cubes' origin and
 * destination, as for a corridor), so its DSD gains ORIGIN and DESTINATION.
 */
export const MATCHING_DEFINITION: TableDefinition = {
  id: 'matching',
  dimensions: ['month', 'corridor', 'occupation'],
  filters: ['origin', 'destination', 'occupation', 'from', 'to'],
  filterDimensions: { origin: 'origin', destination: 'destination', occupation: 'occupation' },
  columns: [
    { id: 'positions_filled_share', unit: 'percent', kind: 'measure' },
    { id: 'applications_per_position', unit: 'ratio', kind: 'measure' },
  ],
  defaultBy: 'corridor',
};
