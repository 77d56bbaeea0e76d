/**
 * A published table as CSV for spreadsheets (RFC 4180: CRLF line ends, fields holding a comma,
 * a quote or a line break quoted, quotes doubled), UTF-8 with a byte order mark so that Excel
 * opens Arabic, Devanagari and Bengali labels correctly.
 *
 * One row per table row, the total last (code `_T`); columns: `code`, the dimension's label in
 * the reader's language, then one column per table column headed by its label. A suppressed
 * value is written as the suppression mark's words (`labels.suppressed`) in its cell, so a reader
 * sees why a number is missing; numbers are written plainly (`1234`, `12.5`), never formatted for
 * a locale. Text cells that a spreadsheet would run as a formula are neutralised.
 */
import type {
  DownloadLabels,
  PublishedRow,
  PublishedTable,
  PublishedValue,
} from '../statistics.types.js';

/** The code of the total row in every download. */
export const TOTAL_CODE = '_T';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that would start a formula gets a leading apostrophe (shown as text). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CRLF;
}

/**
 * A number as written in a download: counts as whole numbers, measures as given (the table's
 * rounding), at most 6 decimals, no exponent, no grouping, '.' as the decimal mark.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('a published value must be a finite number');
  if (Number.isInteger(value)) return value.toFixed(0);
  const fixed = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** A published value's number, or null when it is suppressed. */
export function numberOf(value: PublishedValue | undefined): number | null {
  if (!value || value.kind === 'suppressed') return null;
  return value.value;
}

/**
 * The table's rows and its total (code `_T`), in the order every download writes them. A row
 * without exactly one value per column is a programming error: refused, never shifted.
 */
export function rowsWithTotal(table: PublishedTable): PublishedRow[] {
  const rows = [...table.rows, { code: TOTAL_CODE, values: table.total.values }];
  for (const row of rows) {
    if (row.values.length !== table.columns.length) {
      throw new RangeError(
        `row ${row.code} has ${row.values.length} values for ${table.columns.length} columns`,
      );
    }
  }
  return rows;
}

/** A row's label: the labels' own, the total's under either code, else the code itself. */
export function rowLabel(table: PublishedTable, labels: DownloadLabels, code: string): string {
  return (
    labels.rows[code] ?? (code === TOTAL_CODE ? labels.rows[table.total.code] : undefined) ?? code
  );
}

export function toCsv(table: PublishedTable, labels: DownloadLabels): string {
  const text = (value: string) => neutraliseFormula(value);
  let out =
    BOM +
    csvRecord([
      'code',
      text(labels.dimension),
      ...table.columns.map((column) => text(labels.columns[column.id] ?? column.id)),
    ]);
  for (const row of rowsWithTotal(table)) {
    const label = rowLabel(table, labels, row.code);
    const cells = table.columns.map((_, i) => {
      const value = numberOf(row.values[i]);
      return value === null ? text(labels.suppressed) : formatNumber(value);
    });
    out += csvRecord([text(row.code), text(label), ...cells]);
  }
  return out;
}
