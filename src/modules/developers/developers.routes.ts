import { summariseOperations } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/types.js';

/** The OpenAPI document and a page that explains it to people. */
export async function developersRoutes(app: App): Promise<void> {
  app.get('/api/openapi.json', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(app.swagger()),
  );
  app.get('/api/docs', async (_request, reply) => {
    const groups = [...summariseOperations(app.swagger()).entries()].map(([tag, operations]) => ({
      tag,
      operations,
    }));
    return reply.view('developers/views/api-docs.njk', { groups });
  });
}
