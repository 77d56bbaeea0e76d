import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { directoryApi } from './directory.api.js';
import { seedDemoDirectory } from './directory.demo.js';
import { directoryManageRoutes } from './directory.manage.routes.js';
import { DirectoryRepository } from './directory.repository.js';
import { directoryRoutes } from './directory.routes.js';
import { DirectoryService } from './directory.service.js';
import type { DirectoryTables } from './directory.tables.js';

export const directoryModule = defineModule<
  DirectoryTables,
  { reference: ReferenceService; organisations: OrganisationsService },
  { directory: DirectoryService }
>({
  name: 'directory',
  summary:
    'the directory of services for migrants (offices, embassies, resource centres, hotlines, shelters, legal aid, health) per country, with a map drawn on the server as SVG from the shipped boundaries; public `/directory`, `/api/v1/directory`; kept by officers (`/directory/manage`)',
  tables: ['directory_entry'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['directory.manage'],
  // Country, subdivision and language names; the maintainers' names.
  needs: ['reference', 'organisations'],
  services: ({ db, audit, events }, { reference }) => ({
    directory: new DirectoryService(new DirectoryRepository(db), reference, audit, events),
  }),
  pages: async (app, { directory, reference, organisations }) => {
    await app.register(directoryManageRoutes, { directory, reference, organisations });
    await app.register(directoryRoutes, { directory, reference, organisations });
  },
  api: async (app, { directory }) => {
    await app.register(directoryApi, { directory });
  },
  menu: [
    {
      position: 77,
      href: '/directory/manage',
      labelKey: 'directory.nav.manage',
      permission: 'directory.manage',
    },
  ],
  demo: async ({ db, audit, events }, { organisations }) =>
    seedDemoDirectory({ db, audit, events, organisations }),
  events: {
    publishes: ['directory_entry.created', 'directory_entry.updated', 'directory_entry.removed'],
    consumes: [],
  },
});
