/**
 * SDMX 2.1-style identifiers of Corridor's statistics: the agency, one dataflow and one data
 * structure per table, one dimension per breakdown, the MEASURE dimension (the table's column
 * ids), the attributes UNIT_MEASURE and OBS_STATUS, the primary measure OBS_VALUE, the
 * codelists and their URNs. Stable: downloads, the API and /statistics/{table}/structure name
 * things by these ids, so a change here is a new version of the dataflows.
 */
import {
  DURATION_BANDS,
  type ColumnUnit,
  type DimensionId,
  type TableId,
} from '../statistics.types.js';

export const AGENCY = 'CORRIDOR';
export const VERSION = '1.0';
/** The concept scheme every dimension and attribute takes its concept from. */
export const CONCEPT_SCHEME = 'CS_CORRIDOR';
export const TOTAL = '_T';
export const UNKNOWN = '_U';

/** `DF_DEMAND`, `DF_TIME_TO_FILL`… */
export function dataflowId(table: TableId): string {
  return `DF_${table.toUpperCase().replaceAll('-', '_')}`;
}

/** `DSD_DEMAND`, `DSD_TIME_TO_FILL`… */
export function dataStructureId(table: TableId): string {
  return `DSD_${table.toUpperCase().replaceAll('-', '_')}`;
}

/** The concept scheme of a table's measures (the MEASURE dimension's values). */
export function measureSchemeId(table: TableId): string {
  return `CS_${table.toUpperCase().replaceAll('-', '_')}_MEASURES`;
}

/** `CORRIDOR:DF_DEMAND(1.0)`: the DATAFLOW column of SDMX-CSV. */
export function dataflowRef(table: TableId): string {
  return `${AGENCY}:${dataflowId(table)}(${VERSION})`;
}

const URN = 'urn:sdmx:org.sdmx.infomodel';
export const urn = {
  dataflow: (table: TableId) => `${URN}.datastructure.Dataflow=${dataflowRef(table)}`,
  dataStructure: (table: TableId) =>
    `${URN}.datastructure.DataStructure=${AGENCY}:${dataStructureId(table)}(${VERSION})`,
  codelist: (id: string) => `${URN}.codelist.Codelist=${AGENCY}:${id}(${VERSION})`,
  conceptScheme: (id: string) => `${URN}.conceptscheme.ConceptScheme=${AGENCY}:${id}(${VERSION})`,
  concept: (id: string, scheme = CONCEPT_SCHEME) =>
    `${URN}.conceptscheme.Concept=${AGENCY}:${scheme}(${VERSION}).${id}`,
};

/** The SDMX dimension of each breakdown. */
export const SDMX_DIMENSIONS: Readonly<Record<DimensionId, string>> = {
  month: 'TIME_PERIOD',
  origin: 'ORIGIN',
  'origin-subdivision': 'ORIGIN_SUBDIVISION',
  destination: 'DESTINATION',
  corridor: 'CORRIDOR',
  occupation: 'OCCUPATION',
  contract: 'CONTRACT_DURATION',
  wage: 'WAGE_BAND',
  sex: 'SEX',
  age: 'AGE',
  education: 'EDUCATION_LEV',
  language: 'LANGUAGE',
  'preferred-destination': 'PREF_DESTINATION',
  'intended-stay': 'INTENDED_STAY',
  step: 'PROCESS_STEP',
  institution: 'INSTITUTION',
};

export const TIME_DIMENSION = 'TIME_PERIOD';
export const MEASURE_DIMENSION = 'MEASURE';
export const PRIMARY_MEASURE = 'OBS_VALUE';
export const UNIT_ATTRIBUTE = 'UNIT_MEASURE';
export const STATUS_ATTRIBUTE = 'OBS_STATUS';
/** OBS_STATUS: `A` normal value, `C` confidential (suppressed: no value). */
export const OBS_STATUS = { normal: 'A', confidential: 'C' } as const;

/** A codelist: its id, English name and description, and the codes listed in full if small. */
export interface CodelistInfo {
  id: string;
  name: string;
  description: string;
  /** The standard it follows, when one. */
  href?: string;
  /** Listed in full in the structure message (the small bands); absent: refer to the standard. */
  codes?: readonly string[];
}

/**
 * The band codes of the statistics engine (src/modules/statistics/facts.ts): durations from the
 * contract's DURATION_BANDS, the others as the engine writes them. Codes with `+` become valid
 * SDMX ids through `sdmxCode` ('37+' → 'GE37').
 */
export const WAGE_BAND_CODES = ['lt300', '300-499', '500-799', '800-1199', '1200-1999', '2000+'];
export const AGE_BAND_CODES = ['15-24', '25-34', '35-44', '45-54', '55+'];
export const SEX_CODES = ['F', 'M', 'X'];
export const PROCESS_STEP_CODES = [
  'job_order_verification',
  'licence_decision',
  'employer_vetting',
];

export const CODELISTS = {
  CL_AREA: {
    id: 'CL_AREA',
    name: 'Countries',
    description:
      'ISO 3166-1 alpha-2 country codes (XK: Kosovo, a user-assigned code), _T total, _U unknown.',
    href: 'https://www.iso.org/iso-3166-country-codes.html',
  },
  CL_AREA_SUBDIVISION: {
    id: 'CL_AREA_SUBDIVISION',
    name: 'Country subdivisions',
    description: 'ISO 3166-2 subdivision codes (e.g. NP-P3), _T total, _U unknown.',
    href: 'https://www.iso.org/iso-3166-country-codes.html',
  },
  CL_CORRIDOR: {
    id: 'CL_CORRIDOR',
    name: 'Corridors',
    description:
      'Origin and destination country as two ISO 3166-1 alpha-2 codes joined by a hyphen (NP-QA: Nepal to Qatar), _T total.',
  },
  CL_ISCO08: {
    id: 'CL_ISCO08',
    name: 'Occupations (ISCO-08)',
    description:
      'ISCO-08 codes of 1 to 4 digits (major, sub-major, minor and unit groups), _T total, _U unknown.',
    href: 'https://www.ilo.org/public/english/bureau/stat/isco/isco08/',
  },
  CL_ISCED11: {
    id: 'CL_ISCED11',
    name: 'Levels of education (ISCED 2011)',
    description: 'ISCED 2011 levels 0 to 8, _T total, _U unknown.',
    href: 'https://uis.unesco.org/en/topic/international-standard-classification-education-isced',
  },
  CL_LANGUAGE: {
    id: 'CL_LANGUAGE',
    name: 'Languages',
    description: 'ISO 639 language codes (639-1 where one exists, else 639-3), _T total.',
    href: 'https://www.iso.org/iso-639-language-code',
  },
  CL_ORGANISATION: {
    id: 'CL_ORGANISATION',
    name: 'Institutions',
    description:
      "Corridor's identifiers of the organisations whose staff took a step, _T total, _U unknown.",
  },
  CL_DURATION: {
    id: 'CL_DURATION',
    name: 'Duration bands',
    description:
      "Months of a job order's contract or of a job seeker's intended stay: up to 6, 7-12, 13-24, 25-36, 37 and more.",
    codes: [...DURATION_BANDS, TOTAL, UNKNOWN],
  },
  CL_WAGE_BAND: {
    id: 'CL_WAGE_BAND',
    name: 'Wage bands',
    description: 'Wage a month in US dollars at the indicative rate of the approval month.',
    codes: [...WAGE_BAND_CODES, TOTAL, UNKNOWN],
  },
  CL_AGE: {
    id: 'CL_AGE',
    name: 'Age bands',
    description: 'Completed years on the last day of the period.',
    codes: [...AGE_BAND_CODES, TOTAL, UNKNOWN],
  },
  CL_SEX: {
    id: 'CL_SEX',
    name: 'Sex',
    description: 'F female, M male, X another sex or not stated as either, _U unknown.',
    codes: [...SEX_CODES, TOTAL, UNKNOWN],
  },
  CL_PROCESS_STEP: {
    id: 'CL_PROCESS_STEP',
    name: 'Process steps',
    description: 'The authority steps whose processing time is measured.',
    codes: [...PROCESS_STEP_CODES, TOTAL],
  },
  CL_UNIT_MEASURE: {
    id: 'CL_UNIT_MEASURE',
    name: 'Units of measure',
    description: 'What a value counts or measures.',
    codes: [
      'JOB_ORDERS',
      'POSITIONS',
      'PERSONS',
      'APPLICATIONS',
      'PLACEMENTS',
      'DECISIONS',
      'PERCENT',
      'RATIO',
      'DAYS',
    ],
  },
  CL_OBS_STATUS: {
    id: 'CL_OBS_STATUS',
    name: 'Observation status',
    description: 'A normal value; C confidential: suppressed by the disclosure control, no value.',
    codes: [OBS_STATUS.normal, OBS_STATUS.confidential],
  },
} as const satisfies Record<string, CodelistInfo>;

export type CodelistId = keyof typeof CODELISTS;

/** The codelist of each breakdown; `month` has none (a time dimension, YYYY-MM). */
export const DIMENSION_CODELISTS: Readonly<Record<DimensionId, CodelistId | null>> = {
  month: null,
  origin: 'CL_AREA',
  'origin-subdivision': 'CL_AREA_SUBDIVISION',
  destination: 'CL_AREA',
  corridor: 'CL_CORRIDOR',
  occupation: 'CL_ISCO08',
  contract: 'CL_DURATION',
  wage: 'CL_WAGE_BAND',
  sex: 'CL_SEX',
  age: 'CL_AGE',
  education: 'CL_ISCED11',
  language: 'CL_LANGUAGE',
  'preferred-destination': 'CL_AREA',
  'intended-stay': 'CL_DURATION',
  step: 'CL_PROCESS_STEP',
  institution: 'CL_ORGANISATION',
};

/** The MEASURE code of a column: its id in upper case ('positions_approved' → 'POSITIONS_APPROVED'). */
export function measureCode(columnId: string): string {
  return sdmxCode(columnId.toUpperCase());
}

/** The UNIT_MEASURE code of a column's unit ('job_orders' → 'JOB_ORDERS'). */
export function unitCode(unit: ColumnUnit): string {
  return unit.toUpperCase();
}

const VALID = /^[A-Za-z0-9_@$-]+$/;

/**
 * A row code as an SDMX code id (letters, digits, `_ @ $ -`): codes that already are one pass
 * unchanged ('NP', '7112', '2026-03', 'NP-QA', '13-24', 'lt300', '_T', '_U'); an open band
 * 'N+' becomes 'GEN' ('37+' → 'GE37', '2000+' → 'GE2000'); any other character becomes '_'.
 */
export function sdmxCode(code: string): string {
  if (VALID.test(code)) return code;
  const open = /^(\d+)\+$/.exec(code);
  if (open) return `GE${open[1]}`;
  const replaced = code.replace(/[^A-Za-z0-9_@$-]/g, '_');
  return replaced === '' ? UNKNOWN : replaced;
}
