import { defineModule } from '../manifest.js';
import { directoryApi } from './directory.api.js';
import { DirectoryRepository } from './directory.repository.js';
import { directoryRoutes } from './directory.routes.js';
import { DirectoryService } from './directory.service.js';
import type { DirectoryTables } from './directory.tables.js';

export const directoryModule = defineModule<
  DirectoryTables,
  object,
  { directory: DirectoryService }
>({
  name: 'directory',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['directory'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['directory.read'],
  needs: [],
  services: ({ db }) => ({
    directory: new DirectoryService(new DirectoryRepository(db)),
  }),
  pages: async (app, { directory }) => {
    await app.register(directoryRoutes, { directory });
  },
  api: async (app, { directory }) => {
    await app.register(directoryApi, { directory });
  },
});
