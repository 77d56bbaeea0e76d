/**
 * A published table as SDMX: SDMX-CSV 1.0 (one row per cell), an SDMX-JSON 1.0 data message, and
 * the SDMX-JSON 1.0 structure message of a table's data structure definition (DSD) for
 * /statistics/{table}/structure. Identifiers in ./sdmx-ids.ts.
 *
 * A table's DSD has one dimension per breakdown the table offers (its `dimensions`) except month,
 * then one per dimension a filter narrows that is not a breakdown (`filterDimensions`), then
 * MEASURE (the table's column ids in upper case), then TIME_PERIOD last when the table can be
 * broken down by month; attributes UNIT_MEASURE (by MEASURE) and OBS_STATUS (by observation);
 * primary measure OBS_VALUE. A published table is broken down by one dimension at a time, so
 * every observation carries the whole key: the row's code for the breakdown, the column for
 * MEASURE, and for every other dimension one value the whole table shares: the filter's (or the
 * reader's scope's) value when one narrows it, the months covered for TIME_PERIOD (`periodOf`),
 * else `_T` (the total over that dimension). SDMX-CSV writes every dimension in every record;
 * SDMX-JSON puts the shared ones at `structure.dimensions.dataSet`.
 *
 * Suppressed cells are observations without a value and with OBS_STATUS `C`; others have `A`.
 * Counts are whole numbers and measures are as the table gives them, never locale-formatted.
 */
import type {
  ColumnUnit,
  DimensionId,
  DownloadLabels,
  PublishedTable,
  TableColumn,
  TableDefinition,
  TableFilters,
} from '../statistics.types.js';
import { definitionOf, TABLE_SPECS } from '../table-definitions.js';
import { csvRecord, formatNumber, numberOf, rowLabel, rowsWithTotal } from './csv.js';
import {
  AGENCY,
  CODELISTS,
  CONCEPT_SCHEME,
  DIMENSION_CODELISTS,
  dataflowId,
  dataflowRef,
  dataStructureId,
  measureCode,
  measureSchemeId,
  MEASURE_DIMENSION,
  OBS_STATUS,
  PRIMARY_MEASURE,
  SDMX_DIMENSIONS,
  sdmxCode,
  STATUS_ATTRIBUTE,
  TIME_DIMENSION,
  TOTAL,
  UNIT_ATTRIBUTE,
  unitCode,
  UNKNOWN,
  urn,
  VERSION,
  type CodelistId,
  type CodelistInfo,
} from './sdmx-ids.js';

export const SDMX_JSON_DATA_SCHEMA =
  'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json';
export const SDMX_JSON_STRUCTURE_SCHEMA =
  'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/1.0/sdmx-json-structure-schema.json';

// ---- Names ------------------------------------------------------------------------------------

/**
 * Names in the request's language for what DownloadLabels does not carry. Everything is
 * optional: a missing name falls back to English (SDMX names are descriptive, ids are what
 * programs read).
 */
export interface SdmxNames {
  /** BCP 47 language of the names (`contentLanguages`); default 'en'. */
  language?: string;
  /** The table's title. */
  table?: string;
  /** Each breakdown's heading. */
  dimensions?: Partial<Record<DimensionId, string>>;
  /** Each column's heading, by column id. */
  columns?: Record<string, string>;
  /** The names of the components MEASURE, UNIT_MEASURE, OBS_STATUS, OBS_VALUE. */
  measure?: string;
  unit?: string;
  status?: string;
  value?: string;
  /** Each unit's words. */
  units?: Partial<Record<ColumnUnit, string>>;
  /** OBS_STATUS values: A normal, C confidential. */
  statuses?: Partial<Record<'A' | 'C', string>>;
  /** Names of the codes of the listed codelists (bands, steps), by breakdown and row code. */
  codes?: Partial<Record<DimensionId, Record<string, string>>>;
}

const ENGLISH_DIMENSIONS: Record<DimensionId, string> = {
  month: 'Month',
  origin: 'Origin country',
  'origin-subdivision': 'Origin subdivision',
  destination: 'Destination country',
  corridor: 'Corridor',
  occupation: 'Occupation (ISCO-08)',
  contract: 'Contract duration',
  wage: 'Wage band',
  sex: 'Sex',
  age: 'Age band',
  education: 'Level of education (ISCED 2011)',
  language: 'Language',
  'preferred-destination': 'Preferred destination',
  'intended-stay': 'Intended duration of stay',
  step: 'Process step',
  institution: 'Institution',
};

const ENGLISH_UNITS: Record<ColumnUnit, string> = {
  job_orders: 'Job orders',
  positions: 'Positions',
  persons: 'Persons',
  applications: 'Applications',
  placements: 'Placements',
  decisions: 'Decisions',
  percent: 'Percent',
  ratio: 'Ratio',
  days: 'Days',
};

/** English names of the listed codes, by their row code (before `sdmxCode`). */
const ENGLISH_CODES: Record<string, string> = {
  [TOTAL]: 'Total',
  [UNKNOWN]: 'Unknown',
  '0-6': 'Up to 6 months',
  '7-12': '7 to 12 months',
  '13-24': '13 to 24 months',
  '25-36': '25 to 36 months',
  '37+': 'More than 36 months',
  lt300: 'Under 300 US dollars a month',
  '300-499': '300 to 499 US dollars a month',
  '500-799': '500 to 799 US dollars a month',
  '800-1199': '800 to 1199 US dollars a month',
  '1200-1999': '1200 to 1999 US dollars a month',
  '2000+': '2000 US dollars a month or more',
  '15-24': '15 to 24 years',
  '25-34': '25 to 34 years',
  '35-44': '35 to 44 years',
  '45-54': '45 to 54 years',
  '55+': '55 years or more',
  F: 'Female',
  M: 'Male',
  X: 'Another sex (X)',
  job_order_verification: 'Job-order verification',
  licence_decision: 'Licence decision',
  employer_vetting: 'Employer vetting',
  A: 'Normal value',
  C: 'Confidential (suppressed)',
};

const dimensionName = (dimension: DimensionId, names: SdmxNames) =>
  names.dimensions?.[dimension] ?? ENGLISH_DIMENSIONS[dimension];
const unitName = (unit: ColumnUnit, names: SdmxNames) => names.units?.[unit] ?? ENGLISH_UNITS[unit];
const statusName = (status: 'A' | 'C', names: SdmxNames) =>
  names.statuses?.[status] ?? ENGLISH_CODES[status]!;
const componentNames = (names: SdmxNames) => ({
  [MEASURE_DIMENSION]: names.measure ?? 'Measure',
  [UNIT_ATTRIBUTE]: names.unit ?? 'Unit of measure',
  [STATUS_ATTRIBUTE]: names.status ?? 'Observation status',
  [PRIMARY_MEASURE]: names.value ?? 'Observation value',
});

/** Localised name objects: `{ "ar": "…" }`. */
const localised = (language: string, name: string) => ({ [language]: name });

/** The stable address of a table's structure message, below the site's public address. */
export function structureUrl(table: TableDefinition['id'], baseUrl: string): string {
  return new URL(`/statistics/${table}/structure`, baseUrl).href;
}

/**
 * A link to an SDMX artefact: `href` is the table's structure message when the site's public
 * address is known, else the artefact's URN (SDMX-JSON wants an absolute URI there).
 */
function artefactLink(
  rel: string,
  artefactUrn: string,
  table: TableDefinition['id'],
  baseUrl?: string,
) {
  return { rel, href: baseUrl ? structureUrl(table, baseUrl) : artefactUrn, urn: artefactUrn };
}

// ---- Shared -----------------------------------------------------------------------------------

/** The SDMX id of the dimension a table is broken down by. */
export function sdmxDimension(dimension: DimensionId): string {
  return SDMX_DIMENSIONS[dimension];
}

/** A dimension of a DSD's key: its SDMX id and the breakdown it is (null: MEASURE). */
interface KeyDimension {
  id: string;
  dimension: DimensionId | null;
}

/** The filters that narrow a dimension, in this order. */
const NARROWING_FILTERS = ['origin', 'destination', 'occupation'] as const;

/**
 * The key of a table's DSD, in order: its breakdowns (the definition's order) except month,
 * then each dimension a filter narrows (`filterDimensions`) that is not already one, then
 * MEASURE, then TIME_PERIOD last when the table has months (SDMX puts the time dimension last).
 */
function dsdKey(definition: TableDefinition): KeyDimension[] {
  const regular = definition.dimensions.filter((d) => d !== 'month');
  for (const field of NARROWING_FILTERS) {
    const narrowed = definition.filterDimensions[field];
    if (narrowed && narrowed !== 'month' && !regular.includes(narrowed)) regular.push(narrowed);
  }
  return [
    ...regular.map((dimension) => ({ id: sdmxDimension(dimension), dimension })),
    { id: MEASURE_DIMENSION, dimension: null },
    ...(definition.dimensions.includes('month')
      ? [{ id: TIME_DIMENSION, dimension: 'month' as const }]
      : []),
  ];
}

/** The ids of a table's DSD key, in order (see `dsdKey`): what SDMX-CSV's columns follow. */
export function dsdDimensions(definition: TableDefinition): string[] {
  return dsdKey(definition).map((d) => d.id);
}

/**
 * The definition a table was published under: the caller's, else the table's own
 * (table-definitions.ts, what `StatisticsReader.definitions()` answers too).
 */
function definitionFor(table: PublishedTable, definition?: TableDefinition): TableDefinition {
  return definition ?? definitionOf(TABLE_SPECS[table.id]);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' as a month number; anything else is refused (filter text is never trusted). */
function monthNumber(month: string, field: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`${field}: ${JSON.stringify(month)} is not a month (YYYY-MM)`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * The months a figure covers that is not broken down by month, as an SDMX 2.1 time range:
 * `YYYY-MM-01/PnM` from FROM to TO inclusive (TO missing: the month of AS_OF, or FROM's month
 * when FROM is later). Without FROM the table reaches back to the first figure Corridor holds,
 * which it does not carry: `_T`, "every month up to TO, else up to AS_OF".
 */
export function periodOf(table: PublishedTable): string {
  const from = table.query.filters.from || table.scope.from;
  if (!from) return TOTAL;
  const start = monthNumber(from, 'from');
  const to = table.query.filters.to || table.scope.to;
  const end = Math.max(
    start,
    to ? monthNumber(to, 'to') : table.asOf.getUTCFullYear() * 12 + table.asOf.getUTCMonth(),
  );
  return `${from}-01/P${end - start + 1}M`;
}

/**
 * The value every observation of the table has for a dimension it is not broken down by: the
 * filter's value when a filter (or the reader's scope) narrows it, the period for TIME_PERIOD,
 * else `_T` (the total over that dimension).
 */
function fixedValue(
  table: PublishedTable,
  definition: TableDefinition,
  dimension: DimensionId,
): string {
  if (dimension === 'month') return periodOf(table);
  for (const field of NARROWING_FILTERS) {
    if (definition.filterDimensions[field] !== dimension) continue;
    const value = table.query.filters[field] || table.scope[field];
    if (value) return sdmxCode(value);
  }
  return TOTAL;
}

/**
 * The table's full key: for each DSD dimension in order, its fixed value, or `null` for the
 * ones that vary by observation (the breakdown and MEASURE).
 */
function keyValues(table: PublishedTable, definition: TableDefinition) {
  const key = dsdKey(definition);
  const by = sdmxDimension(table.query.by);
  if (!key.some((d) => d.id === by)) {
    throw new RangeError(`${by} is not a dimension of ${dataStructureId(table.id)}`);
  }
  return key.map((d) => ({
    ...d,
    value: d.id === by || d.dimension === null ? null : fixedValue(table, definition, d.dimension),
  }));
}

interface Cell {
  /** Index of the row (the total last) and of the column. */
  row: number;
  column: number;
  code: string;
  measure: string;
  unit: string;
  /** The number, or null when suppressed. */
  value: number | null;
  status: 'A' | 'C';
}

/**
 * The breakdown's code of each row, the total last: the row's code through `sdmxCode`; the total
 * of a table by month is the period the table covers (`periodOf`), like a table's TIME_PERIOD
 * when not broken down by month, since `_T` there means every month up to AS_OF.
 */
function rowCodes(table: PublishedTable): string[] {
  const rows = rowsWithTotal(table);
  return rows.map((row, r) =>
    r === rows.length - 1 && table.query.by === 'month' ? periodOf(table) : sdmxCode(row.code),
  );
}

/** Every cell of the table, row by row (the total last), column by column. */
function cellsOf(table: PublishedTable): Cell[] {
  const cells: Cell[] = [];
  const codes = rowCodes(table);
  rowsWithTotal(table).forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const value = numberOf(row.values[c]);
      cells.push({
        row: r,
        column: c,
        code: codes[r]!,
        measure: measureCode(column.id),
        unit: unitCode(column.unit),
        value: value === null ? null : checkedNumber(value, column),
        status: value === null ? OBS_STATUS.confidential : OBS_STATUS.normal,
      });
    });
  });
  return cells;
}

/** A count must be a whole number; a measure any finite number. */
function checkedNumber(value: number, column: TableColumn): number {
  if (!Number.isFinite(value) || (column.kind === 'count' && !Number.isInteger(value))) {
    throw new RangeError(`column ${column.id}: ${value} is not a ${column.kind}`);
  }
  return value;
}

// ---- SDMX-CSV ---------------------------------------------------------------------------------

/**
 * SDMX-CSV 1.0: header `DATAFLOW`, every dimension of the table's DSD in key order (MEASURE
 * among them, TIME_PERIOD last), `OBS_VALUE,UNIT_MEASURE,OBS_STATUS`; one record per cell (rows
 * in the table's order, the total `_T` last; columns in the table's order), each with its full
 * key: the row's code for the breakdown, the column for MEASURE, the filter's (or the reader's
 * scope's) value for a dimension a filter narrows, the period for TIME_PERIOD, `_T` elsewhere.
 * A suppressed cell has an empty OBS_VALUE and OBS_STATUS `C`. CRLF line ends, no byte order
 * mark. `definition`: the table's (default: the one it was published under).
 */
export function toSdmxCsv(table: PublishedTable, definition?: TableDefinition): string {
  const flow = dataflowRef(table.id);
  const key = keyValues(table, definitionFor(table, definition));
  let out = csvRecord([
    'DATAFLOW',
    ...key.map((d) => d.id),
    PRIMARY_MEASURE,
    UNIT_ATTRIBUTE,
    STATUS_ATTRIBUTE,
  ]);
  for (const cell of cellsOf(table)) {
    out += csvRecord([
      flow,
      ...key.map((d) => d.value ?? (d.dimension === null ? cell.measure : cell.code)),
      cell.value === null ? '' : formatNumber(cell.value),
      cell.unit,
      cell.status,
    ]);
  }
  return out;
}

// ---- SDMX-JSON data message --------------------------------------------------------------------

/** A component value of a data message: its code, and its name in the request's language. */
export interface SdmxValue {
  id: string;
  name: string;
  names: Record<string, string>;
  /** A TIME_PERIOD value's first and last instant (UTC), when it is a month or a range. */
  start?: string;
  end?: string;
}

const RANGE = /^(\d{4})-(\d{2})-01\/P(\d+)M$/;

/**
 * A TIME_PERIOD value of a data message. SDMX-JSON 1.0 allows only `A-Z a-z 0-9 _ @ $ -` in a
 * value's id, so a time range's id goes through `sdmxCode` (`2026-01-01/P3M` →
 * `2026-01-01_P3M`); its name is the range as SDMX-CSV writes it, and `start` and `end` give
 * the months it covers (a month's too), which is what SDMX-JSON readers take a period from.
 */
function timeValue(code: string, name: string, language: string): SdmxValue {
  const month = MONTH.exec(code);
  const range = RANGE.exec(code);
  const value: SdmxValue = { id: sdmxCode(code), name, names: localised(language, name) };
  const first = month ?? range;
  if (!first) return value;
  const year = Number(first[1]);
  const start = Number(first[2]) - 1;
  const months = range ? Number(range[3]) : 1;
  return {
    ...value,
    start: new Date(Date.UTC(year, start, 1)).toISOString(),
    end: new Date(Date.UTC(year, start + months, 1) - 1000).toISOString(),
  };
}

/** A dimension at observation level: `keyPosition` is its place in the table's DSD. */
export interface ObservationDimension {
  id: string;
  name: string;
  names: Record<string, string>;
  keyPosition: number;
  roles?: string[] | undefined;
  values: SdmxValue[];
}

export interface SdmxJsonOptions {
  /** The table's definition: the key positions are then those of its /structure DSD. */
  definition?: TableDefinition;
  names?: SdmxNames;
  /** When the message was prepared (default: now). */
  prepared?: Date;
  /** The site's public address (config.publicUrl): links then point at the structure URL. */
  baseUrl?: string;
  /** The message's id (letters, digits, `_ @ $ -`; default from the dataflow and the time). */
  id?: string;
}

const FILTER_NAMES: Record<keyof TableFilters, string> = {
  origin: 'ORIGIN',
  destination: 'DESTINATION',
  occupation: 'OCCUPATION',
  from: 'FROM',
  to: 'TO',
};

function filterAnnotations(filters: TableFilters, type: string) {
  return (Object.keys(FILTER_NAMES) as (keyof TableFilters)[])
    .filter((key) => filters[key] !== undefined && filters[key] !== '')
    .map((key) => ({
      id: `${type}_${FILTER_NAMES[key]}`,
      type,
      title: `${FILTER_NAMES[key]}=${filters[key]}`,
    }));
}

function messageId(table: PublishedTable, prepared: Date): string {
  return `${dataflowId(table.id)}-${prepared.toISOString().replace(/[^0-9]/g, '')}`;
}

/**
 * An SDMX-JSON 1.0 data message (`meta`, `data.structure`, `data.dataSets`): the dimensions every
 * observation shares at `structure.dimensions.dataSet` (one value each: a filter's or the
 * reader's scope's value, the period for TIME_PERIOD, `_T` elsewhere), the table's breakdown and
 * MEASURE at observation level, observations keyed "row:measure" (in key-position order) by
 * value indices, each `[value, unit index, status index]`. Every dimension has its `keyPosition`
 * in the table's DSD (the definition's; default: the one it was published under).
 */
export function toSdmxJson(
  table: PublishedTable,
  labels: DownloadLabels,
  options: SdmxJsonOptions = {},
) {
  const names = options.names ?? {};
  const language = names.language ?? 'en';
  const prepared = options.prepared ?? new Date();
  const definition = definitionFor(table, options.definition);
  const key = keyValues(table, definition);
  const byId = sdmxDimension(table.query.by);
  const position = (id: string) => key.findIndex((d) => d.id === id);

  const totalName = labels.rows[TOTAL] ?? ENGLISH_CODES[TOTAL]!;
  const fixedName = (dimension: DimensionId, code: string) =>
    names.codes?.[dimension]?.[code] ?? (code === TOTAL ? totalName : code);
  const dataSetDimensions: ObservationDimension[] = key.flatMap((d, keyPosition) => {
    if (d.value === null || d.dimension === null) return [];
    const name = dimensionName(d.dimension, names);
    const valueName = fixedName(d.dimension, d.value);
    return [
      {
        id: d.id,
        name,
        names: localised(language, name),
        keyPosition,
        roles: d.id === TIME_DIMENSION ? [TIME_DIMENSION] : undefined,
        values: [
          d.id === TIME_DIMENSION
            ? timeValue(d.value, valueName, language)
            : { id: d.value, name: valueName, names: localised(language, valueName) },
        ],
      },
    ];
  });

  const codes = rowCodes(table);
  const byDimension = {
    id: byId,
    name: labels.dimension,
    names: localised(language, labels.dimension),
    keyPosition: position(byId),
    roles: byId === TIME_DIMENSION ? [TIME_DIMENSION] : undefined,
    values: rowsWithTotal(table).map((row, r): SdmxValue => {
      const name = rowLabel(table, labels, row.code);
      if (byId === TIME_DIMENSION) return timeValue(codes[r]!, name, language);
      return { id: codes[r]!, name, names: localised(language, name) };
    }),
  };
  const components = componentNames(names);
  const measureDimension = {
    id: MEASURE_DIMENSION,
    name: components[MEASURE_DIMENSION],
    names: localised(language, components[MEASURE_DIMENSION]),
    keyPosition: position(MEASURE_DIMENSION),
    values: table.columns.map((column) => {
      const name = labels.columns[column.id] ?? column.id;
      return { id: measureCode(column.id), name, names: localised(language, name) };
    }),
  };
  const observationDimensions: ObservationDimension[] = [byDimension, measureDimension].sort(
    (a, b) => a.keyPosition - b.keyPosition,
  );
  const byFirst = observationDimensions[0] === byDimension;

  const units = [...new Set(table.columns.map((column) => column.unit))];
  const statusValues = [OBS_STATUS.normal, OBS_STATUS.confidential] as const;
  const attributes = [
    {
      id: UNIT_ATTRIBUTE,
      name: components[UNIT_ATTRIBUTE],
      names: localised(language, components[UNIT_ATTRIBUTE]),
      relationship: { dimensions: [MEASURE_DIMENSION] },
      values: units.map((unit) => ({
        id: unitCode(unit),
        name: unitName(unit, names),
        names: localised(language, unitName(unit, names)),
      })),
    },
    {
      id: STATUS_ATTRIBUTE,
      name: components[STATUS_ATTRIBUTE],
      names: localised(language, components[STATUS_ATTRIBUTE]),
      relationship: { primaryMeasure: PRIMARY_MEASURE },
      values: statusValues.map((status) => {
        const name =
          status === OBS_STATUS.confidential ? labels.suppressed : statusName(status, names);
        return { id: status, name, names: localised(language, name) };
      }),
    },
  ];

  const observations: Record<string, (number | null)[]> = {};
  for (const cell of cellsOf(table)) {
    const indices = byFirst ? [cell.row, cell.column] : [cell.column, cell.row];
    observations[indices.join(':')] = [
      cell.value,
      units.indexOf(table.columns[cell.column]!.unit),
      statusValues.indexOf(cell.status),
    ];
  }

  const annotations = [
    {
      id: 'AUDIENCE',
      type: 'AUDIENCE',
      title: table.audience === 'public' ? 'PUBLIC_PERTURBED' : 'RESTRICTED_EXACT',
      text:
        table.audience === 'public'
          ? 'Counts perturbed by the cell-key method, small values suppressed; tables are not additive.'
          : 'Exact figures for a reader with the statistics permission.',
    },
    { id: 'AS_OF', type: 'AS_OF', title: table.asOf.toISOString() },
    ...filterAnnotations(table.query.filters, 'FILTER'),
    ...filterAnnotations(table.scope, 'SCOPE'),
  ];

  return {
    meta: {
      schema: SDMX_JSON_DATA_SCHEMA,
      id: options.id ?? messageId(table, prepared),
      test: false,
      prepared: prepared.toISOString(),
      contentLanguages: [language],
      name: labels.title,
      names: localised(language, labels.title),
      sender: { id: AGENCY, name: 'Corridor' },
    },
    data: {
      structure: {
        links: [
          artefactLink('dataflow', urn.dataflow(table.id), table.id, options.baseUrl),
          artefactLink('datastructure', urn.dataStructure(table.id), table.id, options.baseUrl),
        ],
        name: labels.title,
        names: localised(language, labels.title),
        dimensions: { dataSet: dataSetDimensions, series: [], observation: observationDimensions },
        attributes: { dataSet: [], series: [], observation: attributes },
        annotations,
      },
      dataSets: [
        {
          action: 'Information',
          links: [artefactLink('dataflow', urn.dataflow(table.id), table.id, options.baseUrl)],
          annotations: annotations.map((_, i) => i),
          observations,
        },
      ],
    },
  };
}

/** What TIME_PERIOD's values mean (the concept's description in the structure message). */
export const TIME_PERIOD_DESCRIPTION =
  'A month (YYYY-MM), or the months a figure covers as an SDMX time range YYYY-MM-01/PnM ' +
  '(the FROM and TO filters inclusive; without TO, up to the month of the reference time ' +
  'AS_OF); _T: every month up to TO, else up to AS_OF (no FROM filter).';

// ---- SDMX-JSON structure message ---------------------------------------------------------------

export interface StructureOptions {
  prepared?: Date;
  /** The site's public address (config.publicUrl): links then point at the structure URL. */
  baseUrl?: string;
  id?: string;
}

function codelistArtefact(
  info: CodelistInfo,
  codeNames: (code: string) => string,
  language: string,
  self: (artefactUrn: string) => ReturnType<typeof artefactLink>,
) {
  const listed = 'codes' in info && info.codes !== undefined;
  return {
    id: info.id,
    agencyID: AGENCY,
    version: VERSION,
    name: info.name,
    description: info.description,
    isFinal: true,
    isPartial: !listed,
    links: [
      self(urn.codelist(info.id)),
      ...(info.href ? [{ rel: 'external', href: info.href }] : []),
    ],
    codes: listed
      ? info.codes!.map((code) => {
          const name = codeNames(code);
          return { id: sdmxCode(code), name, names: localised(language, name) };
        })
      : [],
  };
}

/**
 * The SDMX-JSON 1.0 structure message of a table: its DSD (dimensions with their concept and
 * codelist, MEASURE over the table's measure concept scheme, TIME_PERIOD last if the table has
 * months; UNIT_MEASURE and OBS_STATUS; OBS_VALUE), its dataflow, the concept schemes and the
 * codelists it uses (small bands listed in full, standards referred to by URN and link).
 */
export function dataStructure(
  definition: TableDefinition,
  names: SdmxNames = {},
  options: StructureOptions = {},
) {
  const language = names.language ?? 'en';
  const prepared = options.prepared ?? new Date();
  const keyDimensions = dsdKey(definition);
  const key = keyDimensions.map((d) => d.id);
  const components = componentNames(names);
  const title = names.table ?? definition.id;
  const conceptUrn = (id: string) => urn.concept(id);
  const self = (artefactUrn: string) =>
    artefactLink('self', artefactUrn, definition.id, options.baseUrl);

  const regular = keyDimensions
    .flatMap(({ dimension }) => (dimension === null || dimension === 'month' ? [] : [dimension]))
    .map((dimension) => {
      const id = sdmxDimension(dimension);
      const codelist = DIMENSION_CODELISTS[dimension]!;
      return {
        id,
        position: key.indexOf(id),
        type: 'Dimension',
        conceptIdentity: conceptUrn(id),
        localRepresentation: { enumeration: urn.codelist(codelist) },
      };
    });
  const measure = {
    id: MEASURE_DIMENSION,
    position: key.indexOf(MEASURE_DIMENSION),
    type: 'MeasureDimension',
    conceptIdentity: conceptUrn(MEASURE_DIMENSION),
    localRepresentation: { enumeration: urn.conceptScheme(measureSchemeId(definition.id)) },
  };
  const time = key.includes(TIME_DIMENSION)
    ? [
        {
          id: TIME_DIMENSION,
          position: key.indexOf(TIME_DIMENSION),
          type: 'TimeDimension',
          conceptIdentity: conceptUrn(TIME_DIMENSION),
          localRepresentation: { textFormat: { textType: 'ObservationalTimePeriod' } },
        },
      ]
    : [];

  const attributes = [
    {
      id: UNIT_ATTRIBUTE,
      assignmentStatus: 'Mandatory',
      attributeRelationship: { dimensions: [MEASURE_DIMENSION] },
      conceptIdentity: conceptUrn(UNIT_ATTRIBUTE),
      localRepresentation: { enumeration: urn.codelist(CODELISTS.CL_UNIT_MEASURE.id) },
    },
    {
      id: STATUS_ATTRIBUTE,
      assignmentStatus: 'Mandatory',
      attributeRelationship: { primaryMeasure: PRIMARY_MEASURE },
      conceptIdentity: conceptUrn(STATUS_ATTRIBUTE),
      localRepresentation: { enumeration: urn.codelist(CODELISTS.CL_OBS_STATUS.id) },
    },
  ];

  // Concepts: every dimension and component of the DSD.
  const concept = (id: string, name: string) => ({ id, name, names: localised(language, name) });
  const concepts = [
    ...keyDimensions.flatMap(({ id, dimension }) => {
      if (dimension === null) return [];
      const named = concept(id, dimensionName(dimension, names));
      return [id === TIME_DIMENSION ? { ...named, description: TIME_PERIOD_DESCRIPTION } : named];
    }),
    concept(MEASURE_DIMENSION, components[MEASURE_DIMENSION]),
    concept(UNIT_ATTRIBUTE, components[UNIT_ATTRIBUTE]),
    concept(STATUS_ATTRIBUTE, components[STATUS_ATTRIBUTE]),
    concept(PRIMARY_MEASURE, components[PRIMARY_MEASURE]),
  ];
  const measures = definition.columns.map((column) => ({
    ...concept(measureCode(column.id), names.columns?.[column.id] ?? column.id),
    coreRepresentation: {
      textFormat: { textType: column.kind === 'count' ? 'Integer' : 'Decimal' },
    },
  }));

  // Codelists: those of the dimensions (once each), then units and statuses.
  const codeNamesFor = (dimensions: DimensionId[]) => (code: string) => {
    for (const d of dimensions) {
      const name = names.codes?.[d]?.[code];
      if (name !== undefined) return name;
    }
    return ENGLISH_CODES[code] ?? code;
  };
  const used = new Map<CodelistId, DimensionId[]>();
  for (const { dimension: d } of keyDimensions) {
    if (d === null) continue;
    const id = DIMENSION_CODELISTS[d];
    if (id) used.set(id, [...(used.get(id) ?? []), d]);
  }
  const codelists = [
    ...[...used].map(([id, dims]) =>
      codelistArtefact(CODELISTS[id], codeNamesFor(dims), language, self),
    ),
    codelistArtefact(
      CODELISTS.CL_UNIT_MEASURE,
      (code) => unitName(code.toLowerCase() as ColumnUnit, names),
      language,
      self,
    ),
    codelistArtefact(
      CODELISTS.CL_OBS_STATUS,
      (code) => statusName(code as 'A' | 'C', names),
      language,
      self,
    ),
  ];

  return {
    meta: {
      schema: SDMX_JSON_STRUCTURE_SCHEMA,
      id:
        options.id ??
        `${dataStructureId(definition.id)}-${prepared.toISOString().replace(/[^0-9]/g, '')}`,
      test: false,
      prepared: prepared.toISOString(),
      contentLanguages: [language],
      sender: { id: AGENCY, name: 'Corridor' },
    },
    data: {
      dataStructures: [
        {
          id: dataStructureId(definition.id),
          agencyID: AGENCY,
          version: VERSION,
          name: title,
          names: localised(language, title),
          isFinal: true,
          links: [self(urn.dataStructure(definition.id))],
          dataStructureComponents: {
            dimensionList: {
              id: 'DimensionDescriptor',
              dimensions: regular,
              measureDimensions: [measure],
              timeDimensions: time,
            },
            attributeList: { id: 'AttributeDescriptor', attributes },
            measureList: {
              id: 'MeasureDescriptor',
              primaryMeasure: { id: PRIMARY_MEASURE, conceptIdentity: conceptUrn(PRIMARY_MEASURE) },
            },
          },
        },
      ],
      dataflows: [
        {
          id: dataflowId(definition.id),
          agencyID: AGENCY,
          version: VERSION,
          name: title,
          names: localised(language, title),
          isFinal: true,
          links: [self(urn.dataflow(definition.id))],
          structure: urn.dataStructure(definition.id),
        },
      ],
      conceptSchemes: [
        {
          id: CONCEPT_SCHEME,
          agencyID: AGENCY,
          version: VERSION,
          name: 'Corridor statistics concepts',
          isFinal: true,
          isPartial: true,
          links: [self(urn.conceptScheme(CONCEPT_SCHEME))],
          concepts,
        },
        {
          id: measureSchemeId(definition.id),
          agencyID: AGENCY,
          version: VERSION,
          name: components[MEASURE_DIMENSION],
          isFinal: true,
          links: [self(urn.conceptScheme(measureSchemeId(definition.id)))],
          concepts: measures,
        },
      ],
      codelists,
    },
  };
}

/** The data message's shape (plain JSON: `JSON.stringify` it as it is). */
export type SdmxDataMessage = ReturnType<typeof toSdmxJson>;
/** The structure message's shape (plain JSON). */
export type SdmxStructureMessage = ReturnType<typeof dataStructure>;
