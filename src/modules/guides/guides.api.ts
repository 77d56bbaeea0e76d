import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { guidesJson, presentGuides } from './guides.presenter.js';
import { guidesQuery } from './guides.schemas.js';
import type { GuidesService } from './guides.service.js';

/** The module's JSON routes, under /api/v1. */
export async function guidesApi(app: App, options: { guides: GuidesService }): Promise<void> {
  app.get(
    '/guides',
    {
      preHandler: requirePermission('guide.read'),
      schema: {
        tags: ['Guides'],
        querystring: guidesQuery,
        response: { 200: z.object({ items: z.array(guidesJson) }) },
      },
    },
    async (request) => {
      const items = await options.guides.list(actorContext(request), request.query.page);
      return { items: items.map(presentGuides) };
    },
  );
}
