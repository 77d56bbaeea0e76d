import { describe, expect, it } from 'vitest';
import { CopyEncodingError, encodeCopyRows, encodeCopyValue } from './copy.js';

describe('COPY text encoding', () => {
  it('escapes what text format treats specially and nothing else', () => {
    expect(encodeCopyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(encodeCopyValue('"quoted", comma; \'single\'')).toBe('"quoted", comma; \'single\'');
    expect(encodeCopyValue('ممرضة – infirmière – 看護師')).toBe('ممرضة – infirmière – 看護師');
    // A value that looks like the end-of-data marker or a null stays data.
    expect(encodeCopyValue('\\.')).toBe('\\\\.');
    expect(encodeCopyValue('\\N')).toBe('\\\\N');
  });

  it('writes null, booleans, numbers and dates as PostgreSQL reads them', () => {
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue(true)).toBe('t');
    expect(encodeCopyValue(false)).toBe('f');
    expect(encodeCopyValue(12.5)).toBe('12.5');
    expect(encodeCopyValue(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z');
  });

  it('refuses what PostgreSQL cannot store', () => {
    expect(() => encodeCopyValue('nul\u0000byte')).toThrow(CopyEncodingError);
    expect(() => encodeCopyValue(Number.NaN)).toThrow(CopyEncodingError);
    expect(() => encodeCopyValue(new Date('nonsense'))).toThrow(CopyEncodingError);
  });

  it('joins values with tabs and rows with line feeds, checking the width', () => {
    expect(
      encodeCopyRows(
        [
          ['a', null],
          ['b\nc', 1],
        ],
        2,
      ).join(''),
    ).toBe('a\t\\N\nb\\nc\t1\n');
    expect(() => encodeCopyRows([['a']], 2)).toThrow(/1 values for 2 columns/);
  });
});
