import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, readCsv } from './reference.csv.js';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\n1,"two, too","say ""hi"""\n2,"line one\nline two",\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, too', 'say "hi"'],
      ['2', 'line one\nline two', ''],
    ]);
  });

  it('accepts CRLF, a byte order mark, blank lines and a missing final newline', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n1,2\r\n3,"4\r\n5"')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4\r\n5'],
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv(',,\nx,,')).toEqual([
      ['', '', ''],
      ['x', '', ''],
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('"a"b,c')).toThrow(CsvError);
  });

  it('returns nothing for an empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });
});

describe('readCsv', () => {
  it('gives records by column name, in any column order', () => {
    expect(readCsv('code,name,extra\nFR,France,x\n', ['name', 'code'])).toEqual([
      { name: 'France', code: 'FR' },
    ]);
  });

  it('names a missing column', () => {
    expect(() => readCsv('code\nFR', ['code', 'name'])).toThrow('Missing column "name"');
  });

  it('refuses a record whose field count differs from the header', () => {
    expect(() => readCsv('a,b\n1,2,3\n', ['a'])).toThrow('Record 2 has 3 fields, the header has 2');
  });
});
