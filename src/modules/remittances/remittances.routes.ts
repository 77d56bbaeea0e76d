import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { RemittancesService } from './remittances.service.js';

/** The module's pages. */
export async function remittancesRoutes(
  app: App,
  options: { remittances: RemittancesService },
): Promise<void> {
  app.get(
    '/remittances',
    { preHandler: requirePermission('remittance.read') },
    async (request, reply) => {
      const items = await options.remittances.list(actorContext(request));
      return reply.view('remittances/views/index.njk', { items });
    },
  );
}
