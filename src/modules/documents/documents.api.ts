import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { documentsJson, presentDocuments } from './documents.presenter.js';
import { documentsQuery } from './documents.schemas.js';
import type { DocumentsService } from './documents.service.js';

/** The module's JSON routes, under /api/v1. */
export async function documentsApi(
  app: App,
  options: { documents: DocumentsService },
): Promise<void> {
  app.get(
    '/documents',
    {
      preHandler: requirePermission('document.read'),
      schema: {
        tags: ['Documents'],
        querystring: documentsQuery,
        response: { 200: z.object({ items: z.array(documentsJson) }) },
      },
    },
    async (request) => {
      const items = await options.documents.list(actorContext(request), request.query.page);
      return { items: items.map(presentDocuments) };
    },
  );
}
