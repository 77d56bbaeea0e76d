import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { identityDocumentsApi } from './identity-documents.api.js';
import { identityDocumentsPersonalData } from './identity-documents.privacy.js';
import { IdentityDocumentsRepository } from './identity-documents.repository.js';
import { identityDocumentsRoutes } from './identity-documents.routes.js';
import { IdentityDocumentsService } from './identity-documents.service.js';
import type { IdentityDocumentTables } from './identity-documents.tables.js';

export const identityDocumentsModule = defineModule<
  IdentityDocumentTables,
  { reference: ReferenceService; accounts: Accounts },
  { identityDocuments: IdentityDocumentsService }
>({
  name: 'identity-documents',
  summary:
    "a person's identity documents (number AES-GCM encrypted, HMAC keyed hash for exact look-up): `/account/identity-documents`; officers find a person by document, with a stated purpose, within their jurisdiction (an embassy: its own state's nationals), audited as `person.viewed`; a lookup that finds nobody is audited as `person.not_found` and counted, ten in fifteen minutes at most (`/people/lookup`, `POST /api/v1/person-lookups`)",
  tables: ['identity_document', 'person_lookup_miss'],
  permissions: ['person.read', 'person.update'],
  needs: ['reference', 'accounts'],
  services: ({ db, audit, cipher }, { reference, accounts }) => ({
    identityDocuments: new IdentityDocumentsService({
      repository: new IdentityDocumentsRepository(db),
      audit,
      cipher,
      countries: {
        countryExists: async (code: string) => (await reference.getCountry(code)) !== null,
      },
      people: accounts.accounts,
    }),
  }),
  pages: async (app, { identityDocuments, reference }) => {
    await app.register(identityDocumentsRoutes, { identityDocuments, reference });
  },
  api: async (app, { identityDocuments }) => {
    await app.register(identityDocumentsApi, { identityDocuments });
  },
  menu: [
    {
      position: 100,
      href: '/people/lookup',
      labelKey: 'identityDocuments.lookupNav',
      permission: 'person.read',
      beyondOwn: true,
    },
    {
      position: 110,
      href: '/account/identity-documents',
      labelKey: 'identityDocuments.nav',
      permission: 'person.update',
    },
  ],
  encryptedColumns: [
    {
      table: 'identity_document',
      idColumn: 'id',
      column: 'number_encrypted',
      context: 'identity_document.number',
    },
  ],
  personalData: ({ identityDocuments }) => identityDocumentsPersonalData(identityDocuments),
});
