import { z } from 'zod';
import { HttpError, NotFoundError, problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  presentSearch,
  presentVacancy,
  publicVacancyView,
  vacancySearchView,
} from './search/search.presenter.js';
import { vacancyNumberSchema, vacancySearchQuerySchema } from './search/search.schemas.js';
import type { ClosedReason, VacancySearchService } from './search/search.service.js';

const problem = problemDetailsSchema;

/** A vacancy that was public and is not any more: 410 Gone, with the reason in the body. */
class GoneError extends HttpError {
  constructor(reason: ClosedReason) {
    super(410, 'vacancySearch.closed.title', `vacancySearch.closed.${reason}`);
  }
}

/** The public vacancy database as JSON: no account or key needed. */
export async function vacanciesPublicApi(
  app: App,
  options: { vacancySearch: VacancySearchService },
): Promise<void> {
  const { vacancySearch } = options;

  app.get(
    '/vacancies',
    {
      schema: {
        tags: ['Vacancies'],
        summary:
          'Search the approved, open vacancies, with multi-select facet counts (public). ' +
          'Each facet is counted with every other filter applied.',
        querystring: vacancySearchQuerySchema,
        response: { 200: vacancySearchView, 400: problem },
      },
    },
    async (request) => presentSearch(await vacancySearch.search(request.query, request.language)),
  );

  app.get(
    '/vacancies/:number',
    {
      schema: {
        tags: ['Vacancies'],
        summary:
          'One open vacancy and all its terms (public). 404 if it was never public; 410 Gone, ' +
          'the reason in `detail`, if it was public and is not open any more.',
        params: z.object({ number: z.string().max(40) }),
        response: { 200: publicVacancyView, 404: problem, 410: problem },
      },
    },
    async (request) => {
      const parsed = vacancyNumberSchema.safeParse(request.params);
      if (!parsed.success) throw new NotFoundError();
      const outcome = await vacancySearch.vacancy(parsed.data.number, request.language);
      if (!outcome.open) throw new GoneError(outcome.reason);
      return presentVacancy(outcome);
    },
  );
}
