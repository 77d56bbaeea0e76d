import { z } from 'zod';
import { NotFoundError, problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { GUIDE_TOPICS } from './guide.topics.js';
import {
  guideJson,
  guideSummaryJson,
  presentGuide,
  presentGuideSummary,
} from './guides.presenter.js';
import type { GuidesService } from './guides.service.js';

/** Country guides as JSON: public, published text only. */
export async function guidesApi(app: App, options: { guides: GuidesService }): Promise<void> {
  const { guides } = options;

  app.get(
    '/guides',
    {
      schema: {
        tags: ['Guides'],
        summary: 'Every published country guide, in every language it exists in (public)',
        response: { 200: z.object({ items: z.array(guideSummaryJson) }) },
      },
    },
    async () => ({ items: (await guides.published()).map(presentGuideSummary) }),
  );

  app.get(
    '/guides/:country/:topic',
    {
      schema: {
        tags: ['Guides'],
        summary:
          'One country guide in the language asked for (lang), else in English, else in another language it exists in; `language` says which (public)',
        params: z.object({ country: z.string().max(10), topic: z.string().max(100) }),
        querystring: z.object({
          lang: z.enum(LANGUAGES).optional().describe('The language wanted; default English'),
        }),
        response: { 200: guideJson, 404: problemDetailsSchema },
      },
    },
    async (request) => {
      const country = request.params.country.toUpperCase();
      const topic = GUIDE_TOPICS.find((slug) => slug === request.params.topic);
      if (!/^[A-Z]{2}$/.test(country) || !topic) throw new NotFoundError();
      return presentGuide(await guides.read(country, topic, request.query.lang ?? 'en'));
    },
  );
}
