import { defineModule } from '../manifest.js';
import { eligibilityApi } from './eligibility.api.js';
import { EligibilityRepository } from './eligibility.repository.js';
import { eligibilityRoutes } from './eligibility.routes.js';
import { EligibilityService } from './eligibility.service.js';
import type { EligibilityTables } from './eligibility.tables.js';

export const eligibilityModule = defineModule<
  EligibilityTables,
  object,
  { eligibility: EligibilityService }
>({
  name: 'eligibility',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['eligibility'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['eligibility.read'],
  needs: [],
  services: ({ db }) => ({
    eligibility: new EligibilityService(new EligibilityRepository(db)),
  }),
  pages: async (app, { eligibility }) => {
    await app.register(eligibilityRoutes, { eligibility });
  },
  api: async (app, { eligibility }) => {
    await app.register(eligibilityApi, { eligibility });
  },
});
