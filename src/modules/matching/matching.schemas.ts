import { z } from 'zod';

/**
 * The pages' filters (a GET form: a value that is not one of the choices is ignored, as if
 * blank) and the API's query strings and answers (a bad value: 400, naming the parameter).
 */

export const LIKELIHOODS = ['likely', 'possible', 'unlikely'] as const;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;

const blank = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/)
  .transform((value) => value.toUpperCase());

export const recommendedQuery = z.object({
  destination: z.preprocess(blank, country.optional()).catch(undefined),
  likelihood: z.preprocess(blank, z.enum(LIKELIHOODS).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).catch(1),
});

export const candidatesQuery = z.object({
  likelihood: z.preprocess(blank, z.enum(LIKELIHOODS).optional()).catch(undefined),
  languagesMet: z.preprocess(blank, z.enum(['1']).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).catch(1),
});

// ---- API ------------------------------------------------------------------------------------

export const apiRecommendedQuery = z.object({
  destination: z.preprocess(blank, country.optional()),
  likelihood: z.preprocess(blank, z.enum(LIKELIHOODS).optional()),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
});

export const apiCandidatesQuery = z.object({
  likelihood: z.preprocess(blank, z.enum(LIKELIHOODS).optional()),
  languagesMet: z.preprocess(
    blank,
    z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  ),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
});

export const numberParam = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });
export const inviteParams = numberParam.extend({ userId: z.uuid() });

const reasonJson = z
  .object({ code: z.string(), met: z.boolean(), text: z.string() })
  .loose()
  .meta({ description: 'The engine’s reason (its code and facts) and its sentence' });

const improvementJson = z.object({ code: z.string(), text: z.string() }).loose();

const explained = {
  score: z.number(),
  likelihood: z.enum(LIKELIHOODS),
  reasons: z.array(reasonJson),
};

export const candidatesJson = z.object({
  vacancyNumber: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  items: z.array(
    z.object({
      rank: z.number().int(),
      userId: z.string(),
      ...explained,
      invitedAt: z.string().nullable(),
    }),
  ),
});

export const recommendedJson = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  items: z.array(
    z.object({
      number: z.number().int(),
      url: z.string(),
      title: z.string(),
      titleLanguage: z.string(),
      employer: z.string(),
      agency: z.string().nullable(),
      destinationCountry: z.string(),
      applicationDeadline: z.string(),
      ...explained,
      invitedAt: z.string().nullable(),
    }),
  ),
});

export const comparisonJson = z.object({
  vacancyNumber: z.number().int(),
  eligible: z.boolean(),
  ineligibleReason: z.enum(['origin', 'closed']).nullable(),
  ...explained,
  improvements: z.array(improvementJson),
  invitedAt: z.string().nullable(),
});

export const invitationJson = z.object({
  id: z.string(),
  vacancyNumber: z.number().int(),
  userId: z.string(),
  createdAt: z.string(),
  created: z.boolean(),
});
