import { z } from 'zod';
import { parsePhone } from './directory.phone.js';
import { AUDIENCES, ENTRY_KINDS } from './directory.tables.js';

const blankToNull = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;

/** An optional line of text: blank is none. */
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(blankToNull, z.string().trim().max(max, tooLong).nullable());

/** A list typed in one box (lines, commas or semicolons) or sent as an array. */
const listOf = (value: unknown) => {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(/[\n\r,;]+/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  return value;
};

/** A number typed in a box (blank: none) or sent as a number. */
const numberOrNull = (value: unknown) => {
  const blank = blankToNull(value);
  if (typeof blank !== 'string') return blank;
  const number = Number(blank.trim().replace(',', '.'));
  return Number.isFinite(number) ? number : blank;
};

const isoDate = z
  .string('directory.errors.lastCheckedOn')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'directory.errors.lastCheckedOn')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'directory.errors.lastCheckedOn',
  );

export const countryParamSchema = z.object({ country: z.string().regex(/^[A-Za-z]{2}$/) });
export const entryParamSchema = countryParamSchema.extend({ id: z.uuid() });
export const idParamSchema = z.object({ id: z.uuid() });

/** The public filters (pages and API): blank or unknown values are no filter. */
export const directoryQuery = z.object({
  country: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((code) => code.toUpperCase())
      .nullable()
      .catch(null),
  ),
  kind: z.preprocess(blankToNull, z.enum(ENTRY_KINDS).nullable().catch(null)),
  language: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^[a-z]{2}$/)
      .nullable()
      .catch(null),
  ),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

/**
 * One entry, as the editing form and the API send it (the form's lists as text, one item per
 * line or separated by commas). Every message is a locale key.
 */
export const entrySchema = z
  .object({
    kind: z.enum(ENTRY_KINDS, 'directory.errors.kind'),
    name: z
      .string('directory.errors.name')
      .trim()
      .min(1, 'directory.errors.name')
      .max(200, 'directory.errors.nameTooLong'),
    localName: optionalText(200, 'directory.errors.nameTooLong'),
    countryCode: z
      .string('directory.errors.country')
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'directory.errors.country')
      .transform((code) => code.toUpperCase()),
    subdivisionCode: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'directory.errors.subdivision')
        .nullable(),
    ),
    city: optionalText(100, 'directory.errors.cityTooLong'),
    address: optionalText(500, 'directory.errors.addressTooLong'),
    phones: z.preprocess(
      listOf,
      z
        .array(z.string().max(40, 'directory.errors.phone'), 'directory.errors.phone')
        .max(5, 'directory.errors.tooManyPhones')
        .transform((phones, context) => {
          const parsed = phones.map(parsePhone);
          if (parsed.some((phone) => phone === null)) {
            context.addIssue({ code: 'custom', message: 'directory.errors.phone' });
            return z.NEVER;
          }
          return [...new Set(parsed as string[])];
        }),
    ),
    email: z.preprocess(
      blankToNull,
      z.email('directory.errors.email').max(254, 'directory.errors.email').nullable(),
    ),
    website: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(500, 'directory.errors.website')
        .regex(/^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i, 'directory.errors.website')
        .nullable(),
    ),
    openingHours: optionalText(500, 'directory.errors.openingHoursTooLong'),
    languages: z.preprocess(
      listOf,
      z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z]{2}$/, 'directory.errors.languages'),
          'directory.errors.languages',
        )
        .max(30, 'directory.errors.languages')
        .transform((codes) => [...new Set(codes)]),
    ),
    services: optionalText(2000, 'directory.errors.servicesTooLong'),
    serves: z.preprocess(
      (value) => (typeof value === 'string' ? [value] : (value ?? [])),
      z
        .array(z.enum(AUDIENCES, 'directory.errors.serves'), 'directory.errors.serves')
        .min(1, 'directory.errors.serves')
        .max(AUDIENCES.length, 'directory.errors.serves')
        .transform((audiences) => [...new Set(audiences)]),
    ),
    latitude: z.preprocess(
      numberOrNull,
      z
        .number('directory.errors.latitude')
        .min(-90, 'directory.errors.latitude')
        .max(90, 'directory.errors.latitude')
        .nullable(),
    ),
    longitude: z.preprocess(
      numberOrNull,
      z
        .number('directory.errors.longitude')
        .min(-180, 'directory.errors.longitude')
        .max(180, 'directory.errors.longitude')
        .nullable(),
    ),
    lastCheckedOn: isoDate,
  })
  .superRefine((entry, context) => {
    if ((entry.latitude === null) !== (entry.longitude === null))
      context.addIssue({
        code: 'custom',
        path: [entry.latitude === null ? 'latitude' : 'longitude'],
        message: 'directory.errors.bothCoordinates',
      });
  });

export type EntryForm = z.output<typeof entrySchema>;
