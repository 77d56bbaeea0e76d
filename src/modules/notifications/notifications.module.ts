import { defineModule } from '../manifest.js';
import { notificationsApi } from './notifications.api.js';
import { NotificationsRepository } from './notifications.repository.js';
import { notificationsRoutes } from './notifications.routes.js';
import { NotificationsService } from './notifications.service.js';
import type { NotificationsTables } from './notifications.tables.js';

export const notificationsModule = defineModule<
  NotificationsTables,
  object,
  { notifications: NotificationsService }
>({
  name: 'notifications',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['notification'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['notification.read'],
  needs: [],
  services: ({ db }) => ({
    notifications: new NotificationsService(new NotificationsRepository(db)),
  }),
  pages: async (app, { notifications }) => {
    await app.register(notificationsRoutes, { notifications });
  },
  api: async (app, { notifications }) => {
    await app.register(notificationsApi, { notifications });
  },
});
