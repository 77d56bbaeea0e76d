import { asciiDigits } from '../../platform/i18n/digits.js';
import { CsvError, parseCsv } from '../reference/reference.csv.js';
import {
  PAYMENT_METHODS,
  PROVIDER_KINDS,
  SPEEDS,
  type PaymentMethod,
  type ProviderKind,
  type Speed,
} from './remittance-cost.js';

/**
 * The officers' price file: one quote a row, these columns in any order (docs in the module
 * README and the template at /remittances/import/template.csv). Pure: the countries and
 * currencies it may name, and the caller's jurisdiction, are given.
 */
export const IMPORT_COLUMNS = [
  'provider',
  'provider_kind',
  'from_country',
  'to_country',
  'send_currency',
  'amount_min',
  'amount_max',
  'fee_fixed',
  'fee_percent',
  'fx_margin_percent',
  'speed',
  'pay_in',
  'pay_out',
  'observed_on',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export const IMPORT_TEMPLATE = `${IMPORT_COLUMNS.join(',')}
Example Exchange,money_transfer_operator,AE,PH,AED,0,1000,15,0,1.2,minutes,cash,cash,2026-11-30
Example Bank,bank,AE,PH,AED,0,,25,0,0.8,next_day,account,account,2026-11-30
`;

/** Why a row was refused: a locale key under remittances.import.reasons, and the column. */
export type RefusalReason =
  | 'wrongFieldCount'
  | 'required'
  | 'tooLong'
  | 'unknownKind'
  | 'unknownCountry'
  | 'sameCountry'
  | 'outsideJurisdiction'
  | 'unknownCurrency'
  | 'notAnAmount'
  | 'notAPercent'
  | 'maxBelowMin'
  | 'unknownSpeed'
  | 'unknownMethod'
  | 'notADate'
  | 'futureDate'
  | 'duplicate';

export interface Refusal {
  /** The row's line in the file (the header is line 1). */
  line: number;
  column: ImportColumn | null;
  reason: RefusalReason;
  /** The cell as given, made safe to show and to open in a spreadsheet. */
  value: string;
}

export interface ImportedQuote {
  line: number;
  provider: string;
  providerKind: ProviderKind;
  fromCountry: string;
  toCountry: string;
  sendCurrency: string;
  amountMin: string;
  amountMax: string | null;
  feeFixed: string;
  feePercent: string;
  fxMarginPercent: string;
  speed: Speed;
  payIn: PaymentMethod;
  payOut: PaymentMethod;
  observedOn: string;
}

export interface ImportRules {
  countries: ReadonlySet<string>;
  currencies: ReadonlySet<string>;
  /** Countries the caller may price corridors of (from or to); null for every country. */
  jurisdiction: ReadonlySet<string> | null;
  today: string;
}

export type ParsedImport =
  | { ok: true; quotes: ImportedQuote[]; refusals: Refusal[]; rows: number }
  | {
      ok: false;
      problem: 'unreadable' | 'missingColumns' | 'empty' | 'tooManyRows';
      detail: string;
    };

/**
 * A cell echoed back to an officer: a value a spreadsheet would read as a formula (=, +, -, @,
 * tab, carriage return first) gets a leading apostrophe, plain negative numbers aside; long
 * values are cut.
 */
export function safeCell(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (/^[=+\-@\t\r]/.test(cut) && !/^-\d+(\.\d+)?$/.test(cut)) return `'${cut}`;
  return cut;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const PERCENT = /^-?\d{1,2}(\.\d{1,3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseImport(text: string, rules: ImportRules): ParsedImport {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError)
      return { ok: false, problem: 'unreadable', detail: error.message };
    throw error;
  }
  const [rawHeader, ...rows] = records;
  if (!rawHeader || rows.length === 0) return { ok: false, problem: 'empty', detail: '' };
  if (rows.length > MAX_IMPORT_ROWS)
    return { ok: false, problem: 'tooManyRows', detail: String(rows.length) };
  const header = rawHeader.map((cell) => cell.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0)
    return { ok: false, problem: 'missingColumns', detail: missing.join(', ') };

  const quotes: ImportedQuote[] = [];
  const refusals: Refusal[] = [];
  const seen = new Map<string, number>();
  rows.forEach((fields, index) => {
    const line = index + 2;
    if (fields.length !== header.length) {
      refusals.push({ line, column: null, reason: 'wrongFieldCount', value: '' });
      return;
    }
    const cell = (column: ImportColumn) =>
      (fields[header.indexOf(column)] ?? '').normalize('NFC').trim();
    const result = validateRow(cell, rules);
    if ('reason' in result) {
      refusals.push({ line, ...result, value: safeCell(cell(result.column)) });
      return;
    }
    const key = [
      result.provider.toLowerCase(),
      result.fromCountry,
      result.toCountry,
      result.sendCurrency,
      result.payIn,
      result.payOut,
      result.amountMin,
      result.amountMax,
    ].join('|');
    if (seen.has(key)) {
      refusals.push({ line, column: null, reason: 'duplicate', value: String(seen.get(key)) });
      return;
    }
    seen.set(key, line);
    quotes.push({ line, ...result });
  });
  return { ok: true, quotes, refusals, rows: rows.length };
}

type RowResult = Omit<ImportedQuote, 'line'> | { column: ImportColumn; reason: RefusalReason };

function validateRow(cell: (column: ImportColumn) => string, rules: ImportRules): RowResult {
  const fail = (column: ImportColumn, reason: RefusalReason) => ({ column, reason });
  const provider = cell('provider').replace(/\s+/g, ' ');
  if (!provider) return fail('provider', 'required');
  if (provider.length > 120) return fail('provider', 'tooLong');
  const providerKind = cell('provider_kind');
  if (!isOneOf(PROVIDER_KINDS, providerKind)) return fail('provider_kind', 'unknownKind');
  const fromCountry = cell('from_country').toUpperCase();
  if (!rules.countries.has(fromCountry)) return fail('from_country', 'unknownCountry');
  const toCountry = cell('to_country').toUpperCase();
  if (!rules.countries.has(toCountry)) return fail('to_country', 'unknownCountry');
  if (fromCountry === toCountry) return fail('to_country', 'sameCountry');
  if (
    rules.jurisdiction &&
    !rules.jurisdiction.has(fromCountry) &&
    !rules.jurisdiction.has(toCountry)
  )
    return fail('from_country', 'outsideJurisdiction');
  const sendCurrency = cell('send_currency').toUpperCase();
  if (!rules.currencies.has(sendCurrency)) return fail('send_currency', 'unknownCurrency');
  const amountMin = asciiDigits(cell('amount_min'));
  if (!AMOUNT.test(amountMin)) return fail('amount_min', 'notAnAmount');
  const rawMax = asciiDigits(cell('amount_max'));
  if (rawMax && !AMOUNT.test(rawMax)) return fail('amount_max', 'notAnAmount');
  if (rawMax && Number(rawMax) < Number(amountMin)) return fail('amount_max', 'maxBelowMin');
  const feeFixed = asciiDigits(cell('fee_fixed'));
  if (!AMOUNT.test(feeFixed)) return fail('fee_fixed', 'notAnAmount');
  const feePercent = asciiDigits(cell('fee_percent'));
  if (!PERCENT.test(feePercent) || Number(feePercent) < 0)
    return fail('fee_percent', 'notAPercent');
  const fxMarginPercent = asciiDigits(cell('fx_margin_percent'));
  if (!PERCENT.test(fxMarginPercent)) return fail('fx_margin_percent', 'notAPercent');
  const speed = cell('speed');
  if (!isOneOf(SPEEDS, speed)) return fail('speed', 'unknownSpeed');
  const payIn = cell('pay_in');
  if (!isOneOf(PAYMENT_METHODS, payIn)) return fail('pay_in', 'unknownMethod');
  const payOut = cell('pay_out');
  if (!isOneOf(PAYMENT_METHODS, payOut)) return fail('pay_out', 'unknownMethod');
  const observedOn = asciiDigits(cell('observed_on'));
  if (!DATE.test(observedOn) || !isRealDate(observedOn)) return fail('observed_on', 'notADate');
  if (observedOn > rules.today) return fail('observed_on', 'futureDate');
  return {
    provider,
    providerKind,
    fromCountry,
    toCountry,
    sendCurrency,
    amountMin,
    amountMax: rawMax || null,
    feeFixed,
    feePercent,
    fxMarginPercent,
    speed,
    payIn,
    payOut,
    observedOn,
  };
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
