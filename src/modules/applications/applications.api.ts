import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { applicationsJson, presentApplications } from './applications.presenter.js';
import { applicationsQuery } from './applications.schemas.js';
import type { ApplicationsService } from './applications.service.js';

/** The module's JSON routes, under /api/v1. */
export async function applicationsApi(
  app: App,
  options: { applications: ApplicationsService },
): Promise<void> {
  app.get(
    '/applications',
    {
      preHandler: requirePermission('application.read'),
      schema: {
        tags: ['Applications'],
        querystring: applicationsQuery,
        response: { 200: z.object({ items: z.array(applicationsJson) }) },
      },
    },
    async (request) => {
      const items = await options.applications.list(actorContext(request), request.query.page);
      return { items: items.map(presentApplications) };
    },
  );
}
