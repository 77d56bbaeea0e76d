import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import {
  CATEGORIES,
  INDICATORS,
  OFFICER_EVENTS,
  OUTCOMES,
  REPORT_STATES,
  SEVERITIES,
} from './abuse-report.lifecycle.js';

/**
 * One schema per form or endpoint; messages are locale keys (abuseReports.errors.*). The
 * description is kept exactly as typed (any language, any script, its line breaks); the short
 * fields lose the spaces around them only.
 */

export const LIMITS = {
  description: 10_000,
  name: 200,
  place: 200,
  when: 100,
  email: 254,
  phone: 40,
  message: 5_000,
  reason: 2_000,
  search: 100,
} as const;

const blank = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** A checkbox group: nothing, one value (a form sends a string) or several. */
const many = (value: unknown): unknown[] =>
  value === undefined || value === null || value === ''
    ? []
    : Array.isArray(value)
      ? (value as unknown[]).filter((item) => item !== '')
      : [value];

const line = (max: number, tooLong: string) =>
  z.preprocess(blank, z.string().trim().max(max, tooLong).optional());

const countryCode = (key: string) => z.string(key).regex(/^[A-Z]{2}$/, key);

/** A refinement's input is an object (zod's `when` runs it even after other issues). */
const isObject = ({ value }: { value: unknown }) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const reportSchema = z
  .object({
    organisationId: z.preprocess(
      (value) => (value === 'none' ? undefined : blank(value)),
      z.uuid('abuseReports.errors.selectOrganisation').optional(),
    ),
    subjectName: line(LIMITS.name, 'abuseReports.errors.subjectNameTooLong'),
    subjectKind: z.preprocess(
      blank,
      z.enum(['recruiter', 'employer'], 'abuseReports.errors.selectSubjectKind').optional(),
    ),
    subjectCountry: z.preprocess(
      blank,
      countryCode('abuseReports.errors.selectSubjectCountry').optional(),
    ),
    categories: z.preprocess(
      many,
      z
        .array(
          z.enum(CATEGORIES, 'abuseReports.errors.selectCategories'),
          'abuseReports.errors.selectCategories',
        )
        .min(1, 'abuseReports.errors.selectCategories')
        .max(CATEGORIES.length, 'abuseReports.errors.selectCategories'),
    ),
    indicators: z.preprocess(
      many,
      z
        .array(
          z.enum(INDICATORS, 'abuseReports.errors.indicatorsInvalid'),
          'abuseReports.errors.indicatorsInvalid',
        )
        .max(INDICATORS.length, 'abuseReports.errors.indicatorsInvalid'),
    ),
    occurredCountry: countryCode('abuseReports.errors.selectOccurredCountry'),
    occurredPlace: line(LIMITS.place, 'abuseReports.errors.placeTooLong'),
    occurredWhen: line(LIMITS.when, 'abuseReports.errors.whenTooLong'),
    description: z
      .string('abuseReports.errors.enterDescription')
      .max(LIMITS.description, 'abuseReports.errors.descriptionTooLong')
      .refine((value) => value.trim().length > 0, 'abuseReports.errors.enterDescription'),
    contactName: line(LIMITS.name, 'abuseReports.errors.contactNameTooLong'),
    contactEmail: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(LIMITS.email, 'abuseReports.errors.emailInvalid')
        .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/u, 'abuseReports.errors.emailInvalid')
        .optional(),
    ),
    contactPhone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(LIMITS.phone, 'abuseReports.errors.phoneInvalid')
        .regex(/^\+?[\p{Nd}\s().-]{3,}$/u, 'abuseReports.errors.phoneInvalid')
        .optional(),
    ),
    replyLanguage: z.enum(LANGUAGES, 'abuseReports.errors.selectReplyLanguage'),
  })
  // Run even when other fields are wrong, so that every problem is named at once (but not on
  // a body that is no object at all: null, a number, a list).
  .refine((value) => Boolean(value.organisationId || value.subjectName), {
    path: ['subjectName'],
    message: 'abuseReports.errors.enterSubjectName',
    when: isObject,
  })
  .refine((value) => Boolean(value.organisationId || value.subjectKind), {
    path: ['subjectKind'],
    message: 'abuseReports.errors.selectSubjectKind',
    when: isObject,
  });
export type ReportInput = z.output<typeof reportSchema>;

/** The name search of the form's first question (GET /report?q=…). */
export const reportSearchQuery = z.object({
  q: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().slice(0, LIMITS.search) : ''),
    z.string(),
  ),
});

export const referenceParam = z.object({ reference: z.string().max(60) });

export const followQuery = z.object({
  reference: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().max(60)),
});

export const queueQuery = z.object({
  state: z.preprocess(blank, z.enum(REPORT_STATES).optional()),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const officerActionSchema = z.object({
  event: z.enum(OFFICER_EVENTS, 'abuseReports.errors.selectAction'),
  category: z.preprocess(
    blank,
    z.enum(CATEGORIES, 'abuseReports.errors.selectCategory').optional(),
  ),
  severity: z.preprocess(
    blank,
    z.enum(SEVERITIES, 'abuseReports.errors.selectSeverity').optional(),
  ),
  assigneeUserId: z.preprocess(blank, z.uuid('abuseReports.errors.selectAssignee').optional()),
  escalateToOrganisationId: z.preprocess(
    blank,
    z.uuid('abuseReports.errors.selectAuthority').optional(),
  ),
  outcome: z.preprocess(blank, z.enum(OUTCOMES, 'abuseReports.errors.selectOutcome').optional()),
  reason: z.preprocess(
    blank,
    z.string().trim().max(LIMITS.reason, 'abuseReports.errors.reasonTooLong').optional(),
  ),
});
export type OfficerAction = z.output<typeof officerActionSchema>;

export const messageSchema = z.object({
  kind: z.enum(['note', 'reply'], 'abuseReports.errors.selectMessageKind'),
  body: z
    .string('abuseReports.errors.enterMessage')
    .max(LIMITS.message, 'abuseReports.errors.messageTooLong')
    .refine((value) => value.trim().length > 0, 'abuseReports.errors.enterMessage'),
});
export type MessageInput = z.output<typeof messageSchema>;
