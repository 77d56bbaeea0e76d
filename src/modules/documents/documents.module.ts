import { defineModule } from '../manifest.js';
import { documentsPersonalData } from './documents.privacy.js';
import { DocumentsRepository } from './documents.repository.js';
import { documentsRoutes } from './documents.routes.js';
import { DocumentsService } from './documents.service.js';
import { FILE_KEY_CONTEXT, type DocumentsTables } from './documents.tables.js';

/**
 * What this module reads of the job-seekers module: a person's nationality, which decides the
 * officers who may read their documents. Typed here, loosely, so that this module does not
 * depend on the rest of that service; `summaries` may be missing while it is being built (then
 * only the owner reads their documents).
 */
export interface SeekerNationalities {
  summaries?(
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, { nationality?: string | null }>>;
}

export const documentsModule = defineModule<
  DocumentsTables,
  { jobSeekers: SeekerNationalities },
  { documents: DocumentsService }
>({
  name: 'documents',
  summary:
    "a job seeker's documents (PDF, JPEG, PNG up to 5 MB, the type read from the content), encrypted at rest under a key of their own wrapped by the field cipher: `/profile/documents`; downloaded by the owner, by officers of the person's country of nationality and by the organisations working an application they were attached to, each read by another audited as `document.downloaded` with the person as data subject",
  tables: ['document'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['document.read'],
  needs: ['jobSeekers'],
  services: ({ db, audit, cipher }, { jobSeekers }) => ({
    documents: new DocumentsService({
      repository: new DocumentsRepository(db),
      audit,
      cipher,
      nationalities: {
        nationalityOf: async (userId) => {
          if (typeof jobSeekers.summaries !== 'function') return null;
          const found = (await jobSeekers.summaries([userId])).get(userId);
          return found?.nationality ?? null;
        },
      },
    }),
  }),
  pages: async (app, { documents }) => {
    await app.register(documentsRoutes, { documents });
  },
  menu: [
    {
      position: 115,
      href: '/profile/documents',
      labelKey: 'documents.nav',
      permission: 'document.read',
      role: 'job_seeker',
    },
  ],
  encryptedColumns: [
    { table: 'document', idColumn: 'id', column: 'key_encrypted', context: FILE_KEY_CONTEXT },
  ],
  personalData: ({ documents }) => documentsPersonalData(documents),
});
