import { z } from 'zod';
import { LICENCE_STATES, OFFICER_EVENTS } from './licence.lifecycle.js';
import { VETTING_EVENTS } from './vetting.lifecycle.js';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'licensing.errors.dateInvalid')
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      'licensing.errors.dateInvalid',
    )
    .optional(),
);

// PostgreSQL text cannot hold NUL: dropped here rather than refused by the database as a 500.
const withoutNul = (value: unknown) =>
  typeof value === 'string' ? value.replaceAll('\u0000', '') : value;

const reason = z.preprocess(
  (value) => blankToUndefined(withoutNul(value)),
  z.string().trim().max(2000, 'licensing.errors.reasonTooLong').optional(),
);

export const idParamSchema = z.object({ id: z.uuid() });

/** A search box: control characters (NUL among them) count as spaces. */
export const recruiterSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .default('')
    // eslint-disable-next-line no-control-regex -- exactly the characters to replace
    .transform((text) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()),
});

export const licenceListQuerySchema = z.object({
  state: z.preprocess(blankToUndefined, z.enum(LICENCE_STATES).optional()),
});

/** The officer's decision form (and the API body): one event and what it needs. */
export const licenceDecisionSchema = z.object({
  event: z.enum(OFFICER_EVENTS, 'licensing.errors.chooseAction'),
  reason,
  number: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'licensing.errors.numberFormat')
      .optional(),
  ),
  validFrom: isoDate,
  validTo: isoDate,
});

export const licenceApplySchema = z.object({
  organisationId: z.uuid('licensing.errors.chooseAgency'),
});

export const vettingDecisionSchema = z.object({
  event: z.enum(VETTING_EVENTS, 'licensing.errors.chooseAction'),
  reason,
});
