import { z } from 'zod';
import { normaliseIdentifier } from '../../platform/text/identifiers.js';
import { checkDocumentNumber } from './document-number.js';
import { DOCUMENT_TYPES } from './identity-documents.tables.js';
import { asciiDigits } from '../../platform/i18n/digits.js';

/** Form fields and API bodies. Messages are locale keys (platform/http/forms.ts). */

export const documentTypeSchema = z.enum(DOCUMENT_TYPES, 'identityDocuments.errors.selectType');

/** The number, normalised ("ab 123-4567" → "AB1234567"); an error never repeats it. */
export const documentNumberSchema = z
  .string('identityDocuments.errors.enterNumber')
  .transform((input, ctx) => {
    const checked = checkDocumentNumber(input);
    if (checked.ok) return checked.number;
    ctx.addIssue({ code: 'custom', message: checked.messageKey });
    return z.NEVER;
  });

export const issuingCountrySchema = z
  .string('identityDocuments.errors.selectCountry')
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'identityDocuments.errors.selectCountry');

export const PURPOSE_MIN = 5;
export const PURPOSE_MAX = 200;

/** Why an officer looks a person up: kept in the audit trail, shown to the person. */
export const purposeSchema = z
  .string('identityDocuments.errors.enterPurpose')
  .trim()
  // One line: line breaks and other control characters become spaces.
  .transform((text) => text.replace(/[\s\p{Cc}]+/gu, ' '))
  .pipe(
    z
      .string()
      .min(1, 'identityDocuments.errors.enterPurpose')
      .min(PURPOSE_MIN, 'identityDocuments.errors.purposeLength')
      .max(PURPOSE_MAX, 'identityDocuments.errors.purposeLength'),
  );

const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

export type ExpiryCheck =
  { ok: true; date: string | null } | { ok: false; messageKey: string; parts: DatePart[] };

/**
 * The GOV.UK date input's three boxes as an ISO date (null when all are empty: some documents
 * do not expire), or what is wrong and which boxes to mark. `today` is 'YYYY-MM-DD'.
 */
export function checkExpiryDate(
  input: Partial<Record<DatePart, unknown>>,
  today: string,
): ExpiryCheck {
  const text = (part: DatePart) => {
    const value = input[part];
    return value === undefined ? '' : typeof value === 'string' ? asciiDigits(value).trim() : null;
  };
  const [day, month, year] = DATE_PARTS.map(text);
  if (day === '' && month === '' && year === '') return { ok: true, date: null };
  const real = { ok: false as const, messageKey: 'identityDocuments.errors.expiry.real' };
  const missing = DATE_PARTS.filter((part) => text(part) === '');
  if (missing.length > 0) {
    return {
      ok: false,
      messageKey: `identityDocuments.errors.expiry.missing.${missing.join('_')}`,
      parts: missing,
    };
  }
  const wrong = DATE_PARTS.filter((part) => {
    const value = text(part);
    return value === null || !(part === 'year' ? /^\d{4}$/ : /^\d{1,2}$/).test(value);
  });
  if (wrong.length > 0) return { ...real, parts: wrong };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return { ...real, parts: [...DATE_PARTS] };
  }
  const iso = date.toISOString().slice(0, 10);
  if (iso <= today) {
    return {
      ok: false,
      messageKey: 'identityDocuments.errors.expiry.future',
      parts: [...DATE_PARTS],
    };
  }
  return { ok: true, date: iso };
}

/** The date input's boxes, as the form posts them. */
export function expiryDateParts(body: unknown): Partial<Record<DatePart, unknown>> {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return {
    day: fields['expiryDate-day'],
    month: fields['expiryDate-month'],
    year: fields['expiryDate-year'],
  };
}

/** The job seeker's "add a document" form. */
export function addDocumentSchema(today: string) {
  return z.preprocess(
    (body) => ({
      ...(body && typeof body === 'object' ? body : {}),
      expiryDate: expiryDateParts(body),
    }),
    z.object({
      documentType: documentTypeSchema,
      documentNumber: documentNumberSchema,
      issuingCountry: issuingCountrySchema,
      expiryDate: z.custom<Partial<Record<DatePart, unknown>>>().transform((parts, ctx) => {
        const checked = checkExpiryDate(parts, today);
        if (checked.ok) return checked.date;
        ctx.addIssue({ code: 'custom', message: checked.messageKey });
        return z.NEVER;
      }),
    }),
  );
}

export type AddDocumentInput = z.output<ReturnType<typeof addDocumentSchema>>;

/** An officer's lookup: the same on the page and in the API (a POST body, never a URL). */
export const lookupSchema = z
  .object({
    documentType: documentTypeSchema,
    documentNumber: documentNumberSchema,
    issuingCountry: issuingCountrySchema,
    purpose: purposeSchema,
  })
  .superRefine((input, ctx) => {
    // The purpose goes into the audit trail, which must never hold a document number.
    if (normaliseIdentifier(input.purpose).includes(input.documentNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['purpose'],
        message: 'identityDocuments.errors.purposeHasNumber',
      });
    }
  });

export type LookupInput = z.output<typeof lookupSchema>;

export const documentIdSchema = z.object({ id: z.uuid() });
