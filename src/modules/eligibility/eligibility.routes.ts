import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { EligibilityService } from './eligibility.service.js';

/** The module's pages. */
export async function eligibilityRoutes(
  app: App,
  options: { eligibility: EligibilityService },
): Promise<void> {
  app.get(
    '/eligibility',
    { preHandler: requirePermission('eligibility.read') },
    async (request, reply) => {
      const items = await options.eligibility.list(actorContext(request));
      return reply.view('eligibility/views/index.njk', { items });
    },
  );
}
