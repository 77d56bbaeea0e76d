import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { DocumentsService } from './documents.service.js';

/** The module's pages. */
export async function documentsRoutes(
  app: App,
  options: { documents: DocumentsService },
): Promise<void> {
  app.get(
    '/documents',
    { preHandler: requirePermission('document.read') },
    async (request, reply) => {
      const items = await options.documents.list(actorContext(request));
      return reply.view('documents/views/index.njk', { items });
    },
  );
}
