import type { AggregatesRepository, CellQuery, CellSum } from './aggregates.repository.js';
import { CUBES, TOTAL, UNKNOWN, columnOf, type CubeId } from './cubes.js';
import type { DisclosureControl } from './disclosure/disclosure-control.js';
import { KEY_SPACE } from './disclosure/record-key.js';
import type { CellTally } from './disclosure/tally.js';
import { AGE_BANDS, STEPS, WAGE_BANDS } from './facts.js';
import { StatisticsQueryError } from './statistics.errors.js';
import {
  DURATION_BANDS,
  type DimensionId,
  type PublishedRow,
  type PublishedTable,
  type PublishedValue,
  type StatisticsViewer,
  type TableFilters,
  type TableQuery,
} from './statistics.types.js';
import type { ColumnSpec, TableSpec } from './table-definitions.js';

type Audience = 'public' | 'restricted';

/** The tally of one row code in one column, and for durations its histogram of days. */
interface Gathered {
  tally: CellTally;
  days?: Map<number, number>;
}

const SUPPRESSED = { kind: 'suppressed' } as const;

/**
 * Answers a published table from the cells: checks the question against the table, applies the
 * reader's scope, reads each column's cube once for the rows and once for the total, and puts
 * every value through the disclosure control (docs/statistics.md). Reads cells, never records:
 * a few thousand when a roll-up holds the question, up to a cube's whole size when only a fine
 * cube does (docs/benchmarks.md).
 */
export async function publishTable(
  spec: TableSpec,
  query: TableQuery,
  viewer: StatisticsViewer,
  deps: { repository: AggregatesRepository; control: DisclosureControl; asOf: Date },
  from: 'cells' | 'facts' = 'cells',
): Promise<PublishedTable> {
  const filters = scopedFilters(spec, query, viewer);
  const needed = neededDimensions(spec, query.by, filters);
  const audience: Audience = viewer.audience;
  const gathered = new Map<string, { rows: Map<string, Gathered>; total: Gathered }>();

  // Each cube is read once per question: the rows, and the total by its own query only when it
  // comes from another cube (a multi-valued breakdown); from the same cube, the total is the sum
  // of the rows, since every cell the total query would sum has exactly one row code.
  const reads = new Map<string, Promise<{ rows: Map<string, Gathered>; total: Gathered }>>();
  const read = (cube: CubeId, byDays: boolean, totalCube: CubeId) => {
    const key = `${cube}|${totalCube}|${byDays}`;
    let reading = reads.get(key);
    if (!reading) {
      reading = (async () => {
        const sums = await deps.repository.sums(
          cellQuery(spec, cube, query, filters, byDays),
          from,
        );
        const rows = gather(sums, byDays);
        if (totalCube === cube) return { rows, total: combined(rows.values(), byDays) };
        const total = await deps.repository.sums(
          { ...cellQuery(spec, totalCube, query, filters, byDays), rows: null },
          from,
        );
        return { rows, total: gather(total, byDays).get(TOTAL) ?? EMPTY };
      })();
      reads.set(key, reading);
    }
    return reading;
  };

  // The total is the filtered population itself: for a multi-valued breakdown (languages), a
  // person counts once in it, so it comes from the first cube that has the filters alone.
  const neededForTotal = neededDimensions(spec, 'month', filters);
  const cubesOf = (cubes: readonly CubeId[]) => {
    const cube = cubes.find((candidate) => holdsAll(candidate, needed));
    if (!cube) throw new StatisticsQueryError('combination_not_available', culprit(query, filters));
    return { cube, totalCube: cubes.find((candidate) => holdsAll(candidate, neededForTotal))! };
  };
  // Percentiles first: a count read from the same cubes as a percentile's days is then taken
  // from that read (time to fill: positions filled and the days from approval).
  for (const column of spec.columns) {
    if (!('percentile' in column)) continue;
    const { cube, totalCube } = cubesOf(column.percentile.cubes);
    gathered.set(`days:${column.percentile.cubes.join(',')}`, await read(cube, true, totalCube));
  }
  for (const column of spec.columns) {
    if (column.kind !== 'count' || !('cubes' in column)) continue;
    const { cube, totalCube } = cubesOf(column.cubes);
    const byDays = reads.has(`${cube}|${totalCube}|true`);
    gathered.set(column.id, await read(cube, byDays, totalCube));
  }

  const codes = new Set<string>();
  for (const [id, column] of gathered) {
    if (!id.startsWith('days:')) for (const code of column.rows.keys()) codes.add(code);
  }
  const valuesOf = (pick: (g: { rows: Map<string, Gathered>; total: Gathered }) => Gathered) =>
    publishedValues(spec.columns, gathered, pick, deps.control, audience);
  const rows: PublishedRow[] = [...codes]
    .sort(naturalOrder(query.by))
    .map((code) => ({ code, values: valuesOf((g) => g.rows.get(code) ?? EMPTY) }));
  return {
    id: spec.id,
    audience,
    query: { ...query, filters },
    columns: spec.columns.map(({ id, unit, kind }) => ({ id, unit, kind })),
    rows,
    total: { code: TOTAL, values: valuesOf((g) => g.total) },
    asOf: deps.asOf,
    scope: viewer.audience === 'restricted' ? viewer.scope : {},
  };
}

const EMPTY: Gathered = { tally: { count: 0, keySum: 0 }, days: new Map() };

function gather(sums: readonly CellSum[], byDays: boolean): Map<string, Gathered> {
  const out = new Map<string, Gathered>();
  for (const sum of sums) {
    let entry = out.get(sum.code);
    if (!entry) {
      entry = { tally: { count: 0, keySum: 0 }, ...(byDays ? { days: new Map() } : {}) };
      out.set(sum.code, entry);
    }
    entry.tally = {
      count: entry.tally.count + sum.count,
      keySum: (entry.tally.keySum + sum.keySum) % KEY_SPACE,
    };
    if (entry.days) entry.days.set(sum.days, (entry.days.get(sum.days) ?? 0) + sum.count);
  }
  return out;
}

/** The sum of several rows' tallies (and histograms of days): the total of a breakdown. */
function combined(rows: Iterable<Gathered>, byDays: boolean): Gathered {
  const total: Gathered = {
    tally: { count: 0, keySum: 0 },
    ...(byDays ? { days: new Map() } : {}),
  };
  for (const row of rows) {
    total.tally = {
      count: total.tally.count + row.tally.count,
      keySum: (total.tally.keySum + row.tally.keySum) % KEY_SPACE,
    };
    for (const [days, n] of row.days ?? []) total.days?.set(days, (total.days.get(days) ?? 0) + n);
  }
  return total;
}

function publishedValues(
  columns: readonly ColumnSpec[],
  gathered: Map<string, { rows: Map<string, Gathered>; total: Gathered }>,
  pick: (g: { rows: Map<string, Gathered>; total: Gathered }) => Gathered,
  control: DisclosureControl,
  audience: Audience,
): PublishedValue[] {
  const tallyOf = (id: string) => pick(gathered.get(id)!).tally;
  return columns.map((column): PublishedValue => {
    if ('cubes' in column) return control.count(tallyOf(column.id), audience);
    if ('percentile' in column) {
      const cell = pick(gathered.get(`days:${column.percentile.cubes.join(',')}`)!);
      const value = nearestRank(cell.days ?? new Map(), column.percentile.rank);
      if (value === null) return SUPPRESSED;
      return control.measure(cell.tally, value, audience, 1);
    }
    const { numerator, denominator, scale, decimals } = column.ratio;
    const top = control.count(tallyOf(numerator), audience);
    const bottom = control.count(tallyOf(denominator), audience);
    if (top.kind !== 'count' || bottom.kind !== 'count' || bottom.value === 0) return SUPPRESSED;
    // The threshold of the denominator's cell decides, as for any measure.
    const factor = 10 ** decimals;
    const ratio = Math.round((top.value / bottom.value) * scale * factor) / factor;
    return control.measure(tallyOf(denominator), ratio, audience, decimals);
  });
}

/**
 * The nearest-rank percentile of a histogram of whole days: the smallest value with at least
 * `rank` of the observations at or below it; null when there are none.
 */
export function nearestRank(histogram: ReadonlyMap<number, number>, rank: number): number | null {
  const entries = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const wanted = Math.ceil(rank * total);
  let seen = 0;
  for (const [days, n] of entries) {
    seen += n;
    if (seen >= wanted) return days;
  }
  return entries[entries.length - 1]![0];
}

/** The query's filters with the restricted reader's jurisdiction forced on them. */
function scopedFilters(spec: TableSpec, query: TableQuery, viewer: StatisticsViewer): TableFilters {
  if (!spec.dimensions.includes(query.by)) {
    throw new StatisticsQueryError('breakdown_not_offered', 'by');
  }
  const filters: TableFilters = {};
  for (const [field, value] of Object.entries(query.filters) as [keyof TableFilters, string][]) {
    if (value === undefined || value === '') continue;
    if (!spec.filters.includes(field)) throw new StatisticsQueryError('filter_not_accepted', field);
    filters[field] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new StatisticsQueryError('from_after_to', 'to');
  }
  if (viewer.audience === 'restricted') {
    for (const [field, value] of Object.entries(viewer.scope) as [keyof TableFilters, string][]) {
      if (!value || !spec.filters.includes(field)) continue;
      if (filters[field] && filters[field] !== value) {
        throw new StatisticsQueryError('outside_scope', field);
      }
      filters[field] = value;
    }
  }
  return filters;
}

/** The cube dimensions a question needs: its breakdown's and its filters'. */
function neededDimensions(spec: TableSpec, by: DimensionId, filters: TableFilters): DimensionId[] {
  const needed = new Set<DimensionId>();
  const destination = spec.filterDimensions.destination ?? 'destination';
  if (by === 'corridor') {
    needed.add('origin');
    needed.add(destination);
  } else if (by !== 'month') {
    needed.add(by);
  }
  for (const field of ['origin', 'destination', 'occupation'] as const) {
    const dimension = spec.filterDimensions[field];
    if (filters[field] && dimension) needed.add(dimension);
  }
  return [...needed];
}

function holdsAll(cube: CubeId, dimensions: readonly DimensionId[]): boolean {
  return dimensions.every((dimension) => columnOf(cube, dimension) !== null);
}

/** The field to blame when no cube answers: the last filter set, or the breakdown. */
function culprit(query: TableQuery, filters: TableFilters): string {
  for (const field of ['occupation', 'destination', 'origin'] as const) {
    if (filters[field]) return field;
  }
  return query.by === 'month' ? 'from' : 'by';
}

function cellQuery(
  spec: TableSpec,
  cube: CubeId,
  query: TableQuery,
  filters: TableFilters,
  byDays: boolean,
): CellQuery {
  const equals: CellQuery['equals'] = {};
  const prefix: CellQuery['prefix'] = {};
  for (const field of ['origin', 'destination'] as const) {
    const dimension = spec.filterDimensions[field];
    const value = filters[field];
    if (dimension && value) equals[columnOf(cube, dimension)!] = value;
  }
  const occupation = spec.filterDimensions.occupation;
  if (occupation && filters.occupation) {
    const column = columnOf(cube, occupation)!;
    if (filters.occupation.length === 4) equals[column] = filters.occupation;
    else prefix[column] = filters.occupation;
  }
  return {
    cube,
    equals,
    prefix,
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    rows: rowsOf(spec, cube, query),
    byDays,
  };
}

function rowsOf(spec: TableSpec, cube: CubeId, query: TableQuery): CellQuery['rows'] {
  if (query.by === 'month') return { month: true };
  if (query.by === 'corridor') {
    const destination = spec.filterDimensions.destination ?? 'destination';
    return { columns: [columnOf(cube, 'origin')!, columnOf(cube, destination)!] };
  }
  const column = columnOf(cube, query.by)!;
  return query.by === 'occupation' && query.occupationLevel < 4
    ? { column, length: query.occupationLevel }
    : { column };
}

const BAND_ORDERS: Partial<Record<DimensionId, readonly string[]>> = {
  contract: DURATION_BANDS,
  'intended-stay': DURATION_BANDS,
  wage: WAGE_BANDS,
  age: AGE_BANDS,
  step: STEPS,
};

/** Rows in the dimension's own order: bands as defined, codes and months ascending, unknown last. */
function naturalOrder(by: DimensionId): (a: string, b: string) => number {
  const bands = BAND_ORDERS[by];
  const rank = (code: string) =>
    code === UNKNOWN ? Number.MAX_SAFE_INTEGER : bands ? bands.indexOf(code) : 0;
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export { CUBES };
