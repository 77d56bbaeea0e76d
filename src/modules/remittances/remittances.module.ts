import { defineModule } from '../manifest.js';
import { remittancesApi } from './remittances.api.js';
import { RemittancesRepository } from './remittances.repository.js';
import { remittancesRoutes } from './remittances.routes.js';
import { RemittancesService } from './remittances.service.js';
import type { RemittancesTables } from './remittances.tables.js';

export const remittancesModule = defineModule<
  RemittancesTables,
  object,
  { remittances: RemittancesService }
>({
  name: 'remittances',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['remittance'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['remittance.read'],
  needs: [],
  services: ({ db }) => ({
    remittances: new RemittancesService(new RemittancesRepository(db)),
  }),
  pages: async (app, { remittances }) => {
    await app.register(remittancesRoutes, { remittances });
  },
  api: async (app, { remittances }) => {
    await app.register(remittancesApi, { remittances });
  },
});
