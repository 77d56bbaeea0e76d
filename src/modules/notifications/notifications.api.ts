import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { notificationsJson, presentNotifications } from './notifications.presenter.js';
import { notificationsQuery } from './notifications.schemas.js';
import type { NotificationsService } from './notifications.service.js';

/** The module's JSON routes, under /api/v1. */
export async function notificationsApi(
  app: App,
  options: { notifications: NotificationsService },
): Promise<void> {
  app.get(
    '/notifications',
    {
      preHandler: requirePermission('notification.read'),
      schema: {
        tags: ['Notifications'],
        querystring: notificationsQuery,
        response: { 200: z.object({ items: z.array(notificationsJson) }) },
      },
    },
    async (request) => {
      const items = await options.notifications.list(actorContext(request), request.query.page);
      return { items: items.map(presentNotifications) };
    },
  );
}
