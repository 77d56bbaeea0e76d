import { parse, type Details, type FieldName, type ParseResult } from 'mrz';
import { asciiDigits } from '../../platform/i18n/digits.js';
import { LOOK_ALIKES } from '../../platform/text/identifiers.js';
import type { DocumentType } from './identity-documents.tables.js';

/**
 * The machine-readable zone (MRZ) of a passport or an identity card (ICAO Doc 9303: TD1, three
 * lines of 30 characters; TD2, two of 36; TD3, two of 44; and the French identity card of
 * before 2021, two of 36, which the `mrz` package reads too), typed or pasted, read into the
 * fields of the "add a document" form. Its check digits are verified by the `mrz` package; a
 * wrong one is named. Pure: the countries come in as a function.
 */

/** An MRZ line has no more characters than this; longer input is not read at all. */
export const MRZ_MAX_INPUT = 400;

/** The line lengths of TD1, TD2 and TD3 (ICAO 9303 parts 5, 6, 4), for messages. */
export const MRZ_LINE_LENGTHS = { td1: 30, td2: 36, td3: 44 } as const;

const LINES_BY_LENGTH: Readonly<Record<number, number>> = {
  [MRZ_LINE_LENGTHS.td1]: 3,
  [MRZ_LINE_LENGTHS.td2]: 2,
  [MRZ_LINE_LENGTHS.td3]: 2,
};

/** What was read: the form's fields, and what is shown for checking only (never stored). */
export interface MrzDocument {
  documentType: DocumentType;
  number: string;
  /** ISO 3166-1 alpha-2. */
  issuingCountry: string;
  /** 'YYYY-MM-DD', or null when the MRZ has none (the French identity card). */
  expiryDate: string | null;
  shown: {
    surname: string;
    givenNames: string;
    /** 'YYYY-MM-DD', or null when the MRZ leaves it unknown. */
    dateOfBirth: string | null;
    sex: 'male' | 'female' | 'unspecified';
    /** Alpha-2 when it is a country, else the MRZ's code (XXA: stateless, …). */
    nationality: string;
  };
}

export type MrzCheckDigit =
  'documentNumber' | 'birthDate' | 'expiryDate' | 'optionalData' | 'composite';

/** What is wrong, as a locale key under identityDocuments.mrz.errors and its values. */
export type MrzError =
  | { key: 'empty' | 'tooLong' | 'visa' | 'unsupported' | 'unreadable' }
  | { key: 'lineCount'; values: { count: number; expected: number; length: number } }
  | { key: 'lineLength'; values: { line: number; length: number } }
  | { key: 'lineLengthDiffers'; values: { line: number; length: number; expected: number } }
  | { key: 'characters'; values: { line: number } }
  | { key: `checkDigit.${MrzCheckDigit}` }
  | { key: 'expiryDate' }
  | { key: 'country'; values: { code: string } };

export type MrzReading = { ok: true; document: MrzDocument } | { ok: false; errors: MrzError[] };

export interface MrzOptions {
  /** The ISO 3166-1 alpha-2 code of an alpha-3 code, or undefined when there is none. */
  alpha2: (alpha3: string) => string | undefined;
  /** 'YYYY-MM-DD': a two-digit year of birth after this year's is of the last century. */
  today: string;
}

/**
 * ICAO codes that are not ISO 3166-1 alpha-3 (Doc 9303 part 3, 5): Germany's one letter, and
 * the United Kingdom's kinds of British nationality, whose documents the UK issues.
 * International organisations (UNO, UNA, UNK, EUE, XPO…) and the nationality-only codes
 * (XXA stateless, XXB and XXC refugee, XXX unspecified) are no issuing country: refused.
 */
const ICAO_COUNTRIES: Readonly<Record<string, string>> = {
  D: 'DE',
  GBD: 'GB',
  GBN: 'GB',
  GBO: 'GB',
  GBP: 'GB',
  GBS: 'GB',
};

/**
 * One character as an MRZ character. The MRZ alphabet is A–Z, 0–9 and the filler `<`, its only
 * mark; so, after folding compatibility forms (full-width `＜`), other scripts' digits and
 * Greek or Cyrillic look-alike capitals, any punctuation or symbol stands where a filler was
 * (`«`, `‹`, `≺`, `˂` from fonts and text recognition; a dash). Letters of other scripts stay,
 * for the line to be refused.
 */
function mrzCharacter(char: string): string {
  const upper = asciiDigits(char.normalize('NFKC')).toUpperCase();
  let out = '';
  for (const c of upper) {
    const latin = LOOK_ALIKES.get(c) ?? c;
    out += /^[\p{P}\p{S}]$/u.test(latin) ? '<' : latin;
  }
  return out;
}

/** The pasted text as MRZ lines: spaces and invisible marks left out, blank lines dropped. */
export function mrzLines(text: string): string[] {
  const lines = text
    .split(/\r\n|[\n\r\v\f\u2028\u2029\u0085]/)
    .map((line) => [...line.replace(/[\s\p{Z}\p{Cf}]/gu, '')].map(mrzCharacter).join(''))
    .filter((line) => line !== '');
  // Pasted from somewhere that joined the lines: a whole TD1, TD2 or TD3 in one.
  const [only] = lines;
  if (lines.length === 1 && only !== undefined) {
    for (const [length, count] of Object.entries(LINES_BY_LENGTH)) {
      const size = Number(length);
      if (only.length === size * count) {
        return Array.from({ length: count }, (_, i) => only.slice(i * size, (i + 1) * size));
      }
    }
  }
  return lines;
}

/** The shape of the lines: count, lengths, characters. */
function shapeErrors(lines: string[]): MrzError[] {
  const [first] = lines;
  if (first === undefined) return [{ key: 'empty' }];
  const expected = LINES_BY_LENGTH[first.length];
  if (expected === undefined) {
    return [{ key: 'lineLength', values: { line: 1, length: first.length } }];
  }
  const errors: MrzError[] = [];
  if (lines.length !== expected) {
    errors.push({
      key: 'lineCount',
      values: { count: lines.length, expected, length: first.length },
    });
  }
  lines.forEach((line, index) => {
    if (index > 0 && line.length !== first.length) {
      errors.push({
        key: 'lineLengthDiffers',
        values: { line: index + 1, length: line.length, expected: first.length },
      });
    }
  });
  lines.forEach((line, index) => {
    if (!/^[A-Z0-9<]*$/.test(line)) errors.push({ key: 'characters', values: { line: index + 1 } });
  });
  return errors;
}

const CHECK_DIGITS: Partial<Record<FieldName, MrzCheckDigit>> = {
  documentNumberCheckDigit: 'documentNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  personalNumberCheckDigit: 'optionalData',
  compositeCheckDigit: 'composite',
};

const IGNORED = new Set<FieldName | null>(['issuingState', 'nationality', 'birthDate']);

/** The package's invalid fields as named errors. Issuing state and nationality are ours. */
function fieldErrors(details: Details[]): MrzError[] {
  const errors: MrzError[] = [];
  const add = (error: MrzError) => {
    if (!errors.some((known) => known.key === error.key)) errors.push(error);
  };
  for (const detail of details) {
    // Issuing state and nationality are read here; an unknown day or month of birth (`<<`,
    // as some states write it) only leaves the date of birth unshown.
    if (detail.valid || IGNORED.has(detail.field)) continue;
    const checkDigit = detail.field ? CHECK_DIGITS[detail.field] : undefined;
    if (checkDigit) add({ key: `checkDigit.${checkDigit}` });
    else if (detail.field === 'expirationDate') add({ key: 'expiryDate' });
    else add({ key: 'unreadable' });
  }
  // Check digits first, in the order of the line.
  return errors.sort((a, b) => rank(a) - rank(b));
}

function rank(error: MrzError): number {
  return error.key.startsWith('checkDigit.') ? 0 : 1;
}

/** 'YYMMDD' as 'YYYY-MM-DD', or null when it is not a real date. */
function mrzDate(yymmdd: string, century: (yy: number) => number): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!match) return null;
  const year = century(Number(match[1]));
  const [month, day] = [Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function documentType(code: string): DocumentType | 'visa' {
  switch (code.charAt(0)) {
    case 'P':
      return 'passport';
    case 'I':
    case 'A':
    case 'C':
      return 'national_id';
    case 'V':
      return 'visa';
    default:
      return 'travel_document';
  }
}

/** The raw characters of a field, from the package's details (also when it refused them). */
function raw(lines: string[], details: Details[], field: FieldName): string {
  const detail = details.find((candidate) => candidate.field === field);
  if (!detail) return '';
  return (lines[detail.line] ?? '').slice(detail.start, detail.end);
}

function country(code: string, options: MrzOptions): string | undefined {
  const trimmed = code.replace(/<+$/, '');
  return (
    ICAO_COUNTRIES[trimmed] ?? (/^[A-Z]{3}$/.test(trimmed) ? options.alpha2(trimmed) : undefined)
  );
}

/** Reads a typed or pasted MRZ: the form's fields, or every named problem. */
export function readMrz(text: string, options: MrzOptions): MrzReading {
  if (text.length > MRZ_MAX_INPUT) return { ok: false, errors: [{ key: 'tooLong' }] };
  const lines = mrzLines(text);
  const shape = shapeErrors(lines);
  if (shape.length > 0) return { ok: false, errors: shape };
  // A visa's MRZ (MRV-A, MRV-B) has the shape of a TD3 or a TD2, starting with V.
  if (lines[0]?.startsWith('V')) return { ok: false, errors: [{ key: 'visa' }] };
  let result: ParseResult;
  try {
    result = parse(lines);
  } catch {
    return { ok: false, errors: [{ key: 'unreadable' }] };
  }
  if (!['TD1', 'TD2', 'TD3', 'FRENCH_NATIONAL_ID'].includes(result.format)) {
    return { ok: false, errors: [{ key: 'unsupported' }] };
  }
  const errors = fieldErrors(result.details);
  const issuingCode = raw(lines, result.details, 'issuingState');
  const issuingCountry = country(issuingCode, options);
  if (issuingCountry === undefined) {
    errors.push({ key: 'country', values: { code: issuingCode.replace(/<+$/, '') || '<' } });
  }
  const { fields } = result;
  const type = documentType(fields.documentCode ?? '');
  if (type === 'visa') return { ok: false, errors: [{ key: 'visa' }] };
  const expiry = fields.expirationDate;
  const expiryDate = expiry ? mrzDate(expiry, (yy) => 2000 + yy) : null;
  if (expiry && expiryDate === null) errors.push({ key: 'expiryDate' });
  if (errors.length > 0 || !result.documentNumber || issuingCountry === undefined) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ key: 'unreadable' }] };
  }
  const thisYear = Number(options.today.slice(2, 4));
  const birth = fields.birthDate;
  const nationalityCode = raw(lines, result.details, 'nationality').replace(/<+$/, '');
  return {
    ok: true,
    document: {
      documentType: type,
      number: result.documentNumber,
      issuingCountry,
      expiryDate,
      shown: {
        surname: fields.lastName ?? '',
        givenNames: fields.firstName ?? '',
        dateOfBirth: birth ? mrzDate(birth, (yy) => (yy > thisYear ? 1900 : 2000) + yy) : null,
        sex: fields.sex === 'male' || fields.sex === 'female' ? fields.sex : 'unspecified',
        nationality: country(nationalityCode, options) ?? nationalityCode,
      },
    },
  };
}
