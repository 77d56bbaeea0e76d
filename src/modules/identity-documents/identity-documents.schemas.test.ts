import { describe, expect, it } from 'vitest';
import { checkDocumentNumber, maskNumber } from './document-number.js';
import { addDocumentSchema, checkExpiryDate, lookupSchema } from './identity-documents.schemas.js';

const TODAY = '2026-11-27';

describe('document numbers', () => {
  it.each([
    ['AB1234567', 'AB1234567'],
    ['ab 123-4567', 'AB1234567'],
    [' ab\t123–4567 ', 'AB1234567'], // a tab and an en dash
    ['ＡＢ１２３４５６７', 'AB1234567'], // full-width, as some keyboards type
    ['AB١٢٣٤٥٦٧', 'AB1234567'], // Arabic-Indic digits, as an Arabic keyboard types them
    ['AB ১২৩৪৫৬৭', 'AB1234567'], // Bengali digits
    ['c01x00t47', 'C01X00T47'],
    ['АВ1234567', 'AB1234567'], // Cyrillic А and В, which look Latin, read as A and B
    ['AB\u200f1234567', 'AB1234567'], // a direction mark copied from a right-to-left page
    ['12345', '12345'],
    ['A'.repeat(20), 'A'.repeat(20)],
  ])('reads %j as %s', (input, expected) => {
    expect(checkDocumentNumber(input)).toEqual({ ok: true, number: expected });
  });

  it.each([
    ['', 'enterNumber'],
    ['   ', 'enterNumber'],
    ['ПБ1234567', 'numberCharacters'], // Cyrillic П and Б look like no Latin letter
    ['AB#123456', 'numberCharacters'],
    ['ÉB1234567', 'numberCharacters'],
    ['AB12', 'numberLength'],
    ['A B-1 2', 'numberLength'],
    ['A'.repeat(21), 'numberLength'],
    ['1'.repeat(10_000), 'numberLength'],
  ])('refuses %j (%s), without repeating it', (input, key) => {
    expect(checkDocumentNumber(input)).toEqual({
      ok: false,
      messageKey: `identityDocuments.errors.${key}`,
    });
  });

  it('masks all but the last three characters', () => {
    expect(maskNumber('AB1234567')).toBe('••••••567');
    expect(maskNumber('12345')).toBe('••345');
  });
});

describe('expiry dates (GOV.UK date input)', () => {
  const date = (day: unknown, month: unknown, year: unknown) =>
    checkExpiryDate({ day, month, year }, TODAY);

  it('reads a real future date, and no date at all as "does not expire"', () => {
    expect(date('1', '2', '2030')).toEqual({ ok: true, date: '2030-02-01' });
    expect(date(' 29 ', '02', '2028')).toEqual({ ok: true, date: '2028-02-29' });
    expect(date('28', '11', '2026')).toEqual({ ok: true, date: '2026-11-28' });
    expect(date('', '', '')).toEqual({ ok: true, date: null });
    expect(date(undefined, undefined, undefined)).toEqual({ ok: true, date: null });
    // In the typist's own digits (Nepali, Bengali, Urdu).
    expect(date('१', '२', '२०३०')).toEqual({ ok: true, date: '2030-02-01' });
    expect(date('১', '২', '২০৩০')).toEqual({ ok: true, date: '2030-02-01' });
    expect(date('۱', '۲', '۲۰۳۰')).toEqual({ ok: true, date: '2030-02-01' });
  });

  it.each([
    ['', '2', '2030', 'missing.day', ['day']],
    ['1', '', '2030', 'missing.month', ['month']],
    ['1', '2', '', 'missing.year', ['year']],
    ['', '', '2030', 'missing.day_month', ['day', 'month']],
    ['1', '', '', 'missing.month_year', ['month', 'year']],
    ['x', '2', '2030', 'real', ['day']],
    ['1', 'Feb', '2030', 'real', ['month']],
    ['1', '2', '30', 'real', ['year']],
    ['1', '2', '20300', 'real', ['year']],
    ['29', '2', '2027', 'real', ['day', 'month', 'year']],
    ['31', '4', '2030', 'real', ['day', 'month', 'year']],
    ['1', '13', '2030', 'real', ['day', 'month', 'year']],
    ['0', '1', '2030', 'real', ['day', 'month', 'year']],
    ['27', '11', '2026', 'future', ['day', 'month', 'year']],
    ['1', '1', '2020', 'future', ['day', 'month', 'year']],
  ])('%s/%s/%s: %s', (day, month, year, key, parts) => {
    expect(date(day, month, year)).toEqual({
      ok: false,
      messageKey: `identityDocuments.errors.expiry.${key}`,
      parts,
    });
  });

  it('treats a box sent twice as not a real date', () => {
    expect(date(['1', '2'], '2', '2030')).toMatchObject({ ok: false, parts: ['day'] });
  });
});

describe('forms', () => {
  it('reads the add form, the date from its three boxes', () => {
    const result = addDocumentSchema(TODAY).safeParse({
      documentType: 'passport',
      documentNumber: 'ab 123-4567',
      issuingCountry: 'ke',
      'expiryDate-day': '1',
      'expiryDate-month': '2',
      'expiryDate-year': '2030',
      _csrf: 'token',
    });
    expect(result.success && result.data).toEqual({
      documentType: 'passport',
      documentNumber: 'AB1234567',
      issuingCountry: 'KE',
      expiryDate: '2030-02-01',
    });
  });

  it('keeps the document number out of the purpose, which goes to the audit trail', () => {
    const base = { documentType: 'passport', documentNumber: 'AB1234567', issuingCountry: 'KE' };
    expect(lookupSchema.safeParse({ ...base, purpose: 'Exit clearance check' }).success).toBe(true);
    const leaked = lookupSchema.safeParse({ ...base, purpose: 'Check ab-123 4567 now' });
    expect(leaked.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['purpose'], 'identityDocuments.errors.purposeHasNumber'],
    ]);
  });

  it('makes the purpose one line of 5 to 200 characters', () => {
    const base = { documentType: 'passport', documentNumber: 'AB1234567', issuingCountry: 'KE' };
    const parsed = lookupSchema.safeParse({ ...base, purpose: '  Exit\r\nclearance\u0000 check ' });
    expect(parsed.data?.purpose).toBe('Exit clearance check');
    for (const purpose of ['', 'abcd', 'x'.repeat(201)]) {
      expect(lookupSchema.safeParse({ ...base, purpose }).success).toBe(false);
    }
    expect(lookupSchema.safeParse({ ...base, purpose: 'x'.repeat(200) }).success).toBe(true);
  });
});
