import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../reference/reference.csv.js';
import { csvField, formatNumber, neutraliseFormula, toCsv } from './csv.js';
import {
  ARABIC,
  count,
  demandByContract,
  ENGLISH,
  timeToFillByDestination,
} from './testing/fixtures.js';

describe('toCsv', () => {
  it('starts with a byte order mark and ends every record with CRLF', () => {
    const csv = toCsv(timeToFillByDestination(), ENGLISH);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toHaveLength(5); // header, 2 rows, total, ''
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes a header, the rows, the total last as _T, and the suppression words', () => {
    expect(toCsv(timeToFillByDestination(), ENGLISH)).toBe(
      '\uFEFFcode,Destination,Positions filled,Median (days)\r\n' +
        'QA,Qatar,120,41.5\r\n' +
        'AE,United Arab Emirates,hidden (fewer than 5),hidden (fewer than 5)\r\n' +
        '_T,Total,123,40\r\n',
    );
  });

  it('keeps Arabic labels as written, and a reader gets them back', () => {
    const csv = toCsv(timeToFillByDestination(), ARABIC);
    const records = parseCsv(csv);
    expect(records[0]).toEqual(['code', 'بلد المقصد', 'الوظائف المشغولة', 'الوسيط (أيام)']);
    expect(records[2]).toEqual([
      'AE',
      'الإمارات العربية المتحدة',
      'مخفي (أقل من 5)',
      'مخفي (أقل من 5)',
    ]);
    expect(records[3]).toEqual(['_T', 'المجموع', '123', '40']);
  });

  it('keeps Devanagari and Bengali labels exactly as written', () => {
    const nepali = 'नेपाल — गण्डकी प्रदेश';
    const bengali = 'বাংলাদেশ, ঢাকা বিভাগ';
    const labels = {
      ...ENGLISH,
      dimension: 'गन्तव्य देश',
      rows: { QA: nepali, AE: bengali, _T: 'মোট' },
    };
    const csv = toCsv(timeToFillByDestination(), labels);
    const records = parseCsv(csv);
    expect(records.map((r) => r[1])).toEqual(['गन्तव्य देश', nepali, bengali, 'মোট']);
    expect(csv).toContain(`"${bengali}"`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back the same', () => {
    const labels = {
      ...ENGLISH,
      rows: { QA: 'Qatar, State of', AE: 'The "Emirates"\nUAE', _T: 'Total' },
    };
    const csv = toCsv(timeToFillByDestination(), labels);
    expect(csv).toContain('QA,"Qatar, State of",120,41.5\r\n');
    expect(csv).toContain('AE,"The ""Emirates""\nUAE",');
    expect(parseCsv(csv).map((record) => record[1])).toEqual([
      'Destination',
      'Qatar, State of',
      'The "Emirates"\nUAE',
      'Total',
    ]);
  });

  it('neutralises labels a spreadsheet would run as formulas', () => {
    const labels = {
      ...ENGLISH,
      dimension: '=HYPERLINK("http://evil","x")',
      columns: { positions_filled: '+1', time_to_fill_median: '@SUM(A1)' },
      rows: { QA: '-2+3', AE: '\tcmd', _T: '\rTotal' },
      suppressed: '=1',
    };
    const records = parseCsv(toCsv(timeToFillByDestination(), labels));
    expect(records[0]).toEqual(['code', `'=HYPERLINK("http://evil","x")`, "'+1", "'@SUM(A1)"]);
    expect(records[1]?.[1]).toBe("'-2+3");
    expect(records[2]).toEqual(['AE', "'\tcmd", "'=1", "'=1"]);
    expect(records[3]?.[1]).toBe("'\rTotal");
    expect(neutraliseFormula('Qatar')).toBe('Qatar');
    expect(neutraliseFormula('')).toBe('');
  });

  it('writes codes with + and - as they are, and labels a row without one by its code', () => {
    const csv = toCsv(demandByContract(), {
      ...ENGLISH,
      dimension: 'Contract',
      columns: {},
      rows: {},
    });
    expect(csv).toBe(
      '\uFEFFcode,Contract,job_orders_approved,positions_approved\r\n' +
        '13-24,13-24,4,31\r\n' +
        '37+,37+,1,2\r\n' +
        '_T,_T,5,33\r\n',
    );
  });

  it('refuses a row whose values do not match the columns', () => {
    const table = timeToFillByDestination();
    table.rows[0] = { code: 'QA', values: [count(1)] };
    expect(() => toCsv(table, ENGLISH)).toThrow(/row QA has 1 values for 2 columns/);
  });
});

describe('numbers and fields', () => {
  it('writes numbers plainly, never for a locale', () => {
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0.0000001)).toBe('0');
    expect(formatNumber(2 ** 40)).toBe('1099511627776');
    expect(formatNumber(41.25)).toBe('41.25');
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
  });

  it('quotes only what needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('नेपाल')).toBe('नेपाल');
  });
});
