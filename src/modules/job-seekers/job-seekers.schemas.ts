import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { asciiDigits } from '../../platform/i18n/digits.js';
import { INTENDED_STAYS, type IntendedStay } from './job-seekers.tables.js';
import { nameProblem, normaliseName } from './names.js';
import { parsePartialDate } from './partial-date.js';

/** One schema per form; messages are locale keys (jobSeekers.errors.*). */

export const LIMITS = { name: 200, place: 200, text: 200, email: 254, phone: 40, search: 100 };

const trimmed = (max: number) =>
  z
    .string({ message: 'validation.required' })
    .default('')
    .transform((value) => normaliseName(value))
    .pipe(z.string().max(max, { message: 'jobSeekers.errors.tooLong' }));

/** A name in any script, or empty; `latin` asks for the Latin alphabet. */
const name = (latin = false) =>
  trimmed(LIMITS.name).superRefine((value, ctx) => {
    const problem = nameProblem(value, { latin });
    if (problem) ctx.addIssue({ code: 'custom', message: `jobSeekers.errors.name.${problem}` });
  });

/** A partial date, or empty (null). */
const partialDate = (required = false) =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      if (value.trim() === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'jobSeekers.errors.date.required' });
        return null;
      }
      const parsed = parsePartialDate(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `jobSeekers.errors.date.${parsed.problem}` });
        return z.NEVER;
      }
      return parsed.value;
    });

const optionalCountry = z
  .string()
  .default('')
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/, 'jobSeekers.errors.country')]))
  .transform((value) => value || null);

export const bioSchema = z
  .object({
    givenNames: name(),
    familyName: name(),
    givenNamesLatin: name(true),
    familyNameLatin: name(true),
    birthDate: partialDate(true),
    sex: z.enum(['F', 'M', 'X'], { message: 'jobSeekers.errors.sex' }),
    nationality: z
      .string({ message: 'jobSeekers.errors.nationality' })
      .regex(/^[A-Z]{2}$/, 'jobSeekers.errors.nationality'),
    /** Shown once a nationality is saved: absent from the form before (undefined: kept). */
    homeSubdivision: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? undefined : value.trim().toUpperCase()))
      .pipe(
        z
          .union([
            z.literal(''),
            z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'jobSeekers.errors.homeSubdivision'),
          ])
          .optional(),
      )
      .transform((value) => (value === undefined ? undefined : value || null)),
    birthPlace: trimmed(LIMITS.place),
    birthCountry: optionalCountry,
    phone: z.string().max(LIMITS.phone, 'jobSeekers.errors.phone').default(''),
    email: z
      .string()
      .default('')
      .transform((value) => value.trim())
      .pipe(
        z.union([
          z.literal(''),
          z
            .email({ message: 'jobSeekers.errors.email' })
            .max(LIMITS.email, 'jobSeekers.errors.email'),
        ]),
      )
      .transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    if (value.givenNames === '' && value.familyName === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['givenNames'],
        message: 'jobSeekers.errors.nameRequired',
      });
    }
  })
  .transform((value, ctx) => {
    const typed = asciiDigits(value.phone).trim();
    if (typed === '') return { ...value, phone: null };
    const phone = parsePhoneNumberFromString(typed, value.nationality as CountryCode);
    if (!phone?.isValid()) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'jobSeekers.errors.phone' });
      return z.NEVER;
    }
    return { ...value, phone: phone.number };
  });

export const educationSchema = z.object({
  iscedLevel: z
    .string({ message: 'jobSeekers.errors.iscedLevel' })
    .regex(/^[0-9]$/, 'jobSeekers.errors.iscedLevel'),
  iscedField: z
    .string()
    .default('')
    .pipe(
      z.union([z.literal(''), z.string().regex(/^[0-9]{2,4}$/, 'jobSeekers.errors.iscedField')]),
    )
    .transform((value) => value || null),
  institution: trimmed(LIMITS.text),
  country: optionalCountry,
  year: z
    .string()
    .default('')
    .transform((value) => asciiDigits(value).trim())
    .pipe(z.union([z.literal(''), z.string().regex(/^(19|20)[0-9]{2}$/, 'jobSeekers.errors.year')]))
    .transform((value) => (value ? Number(value) : null)),
});

/**
 * A job title as typed, and the occupation picked among the coder's suggestions: 'esco:<uuid>',
 * 'isco:<code>', or 'none' (keep the words only). Without a pick, the page shows suggestions.
 */
const occupationPick = z
  .string()
  .default('')
  .pipe(
    z.union([
      z.literal(''),
      z.literal('none'),
      z.string().regex(/^esco:[0-9a-f-]{36}$/, 'jobSeekers.errors.occupation'),
      z.string().regex(/^isco:[0-9]{4}$/, 'jobSeekers.errors.occupation'),
    ]),
  );

const title = trimmed(LIMITS.text).pipe(z.string().min(1, 'jobSeekers.errors.title'));

export const occupationSchema = z.object({ title, occupation: occupationPick });

export const experienceSchema = z.object({
  title,
  occupation: occupationPick,
  employer: trimmed(LIMITS.text),
  country: optionalCountry,
  dateFrom: partialDate(),
  dateTo: partialDate(),
});

export const skillSchema = z.object({ skill: z.uuid({ message: 'jobSeekers.errors.skill' }) });
export const skillSearchSchema = z.object({
  q: z
    .string()
    .default('')
    .transform((value) => value.trim().slice(0, LIMITS.search)),
});

export const languageSchema = z.object({
  languageCode: z
    .string({ message: 'jobSeekers.errors.language' })
    .regex(/^[a-z]{2,3}$/, 'jobSeekers.errors.language'),
  cefrLevel: z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], {
    message: 'jobSeekers.errors.cefrLevel',
  }),
});

/** A checkbox group as sent: nothing, one value, or several. */
const countries = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'jobSeekers.errors.country')).max(50));

/** The intended stay's radios: a band of months, or 'unknown' ("I don't know yet") / none: null. */
const intendedStay = z
  .string()
  .default('unknown')
  .pipe(z.enum([...INTENDED_STAYS, 'unknown', ''], { message: 'jobSeekers.errors.intendedStay' }))
  .transform((value): IntendedStay | null => (value === 'unknown' || value === '' ? null : value));

export const destinationsSchema = z.object({
  countries,
  availabilityDate: partialDate(),
  intendedStay,
});

/** The kinds of organisation ticked: nothing, one value, or both (an unknown value is refused). */
const visibleTo = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(
    z
      .array(z.enum(['employer', 'recruitment_agency'], { message: 'jobSeekers.errors.visibleTo' }))
      .max(2, 'jobSeekers.errors.visibleTo'),
  );

export const visibilitySchema = z.object({
  visibility: z.enum(['private', 'destinations'], { message: 'jobSeekers.errors.visibility' }),
  visibleTo,
});

export const entryIdSchema = z.object({ id: z.uuid() });
export const userIdSchema = z.object({ userId: z.uuid() });
export const languageParamSchema = z.object({ code: z.string().regex(/^[a-z]{2,3}$/) });
export const skillParamSchema = z.object({ id: z.uuid() });

/** Reads a coder pick into its codes. */
export function codesOf(pick: string): {
  escoOccupationId: string | null;
  iscoCode: string | null;
} {
  if (pick.startsWith('esco:')) return { escoOccupationId: pick.slice(5), iscoCode: null };
  if (pick.startsWith('isco:')) return { escoOccupationId: null, iscoCode: pick.slice(5) };
  return { escoOccupationId: null, iscoCode: null };
}
