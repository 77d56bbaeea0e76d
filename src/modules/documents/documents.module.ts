import { defineModule } from '../manifest.js';
import { documentsApi } from './documents.api.js';
import { DocumentsRepository } from './documents.repository.js';
import { documentsRoutes } from './documents.routes.js';
import { DocumentsService } from './documents.service.js';
import type { DocumentsTables } from './documents.tables.js';

export const documentsModule = defineModule<
  DocumentsTables,
  object,
  { documents: DocumentsService }
>({
  name: 'documents',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['document'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['document.read'],
  needs: [],
  services: ({ db }) => ({
    documents: new DocumentsService(new DocumentsRepository(db)),
  }),
  pages: async (app, { documents }) => {
    await app.register(documentsRoutes, { documents });
  },
  api: async (app, { documents }) => {
    await app.register(documentsApi, { documents });
  },
});
