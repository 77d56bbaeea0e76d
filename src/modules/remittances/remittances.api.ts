import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { remittancesJson, presentRemittances } from './remittances.presenter.js';
import { remittancesQuery } from './remittances.schemas.js';
import type { RemittancesService } from './remittances.service.js';

/** The module's JSON routes, under /api/v1. */
export async function remittancesApi(
  app: App,
  options: { remittances: RemittancesService },
): Promise<void> {
  app.get(
    '/remittances',
    {
      preHandler: requirePermission('remittance.read'),
      schema: {
        tags: ['Remittances'],
        querystring: remittancesQuery,
        response: { 200: z.object({ items: z.array(remittancesJson) }) },
      },
    },
    async (request) => {
      const items = await options.remittances.list(actorContext(request), request.query.page);
      return { items: items.map(presentRemittances) };
    },
  );
}
