import { z } from 'zod';
import { OFFICER_EVENTS, VACANCY_STATES, WAGE_PERIODS } from './vacancy.states.js';
import { asciiDigits } from '../../platform/i18n/digits.js';

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/**
 * A job order as employers' systems post it (JSON) and as the form is read once its flat fields
 * are gathered (job-orders.form.ts). Messages are locale keys (jobOrders.errors.*). Existence of
 * codes (occupation, country, currency, skills…) is checked by the service against reference
 * data; here only their shape.
 */

const blank = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const text = (max: number, key: string) =>
  z.string(key).trim().min(1, key).max(max, `jobOrders.errors.tooLong${max}`);

const integer = (min: number, max: number, key: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' ? Number(asciiDigits(value)) : blank(value),
    z.number(key).int(key).min(min, key).max(max, key),
  );

export const isoDateSchema = z
  .string('jobOrders.errors.enterDeadline')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'jobOrders.errors.dateInvalid')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'jobOrders.errors.dateInvalid',
  );

/** Spaces people put between thousands: ordinary, no-break, narrow no-break and thin. */
const SPACES = ' \\u00A0\\u202F\\u2009';
const SPACE = `[${SPACES}]`;
const PLAIN = /^\d+(\.\d{1,2})?$/;
/** "1500,50": a comma before one or two final digits is a decimal comma. */
const DECIMAL_COMMA = /^\d+,\d{1,2}$/;
/** "1,500" and "1,500.50": commas between groups of three, a point before the decimals. */
const COMMA_GROUPS = /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/;
/** "1 500", "1 500,50" and "1 500.50": spaces between groups of three. */
const SPACE_GROUPS = new RegExp(`^\\d{1,3}(${SPACE}\\d{3})+([.,]\\d{1,2})?$`);
/** Digits and separators only: a number, written in a way we will not guess at. */
const NUMBER_LIKE = new RegExp(`^(?=.*\\d)[\\d.,${SPACES}]+$`);
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

export type AmountReading =
  | { ok: true; amount: string }
  | { ok: false; messageKey: 'jobOrders.errors.wageFormat' | 'jobOrders.errors.wageSeparators' };

/**
 * An amount as people type it, as a plain decimal string ("1 500,50" → "1500.50"). A comma
 * before one or two final digits is a decimal comma ("1500,50"); before three, it groups
 * thousands the English way ("1,500", "1,500.50"); spaces group thousands too ("1 500,50").
 * Anything else with several separators ("1,5,0", "1.500,50", "1.500,50.2") or more than two
 * decimals is refused, never guessed at.
 */
export function readAmount(text: string): AmountReading {
  const value = asciiDigits(text).trim();
  let amount: string | null = null;
  if (PLAIN.test(value)) amount = value;
  else if (DECIMAL_COMMA.test(value)) amount = value.replace(',', '.');
  else if (COMMA_GROUPS.test(value)) amount = value.replace(/,/g, '');
  else if (SPACE_GROUPS.test(value)) {
    amount = value.replace(new RegExp(SPACE, 'g'), '').replace(',', '.');
  }
  if (amount === null) {
    return {
      ok: false,
      messageKey: NUMBER_LIKE.test(value)
        ? 'jobOrders.errors.wageSeparators'
        : 'jobOrders.errors.wageFormat',
    };
  }
  if (!AMOUNT.test(amount) || !(Number(amount) > 0)) {
    return { ok: false, messageKey: 'jobOrders.errors.wageFormat' };
  }
  return { ok: true, amount };
}

/** A positive amount with at most two decimals, as a string (money stays exact). */
export const moneySchema = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : blank(value)),
  z
    .string('jobOrders.errors.enterWage')
    .trim()
    .transform((value, ctx) => {
      const read = readAmount(value);
      if (read.ok) return read.amount;
      ctx.addIssue({ code: 'custom', message: read.messageKey });
      return z.NEVER;
    }),
);

/**
 * Hours as typed: "40", "40.5" or "40,5" (a decimal comma before one or two digits). Anything
 * else ("40,500", "1e2") is left as it is, for z.number to refuse with the hours message.
 */
const hoursNumber = (value: unknown) => {
  if (typeof value !== 'string') return blank(value);
  const trimmed = asciiDigits(value).trim();
  if (trimmed === '') return undefined;
  return /^\d+(\.\d+|,\d{1,2})?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : value;
};

const countryCode = (key: string) =>
  z
    .string(key)
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, key);

const languageCode = z
  .string('jobOrders.errors.chooseLanguage')
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'jobOrders.errors.chooseLanguage');

export const jobOrderSchema = z.object({
  /** For an agency: the vetted employer it recruits for. For an employer: itself (optional). */
  employerId: z.preprocess(blank, z.uuid('jobOrders.errors.chooseEmployer').optional()),
  /** Required when no agency recruits: the country workers come from. */
  originCountry: z.preprocess(blank, countryCode('jobOrders.errors.chooseOrigin').optional()),
  destinationCountry: countryCode('jobOrders.errors.chooseDestination'),
  destinationSubdivision: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'jobOrders.errors.unknownSubdivision')
      .optional(),
  ),
  /** An ESCO occupation's UUID, or an ISCO-08 unit group code (4 digits). */
  occupation: z
    .string('jobOrders.errors.chooseOccupation')
    .trim()
    .regex(
      /^([0-9]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
      'jobOrders.errors.chooseOccupation',
    ),
  language: languageCode,
  title: text(200, 'jobOrders.errors.enterTitle'),
  description: text(10000, 'jobOrders.errors.enterDescription'),
  translations: z
    .array(
      z.object({
        language: languageCode,
        title: text(200, 'jobOrders.errors.enterTitle'),
        description: text(10000, 'jobOrders.errors.enterDescription'),
      }),
    )
    .max(10, 'jobOrders.errors.tooManyTranslations')
    .default([]),
  skills: z
    .array(z.object({ skillId: z.uuid('jobOrders.errors.unknownSkill'), essential: z.boolean() }))
    .max(100, 'jobOrders.errors.tooManySkills')
    .default([]),
  minEducation: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[0-8]$/, 'jobOrders.errors.unknownEducation')
      .optional(),
  ),
  languages: z
    .array(
      z.object({
        language: languageCode,
        level: z.enum(CEFR_LEVELS, 'jobOrders.errors.chooseLevel'),
      }),
    )
    .max(10, 'jobOrders.errors.tooManyLanguages')
    .default([]),
  experienceMonths: integer(0, 600, 'jobOrders.errors.experience').default(0),
  positions: integer(1, 10000, 'jobOrders.errors.positions'),
  contractMonths: integer(1, 120, 'jobOrders.errors.contractMonths'),
  wage: z.object({
    amount: moneySchema,
    currency: z
      .string('jobOrders.errors.unknownCurrency')
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'jobOrders.errors.unknownCurrency'),
    period: z.enum(WAGE_PERIODS, 'jobOrders.errors.choosePeriod'),
  }),
  hoursPerWeek: z.preprocess(
    hoursNumber,
    z
      .number('jobOrders.errors.hours')
      .min(1, 'jobOrders.errors.hours')
      .max(84, 'jobOrders.errors.hours')
      .refine((value) => Number.isInteger(value * 2), 'jobOrders.errors.hours'),
  ),
  benefits: z
    .object({
      housing: z.boolean().default(false),
      food: z.boolean().default(false),
      transport: z.boolean().default(false),
      insurance: z.boolean().default(false),
      note: z.preprocess(
        blank,
        z.string().trim().max(2000, 'jobOrders.errors.tooLong2000').optional(),
      ),
    })
    .default({ housing: false, food: false, transport: false, insurance: false }),
  applicationDeadline: isoDateSchema,
});

export type JobOrderInput = z.output<typeof jobOrderSchema>;

export const jobOrderDecisionSchema = z.object({
  event: z.enum(OFFICER_EVENTS, 'jobOrders.errors.chooseAction'),
  reason: z.preprocess(
    blank,
    z.string().trim().max(2000, 'jobOrders.errors.tooLong2000').optional(),
  ),
});

export const jobOrderCloseSchema = z.object({
  reason: z.preprocess(
    blank,
    z.string().trim().max(2000, 'jobOrders.errors.tooLong2000').optional(),
  ),
});

/** The orders of the job-order list: recently changed, closing soonest, newest first. */
export const JOB_ORDER_SORTS = ['changed', 'deadline', 'newest'] as const;
export type JobOrderSort = (typeof JOB_ORDER_SORTS)[number];

/** The job-order list's query in the API: a state, an order and a page, each named or refused. */
export const jobOrderListQuerySchema = z.object({
  state: z.preprocess(blank, z.enum(VACANCY_STATES).optional()),
  sort: z.enum(JOB_ORDER_SORTS).default('changed'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The same on the list page, where an unreadable value falls back to the default. */
export const jobOrderListPageQuerySchema = z.object({
  state: jobOrderListQuerySchema.shape.state.catch(undefined),
  sort: jobOrderListQuerySchema.shape.sort.catch('changed'),
  page: jobOrderListQuerySchema.shape.page.catch(1),
});

export const vacancyIdParamSchema = z.object({ id: z.uuid() });

export const minimumWageSchema = z.object({
  destinationCountry: countryCode('jobOrders.errors.chooseDestination'),
  /** Empty: every occupation; else an ISCO-08 code of any level. */
  iscoCode: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[0-9]{1,4}$/, 'jobOrders.errors.unknownIsco')
      .optional(),
  ),
  amount: moneySchema,
  currency: z
    .string('jobOrders.errors.unknownCurrency')
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'jobOrders.errors.unknownCurrency'),
  period: z.enum(WAGE_PERIODS, 'jobOrders.errors.choosePeriod'),
});
export type MinimumWageInput = z.output<typeof minimumWageSchema>;
