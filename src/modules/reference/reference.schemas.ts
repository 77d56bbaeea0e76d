import { z } from 'zod';
import { QUERY_MAX_LENGTH, SEARCH_LIMIT } from './reference.service.js';

/** What the reference API accepts. Codes are checked by shape; unknown ones answer 404. */

/** A BCP 47 tag; only its language subtag is used. Absent: the request's language. */
export const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/, 'Enter a language code such as en or fr-CA');

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'Enter a search term').max(QUERY_MAX_LENGTH),
  lang: languageTag.optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT.max).default(SEARCH_LIMIT.default),
});

export const languageQuery = z.object({ lang: languageTag.optional() });

export const languageListQuery = z.object({
  lang: languageTag.optional(),
  set: z.enum(['iso639-1', 'iso639-3']).default('iso639-1'),
});

export const countryParams = z.object({
  code: z.string().regex(/^[A-Za-z]{2}$/, 'Enter an ISO 3166-1 alpha-2 code'),
});

export const iscoParams = z.object({
  code: z.string().regex(/^[0-9]{1,4}$/, 'Enter an ISCO-08 code of 1 to 4 digits'),
});

export const occupationParams = z.object({
  id: z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/,
      'Enter the UUID of an ESCO occupation',
    ),
});
