import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { ApplicationsService } from './applications.service.js';

/** The module's pages. */
export async function applicationsRoutes(
  app: App,
  options: { applications: ApplicationsService },
): Promise<void> {
  app.get(
    '/applications',
    { preHandler: requirePermission('application.read') },
    async (request, reply) => {
      const items = await options.applications.list(actorContext(request));
      return reply.view('applications/views/index.njk', { items });
    },
  );
}
