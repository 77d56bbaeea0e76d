import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { DirectoryService } from './directory.service.js';

/** The module's pages. */
export async function directoryRoutes(
  app: App,
  options: { directory: DirectoryService },
): Promise<void> {
  app.get(
    '/directory',
    { preHandler: requirePermission('directory.read') },
    async (request, reply) => {
      const items = await options.directory.list(actorContext(request));
      return reply.view('directory/views/index.njk', { items });
    },
  );
}
