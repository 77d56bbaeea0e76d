import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { NotificationsService } from './notifications.service.js';

/** The module's pages. */
export async function notificationsRoutes(
  app: App,
  options: { notifications: NotificationsService },
): Promise<void> {
  app.get(
    '/notifications',
    { preHandler: requirePermission('notification.read') },
    async (request, reply) => {
      const items = await options.notifications.list(actorContext(request));
      return reply.view('notifications/views/index.njk', { items });
    },
  );
}
