import { z } from 'zod';
import { APPLICATION_STATES, REJECT_REASONS, SEEKER_EVENTS } from './application.lifecycle.js';

/**
 * One schema per form or endpoint; messages are locale keys (applications.errors.*). Free text
 * is kept as typed (any script, NFC), without the spaces around it.
 */

export const LIMITS = {
  note: 1000,
  reason: 2000,
  place: 300,
  link: 500,
  offerTerms: 2000,
  documents: 10,
} as const;

const blank = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const many = (value: unknown): unknown[] =>
  value === undefined || value === null || value === ''
    ? []
    : Array.isArray(value)
      ? (value as unknown[]).filter((item) => item !== '')
      : [value];

const text = (max: number, tooLong: string) =>
  z.preprocess(
    blank,
    z
      .string(tooLong)
      .trim()
      .max(max, tooLong)
      .transform((value) => value.normalize('NFC'))
      .optional(),
  );

export const applySchema = z.object({
  note: text(LIMITS.note, 'applications.errors.noteTooLong'),
  documentIds: z.preprocess(
    many,
    z
      .array(z.uuid('applications.errors.documents'), 'applications.errors.documents')
      .max(LIMITS.documents, 'applications.errors.tooManyDocuments'),
  ),
});
export type ApplyInput = z.infer<typeof applySchema>;

export const seekerActionSchema = z.object({
  event: z.enum(SEEKER_EVENTS, 'applications.errors.event'),
});

/** 'YYYY-MM-DDTHH:MM' from a datetime-local field, or a full ISO moment from the API (UTC). */
const moment = z.preprocess(
  blank,
  z
    .string('applications.errors.interviewAt')
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
      'applications.errors.interviewAt',
    )
    .transform((value, ctx) => {
      const date = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'applications.errors.interviewAt' });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

const isoDay = z.preprocess(
  blank,
  z
    .string('applications.errors.offerStartDate')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'applications.errors.offerStartDate')
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      'applications.errors.offerStartDate',
    )
    .optional(),
);

const link = z.preprocess(
  blank,
  z
    .string('applications.errors.interviewLink')
    .trim()
    .max(LIMITS.link, 'applications.errors.interviewLink')
    .regex(/^https?:\/\/\S+$/, 'applications.errors.interviewLink')
    .optional(),
);

export const organisationActionSchema = z.discriminatedUnion(
  'event',
  [
    z.object({ event: z.literal('shortlist') }),
    z.object({
      event: z.literal('schedule_interview'),
      interviewAt: moment,
      interviewPlace: text(LIMITS.place, 'applications.errors.placeTooLong'),
      interviewLink: link,
    }),
    z.object({ event: z.literal('mark_interviewed') }),
    z.object({ event: z.literal('select') }),
    z.object({
      event: z.literal('offer'),
      offerTerms: text(LIMITS.offerTerms, 'applications.errors.offerTermsTooLong'),
      offerStartDate: isoDay,
    }),
    z.object({
      event: z.literal('reject'),
      rejectReason: z.preprocess(
        blank,
        z.enum(REJECT_REASONS, 'applications.errors.rejectReason').optional(),
      ),
      reason: text(LIMITS.reason, 'applications.errors.reasonTooLong'),
    }),
  ],
  { error: () => 'applications.errors.event' },
);
export type OrganisationAction = z.infer<typeof organisationActionSchema>;

export const applicantsQuery = z.object({
  state: z.preprocess(blank, z.enum(APPLICATION_STATES).optional()).catch(undefined),
  vacancy: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});

export const applicationsQuery = z.object({
  state: z.enum(APPLICATION_STATES).optional(),
  vacancy: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
