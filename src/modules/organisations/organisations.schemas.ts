import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES } from '../../platform/authz/catalogue.js';

/** Optional free text: empty means absent. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const organisationDetailsSchema = z.object({
  name: z
    .string('organisations.errors.enterName')
    .trim()
    .min(1, 'organisations.errors.enterName')
    .max(200, 'organisations.errors.nameTooLong'),
  countryCode: z
    .string('organisations.errors.selectCountry')
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'organisations.errors.selectCountry'),
  /** An embassy's own state (the service requires it of an embassy and refuses it of others). */
  representedCountryCode: z
    .string('organisations.errors.selectRepresentedCountry')
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, 'organisations.errors.selectRepresentedCountry')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  registrationNumber: optionalText(100, 'organisations.errors.registrationNumberTooLong'),
  address: optionalText(500, 'organisations.errors.addressTooLong'),
  email: optionalText(254, 'organisations.errors.enterEmail').refine(
    (value) => value === null || emailPattern.test(value),
    'organisations.errors.enterEmail',
  ),
  phone: optionalText(40, 'organisations.errors.enterPhone').refine(
    (value) => value === null || /^\+?[0-9 ()-]{5,40}$/.test(value),
    'organisations.errors.enterPhone',
  ),
  website: optionalText(300, 'organisations.errors.enterWebsite').refine(
    (value) => value === null || /^https?:\/\/[^\s]+$/.test(value),
    'organisations.errors.enterWebsite',
  ),
});

/** The kind first: errors are listed in the order of the form. */
export const organisationCreateSchema = z.object({
  kind: z.enum(ORGANISATION_KINDS, 'organisations.errors.selectKind'),
  ...organisationDetailsSchema.shape,
});

export const organisationListQuerySchema = z.object({
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const organisationIdSchema = z.object({ id: z.uuid() });

export const invitationSchema = z.object({
  email: z
    .string('organisations.errors.enterEmail')
    .trim()
    .toLowerCase()
    .max(254, 'organisations.errors.enterEmail')
    .regex(emailPattern, 'organisations.errors.enterEmail'),
  role: z.enum(ROLES, 'organisations.errors.selectRole'),
  administrator: z
    .union([z.literal('yes'), z.literal('true'), z.literal(true)])
    .optional()
    .transform((value) => value !== undefined),
});
