import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { CEFR_LEVELS } from './scheme.definition.js';

/** One schema per form or endpoint; messages are locale keys. */

/** Addresses a scheme may not take: the module's own pages. */
const RESERVED = new Set(['results', 'schemes', 'new']);

export const slugSchema = z
  .string('eligibility.errors.enterSlug')
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]{1,58}[a-z0-9])$/, 'eligibility.errors.slugFormat')
  .refine((slug) => !RESERVED.has(slug), 'eligibility.errors.slugFormat');

/** The address of a new scheme, on the officers' form. */
export const schemeSlugForm = z.object({ slug: slugSchema });

export const slugParam = z.object({
  slug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]+$/),
});

export const countryQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
});

export const schemeIdParam = z.object({ id: z.string().max(100) });

/** The API's answers: the same rules as the form's (scheme.answers.ts), as JSON. */
export const answersBody = z
  .object({
    age: z.number().int().min(0).max(120),
    educationLevel: z.number().int().min(0).max(8),
    experienceYears: z.number().int().min(0).max(60),
    languageLevels: z
      .record(z.string().regex(/^[a-z]{2,3}$/), z.enum(['none', ...CEFR_LEVELS]))
      .default({})
      .refine((r) => Object.keys(r).length <= 10),
    jobOffer: z.boolean().default(false),
    occupation: z
      .object({
        iscoCode: z.string().regex(/^[0-9]{4}$/),
        escoCode: z
          .string()
          .regex(/^[0-9]{4}(\.[0-9]{1,3})+$/)
          .nullable()
          .default(null),
      })
      .nullable()
      .default(null),
    conditions: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), z.boolean())
      .default({})
      .refine((r) => Object.keys(r).length <= 20),
  })
  .strict();

export const languageQuery = z.object({ language: z.enum(LANGUAGES).optional() });

export const schemeCreateBody = z.object({ slug: slugSchema, definition: z.unknown() });
export const schemeUpdateBody = z.object({ definition: z.unknown() });
export const schemeEventBody = z.object({
  event: z.enum(['publish', 'retire']),
  reason: z.string().trim().max(2000).optional(),
});
