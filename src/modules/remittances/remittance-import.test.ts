import { describe, expect, it } from 'vitest';
import {
  IMPORT_COLUMNS,
  IMPORT_TEMPLATE,
  MAX_IMPORT_ROWS,
  parseImport,
  safeCell,
  type ImportColumn,
} from './remittance-import.js';

const rules = {
  countries: new Set(['AE', 'PH', 'KE', 'SA']),
  currencies: new Set(['AED', 'SAR', 'USD']),
  jurisdiction: null,
  today: '2026-12-04',
};

const GOOD: Record<ImportColumn, string> = {
  provider: 'Falcon Exchange',
  provider_kind: 'money_transfer_operator',
  from_country: 'AE',
  to_country: 'PH',
  send_currency: 'AED',
  amount_min: '1',
  amount_max: '1000',
  fee_fixed: '15',
  fee_percent: '0',
  fx_margin_percent: '1.2',
  speed: 'minutes',
  pay_in: 'cash',
  pay_out: 'cash',
  observed_on: '2026-11-30',
};

function file(...rows: Partial<Record<ImportColumn, string>>[]): string {
  const lines = rows.map((row) => IMPORT_COLUMNS.map((c) => ({ ...GOOD, ...row })[c]).join(','));
  return [IMPORT_COLUMNS.join(','), ...lines].join('\n');
}

function refusalOf(row: Partial<Record<ImportColumn, string>>, extra = {}) {
  const parsed = parseImport(file(row), { ...rules, ...extra });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.refusals[0] ?? null;
}

describe('the price file', () => {
  it('reads the template', () => {
    const parsed = parseImport(IMPORT_TEMPLATE, rules);
    expect(parsed.ok && parsed.quotes.length).toBe(2);
    expect(parsed.ok && parsed.refusals).toEqual([]);
  });

  it.each<[ImportColumn, string, string]>([
    ['provider', '', 'required'],
    ['provider', 'x'.repeat(121), 'tooLong'],
    ['provider_kind', 'hawala', 'unknownKind'],
    ['from_country', 'XX', 'unknownCountry'],
    ['to_country', 'ARE', 'unknownCountry'],
    ['to_country', 'AE', 'sameCountry'],
    ['send_currency', 'EUR', 'unknownCurrency'],
    ['amount_min', '-1', 'notAnAmount'],
    ['amount_max', '1.000.0', 'notAnAmount'],
    ['amount_max', '0', 'maxBelowMin'],
    ['fee_fixed', 'ten', 'notAnAmount'],
    ['fee_percent', '-1', 'notAPercent'],
    ['fee_percent', '100', 'notAPercent'],
    ['fx_margin_percent', '1.5%', 'notAPercent'],
    ['speed', 'fast', 'unknownSpeed'],
    ['pay_in', 'cheque', 'unknownMethod'],
    ['pay_out', 'gold', 'unknownMethod'],
    ['observed_on', '30/11/2026', 'notADate'],
    ['observed_on', '2026-02-30', 'notADate'],
    ['observed_on', '2026-12-05', 'futureDate'],
  ])('refuses %s "%s": %s', (column, value, reason) => {
    const refusal = refusalOf({ [column]: value });
    expect(refusal).toMatchObject({ line: 2, column, reason });
  });

  it('accepts other scripts’ digits, lower-case codes and an open maximum', () => {
    const parsed = parseImport(
      file({ from_country: 'ae', send_currency: 'aed', amount_max: '', fee_fixed: '١٥' }),
      rules,
    );
    expect(parsed.ok && parsed.quotes[0]).toMatchObject({
      fromCountry: 'AE',
      sendCurrency: 'AED',
      amountMax: null,
      feeFixed: '15',
    });
  });

  it('refuses a corridor outside the officer’s jurisdiction, and a repeated price', () => {
    expect(refusalOf({}, { jurisdiction: new Set(['KE']) })?.reason).toBe('outsideJurisdiction');
    const parsed = parseImport(file({}, { fee_fixed: '20' }), rules);
    expect(parsed.ok && parsed.refusals).toEqual([
      { line: 3, column: null, reason: 'duplicate', value: '2' },
    ]);
  });

  it('refuses a row with too few cells, and whole files it cannot use', () => {
    const short = parseImport(`${IMPORT_COLUMNS.join(',')}\nA,bank\n`, rules);
    expect(short.ok && short.refusals[0]?.reason).toBe('wrongFieldCount');
    expect(parseImport('provider,fee\nA,1\n', rules)).toMatchObject({
      ok: false,
      problem: 'missingColumns',
    });
    expect(parseImport(IMPORT_COLUMNS.join(','), rules)).toMatchObject({
      ok: false,
      problem: 'empty',
    });
    expect(parseImport('"unclosed', rules)).toMatchObject({ ok: false, problem: 'unreadable' });
    const many = file(...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => ({})));
    expect(parseImport(many, rules)).toMatchObject({ ok: false, problem: 'tooManyRows' });
  });

  it('echoes cells a spreadsheet would run as text', () => {
    expect(safeCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeCell('+1+2')).toBe("'+1+2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-5')).toBe('-5');
    expect(safeCell('-2+3')).toBe("'-2+3");
    expect(safeCell('Falcon')).toBe('Falcon');
    expect(safeCell('x'.repeat(100))).toHaveLength(81);
    const refusal = refusalOf({ provider_kind: '=cmd|calc' });
    expect(refusal?.value).toBe("'=cmd|calc");
  });
});
