import { z } from 'zod';
import {
  DURATION_BANDS,
  MAX_PAGE,
  PAGE_SIZE,
  POSTED_WITHIN,
  QUERY_MAX_LENGTH,
  SORTS,
  WAGE_BANDS,
  type VacancySearchQuery,
} from './search.types.js';

/**
 * The query string of the search page, its Atom feed and GET /api/v1/vacancies: the same
 * parameters everywhere, so a URL can be shared, subscribed to or called. A parameter may come
 * once or repeated (`destination=AE&destination=QA`); blanks are ignored. Messages are locale
 * keys (vacancySearch.errors.*).
 */

const MAX_VALUES = 50;

const blank = (value: unknown) => value === undefined || value === null || value === '';

/** One value or several, as strings; blanks dropped, then each checked by `item`. */
function repeated<O>(item: z.ZodType<O, string>, message: string, description: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .meta({ description: `${description} (repeatable)` })
    .optional()
    .transform((value) =>
      (value === undefined ? [] : Array.isArray(value) ? value : [value])
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(z.array(item).max(MAX_VALUES, message));
}

/** At most one value: a repeated single-choice parameter keeps its last value. */
function single<O>(item: z.ZodType<O, string>, description: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .meta({ description })
    .optional()
    .transform((value) => {
      const last = Array.isArray(value) ? value[value.length - 1] : value;
      return blank(last?.trim()) ? undefined : last?.trim();
    })
    .pipe(item.optional());
}

const destination = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'vacancySearch.errors.destination')
  .transform((value) => value.toUpperCase());
const group = z.string().regex(/^[0-9]$/, 'vacancySearch.errors.group');
const language = z
  .string()
  .regex(/^[A-Za-z]{2,3}$/, 'vacancySearch.errors.language')
  .transform((value) => value.toLowerCase());

export const vacancySearchQuerySchema = z
  .object({
    q: single(
      z.string().max(QUERY_MAX_LENGTH, 'vacancySearch.errors.queryTooLong'),
      `Words to look for, in any language; every word must match (at most ${QUERY_MAX_LENGTH} characters)`,
    ),
    destination: repeated(
      destination,
      'vacancySearch.errors.destination',
      'Destination country, ISO 3166-1 alpha-2',
    ),
    group: repeated(group, 'vacancySearch.errors.group', 'ISCO-08 major group, one digit'),
    duration: repeated(
      z.enum(DURATION_BANDS, 'vacancySearch.errors.duration'),
      'vacancySearch.errors.duration',
      `Contract length in months: ${DURATION_BANDS.join(', ')}`,
    ),
    wage: repeated(
      z.enum(WAGE_BANDS, 'vacancySearch.errors.wage'),
      'vacancySearch.errors.wage',
      `Monthly wage in US dollars: ${WAGE_BANDS.join(', ')}`,
    ),
    language: repeated(
      language,
      'vacancySearch.errors.language',
      'ISO 639 code of a language the vacancy requires',
    ),
    posted: single(
      z.enum(POSTED_WITHIN, 'vacancySearch.errors.posted'),
      `Posted within the last ${POSTED_WITHIN.join(', ')} days`,
    ),
    sort: single(z.enum(SORTS, 'vacancySearch.errors.sort'), `Order: ${SORTS.join(', ')}`),
    page: single(
      z
        .string()
        .regex(/^\d{1,6}$/, 'vacancySearch.errors.page')
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, 'vacancySearch.errors.page')
            .max(MAX_PAGE, 'vacancySearch.errors.page'),
        ),
      `Page, 1 to ${MAX_PAGE}, ${PAGE_SIZE} results a page`,
    ),
  })
  .transform((input): VacancySearchQuery => ({
    q: (input.q ?? '').trim(),
    destinations: [...new Set(input.destination)],
    occupationGroups: [...new Set(input.group)],
    durations: [...new Set(input.duration)],
    wageBands: [...new Set(input.wage)],
    languages: [...new Set(input.language)],
    postedWithin: input.posted ?? null,
    sort: input.sort ?? 'relevance',
    page: input.page ?? 1,
  }));

export const EMPTY_QUERY: VacancySearchQuery = {
  q: '',
  destinations: [],
  occupationGroups: [],
  durations: [],
  wageBands: [],
  languages: [],
  postedWithin: null,
  sort: 'relevance',
  page: 1,
};

/** The query string of a search, for links (pagination, feed, a facet value added). */
export function searchParams(query: VacancySearchQuery, overrides: { page?: number } = {}) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const value of query.destinations) params.append('destination', value);
  for (const value of query.occupationGroups) params.append('group', value);
  for (const value of query.durations) params.append('duration', value);
  for (const value of query.wageBands) params.append('wage', value);
  for (const value of query.languages) params.append('language', value);
  if (query.postedWithin) params.set('posted', query.postedWithin);
  if (query.sort !== 'relevance') params.set('sort', query.sort);
  const page = overrides.page ?? query.page;
  if (page > 1) params.set('page', String(page));
  return params;
}

export const vacancyNumberSchema = z.object({
  number: z
    .string()
    .regex(/^(?:JO-)?0*\d{1,12}$/i)
    .transform((value) => Number(value.replace(/^JO-/i, ''))),
});
