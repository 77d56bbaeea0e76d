/**
 * A small RFC 4180 reader for the shipped code lists: quoted fields may hold commas, doubled
 * quotes and line breaks; CRLF and LF both end a record; a UTF-8 byte order mark is ignored.
 */

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Every record as an array of fields, the header included. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record: string[] = [];

  while (position <= length) {
    let field: string;
    if (text.charCodeAt(position) === 34 /* " */) {
      let value = '';
      let start = position + 1;
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1)
          throw new CsvError(`Unclosed quoted field in record ${records.length + 1}`);
        value += text.slice(start, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          start = quote + 2;
        } else {
          position = quote + 1;
          break;
        }
      }
      field = value;
    } else {
      let end = position;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === 44 /* , */ || code === 10 /* \n */ || code === 13 /* \r */) break;
        end += 1;
      }
      field = text.slice(position, end);
      position = end;
    }
    record.push(field);

    const next = text.charCodeAt(position);
    if (next === 44) {
      position += 1;
      continue;
    }
    if (next === 13 || next === 10 || position >= length) {
      position += next === 13 && text.charCodeAt(position + 1) === 10 ? 2 : 1;
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      record = [];
      if (position >= length) break;
      continue;
    }
    throw new CsvError(`Unexpected character after a quoted field in record ${records.length + 1}`);
  }
  return records;
}

/**
 * Records as objects holding the named columns, checked against the header: a missing column or
 * a record with a different number of fields is an error, never a silent shift.
 */
export function readCsv<const Column extends string>(
  text: string,
  columns: readonly Column[],
): Record<Column, string>[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new CsvError('The file is empty');
  const positions = columns.map((column) => {
    const index = header.indexOf(column);
    if (index === -1) throw new CsvError(`Missing column "${column}"`);
    return index;
  });
  return records.map((record, line) => {
    if (record.length !== header.length) {
      throw new CsvError(
        `Record ${line + 2} has ${record.length} fields, the header has ${header.length}`,
      );
    }
    const row = {} as Record<Column, string>;
    columns.forEach((column, i) => {
      row[column] = record[positions[i] ?? -1] ?? '';
    });
    return row;
  });
}
