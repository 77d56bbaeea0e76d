import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { TOTAL } from './statistics.labels.js';
import type {
  ChartDatum,
  DownloadLabels,
  PublishedRow,
  PublishedTable,
  PublishedValue,
  TableColumn,
  TableDefinition,
  TableId,
} from './statistics.types.js';

/**
 * A published table as the pages, the downloads and the API show it: labels in the reader's
 * language, numbers formatted in the locale, the suppression mark with its footnote, the total
 * last as its own figure, and the notes that say what the figures are (perturbed or exact).
 */

/** The mark a suppressed cell shows on the page (its words are in the footnote). */
export const SUPPRESSION_MARK = '[c]';

/** Breakdowns under which a person counts once under each value (docs/statistics.md). */
const MULTI_VALUED = new Set(['language', 'preferred-destination']);

export function tableTitle(t: Translate, id: TableId): string {
  return t(`statistics.tables.${id}.title`);
}

export function tableDefinitionText(t: Translate, id: TableId): string {
  return t(`statistics.tables.${id}.definition`);
}

export function columnHeading(t: Translate, column: Pick<TableColumn, 'id'>): string {
  return t(`statistics.columns.${column.id}`);
}

export function dimensionHeading(t: Translate, id: string): string {
  return t(`statistics.dimensions.${id}`);
}

/** The number of a published value, or null when it is suppressed. */
export function valueOf(value: PublishedValue | undefined): number | null {
  if (!value || value.kind === 'suppressed') return null;
  return value.value;
}

export interface CellView {
  text: string;
  suppressed: boolean;
}

export interface RowView {
  code: string;
  label: string;
  /** The label's language when it is not the reader's (an ISCO title in English). */
  lang?: string;
  cells: CellView[];
}

export interface TableView {
  id: TableId;
  title: string;
  restricted: boolean;
  dimension: string;
  columns: { id: string; heading: string }[];
  rows: RowView[];
  total: RowView;
  anySuppressed: boolean;
  asOf: string;
  notes: string[];
}

function cellOf(value: PublishedValue | undefined, fmt: Formatters): CellView {
  const number = valueOf(value);
  return number === null
    ? { text: SUPPRESSION_MARK, suppressed: true }
    : { text: fmt.number(number), suppressed: false };
}

/** Labels by code, with the language of those not in the reader's (`RowLabels`). */
type Labels = ReadonlyMap<string, string> & { languages?: ReadonlyMap<string, string> };

function rowOf(row: PublishedRow, labels: Labels, fmt: Formatters, columns: number): RowView {
  const cells: CellView[] = [];
  for (let i = 0; i < columns; i += 1) cells.push(cellOf(row.values[i], fmt));
  const lang = labels.languages?.get(row.code);
  return { code: row.code, label: labels.get(row.code) ?? row.code, ...(lang && { lang }), cells };
}

/** What the figures are, in plain words: the notes under a table. */
export function tableNotes(table: PublishedTable, t: Translate): string[] {
  const notes: string[] = [];
  notes.push(
    table.audience === 'restricted' ? t('statistics.notes.exact') : t('statistics.notes.perturbed'),
  );
  // Exact totals are the exact count of the population; only perturbed ones stand apart.
  if (table.audience === 'public') notes.push(t('statistics.notes.totals'));
  if (
    MULTI_VALUED.has(table.query.by) ||
    (table.id === 'supply' && table.query.by === 'occupation')
  ) {
    notes.push(t('statistics.notes.multiValued'));
  }
  if (table.columns.some((column) => column.kind === 'measure')) {
    notes.push(t('statistics.notes.measures'));
  }
  if (table.id === 'matching' || table.id === 'time-to-fill') {
    notes.push(t('statistics.notes.fills'));
  }
  return notes;
}

export function presentTable(
  table: PublishedTable,
  labels: Labels,
  t: Translate,
  fmt: Formatters,
): TableView {
  const width = table.columns.length;
  const rows = table.rows.map((row) => rowOf(row, labels, fmt, width));
  const total = { ...rowOf(table.total, labels, fmt, width), label: t('statistics.total') };
  return {
    id: table.id,
    title: tableTitle(t, table.id),
    restricted: table.audience === 'restricted',
    dimension: dimensionHeading(t, table.query.by),
    columns: table.columns.map((column) => ({ id: column.id, heading: columnHeading(t, column) })),
    rows,
    total,
    anySuppressed: [...rows, total].some((row) => row.cells.some((cell) => cell.suppressed)),
    asOf: fmt.dateTime(table.asOf),
    notes: tableNotes(table, t),
  };
}

/** The first column as a chart's bars or a map's regions (the total is not a bar). */
export function chartData(
  table: PublishedTable,
  labels: ReadonlyMap<string, string>,
  column = 0,
): ChartDatum[] {
  return table.rows
    .filter((row) => row.code !== TOTAL)
    .map((row) => ({
      code: row.code,
      label: labels.get(row.code) ?? row.code,
      value: valueOf(row.values[column]),
    }));
}

/** The labels a download carries beside the codes. */
export function downloadLabels(
  table: PublishedTable,
  labels: ReadonlyMap<string, string>,
  t: Translate,
): DownloadLabels {
  const rows: Record<string, string> = {};
  for (const row of [...table.rows, table.total]) rows[row.code] = labels.get(row.code) ?? row.code;
  rows[table.total.code] = t('statistics.total');
  return {
    title: tableTitle(t, table.id),
    dimension: dimensionHeading(t, table.query.by),
    columns: Object.fromEntries(table.columns.map((c) => [c.id, columnHeading(t, c)])),
    rows,
    suppressed: t('statistics.suppressedWords'),
  };
}

function valueJson(value: PublishedValue | undefined) {
  const number = valueOf(value);
  return number === null ? { status: 'suppressed' as const } : { value: number };
}

function rowJson(row: PublishedRow, label: string, width: number) {
  const values = [];
  for (let i = 0; i < width; i += 1) values.push(valueJson(row.values[i]));
  return { code: row.code, label, values };
}

/** The API's answer: each row's label in the request's language; no bidi marks in JSON. */
export function tableJson(
  table: PublishedTable,
  labels: ReadonlyMap<string, string>,
  t: Translate,
) {
  const width = table.columns.length;
  return {
    id: table.id,
    title: tableTitle(t, table.id),
    audience: table.audience,
    query: {
      by: table.query.by,
      occupationLevel: table.query.occupationLevel,
      filters: { ...table.query.filters },
    },
    columns: table.columns.map((column) => ({
      id: column.id,
      label: columnHeading(t, column),
      unit: column.unit,
      kind: column.kind,
    })),
    rows: table.rows.map((row) => rowJson(row, labels.get(row.code) ?? row.code, width)),
    total: rowJson(table.total, t('statistics.total'), width),
    asOf: table.asOf.toISOString(),
    scope: { ...table.scope },
    notes: tableNotes(table, t).map(stripIsolation),
  };
}

/** Bidi isolation marks are for pages: the JSON API gives text as it is. */
export function stripIsolation(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** A definition for the API's list of tables. */
export function definitionJson(definition: TableDefinition, t: Translate) {
  return {
    id: definition.id,
    title: tableTitle(t, definition.id),
    definition: tableDefinitionText(t, definition.id),
    dimensions: [...definition.dimensions],
    filters: [...definition.filters],
    defaultBy: definition.defaultBy,
    columns: definition.columns.map((column) => ({
      id: column.id,
      label: columnHeading(t, column),
      unit: column.unit,
      kind: column.kind,
    })),
    links: {
      page: `/statistics/${definition.id}`,
      data: `/api/v1/statistics/tables/${definition.id}`,
      csv: `/statistics/${definition.id}/data.csv`,
    },
  };
}
