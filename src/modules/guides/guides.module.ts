import { defineModule } from '../manifest.js';
import { guidesApi } from './guides.api.js';
import { GuidesRepository } from './guides.repository.js';
import { guidesRoutes } from './guides.routes.js';
import { GuidesService } from './guides.service.js';
import type { GuidesTables } from './guides.tables.js';

export const guidesModule = defineModule<GuidesTables, object, { guides: GuidesService }>({
  name: 'guides',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['guide'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['guide.read'],
  needs: [],
  services: ({ db }) => ({
    guides: new GuidesService(new GuidesRepository(db)),
  }),
  pages: async (app, { guides }) => {
    await app.register(guidesRoutes, { guides });
  },
  api: async (app, { guides }) => {
    await app.register(guidesApi, { guides });
  },
});
