import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { directoryJson, presentDirectory } from './directory.presenter.js';
import { directoryQuery } from './directory.schemas.js';
import type { DirectoryService } from './directory.service.js';

/** The module's JSON routes, under /api/v1. */
export async function directoryApi(
  app: App,
  options: { directory: DirectoryService },
): Promise<void> {
  app.get(
    '/directory',
    {
      preHandler: requirePermission('directory.read'),
      schema: {
        tags: ['Directory'],
        querystring: directoryQuery,
        response: { 200: z.object({ items: z.array(directoryJson) }) },
      },
    },
    async (request) => {
      const items = await options.directory.list(actorContext(request), request.query.page);
      return { items: items.map(presentDirectory) };
    },
  );
}
