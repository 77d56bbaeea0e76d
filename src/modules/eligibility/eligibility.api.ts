import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { eligibilityJson, presentEligibility } from './eligibility.presenter.js';
import { eligibilityQuery } from './eligibility.schemas.js';
import type { EligibilityService } from './eligibility.service.js';

/** The module's JSON routes, under /api/v1. */
export async function eligibilityApi(
  app: App,
  options: { eligibility: EligibilityService },
): Promise<void> {
  app.get(
    '/eligibility',
    {
      preHandler: requirePermission('eligibility.read'),
      schema: {
        tags: ['Eligibility'],
        querystring: eligibilityQuery,
        response: { 200: z.object({ items: z.array(eligibilityJson) }) },
      },
    },
    async (request) => {
      const items = await options.eligibility.list(actorContext(request), request.query.page);
      return { items: items.map(presentEligibility) };
    },
  );
}
