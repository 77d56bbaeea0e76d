import { defineModule } from '../manifest.js';
import { applicationsApi } from './applications.api.js';
import { ApplicationsRepository } from './applications.repository.js';
import { applicationsRoutes } from './applications.routes.js';
import { ApplicationsService } from './applications.service.js';
import type { ApplicationsTables } from './applications.tables.js';

export const applicationsModule = defineModule<
  ApplicationsTables,
  object,
  { applications: ApplicationsService }
>({
  name: 'applications',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['application'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['application.create', 'application.read', 'application.decide'],
  needs: [],
  services: ({ db }) => ({
    applications: new ApplicationsService(new ApplicationsRepository(db)),
  }),
  pages: async (app, { applications }) => {
    await app.register(applicationsRoutes, { applications });
  },
  api: async (app, { applications }) => {
    await app.register(applicationsApi, { applications });
  },
});
