import { z } from 'zod';
import {
  DIMENSION_IDS,
  TABLE_IDS,
  type DimensionId,
  type TableDefinition,
  type TableFilters,
  type TableId,
  type TableQuery,
} from './statistics.types.js';

/**
 * What the statistics pages, downloads and API accept (docs/statistics.md): the table in the
 * path, and in the query string the breakdown (`by`), the ISCO level of occupation rows
 * (`level`) and the filters. Every value is checked here; an error names its field and a locale
 * key, so that the filter form shows it beside the field (400) and the API as problem details.
 */

/** No value of the query string is longer than this: anything longer is refused, not cut. */
export const MAX_VALUE_LENGTH = 40;

/** The ISCO level of occupation rows when none is asked for (coarse for the public: docs). */
export const DEFAULT_OCCUPATION_LEVEL = 2;

export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
export const ISCO_CODE = /^[0-9]{1,4}$/;

/** The table in a page's or a route's path: anything else is "not found". */
export const tableParam = z.object({ table: z.enum(TABLE_IDS) });

export function tableIdOf(value: unknown): TableId | null {
  const parsed = tableParam.safeParse({ table: value });
  return parsed.success ? parsed.data.table : null;
}

/** The fields of the filter form (and of the API's query string), in the form's order. */
export const QUERY_FIELDS = [
  'by',
  'level',
  'origin',
  'destination',
  'occupation',
  'from',
  'to',
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];
const FILTER_FIELDS = ['origin', 'destination', 'occupation', 'from', 'to'] as const;

/** A problem with one field: its locale key (statistics.errors.*) and the message's values. */
export interface QueryProblem {
  field: QueryField | 'country';
  key: string;
  values?: Record<string, string | number>;
}

/** The form as the reader filled it (for showing it again), and the query when it is valid. */
export interface ParsedQuery {
  values: Partial<Record<QueryField, string>>;
  query: TableQuery | null;
  problems: QueryProblem[];
}

const text = z.string().trim().max(MAX_VALUE_LENGTH, { message: 'statistics.errors.tooLong' });

const countryCode = text
  .transform((value) => value.toUpperCase())
  .refine((value) => COUNTRY_CODE.test(value), { message: 'statistics.errors.country' });

/** The shape of each field, as zod checks it (blank values are "not given"). */
export const queryFieldSchemas = {
  by: text.refine((value) => (DIMENSION_IDS as readonly string[]).includes(value), {
    message: 'statistics.errors.by',
  }),
  level: text.refine((value) => /^[1-4]$/.test(value), { message: 'statistics.errors.level' }),
  origin: countryCode,
  destination: countryCode,
  // Typed in a hurry or copied from a list: "71 12", "71-12" and "71.12" are 7112.
  occupation: text
    .transform((value) => value.replace(/[\s.\-\u2010-\u2013]/gu, ''))
    .refine((value) => ISCO_CODE.test(value), { message: 'statistics.errors.occupation' }),
  from: text.refine((value) => MONTH.test(value), { message: 'statistics.errors.month' }),
  to: text.refine((value) => MONTH.test(value), { message: 'statistics.errors.month' }),
} satisfies Record<QueryField, z.ZodType<string>>;

/** The API's query string, for its OpenAPI description (checked again by `parseTableQuery`). */
export const apiTableQuery = z.object({
  by: z.enum(DIMENSION_IDS).optional().describe('The breakdown: the rows of the table'),
  level: z
    .enum(['1', '2', '3', '4'])
    .optional()
    .describe('The ISCO level of the rows when `by` is occupation (default 2)'),
  origin: z
    .string()
    .max(MAX_VALUE_LENGTH)
    .optional()
    .describe('Origin country, ISO 3166-1 alpha-2'),
  destination: z
    .string()
    .max(MAX_VALUE_LENGTH)
    .optional()
    .describe('Destination country, ISO 3166-1 alpha-2'),
  occupation: z
    .string()
    .max(MAX_VALUE_LENGTH)
    .optional()
    .describe('An ISCO-08 code of 1 to 4 digits: the group and everything under it'),
  from: z.string().max(MAX_VALUE_LENGTH).optional().describe('First month, YYYY-MM'),
  to: z.string().max(MAX_VALUE_LENGTH).optional().describe('Last month, YYYY-MM'),
  lang: z.string().max(MAX_VALUE_LENGTH).optional().describe('Language of the labels'),
});

/** A value of the raw query string: a repeated parameter or an object is not a value. */
function single(raw: unknown): { value: string } | { problem: string } | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return { problem: 'statistics.errors.once' };
  if (raw.trim() === '') return null;
  return { value: raw };
}

/**
 * Reads the query string of a table page, a download or the API against the table's
 * definition: the breakdown must be one the table offers, a filter one it takes; months in
 * order. Unknown parameters (`lang`) are left alone.
 */
export function parseTableQuery(definition: TableDefinition, raw: unknown): ParsedQuery {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const values: Partial<Record<QueryField, string>> = {};
  const problems: QueryProblem[] = [];
  const parsed: Partial<Record<QueryField, string>> = {};
  const byOccupation = definition.dimensions.includes('occupation');
  for (const field of QUERY_FIELDS) {
    // The ISCO level means nothing to a table without occupations (processing): left alone.
    if (field === 'level' && !byOccupation) continue;
    const got = single(input[field]);
    if (got === null) continue;
    if ('problem' in got) {
      problems.push({ field, key: got.problem });
      continue;
    }
    // Shown again as typed, but never more than the form could hold.
    values[field] = got.value.slice(0, MAX_VALUE_LENGTH + 1);
    const result = queryFieldSchemas[field].safeParse(got.value);
    if (!result.success) {
      problems.push({
        field,
        key: result.error.issues[0]?.message ?? 'statistics.errors.invalid',
        values: { max: MAX_VALUE_LENGTH },
      });
      continue;
    }
    parsed[field] = result.data;
  }
  if (parsed.by && !definition.dimensions.includes(parsed.by as DimensionId)) {
    problems.push({ field: 'by', key: 'statistics.errors.by' });
  }
  for (const field of FILTER_FIELDS) {
    if (parsed[field] !== undefined && !definition.filters.includes(field)) {
      problems.push({ field, key: 'statistics.errors.filterNotOffered' });
    }
  }
  if (parsed.from && parsed.to && parsed.from > parsed.to) {
    problems.push({ field: 'to', key: 'statistics.errors.toBeforeFrom' });
  }
  if (problems.length > 0) return { values, query: null, problems };
  const filters: TableFilters = {};
  for (const field of FILTER_FIELDS) {
    const value = parsed[field];
    if (value !== undefined) filters[field] = value;
  }
  const level = parsed.level ? Number(parsed.level) : DEFAULT_OCCUPATION_LEVEL;
  return {
    values,
    query: {
      by: (parsed.by as DimensionId | undefined) ?? definition.defaultBy,
      occupationLevel: level as TableQuery['occupationLevel'],
      filters,
    },
    problems,
  };
}

/** The overview page's one parameter: the country whose subdivisions the supply map draws. */
export function parseMapCountry(raw: unknown): {
  country: string | null;
  problem: QueryProblem | null;
} {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const got = single(input.country);
  if (got === null) return { country: null, problem: null };
  if ('problem' in got) return { country: null, problem: { field: 'country', key: got.problem } };
  const result = countryCode.safeParse(got.value);
  if (!result.success) {
    return {
      country: null,
      problem: {
        field: 'country',
        key: result.error.issues[0]?.message ?? 'statistics.errors.country',
        values: { max: MAX_VALUE_LENGTH },
      },
    };
  }
  return { country: result.data, problem: null };
}

/** The query string that asks for the same table again (downloads, links): only what was set. */
export function queryString(query: TableQuery, definition: TableDefinition): string {
  const params = new URLSearchParams();
  if (query.by !== definition.defaultBy) params.set('by', query.by);
  if (query.by === 'occupation' && query.occupationLevel !== DEFAULT_OCCUPATION_LEVEL) {
    params.set('level', String(query.occupationLevel));
  }
  for (const field of FILTER_FIELDS) {
    const value = query.filters[field];
    if (value !== undefined) params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// ---- The API's answer --------------------------------------------------------------------------

const publishedValueJson = z.union([
  z.object({ value: z.number() }),
  z.object({ status: z.literal('suppressed') }),
]);

const rowJson = z.object({
  code: z.string(),
  label: z.string(),
  values: z.array(publishedValueJson),
});

const filtersJson = z.object({
  origin: z.string().optional(),
  destination: z.string().optional(),
  occupation: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const publishedTableJson = z.object({
  id: z.enum(TABLE_IDS),
  title: z.string(),
  audience: z.enum(['public', 'restricted']),
  query: z.object({
    by: z.enum(DIMENSION_IDS),
    occupationLevel: z.number().int(),
    filters: filtersJson,
  }),
  columns: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.string(),
      kind: z.enum(['count', 'measure']),
    }),
  ),
  rows: z.array(rowJson),
  total: rowJson,
  asOf: z.string(),
  scope: filtersJson,
  notes: z.array(z.string()),
});

export const tableDefinitionsJson = z.object({
  items: z.array(
    z.object({
      id: z.enum(TABLE_IDS),
      title: z.string(),
      definition: z.string(),
      dimensions: z.array(z.enum(DIMENSION_IDS)),
      filters: z.array(z.string()),
      defaultBy: z.enum(DIMENSION_IDS),
      columns: z.array(
        z.object({ id: z.string(), label: z.string(), unit: z.string(), kind: z.string() }),
      ),
      links: z.object({ page: z.string(), data: z.string(), csv: z.string() }),
    }),
  ),
});
