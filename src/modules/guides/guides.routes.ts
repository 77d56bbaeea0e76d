import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { GuidesService } from './guides.service.js';

/** The module's pages. */
export async function guidesRoutes(app: App, options: { guides: GuidesService }): Promise<void> {
  app.get('/guides', { preHandler: requirePermission('guide.read') }, async (request, reply) => {
    const items = await options.guides.list(actorContext(request));
    return reply.view('guides/views/index.njk', { items });
  });
}
