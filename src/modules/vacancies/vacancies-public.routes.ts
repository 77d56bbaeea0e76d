import type { FastifyRequest } from 'fastify';
import { parseForm } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { atomFeed } from './search/search.feed.js';
import {
  facetGroups,
  nameLookups,
  occupationsNamed,
  pageErrors,
  pagination,
  postedItems,
  presentHits,
} from './search/search.page.js';
import {
  EMPTY_QUERY,
  searchParams,
  vacancyNumberSchema,
  vacancySearchQuerySchema,
} from './search/search.schemas.js';
import type { VacancySearchService } from './search/search.service.js';
import { SORTS, type VacancySearchQuery } from './search/search.types.js';
import { vacancyPage } from './search/vacancy.page.js';

const FEED_ENTRIES = 50;

export interface VacanciesPublicOptions {
  vacancySearch: VacancySearchService;
  reference: ReferenceService;
  licensing: LicensingService;
  /** Absolute links in the feed: config.publicUrl, no trailing slash. */
  publicUrl: string;
}

function withQuery(path: string, query: VacancySearchQuery): string {
  const params = searchParams(query, { page: 1 }).toString();
  return params ? `${path}?${params}` : path;
}

/** How many filter values the search has (the phone's "Filter results (2 applied)"). */
function filterCount(query: VacancySearchQuery): number {
  return (
    query.destinations.length +
    query.occupationGroups.length +
    query.durations.length +
    query.wageBands.length +
    query.languages.length +
    (query.postedWithin === null ? 0 : 1)
  );
}

/** "Find a job abroad": the public vacancy database as pages and an Atom feed, no account. */
export async function vacanciesPublicRoutes(
  app: App,
  options: VacanciesPublicOptions,
): Promise<void> {
  const { vacancySearch, reference, licensing, publicUrl } = options;

  app.get('/vacancies', async (request, reply) => {
    const parsed = parseForm(vacancySearchQuerySchema, request.query, request.t);
    // With errors, search with the parameters that were right, so that the page still shows
    // the filters (and the fields the error summary links to).
    const query = parsed.ok ? parsed.data : validPart(request.query, parsed.errors);
    const [result, names] = await Promise.all([
      vacancySearch.search(query, request.language),
      nameLookups(reference, request.language),
    ]);
    if (!parsed.ok) reply.code(400);
    const feedUrl = withQuery('/vacancies/feed.atom', query);
    return reply.view('vacancies/views/public/search.njk', {
      ...(parsed.ok ? {} : pageErrors(parsed.errors)),
      query,
      typed: parsed.ok ? query.q : rawQ(request),
      result,
      hits: await presentHits(request, result.hits, names, reference),
      occupationsNamed: await occupationsNamed(request, result, names, reference),
      facetGroups: facetGroups(request, query, result, names),
      postedItems: postedItems(request, query, result),
      sortItems: SORTS.map((sort) => ({
        value: sort,
        text: request.t(`vacancySearch.sort.${sort}`),
        selected: query.sort === sort,
      })),
      filterCount: filterCount(query),
      pagination: pagination(request, query, result.pageCount),
      feedUrl,
    });
  });

  app.get('/vacancies/feed.atom', async (request, reply) => {
    const parsed = parseForm(vacancySearchQuerySchema, request.query, request.t);
    if (!parsed.ok) {
      return reply
        .code(400)
        .type('text/plain; charset=utf-8')
        .send(parsed.errors.map((error) => `${error.field}: ${error.text}`).join('\n'));
    }
    const asked = parsed.data;
    const query: VacancySearchQuery = { ...asked, sort: 'newest', page: 1 };
    const [result, names] = await Promise.all([
      vacancySearch.search(query, request.language, { pageSize: FEED_ENTRIES }),
      nameLookups(reference, request.language),
    ]);
    const hits = await presentHits(request, result.hits, names, reference);
    const t = request.t;
    const xml = atomFeed({
      selfUrl: publicUrl + withQuery('/vacancies/feed.atom', asked),
      pageUrl: publicUrl + withQuery('/vacancies', asked),
      title: `${t('service.name')} – ${t('vacancySearch.feedTitle', {
        search: query.q || t('vacancySearch.feedAll'),
      })}`,
      language: request.language,
      author: t('service.name'),
      now: new Date(),
      entries: result.hits.map((hit, i) => {
        const shown = hits[i]!;
        return {
          url: `${publicUrl}/vacancies/${hit.number}`,
          title: hit.title,
          titleLanguage: hit.titleLanguage,
          summary:
            [shown.employer, shown.placeText, shown.wage, shown.contract].join(' · ') +
            ` · ${t('vacancySearch.hit.deadline')}${t('punctuation.colon')}${shown.deadline}`,
          published: hit.publishedAt,
        };
      }),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/vacancies/:number', async (request, reply) => {
    const parsed = vacancyNumberSchema.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const outcome = await vacancySearch.vacancy(parsed.data.number, request.language);
    if (!outcome.open) {
      return reply.code(410).view('vacancies/views/public/closed.njk', {
        reason: outcome.reason,
        title: outcome.vacancy.translation?.title ?? outcome.vacancy.title,
        employer: outcome.vacancy.employerName,
        agencyId: outcome.reason === 'licence' ? outcome.vacancy.agencyId : null,
      });
    }
    return reply.view(
      'vacancies/views/public/vacancy.njk',
      await vacancyPage(request, outcome.vacancy, { reference, licensing }),
    );
  });
}

/** The query without the parameters that had errors. */
function validPart(raw: unknown, errors: { field: string }[]): VacancySearchQuery {
  const rest = { ...((raw as Record<string, unknown> | undefined) ?? {}) };
  for (const error of errors) delete rest[error.field.split('.')[0] ?? ''];
  const parsed = vacancySearchQuerySchema.safeParse(rest);
  return parsed.success ? parsed.data : EMPTY_QUERY;
}

/** The text the reader typed, to show again beside the errors (cut to a sane length). */
function rawQ(request: FastifyRequest): string {
  const q = (request.query as Record<string, unknown> | undefined)?.q;
  const value: unknown = Array.isArray(q) ? (q as unknown[])[0] : q;
  return typeof value === 'string' ? value.slice(0, 500) : '';
}
